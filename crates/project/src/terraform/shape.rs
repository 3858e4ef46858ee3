//! Attributes of the AWS provider's resources as a local run gives them.

use crate::aws::{arn, queue_url, ACCOUNT, REGION};

/// An attribute of an AWS provider resource, shaped as AWS gives it.
pub fn shape(ty: &str, name: &str, attr_name: &str) -> String {
    match (ty, attr_name) {
        ("aws_lambda_function", "arn" | "qualified_arn") => {
            arn("lambda", &format!("function:{name}"))
        }
        ("aws_lambda_function", "invoke_arn") => format!(
            "arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{}/invocations",
            arn("lambda", &format!("function:{name}"))
        ),
        ("aws_sns_topic", "arn" | "id") => arn("sns", name),
        ("aws_sqs_queue", "arn") => arn("sqs", name),
        ("aws_sqs_queue", "url" | "id") => queue_url(name),
        ("aws_dynamodb_table", "arn") => arn("dynamodb", &format!("table/{name}")),
        ("aws_dynamodb_table", "stream_arn") => arn(
            "dynamodb",
            &format!("table/{name}/stream/1970-01-01T00:00:00.000"),
        ),
        ("aws_sfn_activity", "arn" | "id") => arn("states", &format!("activity:{name}")),
        ("aws_sfn_state_machine", "arn" | "id") => arn("states", &format!("stateMachine:{name}")),
        ("aws_s3_bucket", "arn") => format!("arn:aws:s3:::{name}"),
        ("aws_iam_role", "arn") => format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
        ("aws_cloudwatch_event_bus", "arn") => arn("events", &format!("event-bus/{name}")),
        ("aws_ecs_cluster", "arn" | "id") => arn("ecs", &format!("cluster/{name}")),
        ("aws_ecs_task_definition", "arn" | "arn_without_revision") => {
            arn("ecs", &format!("task-definition/{name}:1"))
        }
        ("aws_batch_job_queue", "arn" | "id") => arn("batch", &format!("job-queue/{name}")),
        ("aws_batch_job_definition", "arn" | "id") => {
            arn("batch", &format!("job-definition/{name}:1"))
        }
        (_, "arn") => {
            let service = ty
                .trim_start_matches("aws_")
                .split('_')
                .next()
                .unwrap_or("unknown");
            arn(service, name)
        }
        _ => name.to_string(),
    }
}
