//! Why a call to the Step Functions API did not give an answer. Messages name the action and
//! what AWS (or the endpoint) said; they never carry credentials, which stay in the SDK.

use aws_sdk_sfn::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

#[derive(Debug, thiserror::Error)]
pub enum CloudError {
    /// The service answered with an error of its own (`StateMachineDoesNotExist`, ...).
    #[error("{action}: {code}: {message}")]
    Service {
        action: &'static str,
        code: String,
        message: String,
    },
    /// No answer: the endpoint cannot be reached, credentials cannot be found, a timeout.
    #[error("{action}: {detail}")]
    Unreachable {
        action: &'static str,
        detail: String,
    },
    /// An answer that is not what the API documents.
    #[error("{action}: unexpected answer: {detail}")]
    Answer {
        action: &'static str,
        detail: String,
    },
    /// A name or ARN that matches no state machine (or more than one).
    #[error("{0}")]
    NotFound(String),
    /// Input Stepwise refuses before calling (an input that is not JSON, a missing role).
    #[error("{0}")]
    Invalid(String),
}

impl CloudError {
    /// The service's error code, when the service answered (`ExecutionDoesNotExist`, ...).
    pub fn code(&self) -> Option<&str> {
        match self {
            CloudError::Service { code, .. } => Some(code),
            _ => None,
        }
    }

    /// AWS's throttling codes (the SDK retries them itself first; a follower backs off).
    pub fn is_throttling(&self) -> bool {
        matches!(
            self.code(),
            Some("ThrottlingException" | "TooManyRequestsException" | "Throttling")
        )
    }
}

/// `SdkError` of one action as a `CloudError`: the service's code and message when it
/// answered, the whole chain of causes otherwise (a connection refused, no credentials).
pub(crate) fn sdk<E>(action: &'static str) -> impl FnOnce(SdkError<E, HttpResponse>) -> CloudError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    move |error| match &error {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let status = service.raw().status().as_u16();
            match e.code() {
                Some(code) => CloudError::Service {
                    action,
                    code: code.to_string(),
                    message: e.message().unwrap_or_default().to_string(),
                },
                // An answer with no error code: not the Step Functions API speaking (an
                // emulator that lacks the action, a proxy's error page).
                None => CloudError::Service {
                    action,
                    code: format!("HTTP {status}"),
                    message: "the endpoint answered without an error code: it may not implement this action".into(),
                },
            }
        }
        _ => CloudError::Unreachable {
            action,
            detail: DisplayErrorContext(&error).to_string(),
        },
    }
}
