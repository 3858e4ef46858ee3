//! Command handlers: JSON on stdin, JSON on stdout, failures as errors.
#![cfg(unix)]

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use stepwise_engine::task::{
    CommandHandler, CommandMode, TaskHandler, TaskRequest, COMMAND_FAILED, COMMAND_OUTPUT_INVALID,
};
use stepwise_engine::StatesError;

fn sh(script: &str) -> CommandHandler {
    CommandHandler::new(vec!["sh".into(), "-c".into(), script.into()]).expect("valid argv")
}

fn req(input: Value) -> TaskRequest {
    TaskRequest::new("Validate", "arn:aws:states:::dynamodb:putItem", input)
}

#[tokio::test]
async fn stdout_json_is_the_result() {
    let out = sh(r#"echo '{"ok": true, "n": 3}'"#)
        .invoke(req(json!({})))
        .await;
    assert_eq!(out, Ok(json!({"ok": true, "n": 3})));
}

#[tokio::test]
async fn stdin_gets_the_input() {
    let input = json!({"order": {"id": "o-1", "items": [1, 2, 3]}, "text": "é\n\"q\""});
    assert_eq!(sh("cat").invoke(req(input.clone())).await, Ok(input));
}

#[tokio::test]
async fn large_input_does_not_deadlock() {
    // Bigger than a pipe buffer both ways.
    let input = json!({"blob": "x".repeat(1 << 20)});
    assert_eq!(sh("cat").invoke(req(input.clone())).await, Ok(input));
}

#[tokio::test]
async fn empty_stdout_is_null() {
    assert_eq!(
        sh("cat >/dev/null").invoke(req(json!(1))).await,
        Ok(Value::Null)
    );
}

#[tokio::test]
async fn non_json_stdout_is_a_clear_error() {
    let err = sh("echo hello world")
        .invoke(req(json!({})))
        .await
        .expect_err("not JSON");
    assert_eq!(err.error, COMMAND_OUTPUT_INVALID);
    let cause = err.cause.unwrap_or_default();
    assert!(
        cause.contains("not JSON") && cause.contains("hello world"),
        "{cause}"
    );
}

#[tokio::test]
async fn exit_1_with_error_json() {
    let err = sh(r#"echo '{"Error": "Order.Invalid", "Cause": "no items"}'; exit 1"#)
        .invoke(req(json!({})))
        .await;
    assert_eq!(err, Err(StatesError::new("Order.Invalid", "no items")));
}

#[tokio::test]
async fn exit_1_with_lambda_style_error() {
    let err = sh(r#"echo '{"errorType": "ValueError", "errorMessage": "bad"}'; exit 3"#)
        .invoke(req(json!({})))
        .await
        .expect_err("fails");
    assert_eq!(err.error, "ValueError");
    assert!(err
        .cause
        .unwrap_or_default()
        .contains("\"errorMessage\": \"bad\""));
}

#[tokio::test]
async fn exit_1_without_error_json_uses_stderr() {
    let err = sh("echo partial; echo 'Traceback: boom' >&2; exit 2")
        .invoke(req(json!({})))
        .await
        .expect_err("fails");
    assert_eq!(err.error, COMMAND_FAILED);
    let cause = err.cause.unwrap_or_default();
    assert!(cause.contains("exited with status 2"), "{cause}");
    assert!(cause.contains("Traceback: boom"), "{cause}");
}

#[tokio::test]
async fn missing_program_is_a_clear_error() {
    let h = CommandHandler::new(vec!["/nonexistent/stepwise-handler".into()]).expect("argv");
    let err = h.invoke(req(json!({}))).await.expect_err("cannot start");
    assert_eq!(err.error, COMMAND_FAILED);
    assert!(err
        .cause
        .unwrap_or_default()
        .contains("Could not start `/nonexistent/stepwise-handler`"));
    assert!(CommandHandler::new(vec![]).is_err());
}

#[tokio::test]
async fn environment_describes_the_task() {
    let mut r = TaskRequest::new(
        "Approve",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        json!({}),
    );
    r.attempt = 2;
    r.context = json!({"Task": {"Token": "tok-123"}});
    let h = sh(r#"printf '{"s":"%s","r":"%s","a":"%s","t":"%s","x":"%s","ctx":%s}' "$STEPWISE_STATE_NAME" "$STEPWISE_RESOURCE" "$STEPWISE_ATTEMPT" "$STEPWISE_TASK_TOKEN" "$EXTRA" "$STEPWISE_CONTEXT""#)
        .with_env("EXTRA", "yes");
    assert_eq!(
        h.invoke(r).await,
        Ok(json!({
            "s": "Approve",
            "r": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "a": "2",
            "t": "tok-123",
            "x": "yes",
            "ctx": {"Task": {"Token": "tok-123"}}
        }))
    );
}

#[tokio::test]
async fn cwd_is_used() {
    let dir = std::env::temp_dir();
    let h = sh(r#"printf '"%s"' "$(pwd -P)""#).with_cwd(&dir);
    let want = std::fs::canonicalize(&dir).expect("temp dir");
    assert_eq!(
        h.invoke(req(json!({}))).await,
        Ok(json!(want.to_string_lossy()))
    );
}

#[tokio::test]
async fn lambda_mode_sends_the_payload_and_wraps_the_result() {
    let h = sh("cat").with_mode(CommandMode::Lambda);
    let r = TaskRequest::new(
        "Validate",
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": "ValidateOrder", "Payload": {"id": 7}}),
    );
    let out = h.invoke(r).await.expect("succeeds");
    assert_eq!(out["Payload"], json!({"id": 7}));
    assert_eq!(out["StatusCode"], json!(200));
    assert_eq!(out["ExecutedVersion"], json!("$LATEST"));
    // A direct function ARN gets the whole input back unwrapped.
    let r = TaskRequest::new(
        "Validate",
        "arn:aws:lambda:us-east-1:123456789012:function:ValidateOrder",
        json!({"id": 8}),
    );
    assert_eq!(h.invoke(r).await, Ok(json!({"id": 8})));
}

#[tokio::test]
async fn dropping_the_future_kills_the_command() {
    let marker = std::env::temp_dir().join(format!("stepwise-kill-{}", std::process::id()));
    let _ = std::fs::remove_file(&marker);
    let h = sh(&format!("sleep 2; touch '{}'", marker.display()));
    let started = Instant::now();
    let r = tokio::time::timeout(Duration::from_millis(200), h.invoke(req(json!({})))).await;
    assert!(r.is_err(), "timed out");
    assert!(started.elapsed() < Duration::from_secs(2));
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        !marker.exists(),
        "the command was killed before it finished"
    );
}
