//! "Ask me" tasks: the question, its expected shape, answers, stopping, and redrive.

use super::*;

pub(super) fn ask_machine() -> Value {
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
        .filter(|e| matches!(e.kind, EventKind::StateEntered { .. }))
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
fn redrive_asks_again_only_in_the_parallel_branch_that_failed() {
    // AWS API reference, RedriveExecution: only "the iterations and branches that failed or
    // aborted" run again; the others keep their results.
    let (_dir, runs) = runs();
    let def = json!({
        "StartAt": "Both",
        "States": {
            "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Ship", "States": {"Ship": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "ship"}, "End": true}}},
                {"StartAt": "Bill", "States": {"Bill": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "bill"}, "End": true}}}
            ]}
        }
    });
    let (w, emit) = window();
    start(&runs, &def, request("{}", TaskSource::Ask, &[]), emit);
    let asked = w.wait("both questions", |s| s.questions.len() == 2);
    let id_of = |state: &str| {
        asked
            .questions
            .iter()
            .find(|q| q.state == state)
            .map(|q| q.id)
            .expect(state)
    };
    runs.answer(
        id_of("Ship"),
        TaskAnswer::Return {
            output: "\"shipped\"".into(),
        },
    )
    .expect("answer");
    w.wait("Ship answered", |s| s.questions.len() == 1);
    runs.answer(
        id_of("Bill"),
        TaskAnswer::Throw {
            error: "Card.Declined".into(),
            cause: "no funds".into(),
        },
    )
    .expect("answer");
    let failed = w.ended();
    assert_eq!(failed.summary.status, RunStatus::Failed);

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
    let asked = w2.wait("a question again", |s| !s.questions.is_empty());
    let states: Vec<&str> = asked.questions.iter().map(|q| q.state.as_str()).collect();
    assert_eq!(states, ["Bill"]);
    runs.answer(
        asked.questions[0].id,
        TaskAnswer::Return {
            output: "\"billed\"".into(),
        },
    )
    .expect("answer");
    let end = w2.ended();
    assert_eq!(end.summary.status, RunStatus::Succeeded);
    let output: Value =
        serde_json::from_str(end.summary.output.as_deref().expect("output")).expect("json output");
    assert_eq!(output, json!(["shipped", "billed"]));
}
