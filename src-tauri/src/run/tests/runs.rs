//! Runs on mocks: kept, run from a state, caught and failing paths, breakpoints, stepping, pause.

use super::ask::ask_machine;
use super::*;

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
    let stages: Vec<StageName> = exited.stages.iter().map(|s| s.stage).collect();
    assert_eq!(
        stages,
        [
            StageName::AfterInputPath,
            StageName::AfterParameters,
            StageName::Result,
            StageName::AfterResultSelector,
            StageName::AfterResultPath
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
    assert_eq!(err.code(), ErrorCode::InvalidRequest);
    assert!(err.to_string().contains("Nowhere"), "{err}");
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
        (pause.state.as_str(), pause.reason),
        ("Second", PauseReason::Breakpoint)
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
    assert_eq!(first.pause.unwrap().reason, PauseReason::Start);
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
    assert_eq!(err.code(), ErrorCode::NotRunnable);
    assert!(err.to_string().contains("/StartAt"), "{err}");
    assert_eq!(err.pointer().as_deref(), Some("/StartAt"));
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
    assert!(
        matches!(err, AppError::InvalidJson { line: 1, .. }),
        "{err}"
    );
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
