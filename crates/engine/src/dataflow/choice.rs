//! JSONPath Choice rules (AWS guide, "Choice workflow state", "Choice Rules").

use std::cmp::Ordering;

use serde_json::Value;
use stepwise_asl::model::{ChoiceRule, Comparison, ComparisonOperator as Op, Condition};
use stepwise_asl::path::Selection;

use super::{evaluate, PathEnv};
use crate::error::StatesError;

/// Whether `rule` matches. `And`, `Or` and `Not` combine nested rules (`And`/`Or` stop at the
/// first rule that decides); a comparison reads its `Variable` from `env`.
///
/// A value of the wrong type for the operator does not match (a string is not
/// `NumericEquals` anything) and is not an error. A `Variable` (or the path operand of a
/// `*Path` operator) that selects nothing fails with `States.Runtime` — except under
/// `IsPresent`, which exists to test exactly that.
pub fn evaluate_choice_rule(rule: &ChoiceRule, env: &PathEnv) -> Result<bool, StatesError> {
    match &rule.condition {
        Some(Condition::Comparison(c)) => evaluate_comparison(c, env),
        Some(Condition::And(rules)) => {
            for r in rules {
                if !evaluate_choice_rule(r, env)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Some(Condition::Or(rules)) => {
            for r in rules {
                if evaluate_choice_rule(r, env)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Condition::Not(inner)) => Ok(!evaluate_choice_rule(inner, env)?),
        Some(Condition::Jsonata(_)) => Err(StatesError::runtime(
            "A JSONata Condition cannot be evaluated in a JSONPath state",
        )),
        None => Err(StatesError::runtime(
            "The choice rule has no comparison operator",
        )),
    }
}

/// The cause AWS gives when a Choice rule's path selects nothing.
fn invalid_path(path: &str) -> StatesError {
    StatesError::runtime(format!(
        "Invalid path '{path}': The choice state's condition path references an invalid value."
    ))
}

fn read(path_text: &str, env: &PathEnv) -> Result<Option<Value>, StatesError> {
    let path = super::parse_cached(path_text).map_err(|_| invalid_path(path_text))?;
    match evaluate(&path, env) {
        Ok(Selection::One(v)) => Ok(Some(v)),
        Ok(Selection::Many(vs)) => Ok(Some(Value::Array(vs))),
        Ok(Selection::NotFound) | Err(_) => Ok(None),
    }
}

fn evaluate_comparison(c: &Comparison, env: &PathEnv) -> Result<bool, StatesError> {
    let value = read(&c.variable, env)?;
    if c.operator == Op::IsPresent {
        return Ok(value.is_some() == (c.operand == Value::Bool(true)));
    }
    let value = value.ok_or_else(|| invalid_path(&c.variable))?;
    let operand = if c.operator.as_str().ends_with("Path") {
        let Value::String(path) = &c.operand else {
            return Err(invalid_path(&c.operand.to_string()));
        };
        read(path, env)?.ok_or_else(|| invalid_path(path))?
    } else {
        c.operand.clone()
    };
    Ok(compare(c.operator, &value, &operand))
}

fn compare(op: Op, value: &Value, operand: &Value) -> bool {
    use stepwise_asl::model::ComparisonOperator::*;
    match op {
        StringEquals | StringEqualsPath => ordered(strings(value, operand), Ordering::is_eq),
        StringLessThan | StringLessThanPath => ordered(strings(value, operand), Ordering::is_lt),
        StringGreaterThan | StringGreaterThanPath => {
            ordered(strings(value, operand), Ordering::is_gt)
        }
        StringLessThanEquals | StringLessThanEqualsPath => {
            ordered(strings(value, operand), Ordering::is_le)
        }
        StringGreaterThanEquals | StringGreaterThanEqualsPath => {
            ordered(strings(value, operand), Ordering::is_ge)
        }
        StringMatches => match (value, operand) {
            (Value::String(text), Value::String(pattern)) => matches_wildcard(text, pattern),
            _ => false,
        },
        NumericEquals | NumericEqualsPath => ordered(numbers(value, operand), Ordering::is_eq),
        NumericLessThan | NumericLessThanPath => ordered(numbers(value, operand), Ordering::is_lt),
        NumericGreaterThan | NumericGreaterThanPath => {
            ordered(numbers(value, operand), Ordering::is_gt)
        }
        NumericLessThanEquals | NumericLessThanEqualsPath => {
            ordered(numbers(value, operand), Ordering::is_le)
        }
        NumericGreaterThanEquals | NumericGreaterThanEqualsPath => {
            ordered(numbers(value, operand), Ordering::is_ge)
        }
        BooleanEquals | BooleanEqualsPath => match (value, operand) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => false,
        },
        TimestampEquals | TimestampEqualsPath => {
            ordered(timestamps(value, operand), Ordering::is_eq)
        }
        TimestampLessThan | TimestampLessThanPath => {
            ordered(timestamps(value, operand), Ordering::is_lt)
        }
        TimestampGreaterThan | TimestampGreaterThanPath => {
            ordered(timestamps(value, operand), Ordering::is_gt)
        }
        TimestampLessThanEquals | TimestampLessThanEqualsPath => {
            ordered(timestamps(value, operand), Ordering::is_le)
        }
        TimestampGreaterThanEquals | TimestampGreaterThanEqualsPath => {
            ordered(timestamps(value, operand), Ordering::is_ge)
        }
        IsNull => type_test(value.is_null(), operand),
        IsNumeric => type_test(value.is_number(), operand),
        IsString => type_test(value.is_string(), operand),
        IsBoolean => type_test(value.is_boolean(), operand),
        IsTimestamp => type_test(value.as_str().and_then(parse_timestamp).is_some(), operand),
        // Handled before the variable must exist.
        IsPresent => true,
    }
}

fn ordered(ordering: Option<Ordering>, test: fn(Ordering) -> bool) -> bool {
    ordering.is_some_and(test)
}

fn type_test(is: bool, operand: &Value) -> bool {
    match operand {
        Value::Bool(expected) => is == *expected,
        _ => false,
    }
}

/// Strings order as Java's `String.compareTo`, by UTF-16 code units (which differs from
/// code-point order only above U+FFFF versus U+E000–U+FFFF).
fn strings(value: &Value, operand: &Value) -> Option<Ordering> {
    let (Value::String(a), Value::String(b)) = (value, operand) else {
        return None;
    };
    Some(a.encode_utf16().cmp(b.encode_utf16()))
}

/// Numbers by value: integers exactly, anything with a fraction as doubles.
fn numbers(value: &Value, operand: &Value) -> Option<Ordering> {
    let (Value::Number(a), Value::Number(b)) = (value, operand) else {
        return None;
    };
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

/// Timestamps compare as instants, so `…T01:00:00+01:00` equals `…T00:00:00Z`.
fn timestamps(value: &Value, operand: &Value) -> Option<Ordering> {
    let a = parse_timestamp(value.as_str()?)?;
    let b = parse_timestamp(operand.as_str()?)?;
    Some(a.cmp(&b))
}

fn parse_timestamp(text: &str) -> Option<i128> {
    stepwise_asl::timestamp::parse_nanos(text)
}

/// `StringMatches`: `*` matches any run of characters (none included); `\*` is a literal
/// star and `\\` a literal backslash (AWS guide, "Choice Rules"). The whole string must match.
fn matches_wildcard(text: &str, pattern: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Token {
        Char(char),
        Star,
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => tokens.push(Token::Char(chars.next().unwrap_or('\\'))),
            '*' => tokens.push(Token::Star),
            c => tokens.push(Token::Char(c)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Greedy matching with one backtrack point, linear in practice and never exponential.
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p..].iter().all(|t| *t == Token::Star)
}

#[cfg(test)]
mod tests {
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
        let err = check(json!({"Variable": "$.nope", "NumericEquals": 1}), json!({}))
            .expect_err("missing");
        assert_eq!(err.error, "States.Runtime");
        assert_eq!(
            err.cause.as_deref(),
            Some("Invalid path '$.nope': The choice state's condition path references an invalid value.")
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
}
