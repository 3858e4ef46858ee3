use super::*;
use serde_json::json;

fn rule(v: Value) -> ChoiceRule {
    match serde_json::from_value(v) {
        Ok(rule) => rule,
        Err(e) => panic!("bad rule: {e}"),
    }
}

fn check(rule_json: Value, input: Value) -> Result<bool, StatesError> {
    let context = json!({"Execution": {"Name": "exec"}});
    let vars = |name: &str| (name == "limit").then(|| json!(10));
    let env = PathEnv::new(&input, &context, &vars);
    evaluate_choice_rule(&rule(rule_json), &env)
}

fn yes(rule_json: Value, input: Value) {
    assert_eq!(
        check(rule_json.clone(), input.clone()).ok(),
        Some(true),
        "{rule_json} on {input}"
    );
}

fn no(rule_json: Value, input: Value) {
    assert_eq!(
        check(rule_json.clone(), input.clone()).ok(),
        Some(false),
        "{rule_json} on {input}"
    );
}

#[test]
fn string_operators() {
    let input = json!({"s": "b", "t": "c"});
    yes(
        json!({"Variable": "$.s", "StringEquals": "b"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.s", "StringEquals": "B"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringLessThan": "c"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.s", "StringLessThan": "b"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringLessThanEquals": "b"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringGreaterThan": "a"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringGreaterThanEquals": "b"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringLessThanPath": "$.t"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringEqualsPath": "$.s"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.s", "StringGreaterThanPath": "$.t"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringGreaterThanEqualsPath": "$.s"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "StringLessThanEqualsPath": "$.t"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.n", "StringEquals": "1"}),
        json!({"n": 1}),
    );
    // Java compares UTF-16 units: U+1F600 starts with the surrogate D83D, below U+FF5E,
    // although its code point is above it.
    yes(
        json!({"Variable": "$.s", "StringLessThan": "\u{FF5E}"}),
        json!({"s": "\u{1F600}"}),
    );
}

#[test]
fn string_matches_wildcards_and_escapes() {
    let m = |text: &str, pattern: &str| matches_wildcard(text, pattern);
    assert!(m("log-2024.txt", "log-*.txt"));
    assert!(m("log-.txt", "log-*.txt"));
    assert!(!m("log-2024.txt", "log-*.csv"));
    assert!(m("anything", "*"));
    assert!(m("", "*"));
    assert!(!m("", "a"));
    assert!(m("a*b", "a\\*b"));
    assert!(!m("axb", "a\\*b"));
    assert!(m("a\\b", "a\\\\b"));
    assert!(m("abcabc", "*abc"));
    assert!(m("aXbYc", "a*b*c"));
    assert!(!m("aXbY", "a*b*c"));
    yes(
        json!({"Variable": "$.f", "StringMatches": "*.log"}),
        json!({"f": "x.log"}),
    );
    no(
        json!({"Variable": "$.f", "StringMatches": "*.log"}),
        json!({"f": 5}),
    );
}

#[test]
fn numeric_operators() {
    let input = json!({"n": 5, "f": 5.0, "m": 7.5});
    yes(
        json!({"Variable": "$.n", "NumericEquals": 5}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.f", "NumericEquals": 5}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.n", "NumericLessThan": 5.5}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.n", "NumericLessThan": 5}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.n", "NumericLessThanEquals": 5}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.m", "NumericGreaterThan": 7}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.m", "NumericGreaterThanEquals": 7.5}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.n", "NumericLessThanPath": "$.m"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.n", "NumericEqualsPath": "$.f"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.n", "NumericGreaterThanPath": "$.m"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.m", "NumericGreaterThanEqualsPath": "$.n"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.n", "NumericLessThanEqualsPath": "$.n"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.n", "NumericLessThanPath": "$limit"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.s", "NumericEquals": 5}),
        json!({"s": "5"}),
    );
    yes(
        json!({"Variable": "$.big", "NumericGreaterThan": 9_007_199_254_740_992_i64}),
        json!({"big": 9_007_199_254_740_993_i64}),
    );
}

#[test]
fn boolean_operators() {
    yes(
        json!({"Variable": "$.b", "BooleanEquals": true}),
        json!({"b": true}),
    );
    no(
        json!({"Variable": "$.b", "BooleanEquals": false}),
        json!({"b": true}),
    );
    no(
        json!({"Variable": "$.b", "BooleanEquals": true}),
        json!({"b": "true"}),
    );
    yes(
        json!({"Variable": "$.b", "BooleanEqualsPath": "$.c"}),
        json!({"b": false, "c": false}),
    );
}

#[test]
fn timestamps_compare_as_instants() {
    let input = json!({
        "t": "2016-03-14T01:59:00Z",
        "same": "2016-03-14T02:59:00+01:00",
        "later": "2016-03-14T01:59:00.5Z",
        "bad": "2016-03-14 01:59:00Z"
    });
    yes(
        json!({"Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:00Z"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampEqualsPath": "$.same"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampLessThanPath": "$.later"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00.001Z"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00Z"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampLessThanEquals": "2016-03-14T01:59:00Z"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.later", "TimestampGreaterThan": "2016-03-14T01:59:00Z"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.later", "TimestampGreaterThanPath": "$.t"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampGreaterThanEquals": "2016-03-13T23:58:59-02:00"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampGreaterThanEqualsPath": "$.same"}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.t", "TimestampLessThanEqualsPath": "$.same"}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.bad", "TimestampEquals": "2016-03-14T01:59:00Z"}),
        input.clone(),
    );
    no(json!({"Variable": "$.t", "TimestampEquals": 5}), input);
}

#[test]
fn epoch_arithmetic() {
    assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(
        parse_timestamp("1970-01-02T00:00:00.000000001Z"),
        Some(86_400_000_000_001)
    );
    assert_eq!(
        parse_timestamp("2000-03-01T00:00:00Z"),
        Some(951_868_800_000_000_000)
    );
    assert_eq!(
        parse_timestamp("1969-12-31T23:59:59Z"),
        Some(-1_000_000_000)
    );
    assert_eq!(parse_timestamp("yesterday"), None);
}

#[test]
fn type_tests() {
    let input = json!({"n": null, "i": 1, "s": "x", "b": false, "t": "2020-01-01T00:00:00Z"});
    yes(json!({"Variable": "$.n", "IsNull": true}), input.clone());
    no(json!({"Variable": "$.i", "IsNull": true}), input.clone());
    yes(json!({"Variable": "$.i", "IsNull": false}), input.clone());
    yes(json!({"Variable": "$.i", "IsNumeric": true}), input.clone());
    no(json!({"Variable": "$.s", "IsNumeric": true}), input.clone());
    yes(json!({"Variable": "$.s", "IsString": true}), input.clone());
    yes(json!({"Variable": "$.b", "IsBoolean": true}), input.clone());
    yes(
        json!({"Variable": "$.t", "IsTimestamp": true}),
        input.clone(),
    );
    no(
        json!({"Variable": "$.s", "IsTimestamp": true}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.s", "IsTimestamp": false}),
        input.clone(),
    );
    yes(json!({"Variable": "$.s", "IsPresent": true}), input.clone());
    no(
        json!({"Variable": "$.missing", "IsPresent": true}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$.missing", "IsPresent": false}),
        input.clone(),
    );
    yes(
        json!({"Variable": "$$.Execution.Name", "IsPresent": true}),
        input,
    );
}

#[test]
fn combinators() {
    let input = json!({"a": 1, "b": "x"});
    yes(
        json!({"And": [{"Variable": "$.a", "NumericEquals": 1}, {"Variable": "$.b", "StringEquals": "x"}]}),
        input.clone(),
    );
    no(
        json!({"And": [{"Variable": "$.a", "NumericEquals": 2}, {"Variable": "$.b", "StringEquals": "x"}]}),
        input.clone(),
    );
    yes(
        json!({"Or": [{"Variable": "$.a", "NumericEquals": 2}, {"Variable": "$.b", "StringEquals": "x"}]}),
        input.clone(),
    );
    no(
        json!({"Not": {"Variable": "$.a", "NumericEquals": 1}}),
        input.clone(),
    );
    // Or stops at the first match, so the missing variable after it is never read.
    yes(
        json!({"Or": [{"Variable": "$.a", "NumericEquals": 1}, {"Variable": "$.nope", "NumericEquals": 1}]}),
        input,
    );
}

#[test]
fn missing_variables_fail_as_aws_does() {
    let err =
        check(json!({"Variable": "$.nope", "NumericEquals": 1}), json!({})).expect_err("missing");
    assert_eq!(err.error, "States.Runtime");
    assert_eq!(
        err.cause.as_deref(),
        Some(
            "Invalid path '$.nope': The choice state's condition path references an invalid value."
        )
    );
    let err = check(
        json!({"Variable": "$.a", "NumericEqualsPath": "$.nope"}),
        json!({"a": 1}),
    )
    .expect_err("missing operand");
    assert!(err.cause.as_deref().is_some_and(|c| c.contains("'$.nope'")));
    let err = check(json!({"Variable": "$.nope", "IsNull": true}), json!({}))
        .expect_err("missing for a type test");
    assert_eq!(err.error, "States.Runtime");
}

#[test]
fn jsonata_and_empty_rules_are_errors() {
    assert!(check(json!({"Condition": "{% true %}"}), json!({})).is_err());
    assert!(check(json!({"Next": "X"}), json!({})).is_err());
}
