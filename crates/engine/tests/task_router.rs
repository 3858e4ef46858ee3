//! The handlers file and the router: mocks first, then the first matching handler, then the
//! fallback, else a clear error naming the state and the resource.

use serde_json::{json, Value};
use std::sync::Arc;
use stepwise_engine::task::{
    HandlersConfig, HandlersConfigError, MockConfig, Router, TaskFuture, TaskHandler, TaskRequest,
    NO_TASK_HANDLER,
};

const MOCKS: &str = r#"{
  "StateMachines": {"Orders": {"TestCases": {"Happy": {"Charge": "Charged"}}}},
  "MockedResponses": {"Charged": {"0": {"Return": {"charged": "mock"}}}}
}"#;

/// Every command prints which entry answered, so precedence is visible.
#[cfg(unix)]
const HANDLERS: &str = r#"{
  "handlers": [
    {"state": "Charge", "command": ["sh", "-c", "echo '\"charge-handler\"'"]},
    {"resource": "arn:aws:states:::lambda:invoke*", "function": "ValidateOrder",
     "command": ["sh", "-c", "echo '\"validate\"'"]},
    {"resource": "arn:aws:states:::dynamodb:*", "command": ["sh", "-c", "echo '\"dynamo\"'"]},
    {"function": "Notify", "command": ["sh", "-c", "echo '\"notify\"'"]}
  ]
}"#;

fn task(state: &str, resource: &str, input: Value) -> TaskRequest {
    TaskRequest::new(state, resource, input)
}

#[cfg(unix)]
#[tokio::test]
async fn precedence_mocks_then_handlers_then_error() {
    let mocks = MockConfig::from_json(MOCKS)
        .and_then(|m| m.test_case(None, "Happy"))
        .expect("mocks");
    let handlers = Arc::new(HandlersConfig::from_json(HANDLERS, None).expect("handlers"));
    let router = Router::new()
        .with_mocks(mocks)
        .with_handlers(Arc::clone(&handlers));

    // The test case names Charge: the mock wins over the handler for that state.
    let charge = task(
        "Charge",
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": "charge"}),
    );
    assert_eq!(
        router.invoke(charge.clone()).await,
        Ok(json!({"charged": "mock"}))
    );
    // Without mocks the same state goes to its handler.
    let plain = Router::new().with_handlers(Arc::clone(&handlers));
    assert_eq!(plain.invoke(charge).await, Ok(json!("charge-handler")));

    // By resource pattern + function name, whatever the FunctionName spelling.
    for name in [
        "ValidateOrder",
        "arn:aws:lambda:us-east-1:1:function:ValidateOrder:prod",
    ] {
        let r = task(
            "Validate",
            "arn:aws:states:::lambda:invoke",
            json!({"FunctionName": name}),
        );
        assert_eq!(router.invoke(r).await, Ok(json!("validate")), "{name}");
    }
    let r = task(
        "Validate",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        json!({"FunctionName": "ValidateOrder"}),
    );
    assert_eq!(router.invoke(r).await, Ok(json!("validate")));
    // By function name from a direct ARN resource.
    let r = task(
        "Tell",
        "arn:aws:lambda:us-east-1:1:function:Notify",
        json!({}),
    );
    assert_eq!(router.invoke(r).await, Ok(json!("notify")));
    // By resource glob.
    let r = task("Save", "arn:aws:states:::dynamodb:putItem", json!({}));
    assert_eq!(router.invoke(r).await, Ok(json!("dynamo")));

    // Nothing matches: the error names the state, the resource, and the test case in use.
    let r = task("Send", "arn:aws:states:::sqs:sendMessage", json!({}));
    let err = router.invoke(r).await.expect_err("no handler");
    assert_eq!(err.error, NO_TASK_HANDLER);
    let cause = err.cause.unwrap_or_default();
    for needle in [
        "'Send'",
        "arn:aws:states:::sqs:sendMessage",
        "'Happy'",
        "'Orders'",
    ] {
        assert!(cause.contains(needle), "{needle:?} in {cause}");
    }
    // An invoke of another function does not match the ValidateOrder entry.
    let r = task(
        "Other",
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": "Other"}),
    );
    assert!(router.invoke(r).await.is_err());
}

struct Fallback;

impl TaskHandler for Fallback {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move { Ok(json!({"typed by user for": req.state_name})) })
    }
}

#[tokio::test]
async fn nothing_configured_and_fallback() {
    let r = task("Charge", "arn:aws:states:::lambda:invoke", json!({}));
    let err = Router::new()
        .invoke(r.clone())
        .await
        .expect_err("no handler");
    assert_eq!(err.error, "States.Runtime");
    let cause = err.cause.unwrap_or_default();
    assert!(
        cause.starts_with(
            "No handler for Task state 'Charge' (resource arn:aws:states:::lambda:invoke)"
        ),
        "{cause}"
    );
    assert!(
        cause.contains("mock config") && cause.contains("handlers file"),
        "{cause}"
    );

    let router = Router::new().with_fallback(Arc::new(Fallback));
    assert_eq!(
        router.invoke(r).await,
        Ok(json!({"typed by user for": "Charge"}))
    );
}

#[test]
fn handlers_file_errors() {
    let bad = [
        (
            r#"{"handlers": [{"state": "A"}]}"#,
            "handlers[0]: needs a \"command\" or a \"lambda\"",
        ),
        (
            r#"{"handlers": [{"command": ["x"], "lambda": {"endpoint": "http://h"}}]}"#,
            "not both",
        ),
        (r#"{"handlers": [{"command": []}]}"#, "at least a program"),
        (
            r#"{"handlers": [{"lambda": {"endpoint": "https://x"}}]}"#,
            "only http://",
        ),
        (
            r#"{"handlers": [{"lambda": {"endpoint": "http://x"}, "cwd": "d"}]}"#,
            "apply to a \"command\" only",
        ),
        (
            r#"{"handlers": [{"stat": "A", "command": ["x"]}]}"#,
            "unknown field `stat`",
        ),
        (
            r#"{"handlers": [{"command": ["x"], "mode": "fast"}]}"#,
            "unknown variant `fast`",
        ),
        (r#"{"handler": []}"#, "unknown field `handler`"),
    ];
    for (text, needle) in bad {
        let err = HandlersConfig::from_json(text, None).expect_err(text);
        assert!(err.to_string().contains(needle), "{needle:?} in {err}");
    }
    assert!(matches!(
        HandlersConfig::load("/nonexistent/handlers.json"),
        Err(HandlersConfigError::Io { .. })
    ));
}

#[cfg(unix)]
#[tokio::test]
async fn commands_run_in_the_handlers_file_directory() {
    let dir = std::env::temp_dir().join(format!("stepwise-handlers-{}", std::process::id()));
    let sub = dir.join("scripts");
    std::fs::create_dir_all(&sub).expect("dirs");
    std::fs::write(sub.join("answer.json"), r#"{"from": "scripts"}"#).expect("write");
    std::fs::write(dir.join("answer.json"), r#"{"from": "top"}"#).expect("write");
    std::fs::write(
        dir.join("handlers.json"),
        r#"{"handlers": [
            {"state": "Sub", "command": ["cat", "answer.json"], "cwd": "scripts"},
            {"command": ["cat", "answer.json"]}
        ]}"#,
    )
    .expect("write");
    let handlers = HandlersConfig::load(dir.join("handlers.json")).expect("loads");
    assert_eq!(handlers.entries().len(), 2);
    let r = |state: &str| task(state, "arn:aws:states:::sqs:sendMessage", json!({}));
    assert_eq!(
        handlers.invoke(r("Sub")).await,
        Ok(json!({"from": "scripts"}))
    );
    assert_eq!(
        handlers.invoke(r("Other")).await,
        Ok(json!({"from": "top"}))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
