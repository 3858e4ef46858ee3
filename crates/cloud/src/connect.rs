//! Where the API is and who calls it, found as the AWS CLI finds them: the SDK's default
//! chains (environment, `~/.aws/config` and `credentials`, SSO, `credential_process`, web
//! identity, container and instance roles), narrowed by a profile, a region and an endpoint
//! URL when the user gives them.

use crate::CloudError;
use aws_config::{BehaviorVersion, Region};
use aws_smithy_http_client::tls;
use serde::{Deserialize, Serialize};

/// Which account and endpoint: each field left out is found the way the AWS CLI finds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// A profile of `~/.aws/config` (else `AWS_PROFILE`, else `default`).
    pub profile: Option<String>,
    /// Else `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
    pub region: Option<String>,
    /// LocalStack, moto or another emulator (else `AWS_ENDPOINT_URL_SFN`,
    /// `AWS_ENDPOINT_URL`, the profile's `endpoint_url`, else AWS's own endpoint).
    pub endpoint_url: Option<String>,
}

/// A client of one account's Step Functions, in one region.
#[derive(Clone, Debug)]
pub struct Cloud {
    pub(crate) client: aws_sdk_sfn::Client,
    region: String,
    /// `host:port` of an endpoint the user gave, whose host takes no `sync-` prefix.
    pub(crate) own_endpoint: Option<String>,
}

impl Cloud {
    /// Resolves the profile, region and endpoint. Credentials are looked up at the first
    /// call (an SSO token or an assumed role is fetched then, and refreshed by the SDK).
    pub async fn connect(target: &Target) -> Result<Cloud, CloudError> {
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http);
        if let Some(profile) = non_empty(&target.profile) {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = non_empty(&target.region) {
            loader = loader.region(Region::new(region.to_string()));
        }
        if let Some(url) = non_empty(&target.endpoint_url) {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(CloudError::Invalid(format!(
                    "endpoint URL {url:?} must start with http:// or https://"
                )));
            }
            loader = loader.endpoint_url(url);
        }
        let config = loader.load().await;
        let own_endpoint = config
            .endpoint_url()
            .and_then(crate::host_prefix::authority);
        let Some(region) = config.region().map(|r| r.to_string()) else {
            return Err(CloudError::Invalid(
                "no AWS region: give --region, or set AWS_REGION, or `region` in the profile of ~/.aws/config".into(),
            ));
        };
        Ok(Cloud {
            client: aws_sdk_sfn::Client::new(&config),
            region,
            own_endpoint,
        })
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint URL's `host:port` when it is not AWS's own.
    pub fn endpoint(&self) -> Option<&str> {
        self.own_endpoint.as_deref()
    }
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}
