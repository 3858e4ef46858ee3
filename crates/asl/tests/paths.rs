//! Paths and intrinsic calls through the public API only, as the validator and the local
//! engine use them: parse the text of a state's fields, classify it, evaluate it.

use serde_json::{json, Value};
use stepwise_asl::intrinsics::{self, Arg, CallProblemKind};
use stepwise_asl::path::{EvalError, JsonPath, PathError, PathRoot, Selection};

/// A Map iteration as the engine would see it: state input, context object, variables.
fn world() -> (Value, Value, impl Fn(&str) -> Option<Value>) {
    let input = json!({
        "order": {"id": "o-1", "lines": [
            {"sku": "A", "qty": 2, "price": 5},
            {"sku": "B", "qty": 1, "price": 12.5},
            {"sku": "C", "qty": 0, "price": 3}
        ]},
        "threshold": 4
    });
    let context = json!({"Execution": {"Id": "arn:aws:states:x:1:execution:m:e"}, "Map": {"Item": {"Index": 1}}});
    let variables =
        |name: &str| (name == "customer").then(|| json!({"tier": "gold", "ids": [7, 8]}));
    (input, context, variables)
}

fn select(text: &str) -> Result<Selection, EvalError> {
    let (input, context, variables) = world();
    let path: JsonPath = text
        .parse()
        .unwrap_or_else(|e: PathError| panic!("{text}: {e}"));
    path.evaluate(&input, &context, &variables)
}

#[test]
fn fields_of_a_state_parse_and_classify() {
    // ResultPath: a reference path from `$`.
    let result_path = JsonPath::parse("$.order.lines[0]['unit price']").unwrap();
    assert!(result_path.is_reference_path() && result_path.root == PathRoot::Input);
    // ItemsPath may read the context object or a variable and still be a reference path.
    assert!(JsonPath::parse("$$.Map.Item.Value")
        .unwrap()
        .is_reference_path());
    assert!(JsonPath::parse("$customer.ids")
        .unwrap()
        .is_reference_path());
    // InputPath may be any path.
    let input_path = JsonPath::parse("$.order.lines[?(@.qty > 0)].sku").unwrap();
    assert!(!input_path.is_reference_path() && !input_path.is_definite());

    let e = JsonPath::parse("$.order.").unwrap_err();
    assert_eq!(
        (e.offset, e.to_string().as_str()),
        (
            7,
            "at character 7: the path ends with '.'; a field name must follow"
        )
    );
}

#[test]
fn evaluation_as_the_engine_sees_it() {
    assert_eq!(select("$.order.id"), Ok(Selection::One(json!("o-1"))));
    assert_eq!(
        select("$.order.lines[?(@.qty > 0)].sku"),
        Ok(Selection::Many(vec![json!("A"), json!("B")]))
    );
    assert_eq!(
        select("$.order.lines[?(@.price > $.threshold)].sku"),
        Ok(Selection::Many(vec![json!("A"), json!("B")]))
    );
    assert_eq!(
        select("$..sku"),
        Ok(Selection::Many(vec![json!("A"), json!("B"), json!("C")]))
    );
    assert_eq!(
        select("$.order.lines[-1:].sku"),
        Ok(Selection::Many(vec![json!("C")]))
    );
    assert_eq!(select("$.order.nope"), Ok(Selection::NotFound));
    assert_eq!(select("$.order.lines[*].nope"), Ok(Selection::Many(vec![])));
    assert_eq!(select("$$.Map.Item.Index"), Ok(Selection::One(json!(1))));
    assert_eq!(select("$customer.tier"), Ok(Selection::One(json!("gold"))));
    assert_eq!(
        select("$stranger.tier"),
        Err(EvalError::UndefinedVariable("stranger".into()))
    );
    assert_eq!(
        select("$.order.lines[0]['sku','qty']").map(Selection::into_value),
        Ok(Some(json!({"sku": "A", "qty": 2})))
    );
}

#[test]
fn canonical_text_round_trips() {
    for text in [
        "$.order.lines[0:2]['unit price']",
        "$$.Execution.Id",
        "$customer.ids[-1]",
        "$..[?(@.sku in ['A', 'B'])]",
    ] {
        let path = JsonPath::parse(text).unwrap();
        assert_eq!(path.to_string(), text);
        assert_eq!(JsonPath::parse(&path.to_string()).unwrap(), path);
    }
}

#[test]
fn intrinsic_values_of_payload_templates() {
    let text = "States.Format('Order {} for {}: {} lines', $.order.id, $customer.tier, States.ArrayLength($.order.lines))";
    assert!(intrinsics::is_intrinsic_call(text));
    let call = intrinsics::parse(text).unwrap();
    assert!(intrinsics::check(&call).is_empty());
    assert_eq!(intrinsics::count_calls(&call), 2);
    let variables: Vec<&str> = call
        .paths()
        .into_iter()
        .filter_map(|(_, p)| p.variable())
        .collect();
    assert_eq!(variables, vec!["customer"]);
    assert!(matches!(&call.args[0], Arg::String(s) if s.placeholders() == 3));
    assert_eq!(call.to_string(), text);

    let bad = intrinsics::parse("States.MathAdd($.a, States.Nope(), 3)").unwrap();
    let kinds: Vec<CallProblemKind> = intrinsics::check(&bad)
        .into_iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![CallProblemKind::Arity, CallProblemKind::Unknown]
    );

    let e = intrinsics::parse("States.Format('x', $.a.)").unwrap_err();
    assert_eq!(
        e.to_string(),
        "at character 22: the path ends with '.'; a field name must follow"
    );
    assert_eq!(
        intrinsics::signature("States.MathRandom").map(|s| (s.min_args, s.max_args)),
        Some((2, Some(3)))
    );
}

#[test]
fn hostile_input_is_an_error_not_a_crash() {
    let parens = format!("$[?({}@.a{})]", "(".repeat(10_000), ")".repeat(10_000));
    assert!(JsonPath::parse(&parens).is_err());
    let calls = format!("{}{}", "States.Array(".repeat(10_000), ")".repeat(10_000));
    assert!(intrinsics::parse(&calls).is_err());
    let long = format!("${}", ".a".repeat(100_000));
    let path = JsonPath::parse(&long).unwrap();
    assert_eq!(path.segments.len(), 100_000);
    assert_eq!(
        path.evaluate(&json!({}), &Value::Null, &|_| None),
        Ok(Selection::NotFound)
    );
}
