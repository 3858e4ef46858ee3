//! What a service call answers, as Step Functions returns it: the API's result in PascalCase
//! with `SdkHttpMetadata` and `SdkResponseMetadata`; errors as `<Service>.<Exception>` with
//! the cause the AWS SDK for Java prints (Step Functions' own wording).

use aws_sdk_sqs::config::http::HttpResponse;
use aws_sdk_sqs::config::interceptors::BeforeDeserializationInterceptorContextRef;
use aws_sdk_sqs::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_sqs::error::{BoxError, DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_sqs::operation::RequestId;
use serde_json::{json, Map, Value};
use std::sync::{Arc, Mutex};
use stepwise_engine::StatesError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Sqs,
    Sns,
    DynamoDb,
    StepFunctions,
}

impl Service {
    /// The prefix of its error names in Step Functions.
    pub fn prefix(self) -> &'static str {
        match self {
            Service::Sqs => "SQS",
            Service::Sns => "SNS",
            Service::DynamoDb => "DynamoDB",
            Service::StepFunctions => "StepFunctions",
        }
    }

    /// Its name in the causes of errors (the AWS SDK for Java's service name).
    fn java_name(self) -> &'static str {
        match self {
            Service::Sqs => "AmazonSQS",
            Service::Sns => "AmazonSNS",
            Service::DynamoDb => "AmazonDynamoDBv2",
            Service::StepFunctions => "AWSStepFunctions",
        }
    }

    /// The AWS SDK for Java's exception for an error without a modeled one.
    fn generic_exception(self) -> &'static str {
        match self {
            Service::Sqs => "AmazonSQSException",
            Service::Sns => "AmazonSNSException",
            Service::DynamoDb => "AmazonDynamoDBException",
            Service::StepFunctions => "AWSStepFunctionsException",
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Service::Sqs => "Amazon SQS",
            Service::Sns => "Amazon SNS",
            Service::DynamoDb => "Amazon DynamoDB",
            Service::StepFunctions => "AWS Step Functions",
        }
    }

    /// An error of the request itself, before it reached the service.
    pub fn client_error(self, cause: impl Into<String>) -> StatesError {
        StatesError::new(
            format!("{}.{}", self.prefix(), self.generic_exception()),
            cause.into(),
        )
    }

    /// Step Functions' error for a failed SDK call.
    pub fn error<E>(self, err: SdkError<E, HttpResponse>) -> StatesError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match &err {
            SdkError::ServiceError(_) | SdkError::ResponseError(_) => {
                let status = err.raw_response().map(|r| r.status().as_u16()).unwrap_or(0);
                let code = err.code().unwrap_or("Unknown").to_string();
                let message = err.message().unwrap_or("").to_string();
                let request_id = err.request_id().unwrap_or("").to_string();
                StatesError::new(
                    format!("{}.{}", self.prefix(), exception_name(self, &code)),
                    format!(
                        "{message} (Service: {}; Status Code: {status}; Error Code: {code}; Request ID: {request_id}; Proxy: null)",
                        self.java_name()
                    ),
                )
            }
            SdkError::ConstructionFailure(_) => {
                self.client_error(format!("{}", DisplayErrorContext(&err)))
            }
            // The endpoint could not be reached or did not answer: the SDK's client error.
            _ => StatesError::new(
                format!("{}.SdkClientException", self.prefix()),
                format!(
                    "Unable to execute HTTP request: {}",
                    DisplayErrorContext(&err)
                ),
            ),
        }
    }
}

/// The exception class the AWS SDK for Java names for an error code: SQS's query-protocol
/// codes by their modeled names, and `Exception` appended where the code lacks it
/// (`QueueDoesNotExist` → `QueueDoesNotExistException`).
pub fn exception_name(service: Service, code: &str) -> String {
    let code = match (service, code) {
        (Service::Sqs, "AWS.SimpleQueueService.NonExistentQueue") => "QueueDoesNotExist",
        (Service::Sqs, "AWS.SimpleQueueService.UnsupportedOperation") => "UnsupportedOperation",
        (Service::Sqs, c) => c.strip_prefix("AWS.SimpleQueueService.").unwrap_or(c),
        (_, c) => c,
    };
    let code = code.rsplit('#').next().unwrap_or(code);
    if code.ends_with("Exception") {
        code.to_string()
    } else {
        format!("{code}Exception")
    }
}

/// The HTTP status and headers of a call's response, kept by an interceptor for its result's
/// `SdkHttpMetadata` (the SDK's outputs do not carry them).
#[derive(Debug, Clone, Default)]
pub struct Captured(Arc<Mutex<Option<Snapshot>>>);

/// A response's status and headers (in order, repeated names repeated).
type Snapshot = (u16, Vec<(String, String)>);

impl Intercept for Captured {
    fn name(&self) -> &'static str {
        "StepwiseResponseMetadata"
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((response.status().as_u16(), headers));
        }
        Ok(())
    }
}

impl Captured {
    /// `result` with `SdkHttpMetadata` and `SdkResponseMetadata` added, as Step Functions
    /// returns an optimized integration's result.
    pub fn with_metadata(&self, mut result: Map<String, Value>, request_id: Option<&str>) -> Value {
        let (status, headers) = self
            .0
            .lock()
            .ok()
            .and_then(|mut s| s.take())
            .unwrap_or((200, Vec::new()));
        let mut all: Map<String, Value> = Map::new();
        let mut single: Map<String, Value> = Map::new();
        for (name, value) in headers {
            let name = header_case(&name);
            if let Value::Array(values) = all.entry(name.clone()).or_insert_with(|| json!([])) {
                values.push(json!(value));
            }
            single.insert(name, json!(value));
        }
        result.insert(
            "SdkHttpMetadata".into(),
            json!({"AllHttpHeaders": all, "HttpHeaders": single, "HttpStatusCode": status}),
        );
        result.insert(
            "SdkResponseMetadata".into(),
            json!({"RequestId": request_id.unwrap_or("")}),
        );
        Value::Object(result)
    }
}

/// `content-type` → `Content-Type`, as the Java SDK reports header names.
fn header_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Leaves out absent optional fields, as AWS's JSON results do.
pub fn put(result: &mut Map<String, Value>, name: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        result.insert(name.to_string(), v.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exception_names_as_step_functions_gives_them() {
        let table = [
            (
                Service::DynamoDb,
                "ResourceNotFoundException",
                "ResourceNotFoundException",
            ),
            (
                Service::DynamoDb,
                "ConditionalCheckFailedException",
                "ConditionalCheckFailedException",
            ),
            (
                Service::DynamoDb,
                "com.amazonaws.dynamodb.v20120810#ValidationException",
                "ValidationException",
            ),
            (
                Service::Sqs,
                "QueueDoesNotExist",
                "QueueDoesNotExistException",
            ),
            (
                Service::Sqs,
                "AWS.SimpleQueueService.NonExistentQueue",
                "QueueDoesNotExistException",
            ),
            (
                Service::Sqs,
                "InvalidParameterValue",
                "InvalidParameterValueException",
            ),
            (Service::Sns, "NotFound", "NotFoundException"),
            (
                Service::StepFunctions,
                "StateMachineDoesNotExist",
                "StateMachineDoesNotExistException",
            ),
        ];
        for (service, code, want) in table {
            assert_eq!(exception_name(service, code), want, "{code}");
        }
    }

    #[test]
    fn metadata_headers_in_java_case() {
        let captured = Captured::default();
        if let Ok(mut slot) = captured.0.lock() {
            *slot = Some((
                200,
                vec![
                    ("content-type".into(), "application/x-amz-json-1.0".into()),
                    ("x-amzn-requestid".into(), "r-1".into()),
                    ("set-cookie".into(), "a".into()),
                    ("set-cookie".into(), "b".into()),
                ],
            ));
        }
        let got = captured.with_metadata(Map::new(), Some("r-1"));
        assert_eq!(
            got,
            json!({
                "SdkHttpMetadata": {
                    "AllHttpHeaders": {
                        "Content-Type": ["application/x-amz-json-1.0"],
                        "X-Amzn-Requestid": ["r-1"],
                        "Set-Cookie": ["a", "b"],
                    },
                    "HttpHeaders": {
                        "Content-Type": "application/x-amz-json-1.0",
                        "X-Amzn-Requestid": "r-1",
                        "Set-Cookie": "b",
                    },
                    "HttpStatusCode": 200,
                },
                "SdkResponseMetadata": {"RequestId": "r-1"},
            })
        );
    }
}
