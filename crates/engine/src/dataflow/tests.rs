use serde_json::{json, Value};

use super::*;

fn env_with<'a>(
    input: &'a Value,
    context: &'a Value,
    vars: &'a dyn Fn(&str) -> Option<Value>,
) -> PathEnv<'a> {
    PathEnv::new(input, context, vars)
}

fn cause(err: &StatesError) -> &str {
    err.cause.as_deref().unwrap_or("")
}

#[test]
fn input_path_absent_null_and_selected() {
    let input = json!({"a": {"b": [1, 2, 3]}, "c": 1});
    let ctx = json!({"Execution": {"Id": "x"}});
    let env = env_with(&input, &ctx, &no_variables);
    assert_eq!(apply_input_path(None, &env).ok(), Some(input.clone()));
    assert_eq!(
        apply_input_path(Some(&Value::Null), &env).ok(),
        Some(json!({}))
    );
    assert_eq!(
        apply_input_path(Some(&json!("$")), &env).ok(),
        Some(input.clone())
    );
    assert_eq!(
        apply_input_path(Some(&json!("$.a.b")), &env).ok(),
        Some(json!([1, 2, 3]))
    );
    assert_eq!(
        apply_input_path(Some(&json!("$.a.b[1]")), &env).ok(),
        Some(json!(2))
    );
    assert_eq!(
        apply_input_path(Some(&json!("$.a.b[1:]")), &env).ok(),
        Some(json!([2, 3])),
        "an indefinite path gives an array"
    );
    assert_eq!(
        apply_input_path(Some(&json!("$$.Execution.Id")), &env).ok(),
        Some(json!("x"))
    );
}

#[test]
fn input_path_not_found_is_worded_as_jayway() {
    let input = json!({"int-literal": 0, "a": {"b": 1}, "arr": [1]});
    let ctx = json!({});
    let env = env_with(&input, &ctx, &no_variables);
    let err = apply_input_path(Some(&json!("$.NoSuchInputPath")), &env).expect_err("missing");
    assert_eq!(err.error, "States.Runtime");
    assert_eq!(
        cause(&err),
        "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
    );
    let err = apply_input_path(Some(&json!("$.a.c")), &env).expect_err("leaf");
    assert_eq!(
        cause(&err),
        "Invalid path '$.a.c' : No results for path: $['a']['c']"
    );
    let err = apply_input_path(Some(&json!("$.x.y")), &env).expect_err("middle");
    assert_eq!(
        cause(&err),
        "Invalid path '$.x.y' : Missing property in path $['x']"
    );
    let err = apply_input_path(Some(&json!("$.arr[3]")), &env).expect_err("index");
    assert_eq!(
        cause(&err),
        "Invalid path '$.arr[3]' : No results for path: $['arr'][3]"
    );
    let err = apply_input_path(Some(&json!("$v")), &env).expect_err("variable");
    assert_eq!(
        cause(&err),
        "Invalid path '$v' : The variable $v is not defined"
    );
    let err = apply_input_path(Some(&json!(7)), &env).expect_err("not a string");
    assert_eq!(err.error, "States.Runtime");
    let err = apply_input_path(Some(&json!("$.a[")), &env).expect_err("bad syntax");
    assert!(cause(&err).starts_with("Invalid path '$.a[' : "));
}

#[test]
fn output_path_reads_the_state_output() {
    let output = json!({"result": {"x": 1}});
    let ctx = json!({});
    let env = env_with(&output, &ctx, &no_variables);
    assert_eq!(
        apply_output_path(Some(&json!("$.result.x")), &env).ok(),
        Some(json!(1))
    );
    assert_eq!(apply_output_path(None, &env).ok(), Some(output.clone()));
    assert_eq!(
        apply_output_path(Some(&Value::Null), &env).ok(),
        Some(json!({}))
    );
    let err = apply_output_path(Some(&json!("$.NoSuchOutputPath")), &env).expect_err("missing");
    assert_eq!(
        cause(&err),
        "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']"
    );
}

#[test]
fn template_resolves_paths_intrinsics_and_nesting_in_order() {
    let input = json!({"name": "Arnav", "items": [1, 2, 3], "nested": {"v": true}});
    let ctx = json!({"State": {"Name": "S"}});
    let vars = |name: &str| (name == "count").then(|| json!(4));
    let env = env_with(&input, &ctx, &vars);
    let template = json!({
        "z": "literal",
        "greeting.$": "States.Format('Hello, {}', $.name)",
        "first.$": "$.items[0]",
        "all.$": "$.items[*]",
        "state.$": "$$.State.Name",
        "count.$": "$count",
        "deep": {"v.$": "$.nested.v", "list": [{"n.$": "$.name"}, "$.not-a-path", 3]},
        "a": 1
    });
    let got = evaluate_template(&template, &env, &mut Random::seeded(0)).expect("evaluates");
    assert_eq!(
        got,
        json!({
            "z": "literal",
            "greeting": "Hello, Arnav",
            "first": 1,
            "all": [1, 2, 3],
            "state": "S",
            "count": 4,
            "deep": {"v": true, "list": [{"n": "Arnav"}, "$.not-a-path", 3]},
            "a": 1
        })
    );
    let keys: Vec<&String> = got
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        ["z", "greeting", "first", "all", "state", "count", "deep", "a"]
    );
}

#[test]
fn template_path_not_found_names_field_and_input() {
    let input = json!({"int-literal": 0});
    let ctx = json!({"Execution": {"Input": {"int-literal": 0}}});
    let env = env_with(&input, &ctx, &no_variables);
    let mut rng = Random::seeded(0);
    let err = evaluate_template(&json!({"value.$": "$.no_such_jsonpath"}), &env, &mut rng)
        .expect_err("missing");
    assert_eq!(err.error, "States.Runtime");
    assert_eq!(
        cause(&err),
        "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'"
    );
    let err = evaluate_template(
        &json!({"value.$": "$$.Execution.Input.no_such_jsonpath"}),
        &env,
        &mut rng,
    )
    .expect_err("missing in context");
    assert_eq!(
        cause(&err),
        "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'"
    );
    let err = evaluate_template(&json!({"x": [{"deep.$": "$.nope"}]}), &env, &mut rng)
        .expect_err("nested");
    assert!(cause(&err).contains("for the field 'deep.$'"));
    let err = evaluate_template(&json!({"v.$": 5}), &env, &mut rng).expect_err("not a string");
    assert_eq!(
        cause(&err),
        "The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic function call"
    );
    let err =
        evaluate_template(&json!({"v.$": "not a path"}), &env, &mut rng).expect_err("not a path");
    assert_eq!(err.error, "States.Runtime");
}

#[test]
fn template_index_past_the_end_is_null() {
    let input = json!({"items": [1, 2], "s": "x"});
    let ctx = json!({});
    let env = env_with(&input, &ctx, &no_variables);
    let mut rng = Random::seeded(0);
    assert_eq!(
        evaluate_template(&json!({"v.$": "$.items[5]"}), &env, &mut rng).ok(),
        Some(json!({"v": null}))
    );
    assert!(
        evaluate_template(&json!({"v.$": "$.s[0]"}), &env, &mut rng).is_err(),
        "indexing a non-array still fails"
    );
    assert!(evaluate_template(&json!({"v.$": "$.nope[0]"}), &env, &mut rng).is_err());
}

#[test]
fn template_scalars_and_arrays_pass_through() {
    let input = json!({"a": 1});
    let ctx = json!({});
    let env = env_with(&input, &ctx, &no_variables);
    let mut rng = Random::seeded(0);
    assert_eq!(
        evaluate_template(&json!("s"), &env, &mut rng).ok(),
        Some(json!("s"))
    );
    assert_eq!(
        evaluate_template(&json!([{"a.$": "$.a"}, null]), &env, &mut rng).ok(),
        Some(json!([{"a": 1}, null]))
    );
}

#[test]
fn a_template_of_constants_is_itself_and_a_deep_dollar_field_still_resolves() {
    let input = json!({"a": 1});
    let ctx = json!({});
    let env = env_with(&input, &ctx, &no_variables);
    let mut rng = Random::seeded(0);
    for (template, expected) in [
        (
            json!({"b": 2, "c": {"d": [1, "$.a"]}}),
            json!({"b": 2, "c": {"d": [1, "$.a"]}}),
        ),
        (
            json!({"b": 2, "c": {"d": [{"e.$": "$.a"}]}}),
            json!({"b": 2, "c": {"d": [{"e": 1}]}}),
        ),
        (json!({"b": {}, "c.$": "$.a"}), json!({"b": {}, "c": 1})),
    ] {
        assert_eq!(
            evaluate_template(&template, &env, &mut rng).ok(),
            Some(expected)
        );
    }
}

#[test]
fn assign_evaluates_like_a_template() {
    let input = json!({"x": 3});
    let ctx = json!({});
    let vars = |name: &str| (name == "old").then(|| json!("before"));
    let env = env_with(&input, &ctx, &vars);
    let got = evaluate_assign(
        &json!({"a.$": "$.x", "b": "lit", "c.$": "$old", "d.$": "States.MathAdd($.x, 1)", "e": {"f.$": "$.x"}}),
        &env,
        &mut Random::seeded(0),
    )
    .expect("assigns");
    assert_eq!(
        Value::Object(got),
        json!({"a": 3, "b": "lit", "c": "before", "d": 4, "e": {"f": 3}})
    );
    let err = evaluate_assign(&json!([1]), &env, &mut Random::seeded(0)).expect_err("not object");
    assert_eq!(err.error, "States.Runtime");
    let err = evaluate_assign(&json!({"a.$": "$nope"}), &env, &mut Random::seeded(0))
        .expect_err("undefined variable");
    assert!(cause(&err).starts_with("The JSONPath '$nope' specified for the field 'a.$'"));
}

#[test]
fn result_path_rules() {
    let input = json!({"a": {"keep": 1}, "list": [0, {"x": 1}], "s": "str"});
    let result = json!({"r": true});
    assert_eq!(
        apply_result_path(None, &input, result.clone()).ok(),
        Some(result.clone())
    );
    assert_eq!(
        apply_result_path(Some(&json!("$")), &input, result.clone()).ok(),
        Some(result.clone())
    );
    assert_eq!(
        apply_result_path(Some(&Value::Null), &input, result.clone()).ok(),
        Some(input.clone())
    );
    assert_eq!(
        apply_result_path(Some(&json!("$.a.new")), &input, json!(5)).ok(),
        Some(json!({"a": {"keep": 1, "new": 5}, "list": [0, {"x": 1}], "s": "str"}))
    );
    assert_eq!(
        apply_result_path(Some(&json!("$.a")), &input, json!(5)).ok(),
        Some(json!({"a": 5, "list": [0, {"x": 1}], "s": "str"})),
        "replaces in place"
    );
    assert_eq!(
        apply_result_path(Some(&json!("$.x.y.z")), &json!({}), json!(1)).ok(),
        Some(json!({"x": {"y": {"z": 1}}})),
        "creates the objects on the way"
    );
    assert_eq!(
        apply_result_path(Some(&json!("$.list[1].y")), &input, json!(2)).ok(),
        Some(json!({"a": {"keep": 1}, "list": [0, {"x": 1, "y": 2}], "s": "str"}))
    );
    assert_eq!(
        apply_result_path(Some(&json!("$.list[-2]")), &input, json!(9)).ok(),
        Some(json!({"a": {"keep": 1}, "list": [9, {"x": 1}], "s": "str"}))
    );
}

#[test]
fn result_path_match_failures() {
    let err = apply_result_path(Some(&json!("$.partitioned")), &json!("{\"a\":1}"), json!(1))
        .expect_err("string input");
    assert_eq!(err.error, "States.ResultPathMatchFailure");
    assert_eq!(
        cause(&err),
        "Unable to apply ReferencePath $.partitioned to input \"{\\\"a\\\":1}\""
    );
    let input = json!({"s": "str", "list": [1]});
    for path in ["$.s.x", "$.list[5]", "$.list.x", "$[0]"] {
        let err = apply_result_path(Some(&json!(path)), &input, json!(1)).expect_err(path);
        assert_eq!(err.error, "States.ResultPathMatchFailure", "{path}");
        assert_eq!(
            cause(&err),
            format!("Unable to apply ReferencePath {path} to input {{\"s\":\"str\",\"list\":[1]}}")
        );
    }
    for bad in [json!("$.a[*]"), json!("$$.x"), json!(3), json!("$.a[")] {
        let err = apply_result_path(Some(&bad), &input, json!(1)).expect_err("invalid");
        assert_eq!(err.error, "States.Runtime", "{bad}");
    }
}

#[test]
fn select_path_gives_none_when_nothing_matches() {
    let input = json!({"waitSeconds": 5});
    let ctx = json!({});
    let env = env_with(&input, &ctx, &no_variables);
    assert_eq!(
        select_path("$.waitSeconds", &env).ok(),
        Some(Some(json!(5)))
    );
    assert_eq!(select_path("$.nope", &env).ok(), Some(None));
    assert_eq!(select_path("$undefined", &env).ok(), Some(None));
    assert!(select_path("nope", &env).is_err());
}

#[test]
fn expressions_take_paths_or_intrinsics() {
    let input = json!({"Error": "error string", "Cause": "cause string"});
    let ctx = json!({});
    let env = env_with(&input, &ctx, &no_variables);
    let mut rng = Random::seeded(0);
    assert_eq!(
        evaluate_expression(
            "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)",
            &env,
            &mut rng
        )
        .ok(),
        Some(Some(json!(
            "This is a custom error message for error string, caused by cause string."
        )))
    );
    assert_eq!(
        evaluate_expression("$.Error", &env, &mut rng).ok(),
        Some(Some(json!("error string")))
    );
    assert_eq!(
        evaluate_expression("$.nope", &env, &mut rng).ok(),
        Some(None)
    );
    assert!(evaluate_expression("States.Format('{}', $.nope)", &env, &mut rng).is_err());
}

#[test]
fn with_input_rebinds_only_the_input() {
    let a = json!({"v": 1});
    let b = json!({"v": 2});
    let ctx = json!({"c": 3});
    let env = env_with(&a, &ctx, &no_variables);
    let other = env.with_input(&b);
    assert_eq!(select_path("$.v", &other).ok(), Some(Some(json!(2))));
    assert_eq!(select_path("$$.c", &other).ok(), Some(Some(json!(3))));
    assert!(format!("{env:?}").contains("PathEnv"));
}
