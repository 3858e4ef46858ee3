//! The data-flow preview of one state (AWS TestState).

use super::*;

#[test]
fn preview_shows_every_stage_like_test_state() {
    let reply = preview(
        &order(),
        &PreviewRequest {
            pointer: "/States/Validate Order".into(),
            input: "{\"order\": {\"orderId\": \"o-1\"}}".into(),
            result: Some("{\"Payload\": {\"valid\": true, \"reasons\": []}}".into()),
            error: None,
            cause: None,
            variables: String::new(),
        },
    )
    .expect("preview");
    assert_eq!(reply.status, PreviewStatus::Succeeded);
    assert_eq!(reply.next_state.as_deref(), Some("Is Order Valid?"));
    let after_input: Value = serde_json::from_str(&reply.stages[1].value).unwrap();
    assert_eq!(
        (reply.stages[1].stage, after_input),
        (StageName::AfterInputPath, json!({"orderId": "o-1"}))
    );
    let caught = preview(
        &order(),
        &PreviewRequest {
            pointer: "/States/Validate Order".into(),
            input: "{\"order\": {}}".into(),
            result: None,
            error: Some("Lambda.Unknown".into()),
            cause: Some("x".into()),
            variables: String::new(),
        },
    )
    .expect("preview");
    assert_eq!(caught.status, PreviewStatus::CaughtError);
    assert_eq!(caught.next_state.as_deref(), Some("Notify Failure"));
    assert!(preview(
        &order(),
        &PreviewRequest {
            pointer: "/States/Nope".into(),
            input: "{}".into(),
            result: None,
            error: None,
            cause: None,
            variables: String::new()
        }
    )
    .is_err());
}
