//! The run panel's operations end to end, on the real engine, without a window.

use super::files::Origin;
use super::ipc::*;
use super::manager::{preview, Runs, Subject};
use super::session::{Emit, Outgoing};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ORDER: &str = include_str!("../../../examples/order-processing.asl.json");

struct Window {
    statuses: Mutex<Vec<RunStatusUpdate>>,
    events: Mutex<Vec<RunEvent>>,
    batches: Mutex<usize>,
}

fn window() -> (Arc<Window>, Emit) {
    let w = Arc::new(Window {
        statuses: Mutex::new(Vec::new()),
        events: Mutex::new(Vec::new()),
        batches: Mutex::new(0),
    });
    let sink = w.clone();
    let emit: Emit = Arc::new(move |out| match out {
        Outgoing::Events(b) => {
            *sink.batches.lock().unwrap() += 1;
            sink.events.lock().unwrap().extend(b.events)
        }
        Outgoing::Status(s) => sink.statuses.lock().unwrap().push(*s),
    });
    (w, emit)
}

impl Window {
    /// Waits for a status update matching `f` (runs finish in milliseconds; 20 s is a hang).
    fn wait(&self, what: &str, f: impl Fn(&RunStatusUpdate) -> bool) -> RunStatusUpdate {
        let start = Instant::now();
        loop {
            if let Some(s) = self.statuses.lock().unwrap().iter().rev().find(|s| f(s)) {
                return s.clone();
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn ended(&self) -> RunStatusUpdate {
        let s = self.wait("the end", |s| {
            !matches!(s.summary.status, RunStatus::Running | RunStatus::Paused)
        });
        // The final batch is sent before the final status.
        s
    }

    fn entered(&self) -> Vec<String> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e.event_type.ends_with("StateEntered"))
            .filter_map(|e| e.state.clone())
            .collect()
    }
}

fn runs() -> (tempfile::TempDir, Runs) {
    let dir = tempfile::tempdir().expect("tempdir");
    let runs = Runs::default();
    runs.set_data_dir(dir.path().to_path_buf());
    (dir, runs)
}

fn order() -> Value {
    serde_json::from_str(ORDER).expect("example")
}

fn example() -> Origin {
    Origin::Example("order-processing.asl.json".into())
}

fn mocks(case: &str) -> TaskSource {
    TaskSource::Mocks {
        path: "bundled:order-processing.mocks.json".into(),
        test_case: case.into(),
    }
}

fn request(input: &str, tasks: TaskSource, breakpoints: &[&str]) -> RunRequest {
    RunRequest {
        input: input.into(),
        tasks,
        breakpoints: breakpoints.iter().map(|s| s.to_string()).collect(),
        pause_at_start: false,
        start_at: None,
    }
}

fn start(runs: &Runs, def: &Value, req: RunRequest, emit: Emit) -> RunStatusUpdate {
    runs.start(
        Subject {
            origin: example(),
            definition: def,
        },
        req,
        emit,
    )
    .expect("run starts")
}

/// Runs the order example on its mocks' test case `case` to the end.
fn run_order(runs: &Runs, case: &str) -> (Arc<Window>, RunStatusUpdate) {
    let (w, emit) = window();
    let input = runs.setup(&example()).expect("setup").input;
    start(runs, &order(), request(&input, mocks(case), &[]), emit);
    let end = w.ended();
    (w, end)
}

#[test]
fn the_example_runs_on_its_mocks_and_is_kept() {
    let (_dir, runs) = runs();
    let setup = runs.setup(&example()).expect("setup");
    assert!(setup.input.contains("ord-1042"));
    assert_eq!(
        setup.files[0].test_cases,
        vec![
            "HappyPath",
            "PaymentDeclined",
            "GatewayDown",
            "ConfirmationDenied"
        ]
    );
    let (w, emit) = window();
    let def = order();
    start(
        &runs,
        &def,
        request(&setup.input, mocks("HappyPath"), &[]),
        emit,
    );
    let end = w.ended();
    assert_eq!(
        end.summary.status,
        RunStatus::Succeeded,
        "{:?}",
        end.summary.cause
    );
    assert!(end.summary.output.is_some());
    let entered = w.entered();
    assert_eq!(entered.first().map(String::as_str), Some("Validate Order"));
    assert!(
        entered.contains(&"Send Confirmation".to_string()),
        "{entered:?}"
    );
    // Charge Payment fails once (gateway timeout) and is retried.
    let events = w.events.lock().unwrap().clone();
    let charge_failures = events
        .iter()
        .filter(|e| e.event_type == "TaskFailed" && e.state.as_deref() == Some("Charge Payment"))
        .count();
    assert_eq!(charge_failures, 1);
    let exited = events
        .iter()
        .find(|e| e.event_type == "TaskStateExited" && e.state.as_deref() == Some("Validate Order"))
        .expect("exit");
    // Between the input (on the entered event) and the output (on this one), every stage.
    let stages: Vec<&str> = exited.stages.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(
        stages,
        [
            "afterInputPath",
            "afterParameters",
            "result",
            "afterResultSelector",
            "afterResultPath"
        ]
    );
    // Kept: listed, and opening it gives the same events as the window saw.
    let listed = runs.list(&example()).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, RunStatus::Succeeded);
    let record = runs.open(&listed[0].id).expect("open");
    assert_eq!(record.events, events);
    // The remembered input and task source come back.
    let again = runs.setup(&example()).expect("setup");
    assert_eq!(again.last_tasks, Some(mocks("HappyPath")));
    assert_eq!(again.runs.len(), 1);
}

#[test]
fn run_from_here_starts_at_the_state_with_the_input() {
    let (_dir, runs) = runs();
    let (w, emit) = window();
    let input = runs.setup(&example()).expect("setup").input;
    let mut req = request(&input, mocks("HappyPath"), &[]);
    req.start_at = Some("Reserve Inventory".into());
    start(&runs, &order(), req, emit);
    let end = w.ended();
    assert_eq!(
        end.summary.status,
        RunStatus::Succeeded,
        "{:?}",
        end.summary.cause
    );
    let entered = w.entered();
    assert_eq!(
        entered.first().map(String::as_str),
        Some("Reserve Inventory")
    );
    assert!(
        !entered
            .iter()
            .any(|s| s == "Validate Order" || s == "Is Order Valid?"),
        "the states before it are not run: {entered:?}"
    );
    assert_eq!(entered.last().map(String::as_str), Some("Order Complete"));

    // Only a state of the machine's top level can start a run.
    let (_w, emit) = window();
    let mut req = request(&input, mocks("HappyPath"), &[]);
    req.start_at = Some("Nowhere".into());
    let err = runs
        .start(
            Subject {
                origin: example(),
                definition: &order(),
            },
            req,
            emit,
        )
        .expect_err("no such state");
    assert!(err.contains("Nowhere"), "{err}");
}

#[test]
fn a_declined_payment_is_caught_and_compensated() {
    let (_dir, runs) = runs();
    let (w, end) = run_order(&runs, "PaymentDeclined");
    let entered = w.entered();
    let charge = entered
        .iter()
        .position(|s| s == "Charge Payment")
        .expect("charged");
    assert_eq!(
        entered.get(charge + 1).map(String::as_str),
        Some("Release Inventory"),
        "{entered:?}"
    );
    assert_eq!(end.summary.status, RunStatus::Failed);
}

#[test]
fn the_failing_test_cases_fail_where_their_names_say() {
    let (_dir, runs) = runs();
    // The gateway times out on every try: four retries, then the catcher compensates.
    let (w, end) = run_order(&runs, "GatewayDown");
    assert_eq!(end.summary.status, RunStatus::Failed);
    assert_eq!(end.summary.error.as_deref(), Some("PaymentFailed"));
    let events = w.events.lock().unwrap().clone();
    let tries = events
        .iter()
        .filter(|e| e.event_type == "TaskFailed" && e.state.as_deref() == Some("Charge Payment"))
        .count();
    assert_eq!(tries, 5);
    assert!(w.entered().contains(&"Payment Failed".to_string()));

    // The confirmation cannot be sent and nothing catches it: the run fails at that Task.
    let (w, end) = run_order(&runs, "ConfirmationDenied");
    assert_eq!(end.summary.status, RunStatus::Failed);
    assert_eq!(
        end.summary.error.as_deref(),
        Some("SNS.AuthorizationErrorException")
    );
    assert!(end
        .summary
        .cause
        .as_deref()
        .is_some_and(|c| c.contains("not authorized to perform: SNS:Publish")));
    assert_eq!(
        w.entered().last().map(String::as_str),
        Some("Send Confirmation")
    );
}

#[test]
fn a_breakpoint_pauses_and_an_edited_input_goes_on() {
    let (_dir, runs) = runs();
    let (w, emit) = window();
    let def = json!({
        "StartAt": "First",
        "States": {
            "First": {"Type": "Pass", "Result": {"n": 1}, "Next": "Second"},
            "Second": {"Type": "Pass", "End": true}
        }
    });
    start(
        &runs,
        &def,
        request("{}", TaskSource::Ask, &["Second"]),
        emit,
    );
    let paused = w.wait("the pause", |s| s.summary.status == RunStatus::Paused);
    let pause = paused.pause.expect("pause info");
    assert_eq!(
        (pause.state.as_str(), pause.reason.as_str()),
        ("Second", "breakpoint")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&pause.input).unwrap(),
        json!({"n": 1})
    );
    assert!(!w.entered().contains(&"Second".to_string()));
    runs.resume(ResumeMode::Continue, Some("{\"n\": 2}".into()))
        .expect("resume");
    let end = w.ended();
    assert_eq!(end.summary.status, RunStatus::Succeeded);
    assert_eq!(
        serde_json::from_str::<Value>(end.summary.output.as_deref().unwrap()).unwrap(),
        json!({"n": 2})
    );
    assert!(
        runs.resume(ResumeMode::Continue, None).is_err(),
        "nothing to resume"
    );
}

#[test]
fn stepping_pauses_before_every_state_and_stop_aborts() {
    let (_dir, runs) = runs();
    let (w, emit) = window();
    let def = json!({
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Pass", "End": true}
        }
    });
    let mut req = request("{}", TaskSource::Ask, &[]);
    req.pause_at_start = true;
    start(&runs, &def, req, emit);
    let first = w.wait("pause at A", |s| {
        s.pause.as_ref().is_some_and(|p| p.state == "A")
    });
    assert_eq!(first.pause.unwrap().reason, "start");
    runs.resume(ResumeMode::Step, None).expect("step");
    w.wait("pause at B", |s| {
        s.pause.as_ref().is_some_and(|p| p.state == "B")
    });
    runs.stop().expect("stop");
    let end = w.ended();
    assert_eq!(end.summary.status, RunStatus::Aborted);
    assert_eq!(w.entered(), vec!["A"]);
    let last = w.events.lock().unwrap().last().cloned().expect("events");
    assert_eq!(last.event_type, "ExecutionAborted");
}

fn ask_machine() -> Value {
    json!({
        "StartAt": "Prepare",
        "States": {
            "Prepare": {"Type": "Pass", "Result": {"id": 7}, "Next": "Charge"},
            "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "End": true}
        }
    })
}

#[test]
fn ask_me_waits_for_the_answer_and_redrive_goes_on_from_the_failed_state() {
    let (_dir, runs) = runs();
    let (w, emit) = window();
    let def = ask_machine();
    start(&runs, &def, request("{}", TaskSource::Ask, &[]), emit);
    let asked = w.wait("the question", |s| !s.questions.is_empty());
    let q = &asked.questions[0];
    assert_eq!(q.state, "Charge");
    assert!(q.input.contains("\"FunctionName\": \"charge\""));
    assert!(runs
        .answer(
            q.id,
            TaskAnswer::Return {
                output: "not json".into()
            }
        )
        .is_err());
    runs.answer(
        q.id,
        TaskAnswer::Throw {
            error: "Card.Declined".into(),
            cause: "no funds".into(),
        },
    )
    .expect("answer");
    let failed = w.ended();
    assert_eq!(failed.summary.status, RunStatus::Failed);
    assert_eq!(failed.summary.error.as_deref(), Some("Card.Declined"));
    let old_events = runs.open(&failed.summary.id).expect("open").events;

    let (w2, emit2) = window();
    runs.redrive(
        Subject {
            origin: example(),
            definition: &def,
        },
        &failed.summary.id,
        emit2,
    )
    .expect("redrive");
    let asked = w2.wait("the question again", |s| !s.questions.is_empty());
    runs.answer(
        asked.questions[0].id,
        TaskAnswer::Return {
            output: "{\"ok\": true}".into(),
        },
    )
    .expect("answer");
    let end = w2.ended();
    assert_eq!(end.summary.status, RunStatus::Succeeded);
    assert_eq!(
        end.summary.redrive_of.as_deref(),
        Some(failed.summary.id.as_str())
    );
    let events = w2.events.lock().unwrap().clone();
    // The old history, then ExecutionRedriven, then the failed state again; "Prepare" is not rerun.
    assert_eq!(events[..old_events.len()], old_events[..]);
    let redriven = &events[old_events.len()];
    assert_eq!(redriven.event_type, "ExecutionRedriven");
    assert_eq!(redriven.id as usize, old_events.len() + 1);
    let after: Vec<String> = events[old_events.len()..]
        .iter()
        .filter(|e| e.event_type.ends_with("StateEntered"))
        .filter_map(|e| e.state.clone())
        .collect();
    assert_eq!(after, vec!["Charge"]);
    let ids: Vec<u32> = events.iter().map(|e| e.id).collect();
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "ids run on: {ids:?}"
    );
}

#[test]
fn ask_me_shows_the_shape_expected_and_the_time_taken_to_answer_is_not_task_time() {
    let (_dir, runs) = runs();
    let (w, emit) = window();
    let input = runs.setup(&example()).expect("setup").input;
    start(&runs, &order(), request(&input, TaskSource::Ask, &[]), emit);
    let asked = w.wait("the question", |s| !s.questions.is_empty());
    let q = &asked.questions[0];
    assert_eq!(q.state, "Validate Order");
    let shape = q.shape.as_ref().expect("a shape");
    // lambda:invoke: AWS's wrapper, the function's result in Payload.
    assert_eq!(shape.wrapper.as_deref(), Some("lambdaInvoke"));
    let template: Value = serde_json::from_str(&shape.template).expect("JSON");
    assert_eq!(template["StatusCode"], json!(200));
    assert_eq!(template["Payload"], json!({"valid": true, "reasons": null}));
    let valid = shape
        .reads
        .iter()
        .find(|r| r.path == "$.Payload.valid")
        .expect("Payload.valid is read");
    assert!(valid
        .readers
        .iter()
        .any(|r| r.starts_with("Choice \"Is Order Valid?\"")));

    // The user takes 700 ms to answer with the template: not the Task's time.
    std::thread::sleep(Duration::from_millis(700));
    runs.answer(
        q.id,
        TaskAnswer::Return {
            output: shape.template.clone(),
        },
    )
    .expect("answer");
    let next = w.wait("the next question", |s| {
        s.questions.iter().any(|q| q.state == "Reserve Inventory")
    });
    runs.stop().expect("stop");
    // Stopped while a question waits: aborted, not failed by the withdrawn question.
    assert_eq!(w.ended().summary.status, RunStatus::Aborted);
    drop(next);
    let events = w.events.lock().unwrap().clone();
    let at = |ty: &str| {
        events
            .iter()
            .find(|e| e.event_type == ty && e.state.as_deref() == Some("Validate Order"))
            .map(|e| e.elapsed_ms)
            .unwrap_or_else(|| panic!("no {ty}"))
    };
    let took = at("TaskSucceeded") - at("TaskStarted");
    assert!(took < 400.0, "Validate Order took {took} ms");
    // The template took the Choice's first rule.
    assert!(w.entered().contains(&"Reserve Inventory".to_string()));
}

#[test]
fn stopping_while_a_task_asks_always_aborts() {
    // Stopping withdraws the question, which fails its Task; the stop must win that race
    // every time, not every other time.
    let (_dir, runs) = runs();
    for _ in 0..12 {
        let (w, emit) = window();
        start(
            &runs,
            &ask_machine(),
            request("{}", TaskSource::Ask, &[]),
            emit,
        );
        w.wait("the question", |s| !s.questions.is_empty());
        runs.stop().expect("stop");
        assert_eq!(w.ended().summary.status, RunStatus::Aborted);
    }
}

#[test]
fn a_saved_history_is_aws_json_and_opens_again_for_replay() {
    let (_dir, runs) = runs();
    let (w, end) = run_order(&runs, "HappyPath");
    let text = runs.history_json(&end.summary.id).expect("history");
    let v: Value = serde_json::from_str(&text).expect("json");
    let events = v["events"].as_array().expect("events");
    let first = &events[0];
    assert_eq!(first["type"], "ExecutionStarted");
    assert_eq!(first["id"], 1);
    assert_eq!(first["previousEventId"], 0);
    assert!(first["timestamp"]
        .as_str()
        .is_some_and(|t| t.ends_with("+00:00")));
    assert!(first["executionStartedEventDetails"]["input"].is_string());
    let def = order();
    let record = runs
        .import(
            Subject {
                origin: example(),
                definition: &def,
            },
            "saved.history.json",
            &text,
        )
        .expect("import");
    assert_eq!(record.summary.origin, RunOrigin::Imported);
    assert_eq!(record.summary.status, RunStatus::Succeeded);
    let live = w.events.lock().unwrap().clone();
    assert_eq!(record.events.len(), live.len());
    for (a, b) in record.events.iter().zip(live.iter()) {
        assert_eq!(
            (a.id, &a.event_type, &a.state),
            (b.id, &b.event_type, &b.state)
        );
    }
    assert_eq!(runs.list(&example()).expect("list").len(), 2);
    let other = json!({"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}});
    let wrong = runs.import(
        Subject {
            origin: example(),
            definition: &other,
        },
        "saved.history.json",
        &text,
    );
    assert!(wrong.unwrap_err().contains("'Validate Order'"));
    let bad = runs.import(
        Subject {
            origin: example(),
            definition: &def,
        },
        "x",
        "{\"events\": [{\"id\": 1}]}",
    );
    assert!(bad.unwrap_err().contains("/events/0"));
}

#[test]
fn a_definition_with_problems_does_not_run() {
    let (_dir, runs) = runs();
    let (_w, emit) = window();
    let def = json!({"StartAt": "Nope", "States": {"A": {"Type": "Pass", "End": true}}});
    let err = runs
        .start(
            Subject {
                origin: example(),
                definition: &def,
            },
            request("{}", TaskSource::Ask, &[]),
            emit,
        )
        .unwrap_err();
    assert!(err.contains("/StartAt"), "{err}");
    let (_w, emit) = window();
    let err = runs
        .start(
            Subject {
                origin: example(),
                definition: &order(),
            },
            request("{oops", TaskSource::Ask, &[]),
            emit,
        )
        .unwrap_err();
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn a_big_map_streams_in_few_batches() {
    let (_dir, runs) = runs();
    let (w, emit) = window();
    let def = json!({
        "StartAt": "Each",
        "States": {"Each": {"Type": "Map", "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}, "End": true}}
    });
    let items: Vec<u32> = (0..2000).collect();
    start(
        &runs,
        &def,
        request(
            &serde_json::to_string(&items).unwrap(),
            TaskSource::Ask,
            &[],
        ),
        emit,
    );
    let end = w.ended();
    assert_eq!(end.summary.status, RunStatus::Succeeded);
    let events = w.events.lock().unwrap();
    let works = events
        .iter()
        .filter(|e| {
            e.child && e.event_type == "PassStateExited" && e.state.as_deref() == Some("Work")
        })
        .count();
    assert_eq!(works, 2000);
    assert!(events
        .iter()
        .filter(|e| e.child)
        .all(|e| e.iterations.len() == 1 && e.iterations[0].map == "Each"));
    let batches = *w.batches.lock().unwrap();
    assert!(
        batches < events.len() / 20,
        "{batches} batches for {} events",
        events.len()
    );
}

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
        (reply.stages[1].stage.as_str(), after_input),
        ("afterInputPath", json!({"orderId": "o-1"}))
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

#[test]
fn every_example_with_mocks_runs_its_happy_path() {
    let (_dir, runs) = runs();
    let mut ran = 0;
    for crate::examples::Example { file: id, text, .. } in crate::examples::EXAMPLES {
        let origin = Origin::Example((*id).to_string());
        let setup = runs.setup(&origin).expect("setup");
        let Some(file) = setup.files.first() else {
            continue;
        };
        assert!(
            file.test_cases.iter().any(|c| c == "HappyPath"),
            "{id}: {:?}",
            file.test_cases
        );
        let format = if id.ends_with(".yaml") {
            stepwise_asl::SourceFormat::Yaml
        } else {
            stepwise_asl::SourceFormat::Json
        };
        let def = stepwise_asl::Document::parse(text.as_bytes(), Some(format))
            .expect("example parses")
            .value;
        let (w, emit) = window();
        let tasks = TaskSource::Mocks {
            path: file.path.clone(),
            test_case: "HappyPath".into(),
        };
        runs.start(
            Subject {
                origin,
                definition: &def,
            },
            request(&setup.input, tasks, &[]),
            emit,
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let end = w.ended();
        assert_eq!(
            end.summary.status,
            RunStatus::Succeeded,
            "{id}: {:?} {:?}",
            end.summary.error,
            end.summary.cause
        );
        ran += 1;
    }
    assert_eq!(
        ran, 7,
        "the examples with mock configs (jsonata-orders too)"
    );
}

/// Each member of AWS's `HistoryEvent` details types (Step Functions API reference) and the
/// JSON type AWS gives it.
fn aws_details_fields(key: &str) -> Option<&'static [(&'static str, &'static str)]> {
    const ERR: &[(&str, &str)] = &[("error", "string"), ("cause", "string")];
    const TASK_ERR: &[(&str, &str)] = &[
        ("resourceType", "string"),
        ("resource", "string"),
        ("error", "string"),
        ("cause", "string"),
    ];
    const ITERATION: &[(&str, &str)] = &[("name", "string"), ("index", "number")];
    Some(match key {
        "executionStartedEventDetails" => &[
            ("input", "string"),
            ("inputDetails", "object"),
            ("roleArn", "string"),
            ("stateMachineAliasArn", "string"),
            ("stateMachineVersionArn", "string"),
        ],
        "executionSucceededEventDetails" => &[("output", "string"), ("outputDetails", "object")],
        "executionFailedEventDetails"
        | "executionAbortedEventDetails"
        | "executionTimedOutEventDetails" => ERR,
        "executionRedrivenEventDetails" => &[("redriveCount", "number")],
        "stateEnteredEventDetails" => &[
            ("name", "string"),
            ("input", "string"),
            ("inputDetails", "object"),
        ],
        "stateExitedEventDetails" => &[
            ("name", "string"),
            ("output", "string"),
            ("outputDetails", "object"),
            ("assignedVariables", "object"),
            ("assignedVariablesDetails", "object"),
        ],
        "taskScheduledEventDetails" => &[
            ("resourceType", "string"),
            ("resource", "string"),
            ("region", "string"),
            ("parameters", "string"),
            ("timeoutInSeconds", "number"),
            ("heartbeatInSeconds", "number"),
            ("taskCredentials", "object"),
        ],
        "taskStartedEventDetails" => &[("resourceType", "string"), ("resource", "string")],
        "taskSucceededEventDetails" => &[
            ("resourceType", "string"),
            ("resource", "string"),
            ("output", "string"),
            ("outputDetails", "object"),
        ],
        "taskFailedEventDetails" | "taskTimedOutEventDetails" => TASK_ERR,
        "mapStateStartedEventDetails" => &[("length", "number")],
        "mapIterationStartedEventDetails"
        | "mapIterationSucceededEventDetails"
        | "mapIterationFailedEventDetails"
        | "mapIterationAbortedEventDetails" => ITERATION,
        "mapRunStartedEventDetails" => &[("mapRunArn", "string")],
        "mapRunFailedEventDetails" => ERR,
        _ => return None,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Object(_) => "object",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Null => "null",
    }
}

/// Checks a saved history against AWS's `GetExecutionHistory` output, member by member.
fn assert_aws_history(text: &str) {
    let v: Value = serde_json::from_str(text).expect("json");
    let obj = v.as_object().expect("an object");
    assert_eq!(
        obj.keys().collect::<Vec<_>>(),
        ["events"],
        "only `events`, as the CLI prints it"
    );
    for (i, e) in v["events"].as_array().expect("events").iter().enumerate() {
        let e = e.as_object().expect("an event object");
        assert_eq!(e["id"], json!(i + 1));
        assert!(e["previousEventId"].as_u64().is_some_and(|p| p <= i as u64));
        assert!(e["type"].is_string());
        let ts = e["timestamp"].as_str().expect("timestamp");
        assert!(stepwise_asl::timestamp::parse_millis(ts).is_some(), "{ts}");
        for (key, value) in e {
            if ["id", "previousEventId", "type", "timestamp"].contains(&key.as_str()) {
                continue;
            }
            let fields = aws_details_fields(key)
                .unwrap_or_else(|| panic!("event {}: {key} is not an AWS member", i + 1));
            for (field, v) in value.as_object().expect("details object") {
                let (_, ty) = fields
                    .iter()
                    .find(|(f, _)| f == field)
                    .unwrap_or_else(|| panic!("{key}.{field} is not in AWS's {key}"));
                assert_eq!(json_type(v), *ty, "{key}.{field}");
                if field.ends_with("Details") && field != "assignedVariablesDetails" {
                    assert_eq!(v, &json!({"truncated": false}), "{key}.{field}");
                }
            }
        }
    }
}

#[test]
fn saved_histories_match_aws_get_execution_history_member_by_member() {
    let (_dir, runs) = runs();
    for case in [
        "HappyPath",
        "PaymentDeclined",
        "GatewayDown",
        "ConfirmationDenied",
    ] {
        let (_, end) = run_order(&runs, case);
        assert_aws_history(&runs.history_json(&end.summary.id).expect("history"));
    }
    let fanout = json!({
        "StartAt": "Fork",
        "States": {
            "Fork": {"Type": "Parallel", "Branches": [
                {"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}},
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                    "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}, "End": true}}}
            ], "Next": "Boom"},
            "Boom": {"Type": "Fail", "Error": "Done", "Cause": "on purpose"}
        }
    });
    let (w, emit) = window();
    start(
        &runs,
        &fanout,
        request("{\"items\": [1, 2, 3]}", TaskSource::Ask, &[]),
        emit,
    );
    let id = w.ended().summary.id;
    let text = runs.history_json(&id).expect("history");
    assert_aws_history(&text);
    for ty in [
        "ParallelStateStarted",
        "MapStateStarted",
        "MapIterationSucceeded",
        "WaitStateExited",
        "ExecutionFailed",
    ] {
        assert!(text.contains(&format!("\"type\": \"{ty}\"")), "{ty}");
    }
}

#[test]
fn pause_stops_a_running_run_before_its_next_state() {
    let (_dir, runs) = runs();
    // Runs `def` in "ask me" mode, presses Pause while its first Task waits, then answers it.
    let pause_at_first_task = |def: &Value| {
        let (w, emit) = window();
        start(&runs, def, request("{}", TaskSource::Ask, &[]), emit);
        let asked = w.wait("the question", |s| !s.questions.is_empty());
        runs.pause().expect("pause");
        let output = "{}".to_string();
        runs.answer(asked.questions[0].id, TaskAnswer::Return { output })
            .expect("answer");
        w
    };
    // Charge was the last state: the run ends without another state to pause before.
    let w = pause_at_first_task(&ask_machine());
    assert_eq!(w.ended().summary.status, RunStatus::Succeeded);
    let w = pause_at_first_task(&json!({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B"},
        "B": {"Type": "Pass", "End": true}}}));
    let paused = w.wait("the pause", |s| s.pause.is_some());
    assert_eq!(paused.pause.map(|p| p.state).as_deref(), Some("B"));
    runs.resume(ResumeMode::Continue, None).expect("continue");
    assert_eq!(w.ended().summary.status, RunStatus::Succeeded);
}

/// The conversion to JSONata keeps what a machine does: a JSONPath machine using every kind of
/// field the conversion handles (InputPath, Parameters, ResultSelector, ResultPath, OutputPath,
/// the context, Choice comparisons, a Map's ItemsPath and ItemSelector) runs to the same output
/// through the same states once switched to JSONata, and back.
#[test]
fn a_machine_switched_between_languages_runs_the_same() {
    use stepwise_asl::edit::language::switch_machine;
    use stepwise_asl::model::QueryLanguage;
    let (dir, runs) = runs();
    let def = serde_json::json!({
        "StartAt": "Pick",
        "States": {
            "Pick": {"Type": "Pass", "InputPath": "$.order",
                     "Parameters": {"id.$": "$.id", "items.$": "$.items", "big.$": "$.total", "fixed": [1, {"a": "b"}]},
                     "ResultPath": "$.picked", "Next": "Fetch"},
            "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "f", "Payload": {"id.$": "$.picked.id", "state.$": "$$.State.Name"}},
                      "ResultSelector": {"status.$": "$.Payload.status"}, "ResultPath": "$.fetched", "Next": "Route"},
            "Route": {"Type": "Choice", "Choices": [
                {"And": [{"Variable": "$.picked.big", "NumericGreaterThan": 100}, {"Variable": "$.order.vip", "BooleanEquals": true},
                         {"Not": {"Variable": "$.order.note", "IsPresent": true}}], "Next": "Each"},
                {"Variable": "$.fetched.status", "StringEquals": "ok", "Next": "Done"}
            ], "Default": "Done"},
            "Each": {"Type": "Map", "ItemsPath": "$.picked.items",
                     "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "id.$": "$.picked.id", "status.$": "$.fetched.status"},
                     "ItemProcessor": {"StartAt": "Line", "States": {"Line": {"Type": "Pass",
                         "Parameters": {"line.$": "$.sku", "order.$": "$.id", "status.$": "$.status"}, "End": true}}},
                     "ResultPath": "$.lines", "OutputPath": "$.lines", "Next": "Done"},
            "Done": {"Type": "Succeed"}
        }
    });
    let mocks = dir.path().join("conv.mocks.json");
    std::fs::write(
        &mocks,
        r#"{"StateMachines": {"conv": {"TestCases": {"HappyPath": {"Fetch": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"status": "ok"}}}}}}"#,
    )
    .expect("write mocks");
    let origin = Origin::File(dir.path().join("conv.asl.json"));
    let input = r#"{"order": {"id": "o-1", "total": 120, "vip": true, "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 3}]}}"#;
    let run = |definition: &serde_json::Value| {
        let (w, emit) = window();
        let tasks = TaskSource::Mocks {
            path: mocks.display().to_string(),
            test_case: "HappyPath".into(),
        };
        runs.start(
            Subject {
                origin: origin.clone(),
                definition,
            },
            request(input, tasks, &[]),
            emit,
        )
        .expect("starts");
        let end = w.ended();
        let output = end
            .summary
            .output
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
        (end.summary.status, output, end.summary.error, w.entered())
    };
    let (status, output, error, entered) = run(&def);
    assert_eq!(status, RunStatus::Succeeded, "{error:?}");
    assert_eq!(
        output,
        Some(serde_json::json!([
            {"line": "a", "order": "o-1", "status": "ok"},
            {"line": "b", "order": "o-1", "status": "ok"}
        ]))
    );
    let jsonata = switch_machine(&def, QueryLanguage::Jsonata).expect("converts exactly");
    let (status2, output2, error2, entered2) = run(&jsonata);
    assert_eq!(status2, status, "{error2:?}\n{jsonata:#}");
    assert_eq!(output2, output, "{jsonata:#}");
    assert_eq!(entered2, entered);
    // The way back converts plain paths only: the conditions and the `$merge` a ResultPath
    // became are named as what stops it.
    let blockers = switch_machine(&jsonata, QueryLanguage::JsonPath).expect_err("not exact back");
    let at: Vec<&str> = blockers.iter().map(|b| b.pointer.as_str()).collect();
    assert_eq!(
        at,
        [
            "/States/Pick/Output",
            "/States/Fetch/Output",
            "/States/Route/Choices/0/Condition",
            "/States/Route/Choices/1/Condition",
            "/States/Each/Output"
        ]
    );
}
