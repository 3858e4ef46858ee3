//! One state run by AWS itself (the TestState API), for comparing with the local data-flow
//! preview: the same input, the state's result and every processing stage AWS reports.

use crate::error::sdk;
use crate::host_prefix::NoHostPrefix;
use crate::raw::RawBody;
use crate::{Cloud, CloudError};
use aws_sdk_sfn::types::{MockErrorOutput, MockInput};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How much TestState tells: `INFO` the result, `DEBUG` each processing stage, `TRACE` also
/// the HTTP request and response of an HTTP Task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "UPPERCASE")]
pub enum InspectionLevel {
    Info,
    #[default]
    Debug,
    Trace,
}

/// What to test. `definition` is one state's JSON, or a whole machine with `state_name`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StateTest {
    pub definition: String,
    pub state_name: Option<String>,
    /// Required by AWS for a Task that is not mocked.
    pub role_arn: Option<String>,
    pub input: String,
    pub level: InspectionLevel,
    /// JSON object of the variables in scope.
    pub variables: Option<String>,
    /// The Task's result, JSON text, instead of calling the service.
    pub mock_result: Option<String>,
    /// Or the error the mocked Task fails with.
    pub mock_error: Option<(String, String)>,
}

impl Cloud {
    /// TestState's answer as AWS wrote it: `status`, `output` or `error` and `cause`,
    /// `nextState`, and `inspectionData` with each stage as JSON text.
    pub async fn test_state(&self, test: &StateTest) -> Result<Value, CloudError> {
        let mock = match (&test.mock_result, &test.mock_error) {
            (Some(result), _) => Some(MockInput::builder().result(result).build()),
            (None, Some((error, cause))) => Some(
                MockInput::builder()
                    .error_output(MockErrorOutput::builder().error(error).cause(cause).build())
                    .build(),
            ),
            (None, None) => None,
        };
        let raw = RawBody::default();
        let mut call = self
            .client
            .test_state()
            .definition(&test.definition)
            .set_state_name(test.state_name.clone())
            .set_role_arn(test.role_arn.clone().filter(|r| !r.is_empty()))
            .input(&test.input)
            .inspection_level(aws_sdk_sfn::types::InspectionLevel::from(
                match test.level {
                    InspectionLevel::Info => "INFO",
                    InspectionLevel::Debug => "DEBUG",
                    InspectionLevel::Trace => "TRACE",
                },
            ))
            .set_variables(test.variables.clone())
            .set_mock(mock)
            .customize()
            .interceptor(raw.clone());
        if let Some(authority) = &self.own_endpoint {
            call = call.interceptor(NoHostPrefix {
                authority: authority.clone(),
            });
        }
        call.send().await.map_err(sdk("TestState"))?;
        raw.take().ok_or(CloudError::Answer {
            action: "TestState",
            detail: "not JSON".into(),
        })
    }
}
