//! The client against a real Step Functions API on 127.0.0.1: `stepwise serve`'s, in process,
//! over HTTP. moto's server (tests/clients/test_stepwise_aws.py) covers the CLI; this covers the
//! actions moto does not answer, paging, and following a run as it happens.

use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use stepwise_cloud::{
    Backoff, Cloud, CloudError, Destination, Follower, InspectionLevel, Settings, StateTest, Target,
};
use stepwise_server::store::{Config, Registry};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepwiseTest";

/// A server on a free port, and a client of it. `wait_time_scale` 0 runs Waits at once.
async fn serve(wait_time_scale: f64) -> Cloud {
    let registry = Registry::new(Config {
        wait_time_scale,
        ..Config::default()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("port").port();
    tokio::spawn(stepwise_server::serve(listener, Arc::clone(&registry)));
    // The SDK reads these when the first call signs; every test sets the same values. No
    // instance metadata: the tests reach nothing but 127.0.0.1.
    std::env::set_var("AWS_ACCESS_KEY_ID", "test");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "test");
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    Cloud::connect(&Target {
        profile: None,
        region: Some("us-east-1".into()),
        endpoint_url: Some(format!("http://127.0.0.1:{port}")),
    })
    .await
    .expect("connect")
}

fn machine(states: Value) -> String {
    let start = states
        .as_object()
        .and_then(|s| s.keys().next().cloned())
        .unwrap_or_default();
    json!({"StartAt": start, "States": states}).to_string()
}

async fn create(cloud: &Cloud, name: &str, definition: &str) -> String {
    let settings = Settings {
        role_arn: Some(ROLE.into()),
        ..Settings::default()
    };
    let to = Destination::Create { name: name.into() };
    cloud
        .deploy(definition, &to, &settings)
        .await
        .expect("create")
        .machine_arn
}

/// Publishing and aliases are checked against moto (`stepwise serve` has no versions).
#[tokio::test]
async fn deploy_creates_then_updates_the_machine_of_that_name() {
    let cloud = serve(0.0).await;
    let v1 = machine(json!({"A": {"Type": "Pass", "End": true}}));
    let v2 = machine(json!({"A": {"Type": "Pass", "Result": 2, "End": true}}));
    let settings = Settings {
        role_arn: Some(ROLE.into()),
        ..Settings::default()
    };
    let made = cloud
        .deploy(
            &v1,
            &Destination::Create {
                name: "Orders".into(),
            },
            &settings,
        )
        .await
        .expect("create");
    assert!(made.created);
    assert_eq!(
        cloud.resolve("Orders").await.expect("resolve"),
        made.machine_arn
    );
    let update = Destination::Update {
        arn: made.machine_arn.clone(),
    };
    let updated = cloud
        .deploy(&v2, &update, &Settings::default())
        .await
        .expect("update");
    assert!(!updated.created);
    let now = cloud.machine(&made.machine_arn).await.expect("describe");
    assert_eq!(
        (now.definition.as_str(), now.role_arn.as_str()),
        (v2.as_str(), ROLE)
    );
    let alias_without_version = Settings {
        alias: Some("live".into()),
        ..Settings::default()
    };
    assert!(matches!(
        cloud.deploy(&v2, &update, &alias_without_version).await,
        Err(CloudError::Invalid(_))
    ));
}

#[tokio::test]
async fn a_search_reads_pages_until_it_has_enough() {
    let cloud = serve(0.0).await;
    let def = machine(json!({"A": {"Type": "Pass", "End": true}}));
    for i in 0..130 {
        let name = if i % 10 == 0 {
            format!("Billing{i}")
        } else {
            format!("Other{i}")
        };
        create(&cloud, &name, &def).await;
    }
    let all = cloud.machines("", None, usize::MAX).await.expect("all");
    assert_eq!(all.items.len(), 130);
    assert_eq!(all.next_token, None);
    let first = cloud.machines("BILLING", None, 1).await.expect("search");
    assert!(!first.items.is_empty() && first.items.iter().all(|m| m.name.starts_with("Billing")));
    let mut found = first.items.len();
    let mut token = first.next_token;
    while let Some(t) = token {
        let page = cloud.machines("billing", Some(t), 1).await.expect("next");
        found += page.items.len();
        token = page.next_token;
    }
    assert_eq!(found, 13);
}

#[tokio::test]
async fn aws_validation_findings_carry_their_location() {
    let cloud = serve(0.0).await;
    let bad = machine(json!({"A": {"Type": "Pass", "Next": "Nowhere"}}));
    let findings = cloud.validate(&bad, None).await.expect("validate");
    let error = findings
        .iter()
        .find(|f| f.severity == "ERROR")
        .expect("an error");
    assert_eq!(
        error.location.as_deref(),
        Some("/States/A/Next"),
        "{findings:?}"
    );
    let good = machine(json!({"A": {"Type": "Pass", "End": true}}));
    assert!(cloud
        .validate(&good, None)
        .await
        .expect("validate")
        .iter()
        .all(|f| f.severity != "ERROR"));
}

#[tokio::test]
async fn a_run_is_followed_live_in_order_to_its_end() {
    let cloud = serve(1.0).await;
    let def = machine(json!({
        "First": {"Type": "Pass", "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Last"},
        "Last": {"Type": "Pass", "Result": {"done": true}, "End": true}
    }));
    let arn = create(&cloud, "Live", &def).await;
    let run = cloud.start(&arn, r#"{"n": 1}"#, None).await.expect("start");
    let mut batches = Vec::new();
    let backoff = &mut Backoff::new(Duration::from_millis(50), Duration::from_millis(200));
    let ended = cloud
        .follow(&run, 0, backoff, |events| batches.push(events))
        .await
        .expect("follow");
    assert_eq!(ended.status, "SUCCEEDED");
    assert_eq!(ended.output.as_deref(), Some(r#"{"done":true}"#));
    assert!(
        batches.len() >= 2,
        "events came while it ran, not all at the end: {batches:?}"
    );
    let ids: Vec<u64> = batches
        .iter()
        .flatten()
        .map(|e| e["id"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(
        ids,
        (1..=ids.len() as u64).collect::<Vec<_>>(),
        "each event once, in order"
    );
    let last = batches.last().and_then(|b| b.last()).expect("events");
    assert_eq!(last["type"], "ExecutionSucceeded");
}

#[tokio::test]
async fn a_long_history_is_read_across_pages_each_event_once() {
    let cloud = serve(0.0).await;
    let def = machine(json!({
        "Each": {"Type": "Map", "ItemsPath": "$.items",
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "End": true}
    }));
    let arn = create(&cloud, "Long", &def).await;
    let items: Vec<u32> = (0..400).collect();
    let run = cloud
        .start(&arn, &json!({"items": items}).to_string(), None)
        .await
        .expect("start");
    cloud
        .follow(&run, 0, &mut Backoff::default(), |_| {})
        .await
        .expect("ends");
    let first = cloud.history_page(&run, None).await.expect("page");
    assert!(
        first.next_token.is_some(),
        "over 1,000 events take more than one page"
    );
    let mut follower = Follower::new(&run);
    let events = follower.poll(&cloud).await.expect("all");
    assert!(events.len() > 1000, "{}", events.len());
    let ids: Vec<u64> = events
        .iter()
        .map(|e| e["id"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>());
    assert!(
        follower.poll(&cloud).await.expect("again").is_empty(),
        "nothing new twice"
    );
    assert_eq!(follower.last_id(), ids.len() as u64);
}

#[tokio::test]
async fn stop_aborts_and_redrive_goes_on_after_what_was_seen() {
    let cloud = serve(1.0).await;
    let waits = machine(json!({"Long": {"Type": "Wait", "Seconds": 600, "End": true}}));
    let arn = create(&cloud, "Waits", &waits).await;
    let run = cloud
        .start(&arn, "{}", Some("to-stop"))
        .await
        .expect("start");
    cloud
        .stop(&run, Some("Operator"), Some("not today"))
        .await
        .expect("stop");
    let stopped = cloud
        .follow(&run, 0, &mut Backoff::default(), |_| {})
        .await
        .expect("ends");
    // (`stepwise serve` does not keep StopExecution's error and cause; moto's test does.)
    assert_eq!(stopped.status, "ABORTED");

    let fails = machine(json!({"Boom": {"Type": "Fail", "Error": "Nope", "Cause": "always"}}));
    let arn = create(&cloud, "Fails", &fails).await;
    let run = cloud.start(&arn, "{}", None).await.expect("start");
    let failed = cloud
        .follow(&run, 0, &mut Backoff::default(), |_| {})
        .await
        .expect("ends");
    assert_eq!(failed.status, "FAILED");
    let seen = cloud.history(&run).await.expect("history").len() as u64;
    cloud.redrive(&run).await.expect("redrive");
    let mut after = Vec::new();
    let again = cloud
        .follow(&run, seen, &mut Backoff::default(), |e| after.extend(e))
        .await
        .expect("ends again");
    assert_eq!(again.redrive_count, Some(1));
    assert!(!after.is_empty() && after.iter().all(|e| e["id"].as_u64() > Some(seen)));
    assert_eq!(after[0]["type"], "ExecutionRedriven");
}

#[tokio::test]
async fn test_state_answers_with_aws_inspection_data() {
    let cloud = serve(0.0).await;
    let whole = machine(json!({
        "Prepare": {"Type": "Pass", "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                   "ResultSelector": {"paid.$": "$.Payload.ok"}, "ResultPath": "$.charge", "End": true}
    }));
    let answer = cloud
        .test_state(&StateTest {
            definition: whole,
            state_name: Some("Charge".into()),
            input: r#"{"amount": 5}"#.into(),
            level: InspectionLevel::Debug,
            mock_result: Some(r#"{"Payload": {"ok": true}}"#.into()),
            ..StateTest::default()
        })
        .await
        .expect("test state");
    assert_eq!(answer["status"], "SUCCEEDED", "{answer}");
    let output: Value =
        serde_json::from_str(answer["output"].as_str().unwrap_or("")).expect("json");
    assert_eq!(output, json!({"amount": 5, "charge": {"paid": true}}));
    assert_eq!(
        answer["inspectionData"]["afterResultSelector"],
        r#"{"paid":true}"#
    );
}

#[tokio::test]
async fn errors_say_which_action_and_why() {
    let cloud = serve(0.0).await;
    let missing = "arn:aws:states:us-east-1:123456789012:execution:Nope:x";
    match cloud.execution(missing).await {
        Err(e @ CloudError::Service { .. }) => {
            assert_eq!(e.code(), Some("ExecutionDoesNotExist"));
            assert!(
                e.to_string()
                    .starts_with("DescribeExecution: ExecutionDoesNotExist"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        cloud.resolve("Nope").await,
        Err(CloudError::NotFound(_))
    ));
    assert!(matches!(
        cloud.start("arn:x", "{not json", None).await,
        Err(CloudError::Invalid(_))
    ));

    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("port").port()
    };
    let nowhere = Cloud::connect(&Target {
        region: Some("us-east-1".into()),
        endpoint_url: Some(format!("http://127.0.0.1:{closed}")),
        ..Target::default()
    })
    .await
    .expect("connect is lazy");
    match nowhere.machines("", None, 1).await {
        Err(e @ CloudError::Unreachable { .. }) => {
            assert!(e.to_string().starts_with("ListStateMachines: "), "{e}")
        }
        other => panic!("{other:?}"),
    }
    // Following tries an unanswered poll again, then gives up with why.
    let quick = &mut Backoff::new(Duration::from_millis(1), Duration::from_millis(2));
    let started = std::time::Instant::now();
    let gave_up = nowhere
        .follow("arn:aws:states:us-east-1:1:execution:M:e", 0, quick, |_| {})
        .await;
    assert!(
        matches!(gave_up, Err(CloudError::Unreachable { .. })),
        "{gave_up:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    let bad = Cloud::connect(&Target {
        endpoint_url: Some("localhost:4566".into()),
        region: Some("us-east-1".into()),
        ..Target::default()
    })
    .await;
    assert!(matches!(bad, Err(CloudError::Invalid(_))));
}
