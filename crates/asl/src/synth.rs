//! Synthetic state machines shaped like real ones, for benchmarks and stress tests:
//! Tasks with Retry and Catch, Choice fan-outs that rejoin, Parallel and Map containers,
//! Waits, and a shared error handler. Deterministic for a given size.

use serde_json::{json, Map, Value};

/// A valid machine with about `target` states (nested ones included; never fewer).
pub fn machine(target: usize) -> Value {
    let mut states = Map::new();
    let mut count = 0usize;
    let mut block = 0usize;
    let mut prev: Option<String> = None;
    // The shared handler every Catch leads to.
    states.insert(
        "HandleError".into(),
        json!({"Type": "Fail", "Error": "Pipeline.Failed", "CausePath": "$.error.Cause"}),
    );
    count += 1;
    while count + 1 < target {
        let (first, last, added) = add_block(&mut states, block);
        if let Some(p) = &prev {
            link(&mut states, p, &first);
        }
        prev = Some(last);
        count += added;
        block += 1;
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    if let Some(p) = &prev {
        link(&mut states, p, "Done");
    }
    let start = if block > 0 { "B0_Fetch" } else { "Done" };
    json!({"Comment": format!("synthetic machine, {target} states"), "StartAt": start, "States": states})
}

fn link(states: &mut Map<String, Value>, from: &str, to: &str) {
    if let Some(Value::Object(s)) = states.get_mut(from) {
        s.insert("Next".into(), Value::String(to.into()));
    }
}

fn task(resource: &str) -> Value {
    json!({
        "Type": "Task",
        "Resource": resource,
        "Parameters": {"FunctionName": "worker", "Payload.$": "$"},
        "ResultSelector": {"body.$": "$.Payload"},
        "ResultPath": "$.result",
        "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "HandleError"}]
    })
}

/// Adds one block of 14 states; returns its first and last state and how many it added.
fn add_block(states: &mut Map<String, Value>, b: usize) -> (String, String, usize) {
    let n = |s: &str| format!("B{b}_{s}");
    states.insert(n("Fetch"), task("arn:aws:states:::lambda:invoke"));
    states.insert(
        n("Route"),
        json!({"Type": "Choice", "Choices": [
            {"Variable": "$.result.body.kind", "StringEquals": "small", "Next": n("Small")},
            {"And": [{"Variable": "$.result.body.size", "NumericGreaterThan": 100}, {"Variable": "$.result.body.urgent", "BooleanEquals": true}], "Next": n("Urgent")}
        ], "Default": n("Large")}),
    );
    link(states, &n("Fetch"), &n("Route"));
    for s in ["Small", "Urgent", "Large"] {
        states.insert(n(s), json!({"Type": "Pass", "Parameters": {"route": s, "input.$": "$"}, "ResultPath": "$.route", "Next": n("Fan")}));
    }
    let branch = |x: &str| {
        json!({"StartAt": format!("B{b}_{x}1"), "States": {
            format!("B{b}_{x}1"): {"Type": "Pass", "Next": format!("B{b}_{x}2")},
            format!("B{b}_{x}2"): {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message.$": "States.JsonToString($)"}, "End": true}
        }})
    };
    states.insert(
        n("Fan"),
        json!({"Type": "Parallel", "Branches": [branch("Left"), branch("Right")], "ResultPath": "$.fan",
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "HandleError"}], "Next": n("Items")}),
    );
    states.insert(
        n("Items"),
        json!({"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 10, "ResultPath": "$.mapped",
               "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": format!("B{b}_Each"), "States": {
                   format!("B{b}_Each"): {"Type": "Pass", "Next": format!("B{b}_Save")},
                   format!("B{b}_Save"): {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t", "Item": {"id": {"S.$": "States.Format('{}-{}', $.index, $.item.id)"}}}, "End": true}
               }},
               "Next": n("Pause")}),
    );
    states.insert(
        n("Pause"),
        json!({"Type": "Wait", "SecondsPath": "$.delay"}),
    );
    (n("Fetch"), n("Pause"), 14)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_machines_are_valid_and_sized() {
        for target in [20, 200, 2000] {
            let m = super::machine(target);
            let d = crate::validate(&m);
            assert!(d.is_empty(), "{d:#?}");
            let doc = crate::Document::parse(m.to_string().as_bytes(), None).expect("parses");
            let n = doc.states().len();
            assert!(n >= target && n < target + 14, "{target} -> {n}");
        }
    }
}
