//! Redrive, as AWS documents it (API reference, RedriveExecution): "it continues the failed
//! execution from the unsuccessful step and uses the same input ... preserves the results and
//! execution history of the successful steps, and doesn't rerun these steps", and "for
//! workflows that include an Inline Map or Parallel state, reschedules and redrives only the
//! iterations and branches that failed or aborted".
//!
//! Each test runs a machine whose `Flaky*` tasks fail while the service is broken, mends the
//! service, redrives from the first run's [`Outcome::redrive`] and counts what ran again.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{
    run_blocking, ExecutionConfig, Outcome, Part, RedrivePoint, StatesError, Status,
};

/// `Flaky*` tasks fail while `broken`; every task returns `{"did": name, "in": input}`.
#[derive(Default)]
struct Service {
    broken: AtomicBool,
    calls: Mutex<BTreeMap<String, Vec<Value>>>,
}

impl TaskHandler for Service {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            self.calls
                .lock()
                .unwrap()
                .entry(req.state_name.clone())
                .or_default()
                .push(req.input.clone());
            if req.state_name.starts_with("Flaky") && self.broken.load(Ordering::SeqCst) {
                return Err(StatesError::new("Service.Down", "try later"));
            }
            Ok(json!({"did": req.state_name, "in": req.input}))
        })
    }
}

impl Service {
    fn broken() -> Arc<Self> {
        let s = Service::default();
        s.broken.store(true, Ordering::SeqCst);
        Arc::new(s)
    }

    fn calls(&self, state: &str) -> Vec<Value> {
        self.calls
            .lock()
            .unwrap()
            .get(state)
            .cloned()
            .unwrap_or_default()
    }

    fn mend(&self) {
        self.broken.store(false, Ordering::SeqCst);
    }
}

fn run(def: &Value, input: Value, svc: &Arc<Service>, plan: Option<RedrivePoint>) -> Outcome {
    let machine = stepwise_asl::StateMachine::from_value(def).expect("valid definition");
    let mut config = ExecutionConfig::new(svc.clone());
    config.seed = Some(1);
    config.redrivable = true;
    config.redrive = plan;
    run_blocking(Arc::new(machine), input, config)
}

/// Runs `def` against a broken service (it must fail), mends it and redrives; returns the
/// first outcome's plan and the redriven outcome.
fn fail_then_redrive(def: &Value, input: Value, svc: &Arc<Service>) -> (RedrivePoint, Outcome) {
    let first = run(def, input.clone(), svc, None);
    assert_ne!(first.status, Status::Succeeded, "{:?}", first.error);
    let plan = first.redrive.expect("a plan for the redrive");
    // The plan is kept by the server and the app as JSON: it must come back the same.
    let text = serde_json::to_string(&plan).unwrap();
    let plan: RedrivePoint = serde_json::from_str(&text).unwrap();
    svc.mend();
    let again = run(def, input, svc, Some(plan.clone()));
    (plan, again)
}

/// A Task that ends its scope.
fn task() -> Value {
    json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true})
}

#[test]
fn parallel_redrive_reruns_only_the_failed_branch_and_keeps_the_others_result() {
    let def = json!({
        "StartAt": "Both",
        "States": {
            "Both": {"Type": "Parallel", "Next": "After", "Branches": [
                {"StartAt": "Steady", "States": {"Steady": task()}},
                {"StartAt": "Later", "States": {
                    "Later": {"Type": "Wait", "Seconds": 1, "Next": "Flaky"},
                    "Flaky": task()
                }}
            ]},
            "After": task()
        }
    });
    let svc = Service::broken();
    let (plan, again) = fail_then_redrive(&def, json!({"n": 1}), &svc);
    assert_eq!(plan.state, "Both");
    assert!(matches!(plan.parts[0], Part::Succeeded { .. }), "{plan:?}");
    assert!(
        matches!(&plan.parts[1], Part::Unfinished { at } if at.state == "Flaky"),
        "{plan:?}"
    );
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    assert_eq!(
        svc.calls("Steady").len(),
        1,
        "the succeeded branch ran again"
    );
    assert_eq!(svc.calls("Flaky").len(), 2);
    assert_eq!(svc.calls("After").len(), 1);
    // The Parallel's result is both branches' outputs, in branch order, the kept one included.
    let after_input = &svc.calls("After")[0];
    assert_eq!(after_input[0]["did"], "Steady");
    assert_eq!(after_input[1]["did"], "Flaky");
}

#[test]
fn inline_map_redrive_reruns_only_failed_and_unstarted_iterations_in_item_order() {
    let def = json!({
        "StartAt": "Each",
        "States": {
            "Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"StartAt": "Route", "States": {
                "Route": {"Type": "Choice", "Choices": [
                    {"Variable": "$", "NumericEquals": 3, "Next": "FlakyWork"}
                  ], "Default": "Work"},
                "Work": task(),
                "FlakyWork": task()
              }}}
        }
    });
    let svc = Service::broken();
    let (plan, again) = fail_then_redrive(&def, json!([1, 2, 3, 4]), &svc);
    // One at a time: items 1 and 2 succeeded, 3 failed, 4 never started.
    let kinds: Vec<&str> = plan
        .parts
        .iter()
        .map(|p| match p {
            Part::Succeeded { .. } => "succeeded",
            Part::Unfinished { .. } => "unfinished",
            Part::NotStarted => "not started",
        })
        .collect();
    assert_eq!(
        kinds,
        ["succeeded", "succeeded", "unfinished", "not started"]
    );
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    let work: Vec<Value> = svc.calls("Work");
    assert_eq!(
        work,
        [json!(1), json!(2), json!(4)],
        "items 1 and 2 ran again"
    );
    assert_eq!(svc.calls("FlakyWork"), [json!(3), json!(3)]);
    let out = again.output.unwrap();
    let did: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["did"].as_str().unwrap())
        .collect();
    assert_eq!(did, ["Work", "Work", "FlakyWork", "Work"]);
}

#[test]
fn distributed_map_redrive_reruns_only_the_failed_child_executions() {
    let def = json!({
        "StartAt": "Each",
        "States": {
            "Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Route", "States": {
                "Route": {"Type": "Choice", "Choices": [
                    {"Variable": "$", "NumericEquals": 2, "Next": "FlakyWork"}
                  ], "Default": "Work"},
                "Work": task(),
                "FlakyWork": task()
              }}}
        }
    });
    let svc = Service::broken();
    let (_, again) = fail_then_redrive(&def, json!([1, 2, 3]), &svc);
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    assert_eq!(svc.calls("Work"), [json!(1), json!(3)]);
    assert_eq!(svc.calls("FlakyWork"), [json!(2), json!(2)]);
}

#[test]
fn a_redriven_branch_goes_on_from_its_failed_step_with_the_variables_it_had() {
    let def = json!({
        "StartAt": "Both",
        "States": {
            "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Mark", "States": {
                    "Mark": {"Type": "Pass", "Assign": {"mark.$": "$.n"}, "Next": "First"},
                    "First": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "ResultPath": "$.first", "Next": "FlakySecond"},
                    "FlakySecond": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "Parameters": {"mark.$": "$mark", "first.$": "$.first.did"}, "End": true}
                }}
            ]}
        }
    });
    let svc = Service::broken();
    let (plan, again) = fail_then_redrive(&def, json!({"n": 41}), &svc);
    let Part::Unfinished { at } = &plan.parts[0] else {
        panic!("{plan:?}")
    };
    assert_eq!(at.variables.get("mark"), Some(&json!(41)));
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    assert_eq!(
        svc.calls("First").len(),
        1,
        "the step that succeeded ran again"
    );
    assert_eq!(
        svc.calls("FlakySecond")[1],
        json!({"mark": 41, "first": "First"})
    );
}

#[test]
fn top_level_redrive_keeps_variables_and_the_execution_input() {
    let def = json!({
        "StartAt": "Remember",
        "States": {
            "Remember": {"Type": "Pass", "Assign": {"who.$": "$.name"}, "OutputPath": "$.name", "Next": "FlakyCall"},
            "FlakyCall": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"who.$": "$who", "in.$": "$", "started.$": "$$.Execution.Input"}, "End": true}
        }
    });
    let svc = Service::broken();
    let (plan, again) = fail_then_redrive(&def, json!({"name": "ada"}), &svc);
    assert_eq!(plan.state, "FlakyCall");
    assert_eq!(plan.input, json!("ada"));
    assert!(plan.parts.is_empty());
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    assert_eq!(
        svc.calls("FlakyCall")[1],
        json!({"who": "ada", "in": "ada", "started": {"name": "ada"}})
    );
}

#[test]
fn a_map_inside_a_parallel_redrives_only_its_failed_iteration() {
    let def = json!({
        "StartAt": "Both",
        "States": {
            "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Steady", "States": {"Steady": task()}},
                {"StartAt": "Each", "States": {
                    "Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                      "ItemProcessor": {"StartAt": "Route", "States": {
                        "Route": {"Type": "Choice", "Choices": [
                            {"Variable": "$", "StringEquals": "b", "Next": "Later"}
                          ], "Default": "Work"},
                        "Later": {"Type": "Wait", "Seconds": 1, "Next": "FlakyWork"},
                        "Work": task(),
                        "FlakyWork": task()
                      }}}
                }}
            ]}
        }
    });
    let svc = Service::broken();
    let (_, again) = fail_then_redrive(&def, json!({"items": ["a", "b", "c"]}), &svc);
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    assert_eq!(svc.calls("Steady").len(), 1);
    assert_eq!(svc.calls("Work"), [json!("a"), json!("c")]);
    assert_eq!(svc.calls("FlakyWork"), [json!("b"), json!("b")]);
    let out = again.output.unwrap();
    assert_eq!(out[1][1]["did"], "FlakyWork");
}

#[test]
fn a_timed_out_execution_redrives_the_branch_that_was_still_running() {
    // AWS redrives "failed, aborted, or timed out executions"; the branch that finished
    // before the timeout keeps its result.
    let def = json!({
        "StartAt": "Both",
        "TimeoutSeconds": 5,
        "States": {
            "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Steady", "States": {"Steady": task()}},
                {"StartAt": "Nap", "States": {
                    "Nap": {"Type": "Wait", "SecondsPath": "$.nap", "Next": "Late"},
                    "Late": task()
                }}
            ]}
        }
    });
    let svc = Arc::new(Service::default());
    let first = run(&def, json!({"nap": 60}), &svc, None);
    assert_eq!(first.status, Status::TimedOut);
    let mut plan = first.redrive.expect("a plan");
    let Part::Unfinished { at } = &mut plan.parts[1] else {
        panic!("{plan:?}")
    };
    assert_eq!(at.state, "Nap");
    // The redrive goes on with the input the Wait had; shorten it here to finish in time.
    at.input = json!({"nap": 1});
    let again = run(&def, json!({"nap": 60}), &svc, Some(plan));
    assert_eq!(again.status, Status::Succeeded, "{:?}", again.error);
    assert_eq!(svc.calls("Steady").len(), 1);
    assert_eq!(svc.calls("Late").len(), 1);
}

#[test]
fn a_plan_is_kept_only_for_unsuccessful_redrivable_runs() {
    let def = json!({"StartAt": "FlakyCall", "States": {"FlakyCall": task()}});
    let machine = Arc::new(stepwise_asl::StateMachine::from_value(&def).unwrap());
    // (redrivable, broken, plan expected)
    for (redrivable, broken, expected) in [
        (true, true, true),
        (true, false, false),
        (false, true, false),
    ] {
        let svc = Arc::new(Service::default());
        svc.broken.store(broken, Ordering::SeqCst);
        let mut config = ExecutionConfig::new(svc);
        config.redrivable = redrivable;
        let out = run_blocking(machine.clone(), json!({}), config);
        assert_eq!(
            out.redrive.is_some(),
            expected,
            "redrivable {redrivable}, broken {broken}"
        );
    }
}

#[test]
fn a_redriven_execution_tells_its_redrive_count_and_time_in_the_context_object() {
    // AWS guide, "Context object": RedriveCount is 0 until the execution is redriven, and
    // "the RedriveTime context object is only available if you've redriven an execution".
    let def = json!({"StartAt": "Look", "States": {"Look": {"Type": "Pass",
        "Parameters": {"execution.$": "$$.Execution"}, "End": true}}});
    let machine = Arc::new(stepwise_asl::StateMachine::from_value(&def).unwrap());
    let first_start = 1_700_000_000_000;
    let redrive_at = 1_700_000_600_000;
    // (redriven, count, StartTime, RedriveTime)
    let cases = [
        (None, 0, "2023-11-14T22:13:20Z", None),
        (
            Some(stepwise_engine::Redriven {
                count: 2,
                first_start_ms: first_start,
            }),
            2,
            "2023-11-14T22:13:20Z",
            Some("2023-11-14T22:23:20Z"),
        ),
    ];
    for (redriven, count, start, redrive_time) in cases {
        let mut config = ExecutionConfig::new(Arc::new(Service::default()));
        config.start_time_ms = Some(if redriven.is_some() {
            redrive_at
        } else {
            first_start
        });
        config.redriven = redriven;
        let out = run_blocking(machine.clone(), json!({}), config);
        let e = &out.output.expect("output")["execution"];
        assert_eq!(e["RedriveCount"], json!(count));
        assert_eq!(
            e["StartTime"].as_str().map(|s| &s[..19]),
            Some(&start[..19])
        );
        assert_eq!(
            e.get("RedriveTime")
                .and_then(Value::as_str)
                .map(|s| s[..19].to_string()),
            redrive_time.map(|s| s[..19].to_string())
        );
    }
}
