//! Where two JSON values differ, as JSON Pointers into the actual value: what a failing test
//! prints and the app highlights.

use serde::Serialize;
use serde_json::Value;

/// One difference: at `pointer`, `expected` (absent: nothing was expected there) against
/// `actual` (absent: nothing is there).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub pointer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub expected: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub actual: Option<Value>,
}

/// How strictly `expected` must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Equal, every field.
    Exact,
    /// Objects may have fields `expected` does not name; arrays must have the same length and
    /// match element by element; everything else is equal.
    Contains,
}

/// The differences between `expected` and `actual`, depth first, in `expected`'s key order
/// (then `actual`'s extra keys). Numbers compare by value: `1` equals `1.0`, as in JSON.
pub fn differences(expected: &Value, actual: &Value, mode: Mode) -> Vec<Difference> {
    let mut out = Vec::new();
    walk(expected, actual, mode, &mut String::new(), &mut out);
    out
}

fn walk(expected: &Value, actual: &Value, mode: Mode, at: &mut String, out: &mut Vec<Difference>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let len = at.len();
                push_token(at, k);
                match a.get(k) {
                    Some(av) => walk(ev, av, mode, at, out),
                    None => out.push(Difference {
                        pointer: at.clone(),
                        expected: Some(ev.clone()),
                        actual: None,
                    }),
                }
                at.truncate(len);
            }
            if mode == Mode::Exact {
                for (k, av) in a.iter().filter(|(k, _)| !e.contains_key(*k)) {
                    let len = at.len();
                    push_token(at, k);
                    out.push(Difference {
                        pointer: at.clone(),
                        expected: None,
                        actual: Some(av.clone()),
                    });
                    at.truncate(len);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                let len = at.len();
                push_token(at, &i.to_string());
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => walk(ev, av, mode, at, out),
                    (ev, av) => out.push(Difference {
                        pointer: at.clone(),
                        expected: ev.cloned(),
                        actual: av.cloned(),
                    }),
                }
                at.truncate(len);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => {}
        (e, a) if e == a => {}
        (e, a) => out.push(Difference {
            pointer: at.clone(),
            expected: Some(e.clone()),
            actual: Some(a.clone()),
        }),
    }
}

/// Appends `/token` with `~` and `/` escaped (RFC 6901).
fn push_token(at: &mut String, token: &str) {
    at.push('/');
    for c in token.chars() {
        match c {
            '~' => at.push_str("~0"),
            '/' => at.push_str("~1"),
            c => at.push(c),
        }
    }
}

/// `/a/b: expected 1, got 2` lines for a terminal.
pub fn describe(d: &Difference) -> String {
    let show = |v: &Option<Value>| match v {
        Some(v) => compact(v),
        None => "nothing".to_string(),
    };
    let at = if d.pointer.is_empty() {
        "(root)"
    } else {
        &d.pointer
    };
    format!(
        "{at}: expected {}, got {}",
        show(&d.expected),
        show(&d.actual)
    )
}

/// JSON text cut to a readable length.
pub fn compact(v: &Value) -> String {
    let text = v.to_string();
    const MAX: usize = 120;
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pointers(e: Value, a: Value, mode: Mode) -> Vec<String> {
        differences(&e, &a, mode)
            .into_iter()
            .map(|d| d.pointer)
            .collect()
    }

    #[test]
    fn differences_are_pointers_into_the_actual_value() {
        let cases: &[(Value, Value, Mode, &[&str])] = &[
            (json!({"a": 1}), json!({"a": 1}), Mode::Exact, &[]),
            (json!({"a": 1}), json!({"a": 1.0}), Mode::Exact, &[]),
            (json!({"a": 1}), json!({"a": 2}), Mode::Exact, &["/a"]),
            (
                json!({"a": 1}),
                json!({"a": 1, "b": 2}),
                Mode::Exact,
                &["/b"],
            ),
            (
                json!({"a": 1}),
                json!({"a": 1, "b": 2}),
                Mode::Contains,
                &[],
            ),
            (
                json!({"a": {"b": [1, 2]}}),
                json!({"a": {"b": [1, 3]}}),
                Mode::Contains,
                &["/a/b/1"],
            ),
            (json!([1]), json!([1, 2]), Mode::Contains, &["/1"]),
            (
                json!({"x/y": 1, "m~n": 1}),
                json!({}),
                Mode::Exact,
                &["/x~1y", "/m~0n"],
            ),
            (json!("a"), json!(["a"]), Mode::Exact, &[""]),
        ];
        for (e, a, mode, want) in cases {
            assert_eq!(pointers(e.clone(), a.clone(), *mode), *want, "{e} vs {a}");
        }
    }

    #[test]
    fn a_difference_reads_as_expected_and_got() {
        let d = &differences(&json!({"a": 1}), &json!({}), Mode::Exact)[0];
        assert_eq!(describe(d), "/a: expected 1, got nothing");
    }
}
