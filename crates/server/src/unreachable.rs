//! A Task whose service this server cannot call and no mock answers fails the way Step
//! Functions Local fails a call to a service it cannot reach: the AWS SDK for Java's client
//! error, named after the service, as an ordinary task failure. So a `Catch` of `States.ALL`
//! or `States.TaskFailed` catches it, a `Retry` retries it, and uncaught it fails the
//! execution with that error (`TaskFailed`, then `ExecutionFailed`).
//!
//! Sources: Step Functions Local, a Lambda task without a reachable endpoint,
//! `{"Error": "Lambda.SdkClientException", "Cause": "Unable to execute HTTP request:
//! localstack: Name or service not known"}` (localstack/localstack#7061, which ran the Step
//! Functions Local jar); the mock-config docs ("Using mocked service integrations for testing
//! in Step Functions Local": a state with no mocked response "will invoke the AWS service
//! integration using the endpoint you configured"). This server never calls AWS, so the
//! call has nowhere to go: the cause starts as the SDK's does and says what to do.

use stepwise_engine::task::TaskRequest;
use stepwise_engine::StatesError;

/// The error of a Task nothing here answers.
pub fn error(req: &TaskRequest) -> StatesError {
    let service = service(&req.resource);
    let endpoint = match service.as_deref() {
        Some("lambda") => Some("LAMBDA_ENDPOINT"),
        Some("dynamodb") => Some("DYNAMODB_ENDPOINT"),
        Some("sqs") => Some("SQS_ENDPOINT"),
        Some("sns") => Some("SNS_ENDPOINT"),
        _ => None,
    };
    let mut cause = format!(
        "Unable to execute HTTP request: stepwise serve does not call AWS services; \
         Task state '{}' (resource {}) has no mocked response in the mock config",
        req.state_name, req.resource
    );
    if let Some(var) = endpoint {
        cause.push_str(&format!(" and {var} is not set"));
    }
    StatesError::new(
        format!("{}.SdkClientException", prefix(service.as_deref())),
        cause,
    )
}

/// The service a Task resource calls: `lambda` for a function ARN, else the service of an
/// optimized (`arn:aws:states:::sqs:sendMessage`) or SDK
/// (`arn:aws:states:::aws-sdk:s3:getObject`) integration.
fn service(resource: &str) -> Option<String> {
    if resource.starts_with("arn:aws:lambda:") {
        return Some("lambda".into());
    }
    let rest = resource.strip_prefix("arn:aws:states:::")?;
    let rest = rest.strip_prefix("aws-sdk:").unwrap_or(rest);
    let name = rest.split(':').next().filter(|s| !s.is_empty())?;
    Some(name.to_ascii_lowercase())
}

/// How AWS's error names spell a service: `DynamoDB.ConditionalCheckFailedException`,
/// `Lambda.ServiceException`, `SQS...`; other services with their first letter upper-case.
fn prefix(service: Option<&str>) -> String {
    let Some(s) = service else {
        return "States".into();
    };
    let known = [
        ("lambda", "Lambda"),
        ("dynamodb", "DynamoDB"),
        ("sqs", "SQS"),
        ("sns", "SNS"),
        ("ecs", "ECS"),
        ("eks", "EKS"),
        ("glue", "Glue"),
        ("batch", "Batch"),
        ("sagemaker", "SageMaker"),
        ("states", "StepFunctions"),
        ("events", "EventBridge"),
        ("apigateway", "ApiGateway"),
        ("codebuild", "CodeBuild"),
        ("athena", "Athena"),
    ];
    if let Some((_, p)) = known.iter().find(|(k, _)| *k == s) {
        return (*p).to_string();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => "States".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_error_is_named_after_the_service() {
        let cases = [
            (
                "arn:aws:states:::lambda:invoke",
                "Lambda.SdkClientException",
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:f",
                "Lambda.SdkClientException",
            ),
            (
                "arn:aws:states:::dynamodb:putItem",
                "DynamoDB.SdkClientException",
            ),
            ("arn:aws:states:::sqs:sendMessage", "SQS.SdkClientException"),
            ("arn:aws:states:::sns:publish", "SNS.SdkClientException"),
            (
                "arn:aws:states:::ecs:runTask.sync",
                "ECS.SdkClientException",
            ),
            (
                "arn:aws:states:::aws-sdk:s3:getObject",
                "S3.SdkClientException",
            ),
            (
                "arn:aws:states:::aws-sdk:bedrockruntime:invokeModel",
                "Bedrockruntime.SdkClientException",
            ),
            ("something-else", "States.SdkClientException"),
        ];
        for (resource, want) in cases {
            let e = error(&TaskRequest::new("Work", resource, json!({})));
            assert_eq!(e.error, want, "{resource}");
            let cause = e.cause.unwrap_or_default();
            assert!(
                cause.starts_with("Unable to execute HTTP request: ") && cause.contains("'Work'"),
                "{cause}"
            );
        }
    }

    #[test]
    fn the_cause_names_the_endpoint_variable_when_there_is_one() {
        let e = error(&TaskRequest::new(
            "Charge",
            "arn:aws:states:::lambda:invoke",
            json!({}),
        ));
        assert!(e
            .cause
            .unwrap_or_default()
            .ends_with("LAMBDA_ENDPOINT is not set"));
    }
}
