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
mod tests;
