//! The AWS Step Functions Local mock-config format: parsing, invocation keys and ranges, what
//! happens past the last key, Throw, and test case lookup.

use serde_json::{json, Value};
use stepwise_engine::task::{
    MockConfig, MockConfigError, MockedResult, TaskHandler, TaskRequest, NO_TASK_HANDLER,
};
use stepwise_engine::StatesError;

/// The example of AWS's "Configuration file for mocked service integrations", verbatim.
const AWS_EXAMPLE: &str = r#"{
  "StateMachines":{
    "LambdaSQSIntegration":{
      "TestCases":{
        "HappyPath":{
          "LambdaState":"MockedLambdaSuccess",
          "SQSState":"MockedSQSSuccess"
        },
        "RetryPath":{
          "LambdaState":"MockedLambdaRetry",
          "SQSState":"MockedSQSSuccess"
        },
        "HybridPath":{
          "LambdaState":"MockedLambdaSuccess"
        }
      }
    }
  },
  "MockedResponses":{
    "MockedLambdaSuccess":{
      "0":{
        "Return":{
          "StatusCode":200,
          "Payload":{
            "StatusCode":200,
            "body":"Hello from Lambda!"
          }
        }
      }
    },
    "LambdaMockedResourceNotReady":{
      "0":{
        "Throw":{
          "Error":"Lambda.ResourceNotReadyException",
          "Cause":"Lambda resource is not ready."
        }
      }
    },
    "MockedSQSSuccess":{
      "0":{
        "Return":{
          "MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
          "MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"
        }
      }
    },
    "MockedLambdaRetry":{
      "0":{
        "Throw":{
          "Error":"Lambda.ResourceNotReadyException",
          "Cause":"Lambda resource is not ready."
        }
      },
      "1-2":{
        "Throw":{
          "Error":"Lambda.TimeoutException",
          "Cause":"Lambda timed out."
        }
      },
      "3":{
        "Return":{
          "StatusCode":200,
          "Payload":{
            "StatusCode":200,
            "body":"Hello from Lambda!"
          }
        }
      }
    }
  }
}"#;

fn lambda_req(attempt: u32) -> TaskRequest {
    TaskRequest {
        attempt,
        ..TaskRequest::new(
            "LambdaState",
            "arn:aws:states:::lambda:invoke",
            json!({"FunctionName": "HelloFunction", "Payload": {}}),
        )
    }
}

fn hello() -> Value {
    json!({"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}})
}

#[test]
fn parses_the_aws_example() {
    let config = MockConfig::from_json(AWS_EXAMPLE).expect("AWS's example parses");
    assert_eq!(config.state_machines(), vec!["LambdaSQSIntegration"]);
    assert_eq!(
        config.test_cases("LambdaSQSIntegration"),
        vec!["HappyPath", "RetryPath", "HybridPath"]
    );
    let retry = config
        .mocked_response("MockedLambdaRetry")
        .expect("present");
    assert_eq!(retry.keys(), vec!["0", "1-2", "3"]);
    assert_eq!(
        retry.get(2),
        Some(&MockedResult::Throw(StatesError::new(
            "Lambda.TimeoutException",
            "Lambda timed out."
        )))
    );
    assert_eq!(retry.get(4), None);
}

#[tokio::test]
async fn range_repeats_then_returns_across_retries() {
    let config = MockConfig::from_json(AWS_EXAMPLE).expect("parses");
    let case = config
        .test_case(Some("LambdaSQSIntegration"), "RetryPath")
        .expect("test case");
    let expected: Vec<Result<Value, StatesError>> = vec![
        Err(StatesError::new(
            "Lambda.ResourceNotReadyException",
            "Lambda resource is not ready.",
        )),
        Err(StatesError::new(
            "Lambda.TimeoutException",
            "Lambda timed out.",
        )),
        Err(StatesError::new(
            "Lambda.TimeoutException",
            "Lambda timed out.",
        )),
        Ok(hello()),
    ];
    for (attempt, want) in expected.into_iter().enumerate() {
        let got = case.invoke(lambda_req(attempt as u32)).await;
        assert_eq!(got, want, "invocation {attempt}");
    }
    assert_eq!(case.invocations("LambdaState"), 4);
    // Other states count on their own.
    let sqs = TaskRequest::new(
        "SQSState",
        "arn:aws:states:::sqs:sendMessage",
        json!({"MessageBody": "x"}),
    );
    assert_eq!(
        case.invoke(sqs).await.map(|v| v["MessageId"].clone()),
        Ok(json!("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"))
    );
}

#[tokio::test]
async fn past_the_last_key_fails_the_execution() {
    let config = MockConfig::from_json(AWS_EXAMPLE).expect("parses");
    let case = config
        .test_case(None, "HappyPath")
        .expect("unique test case");
    assert_eq!(case.invoke(lambda_req(0)).await, Ok(hello()));
    // AWS: "you must specify a mocked response for every invocation"; the last one is not
    // repeated.
    let err = case
        .invoke(lambda_req(1))
        .await
        .expect_err("no entry for invocation 1");
    assert_eq!(err.error, NO_TASK_HANDLER);
    assert_eq!(err.error, "States.Runtime");
    let cause = err.cause.unwrap_or_default();
    for needle in [
        "MockedLambdaSuccess",
        "invocation 1",
        "'LambdaState'",
        "HappyPath",
        "covers 0",
    ] {
        assert!(cause.contains(needle), "{needle:?} in {cause:?}");
    }
    // A catch-all cannot hide a missing mock.
    assert!(!StatesError::new(NO_TASK_HANDLER, "x").matches(&["States.ALL".to_string()]));
    // Reset starts the execution over.
    case.reset();
    assert_eq!(case.invoke(lambda_req(0)).await, Ok(hello()));
}

#[tokio::test]
async fn gaps_fail_like_missing_keys() {
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": 1}, "2": {"Return": 3}}}}"#,
    )
    .expect("parses");
    let case = config.test_case(Some("M"), "T").expect("test case");
    let req = || TaskRequest::new("S", "arn:aws:states:::sqs:sendMessage", json!({}));
    assert_eq!(case.invoke(req()).await, Ok(json!(1)));
    assert_eq!(
        case.invoke(req()).await.map_err(|e| e.error),
        Err("States.Runtime".to_string())
    );
    assert_eq!(case.invoke(req()).await, Ok(json!(3)));
}

#[tokio::test]
async fn return_null_and_throw_without_cause() {
    let config = MockConfig::from_json(
        r#"{"StateMachines": {"M": {"TestCases": {"T": {"A": "Null", "B": "Bare"}}}},
            "MockedResponses": {
              "Null": {"0": {"Return": null}},
              "Bare": {"0-9": {"Throw": {"Error": "Custom.Error"}}}}}"#,
    )
    .expect("parses");
    let case = config.test_case(None, "T").expect("test case");
    assert_eq!(
        case.invoke(TaskRequest::new("A", "r", json!({}))).await,
        Ok(Value::Null)
    );
    assert_eq!(
        case.invoke(TaskRequest::new("B", "r", json!({}))).await,
        Err(StatesError::bare("Custom.Error"))
    );
}

#[test]
fn states_not_in_the_test_case_are_not_mocked() {
    let config = MockConfig::from_json(AWS_EXAMPLE).expect("parses");
    let case = config.test_case(None, "HybridPath").expect("test case");
    assert!(case.mocks_state("LambdaState"));
    assert!(!case.mocks_state("SQSState"));
    let err = case
        .respond(&TaskRequest::new(
            "SQSState",
            "arn:aws:states:::sqs:sendMessage",
            json!({}),
        ))
        .expect_err("not mocked");
    assert_eq!(err.error, "States.Runtime");
    assert!(err
        .cause
        .unwrap_or_default()
        .contains("does not mock Task state 'SQSState'"));
}

#[test]
fn test_case_lookup_errors() {
    let two = r#"{"StateMachines": {
        "A": {"TestCases": {"Shared": {}, "OnlyA": {"S": "Missing"}}},
        "B": {"TestCases": {"Shared": {}}}},
      "MockedResponses": {}}"#;
    let config = MockConfig::from_json(two).expect("parses");
    match config.test_case(None, "Shared") {
        Err(e @ MockConfigError::AmbiguousTestCase { .. }) => {
            assert!(e.to_string().contains("A, B"), "{e}");
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(
        config
            .test_case(Some("B"), "Shared")
            .map(|c| c.state_machine().to_string())
            .ok(),
        Some("B".to_string())
    );
    match config.test_case(None, "Nope") {
        Err(e @ MockConfigError::TestCaseNotFound { .. }) => {
            assert!(e.to_string().contains("A/OnlyA"), "{e}");
        }
        other => panic!("expected not found, got {other:?}"),
    }
    match config.test_case(Some("C"), "Shared") {
        Err(e @ MockConfigError::StateMachineNotFound { .. }) => {
            assert!(e.to_string().contains("it has: A, B"), "{e}");
        }
        other => panic!("expected unknown machine, got {other:?}"),
    }
    match config.test_case(Some("B"), "OnlyA") {
        Err(MockConfigError::TestCaseNotFound { available, .. }) => {
            assert_eq!(available, vec!["Shared"]);
        }
        other => panic!("expected not found, got {other:?}"),
    }
    match config.test_case(Some("A"), "OnlyA") {
        Err(e @ MockConfigError::UnknownMockedResponse { .. }) => {
            assert!(e.to_string().contains("'Missing'"), "{e}");
        }
        other => panic!("expected unknown response, got {other:?}"),
    }
}

#[test]
fn invalid_files_say_where() {
    let cases = [
        (
            r#"{"MockedResponses": {"R": {"x": {"Return": 1}}}}"#,
            "/MockedResponses/R/x",
        ),
        (
            r#"{"MockedResponses": {"R": {"-1": {"Return": 1}}}}"#,
            "/MockedResponses/R/-1",
        ),
        (
            r#"{"MockedResponses": {"R": {"3-1": {"Return": 1}}}}"#,
            "runs backwards",
        ),
        (
            r#"{"MockedResponses": {"R": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}"#,
            "'0-2' and '2' overlap",
        ),
        (
            r#"{"MockedResponses": {"R": {"0": {}}}}"#,
            "needs a Return or a Throw",
        ),
        (
            r#"{"MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}"#,
            "both Return and Throw",
        ),
        (
            r#"{"MockedResponses": {"R": {"0": {"return": 1}}}}"#,
            "unknown field 'return'",
        ),
        (
            r#"{"MockedResponses": {"R": {"0": {"Throw": {"Cause": "c"}}}}}"#,
            "needs an Error",
        ),
        (
            r#"{"StateMachines": {"M": {"TestCases": {"T": {"S": 1}}}}}"#,
            "/StateMachines/M/TestCases/T/S",
        ),
        (
            r#"{"StateMachines": {"M": {"Cases": {}}}}"#,
            "expected TestCases",
        ),
        (r#"{"Mocks": {}}"#, "unknown field 'Mocks'"),
        (r#"[]"#, "expected an object"),
    ];
    for (text, needle) in cases {
        let err = MockConfig::from_json(text).expect_err(text);
        assert!(err.to_string().contains(needle), "{needle:?} in {err}");
    }
    assert!(matches!(
        MockConfig::from_json("{"),
        Err(MockConfigError::Json(_))
    ));
}

#[test]
fn load_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("stepwise-mock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("MockConfigFile.json");
    std::fs::write(&path, AWS_EXAMPLE).expect("write");
    let config = MockConfig::load(&path).expect("loads");
    assert_eq!(config.state_machines(), vec!["LambdaSQSIntegration"]);
    let missing = MockConfig::load(dir.join("nope.json")).expect_err("missing file");
    assert!(missing.to_string().contains("nope.json"), "{missing}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Mocked responses are numbered in the executor's own order, not by thread timing: in the
/// map-items example (concurrent iterations, each calling mocked Tasks) every item gets its
/// own tax answer, in every run (it gave an item another item's tax about one run in eight).
#[test]
fn mocked_map_iterations_are_numbered_deterministically() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("example file");
    let def: serde_json::Value = serde_json::from_str(&read("map-items.asl.json")).expect("json");
    let machine =
        std::sync::Arc::new(stepwise_asl::StateMachine::from_value(&def).expect("machine"));
    let input: serde_json::Value =
        serde_json::from_str(&read("run/map-items.input.json")).expect("json");
    let config = stepwise_engine::task::MockConfig::from_json(&read("run/map-items.mocks.json"))
        .expect("mocks");
    // The answer meant for line `i` is the `i`-th response of TaxedLines: each item must get
    // the one carrying its own line number and SKU.
    let mocks: serde_json::Value =
        serde_json::from_str(&read("run/map-items.mocks.json")).expect("json");
    let lines = input["order"]["lineItems"].as_array().expect("line items");
    let expected: Vec<serde_json::Value> = (0..lines.len())
        .map(|i| {
            let answer =
                &mocks["MockedResponses"]["TaxedLines"][i.to_string()]["Return"]["Payload"];
            assert_eq!(answer["sku"], lines[i]["sku"], "the mocks answer line {i}");
            serde_json::json!({
                "lineNumber": i,
                "sku": answer["sku"],
                "subtotal": answer["subtotal"],
                "tax": answer["tax"],
                "shipping": answer["shipping"],
            })
        })
        .collect();
    for run in 0..25 {
        let case = config
            .test_case(Some("map-items"), "HappyPath")
            .expect("test case");
        let router = stepwise_engine::task::Router::new().with_mocks(case);
        let mut cfg = stepwise_engine::ExecutionConfig::new(std::sync::Arc::new(router));
        cfg.seed = Some(7);
        let out = stepwise_engine::run_blocking(machine.clone(), input.clone(), cfg);
        assert_eq!(
            out.status,
            stepwise_engine::Status::Succeeded,
            "{:?}",
            out.error
        );
        let output = out.output.expect("output");
        assert_eq!(
            output["pricedItems"],
            serde_json::Value::Array(expected.clone()),
            "run {run}: every item has its own tax"
        );
        assert_eq!(output["totals"]["total"], 1066.21, "run {run}");
    }
}
