//! TestState and StartSyncExecution go to `sync-states.REGION.amazonaws.com`: the SDK puts
//! `sync-` before the host of any endpoint, which turns a given `http://127.0.0.1:4566` into
//! `sync-127.0.0.1`, a host that does not exist. With an endpoint of the user's own the
//! prefix is taken off again, as boto3's `inject_host_prefix=False` does.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

#[derive(Debug, Clone)]
pub(crate) struct NoHostPrefix {
    /// The endpoint's `host[:port]`, as the user gave it.
    pub authority: String,
}

impl Intercept for NoHostPrefix {
    fn name(&self) -> &'static str {
        "StepwiseNoHostPrefix"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        let prefixed = format!("sync-{}", self.authority);
        let uri = request.uri().to_string();
        if let Some(at) = uri.find(&prefixed) {
            let fixed = format!(
                "{}{}{}",
                &uri[..at],
                self.authority,
                &uri[at + prefixed.len()..]
            );
            request.set_uri(fixed)?;
        }
        Ok(())
    }
}

/// `http://127.0.0.1:4566/x` → `127.0.0.1:4566`.
pub(crate) fn authority(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let end = rest.find('/').unwrap_or(rest.len());
    Some(rest[..end].to_string()).filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::authority;

    #[test]
    fn the_authority_of_an_endpoint_url() {
        assert_eq!(
            authority("http://127.0.0.1:4566").as_deref(),
            Some("127.0.0.1:4566")
        );
        assert_eq!(
            authority("https://emu.local/base").as_deref(),
            Some("emu.local")
        );
        assert_eq!(authority("nonsense"), None);
    }
}
