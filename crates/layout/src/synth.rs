//! Synthetic machines for benchmarks and the elkjs/dagre comparison: the asl crate's
//! realistic generator (chains with Retry/Catch to a shared handler, Choice fan-outs that
//! rejoin, Parallel, inline Map, Wait) plus what it lacks: polling loops (back-edges) and
//! deeper nesting (a Parallel inside a Map inside a Parallel branch).

use serde_json::{json, Map, Value};

/// A valid machine of about `target` states (nested ones included). Deterministic.
pub fn machine(target: usize) -> Value {
    // Each 14-state block gains 2 states every third block and 6 every fourth.
    let base = (target * 14 / 16).max(2);
    let mut m = stepwise_asl::synth::machine(base);
    let Some(states) = m.get_mut("States").and_then(Value::as_object_mut) else {
        return m;
    };
    let blocks = (0..)
        .take_while(|b| states.contains_key(&format!("B{b}_Fetch")))
        .count();
    for b in 0..blocks {
        if b % 3 == 1 {
            add_poll_loop(states, b);
        }
        if b % 4 == 2 {
            deepen(states, b);
        }
    }
    m
}

/// `Pause` -> `Check` -> `Ready?` which loops back to `Pause` until the job is done.
fn add_poll_loop(states: &mut Map<String, Value>, b: usize) {
    let pause = format!("B{b}_Pause");
    let Some(next) = states
        .get(&pause)
        .and_then(|s| s.get("Next"))
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let check = format!("B{b}_Check");
    let ready = format!("B{b}_Ready");
    if let Some(Value::Object(p)) = states.get_mut(&pause) {
        p.insert("Next".into(), Value::String(check.clone()));
    }
    states.insert(
        check.clone(),
        json!({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:glue:getJobRun",
               "Parameters": {"JobName": "j", "RunId.$": "$.runId"}, "ResultPath": "$.job",
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "HandleError"}],
               "Next": ready}),
    );
    states.insert(
        ready,
        json!({"Type": "Choice", "Choices": [
                   {"Variable": "$.job.JobRun.JobRunState", "StringEquals": "SUCCEEDED", "Next": next}],
               "Default": pause}),
    );
}

/// The Left branch of `Fan` gets a Map whose processor holds a two-branch Parallel.
fn deepen(states: &mut Map<String, Value>, b: usize) {
    let Some(branches) = states
        .get_mut(&format!("B{b}_Fan"))
        .and_then(|f| f.get_mut("Branches"))
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    let Some(left) = branches
        .first_mut()
        .and_then(|l| l.get_mut("States"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let inner = |x: &str| {
        json!({"StartAt": format!("B{b}_{x}A"), "States": {
            format!("B{b}_{x}A"): {"Type": "Pass", "Next": format!("B{b}_{x}B")},
            format!("B{b}_{x}B"): {"Type": "Pass", "End": true}
        }})
    };
    let left2 = format!("B{b}_Left2");
    if let Some(Value::Object(l1)) = left.get_mut(&format!("B{b}_Left1")) {
        l1.insert("Next".into(), Value::String(format!("B{b}_Nested")));
    }
    left.shift_remove(&left2);
    left.insert(
        format!("B{b}_Nested"),
        json!({"Type": "Map", "ItemsPath": "$.parts", "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": format!("B{b}_Split"), "States": {
                format!("B{b}_Split"): {"Type": "Parallel", "Branches": [inner("Up"), inner("Down")], "End": true}
            }}, "Next": left2}),
    );
    left.insert(
        left2,
        json!({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
               "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message.$": "$"}, "End": true}),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_machines_validate() {
        for n in [20, 200, 2000] {
            let m = super::machine(n);
            let d = stepwise_asl::validate(&m);
            assert!(d.is_empty(), "{n}: {d:#?}");
        }
    }
}
