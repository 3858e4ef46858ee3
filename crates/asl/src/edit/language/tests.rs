use super::*;
use crate::edit::{apply, Edit, Slot};

fn machine(states: Value) -> Value {
    json!({"StartAt": "A", "States": states})
}

/// The state `A` of the converted machine.
fn converted(state: Value, to: QueryLanguage) -> Value {
    let out = switch_machine(&machine(json!({"A": state})), to).expect("converts");
    out["States"]["A"].clone()
}

fn blockers(state: Value, to: QueryLanguage) -> Vec<(String, String)> {
    match switch_machine(&machine(json!({"A": state})), to) {
        Ok(_) => Vec::new(),
        Err(b) => b.into_iter().map(|b| (b.pointer, b.reason)).collect(),
    }
}

#[test]
fn jsonpath_states_become_jsonata_states() {
    let table = [
        // Lambda invoke as the palette writes it: Parameters → Arguments, OutputPath on the result → Output.
        (
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload",
                   "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true}),
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Output": "{% $states.result.Payload %}",
                   "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "End": true}),
        ),
        // InputPath narrows what templates read; the context becomes $states.context.
        (
            json!({"Type": "Task", "Resource": "r", "InputPath": "$.order",
                   "Parameters": {"id.$": "$.id", "run.$": "$$.Execution.Id", "odd.$": "$['a b']"}, "End": true}),
            json!({"Type": "Task", "Resource": "r",
                   "Arguments": {"id": "{% $states.input.order.id %}", "run": "{% $states.context.Execution.Id %}", "odd": "{% $states.input.order.`a b` %}"}, "End": true}),
        ),
        // ResultPath merges the result into the input; ResultSelector shapes the result first.
        (
            json!({"Type": "Task", "Resource": "r", "ResultSelector": {"n.$": "$.count"}, "ResultPath": "$.stats", "Next": "B"}),
            json!({"Type": "Task", "Resource": "r", "Output": "{% $merge([$states.input, {\"stats\": {\"n\": ($states.result.count)}}]) %}", "Next": "B"}),
        ),
        (
            json!({"Type": "Task", "Resource": "r", "ResultPath": null, "End": true}),
            json!({"Type": "Task", "Resource": "r", "Output": "{% $states.input %}", "End": true}),
        ),
        // Pass: Result is the result; InputPath + OutputPath compose into one path.
        (
            json!({"Type": "Pass", "Result": {"ok": true}, "End": true}),
            json!({"Type": "Pass", "Output": {"ok": true}, "End": true}),
        ),
        (
            json!({"Type": "Pass", "InputPath": "$.a", "OutputPath": "$.b", "End": true}),
            json!({"Type": "Pass", "Output": "{% $states.input.a.b %}", "End": true}),
        ),
        (
            json!({"Type": "Pass", "Parameters": {"x.$": "$.y"}, "ResultPath": "$.out.p", "End": true}),
            json!({"Type": "Pass", "Output": "{% $merge([$states.input, {\"out\": $merge([$states.input.out, {\"p\": {\"x\": ($states.input.y)}}])}]) %}", "End": true}),
        ),
        // Choice comparisons check the type first, as the JSONPath operators do.
        (
            json!({"Type": "Choice", "Choices": [
                {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "B"},
                {"And": [{"Variable": "$.vip", "BooleanEquals": true}, {"Not": {"Variable": "$.note", "IsPresent": true}}], "Next": "B"}
            ], "Default": "B"}),
            json!({"Type": "Choice", "Choices": [
                {"Condition": "{% ($type($states.input.total) = \"number\" and $states.input.total > 100) %}", "Next": "B"},
                {"Condition": "{% (($type($states.input.vip) = \"boolean\" and $states.input.vip = true) and $not($exists($states.input.note))) %}", "Next": "B"}
            ], "Default": "B"}),
        ),
        // Map: ItemsPath → Items, ItemSelector paths, the item from the context.
        (
            json!({"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "wh.$": "$.warehouse"},
                   "MaxConcurrencyPath": "$.limit",
                   "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.sku", "End": true}}}, "End": true}),
            json!({"Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": {"sku": "{% $states.context.Map.Item.Value.sku %}", "wh": "{% $states.input.warehouse %}"},
                   "MaxConcurrency": "{% $states.input.limit %}",
                   "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.sku %}", "End": true}}}, "End": true}),
        ),
        // Wait and Fail paths; Catch ResultPath over the error output.
        (
            json!({"Type": "Wait", "SecondsPath": "$.delay", "Next": "B"}),
            json!({"Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "B"}),
        ),
        (
            json!({"Type": "Fail", "ErrorPath": "$.code", "CausePath": "$.why"}),
            json!({"Type": "Fail", "Error": "{% $states.input.code %}", "Cause": "{% $states.input.why %}"}),
        ),
        (
            json!({"Type": "Task", "Resource": "r", "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "B"}], "End": true}),
            json!({"Type": "Task", "Resource": "r", "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $merge([$states.input, {\"error\": $states.errorOutput}]) %}", "Next": "B"}], "End": true}),
        ),
    ];
    for (from, to) in table {
        assert_eq!(
            converted(from.clone(), QueryLanguage::Jsonata),
            to,
            "from {from}"
        );
    }
}

#[test]
fn what_has_no_exact_jsonata_form_is_named() {
    let table = [
        (
            json!({"Type": "Pass", "Parameters": {"m.$": "States.Format('{}', $.a)"}, "End": true}),
            "/States/A/Parameters/m.$",
        ),
        (
            json!({"Type": "Pass", "InputPath": "$.items[0]", "End": true}),
            "/States/A/InputPath",
        ),
        (
            json!({"Type": "Pass", "OutputPath": "$..x", "End": true}),
            "/States/A/OutputPath",
        ),
        (
            json!({"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampEquals": "2024-01-01T00:00:00Z", "Next": "B"}]}),
            "/States/A/Choices/0/TimestampEquals",
        ),
        (
            json!({"Type": "Pass", "Assign": {"x.$": "$.a"}, "End": true}),
            "/States/A/Assign",
        ),
        (
            json!({"Type": "Pass", "Result": "{% not data %}", "End": true}),
            "/States/A/Result",
        ),
    ];
    for (state, pointer) in table {
        let b = blockers(state.clone(), QueryLanguage::Jsonata);
        assert!(b.iter().any(|(p, _)| p == pointer), "{state}: {b:?}");
    }
}

#[test]
fn plain_jsonata_states_go_back_to_jsonpath() {
    let table = [
        (
            json!({"Type": "Task", "Resource": "r", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "Output": "{% $states.result.Payload %}", "End": true}),
            json!({"Type": "Task", "Resource": "r", "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}),
        ),
        (
            json!({"Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": {"sku": "{% $states.context.Map.Item.Value.sku %}"},
                   "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.`a b` %}", "End": true}}}, "End": true}),
            json!({"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku"},
                   "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$['a b']", "End": true}}}, "End": true}),
        ),
        (
            json!({"Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "B"}),
            json!({"Type": "Wait", "SecondsPath": "$.delay", "Next": "B"}),
        ),
    ];
    for (from, to) in table {
        let root =
            json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": from.clone()}});
        let out = switch_machine(&root, QueryLanguage::JsonPath).expect("converts");
        assert_eq!(out.get("QueryLanguage"), None);
        assert_eq!(out["States"]["A"], to, "from {from}");
    }
}

#[test]
fn jsonpath_machines_go_there_and_back_unchanged() {
    let original = machine(json!({
        "A": {"Type": "Task", "Resource": "r", "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "OutputPath": "$.Payload", "Next": "W"},
        "W": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "M"},
        "M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.sku", "End": true}}}, "End": true}
    }));
    let there = switch_machine(&original, QueryLanguage::Jsonata).expect("to JSONata");
    assert_eq!(there["QueryLanguage"], "JSONata");
    let back = switch_machine(&there, QueryLanguage::JsonPath).expect("back");
    assert_eq!(back, original);
}

#[test]
fn the_orders_example_names_what_stops_it_going_to_jsonpath() {
    let text = include_str!("../../../../../examples/jsonata-orders.asl.json");
    let root: Value = serde_json::from_str(text).expect("example parses");
    let Err(b) = switch_machine(&root, QueryLanguage::JsonPath) else {
        panic!("the example uses JSONata beyond plain paths");
    };
    let at: Vec<&str> = b.iter().map(|b| b.pointer.as_str()).collect();
    assert!(
        at.contains(&"/States/Route Order/Choices/0/Condition"),
        "{at:?}"
    );
    assert!(at.contains(&"/States/Load Order/Assign"), "{at:?}");
    // The edit refuses as a whole: nothing changes.
    let mut doc = root.clone();
    let err = apply(
        &mut doc,
        &Edit::SetQueryLanguage {
            language: QueryLanguage::JsonPath,
        },
    )
    .expect_err("refused");
    assert!(
        err.to_string()
            .contains("/States/Route Order/Choices/0/Condition"),
        "{err}"
    );
    assert_eq!(doc, root);
}

#[test]
fn new_states_follow_the_machine_language() {
    let mut doc = json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
    let map = json!({"Type": "Map", "ItemsPath": "$.items",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Process item", "States": {"Process item": {"Type": "Pass", "End": true}}}});
    apply(
        &mut doc,
        &Edit::AddState {
            scope: String::new(),
            name: "Map".into(),
            state: map,
        },
    )
    .expect("add");
    assert_eq!(doc["States"]["Map"]["Items"], "{% $states.input.items %}");
    assert_eq!(doc["States"]["Map"].get("ItemsPath"), None);
    let choice = json!({"Type": "Choice", "Choices": [{"Variable": "$.value", "IsPresent": true, "Next": "A"}]});
    apply(
        &mut doc,
        &Edit::InsertOnEdge {
            source: "/States/A".into(),
            slot: Slot::Next,
            name: "Choice".into(),
            state: choice,
        },
    )
    .expect("insert");
    assert_eq!(
        doc["States"]["Choice"]["Choices"][0]["Condition"],
        "{% $exists($states.input.value) %}"
    );
    // In a JSONPath machine the template stays as it is.
    let mut plain = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
    let map = json!({"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}});
    apply(
        &mut plain,
        &Edit::AddState {
            scope: String::new(),
            name: "Map".into(),
            state: map,
        },
    )
    .expect("add");
    assert_eq!(plain["States"]["Map"]["ItemsPath"], "$.items");
}

#[test]
fn switching_by_the_edit_sets_the_language() {
    let mut doc = machine(json!({"A": {"Type": "Pass", "InputPath": "$.a", "End": true}}));
    let outcome = apply(
        &mut doc,
        &Edit::SetQueryLanguage {
            language: QueryLanguage::Jsonata,
        },
    )
    .expect("switch");
    assert_eq!(outcome.label, "Switch to JSONata");
    assert_eq!(doc["QueryLanguage"], "JSONata");
    assert_eq!(doc["States"]["A"]["Output"], "{% $states.input.a %}");
    let keys: Vec<&String> = doc
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["StartAt", "QueryLanguage", "States"]);
}
