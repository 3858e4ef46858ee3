//! Activity tasks in a history as AWS records them: `ActivityScheduled`, `ActivityStarted`,
//! `ActivitySucceeded`, `ActivityFailed`, `ActivityTimedOut` rather than the `Task*` events the
//! engine writes for every Task state (suites written against AWS look for these names).

use serde_json::{json, Map, Value};

/// Renames a `Task*` event of an activity resource to its `Activity*` form; other events are
/// left as they are.
pub fn rename(event: &mut Value) {
    let Some(obj) = event.as_object_mut() else {
        return;
    };
    let Some(kind) = obj.get("type").and_then(Value::as_str) else {
        return;
    };
    let (details_key, activity) = match kind {
        "TaskScheduled" => ("taskScheduledEventDetails", "ActivityScheduled"),
        "TaskStarted" => ("taskStartedEventDetails", "ActivityStarted"),
        "TaskSucceeded" => ("taskSucceededEventDetails", "ActivitySucceeded"),
        "TaskFailed" => ("taskFailedEventDetails", "ActivityFailed"),
        "TaskTimedOut" => ("taskTimedOutEventDetails", "ActivityTimedOut"),
        _ => return,
    };
    let is_activity = obj
        .get(details_key)
        .and_then(|d| d.get("resource"))
        .and_then(Value::as_str)
        .is_some_and(|r| crate::arn::resource_type(r) == Some("activity"));
    if !is_activity {
        return;
    }
    let Some(Value::Object(task)) = obj.shift_remove(details_key) else {
        return;
    };
    let details = activity_details(activity, &task);
    obj.insert("type".into(), json!(activity));
    let mut key = activity.to_string();
    key[..1].make_ascii_lowercase();
    obj.insert(format!("{key}EventDetails"), Value::Object(details));
}

/// The fields AWS's `Activity*EventDetails` have, from the engine's task details.
fn activity_details(activity: &str, task: &Map<String, Value>) -> Map<String, Value> {
    let keep = |names: &[&str]| -> Map<String, Value> {
        names
            .iter()
            .filter_map(|n| task.get(*n).map(|v| (n.to_string(), v.clone())))
            .collect()
    };
    match activity {
        "ActivityScheduled" => {
            let mut d = keep(&["resource", "timeoutInSeconds", "heartbeatInSeconds"]);
            if let Some(p) = task.get("parameters") {
                d.insert("input".into(), p.clone());
                d.insert("inputDetails".into(), json!({"truncated": false}));
            }
            d
        }
        // The worker's name is not known when the engine starts the task.
        "ActivityStarted" => Map::new(),
        "ActivitySucceeded" => keep(&["output", "outputDetails"]),
        _ => keep(&["error", "cause"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIVITY: &str = "arn:aws:states:us-east-1:123456789012:activity:pack";

    #[test]
    fn activity_task_events_take_aws_names_and_fields() {
        // (engine event, AWS event)
        let table = [
            (
                json!({"id": 3, "type": "TaskScheduled", "taskScheduledEventDetails": {
                    "resourceType": "activity", "resource": ACTIVITY, "region": "us-east-1",
                    "parameters": "{\"a\":1}", "timeoutInSeconds": 30}}),
                json!({"id": 3, "type": "ActivityScheduled", "activityScheduledEventDetails": {
                    "resource": ACTIVITY, "timeoutInSeconds": 30, "input": "{\"a\":1}",
                    "inputDetails": {"truncated": false}}}),
            ),
            (
                json!({"type": "TaskStarted", "taskStartedEventDetails": {"resourceType": "activity", "resource": ACTIVITY}}),
                json!({"type": "ActivityStarted", "activityStartedEventDetails": {}}),
            ),
            (
                json!({"type": "TaskSucceeded", "taskSucceededEventDetails": {"resourceType": "activity",
                    "resource": ACTIVITY, "output": "{}", "outputDetails": {"truncated": false}}}),
                json!({"type": "ActivitySucceeded", "activitySucceededEventDetails": {
                    "output": "{}", "outputDetails": {"truncated": false}}}),
            ),
            (
                json!({"type": "TaskFailed", "taskFailedEventDetails": {"resourceType": "activity",
                    "resource": ACTIVITY, "error": "E", "cause": "C"}}),
                json!({"type": "ActivityFailed", "activityFailedEventDetails": {"error": "E", "cause": "C"}}),
            ),
            (
                json!({"type": "TaskTimedOut", "taskTimedOutEventDetails": {"resourceType": "activity",
                    "resource": ACTIVITY, "error": "States.Timeout"}}),
                json!({"type": "ActivityTimedOut", "activityTimedOutEventDetails": {"error": "States.Timeout"}}),
            ),
        ];
        for (mut engine, aws) in table {
            rename(&mut engine);
            assert_eq!(engine, aws);
        }
    }

    #[test]
    fn other_tasks_keep_their_events() {
        let lambda = json!({"type": "TaskSucceeded", "taskSucceededEventDetails": {
            "resourceType": "lambda", "resource": "invoke", "output": "{}"}});
        let mut same = lambda.clone();
        rename(&mut same);
        assert_eq!(same, lambda);
    }
}
