//! Reading one mocked response (`Return`/`Throw` entries keyed by invocation ranges) out of
//! the mock config file, with errors that point at the offending member.

use super::{MockConfigError, MockedResponse, MockedResult};
use crate::error::StatesError;
use serde_json::{Map, Value};

pub(super) fn invalid(at: &str, message: impl Into<String>) -> MockConfigError {
    MockConfigError::Invalid {
        at: if at.is_empty() { "/".into() } else { at.into() },
        message: message.into(),
    }
}

/// JSON Pointer escaping of one key.
pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

pub(super) fn object<'a>(
    value: &'a Value,
    at: &str,
) -> Result<&'a Map<String, Value>, MockConfigError> {
    value
        .as_object()
        .ok_or_else(|| invalid(at, "expected an object"))
}

/// `"3"` or `"1-2"`; digits only, so `"-1"`, `"+1"` and `" 1"` are rejected.
fn parse_key(key: &str) -> Option<(u32, u32)> {
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    match key.split_once('-') {
        None => number(key).map(|n| (n, n)),
        Some((a, b)) => Some((number(a)?, number(b)?)),
    }
}

pub(super) fn parse_response(
    name: &str,
    body: &Value,
    at: &str,
) -> Result<MockedResponse, MockConfigError> {
    let mut entries = Vec::new();
    for (key, entry) in object(body, at)? {
        let at = format!("{at}/{}", escape(key));
        let (first, last) = parse_key(key).ok_or_else(|| {
            invalid(
                &at,
                format!(
                    "'{key}' is not an invocation number or range (expected keys like \"0\" or \"1-2\")"
                ),
            )
        })?;
        if first > last {
            return Err(invalid(&at, format!("range '{key}' runs backwards")));
        }
        let fields = object(entry, &at)?;
        if let Some(other) = fields.keys().find(|k| *k != "Return" && *k != "Throw") {
            return Err(invalid(
                &at,
                format!("unknown field '{other}' (expected Return or Throw)"),
            ));
        }
        let outcome = match (fields.get("Return"), fields.get("Throw")) {
            (Some(v), None) => MockedResult::Return(v.clone()),
            (None, Some(t)) => MockedResult::Throw(parse_throw(t, &format!("{at}/Throw"))?),
            (Some(_), Some(_)) => {
                return Err(invalid(&at, "has both Return and Throw; give exactly one"))
            }
            (None, None) => return Err(invalid(&at, "needs a Return or a Throw")),
        };
        entries.push((first, last, outcome));
    }
    entries.sort_by_key(|(a, _, _)| *a);
    for pair in entries.windows(2) {
        let ((a1, b1, _), (a2, b2, _)) = (&pair[0], &pair[1]);
        if a2 <= b1 {
            let show = |a: &u32, b: &u32| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            };
            return Err(invalid(
                at,
                format!(
                    "keys '{}' and '{}' overlap: each invocation needs exactly one response",
                    show(a1, b1),
                    show(a2, b2)
                ),
            ));
        }
    }
    Ok(MockedResponse {
        name: name.to_string(),
        entries,
    })
}

fn parse_throw(value: &Value, at: &str) -> Result<StatesError, MockConfigError> {
    let fields = object(value, at)?;
    if let Some(other) = fields.keys().find(|k| *k != "Error" && *k != "Cause") {
        return Err(invalid(
            at,
            format!("unknown field '{other}' (expected Error and Cause)"),
        ));
    }
    let error = fields
        .get("Error")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(at, "needs an Error string"))?;
    let cause = match fields.get("Cause") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) => Some(c.clone()),
        Some(_) => return Err(invalid(at, "Cause must be a string")),
    };
    Ok(StatesError {
        error: error.to_string(),
        cause,
    })
}
