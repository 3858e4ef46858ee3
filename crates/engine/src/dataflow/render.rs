//! Text renderings of JSON values the way the Step Functions service (a Java program using
//! Jackson) writes them. Outputs of `States.JsonToString` and `States.Format`, and the input
//! echoed in error causes, are compared as text, so `1.0E7` versus `10000000.0` matters.

use serde_json::{Number, Value};

/// A number as Jackson writes it: integers in full, floating-point values as Java's
/// `Double.toString` does (`1.1`, `1.0`, `1.0E7`, `1.0E-4`).
pub fn java_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) => java_double(f),
        None => n.to_string(),
    }
}

/// Java's `Double.toString`: plain decimal notation with at least one digit after the point
/// for magnitudes in [10^-3, 10^7), "computerized scientific notation" otherwise (Javadoc of
/// `Double.toString(double)`). Digits are the shortest that round-trip, which is what JDK 19+
/// prints.
pub fn java_double(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let magnitude = f.abs();
    if (1e-3..1e7).contains(&magnitude) {
        let text = f.to_string();
        if text.contains('.') {
            text
        } else {
            format!("{text}.0")
        }
    } else {
        let text = format!("{f:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        if mantissa.contains('.') {
            format!("{mantissa}E{exponent}")
        } else {
            format!("{mantissa}.0E{exponent}")
        }
    }
}

/// Compact JSON text as Jackson's default writer produces it: no whitespace, keys in the
/// object's order, numbers per [`java_number`]. String escaping is the same in both libraries
/// (`"`, `\`, and control characters only).
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Number(n) => out.push_str(&java_number(n)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
        // Strings, booleans and null render identically in serde_json and Jackson.
        other => out.push_str(&other.to_string()),
    }
}

/// A value as `States.Format` inserts it. AWS hands the arguments to Java string formatting,
/// so each is rendered by its Java `toString()`: strings without quotes, objects as
/// `{key=value, key=value}` and arrays as `[a, b]` (Java's `Map` and `List`), recursively.
/// Recorded on AWS: `{"Arg1": 1, "Arg2": []}` formats as `{Arg1=1, Arg2=[]}`.
pub fn java_to_string(value: &Value) -> String {
    let mut out = String::new();
    write_java(value, &mut out);
    out
}

fn write_java(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Number(n) => out.push_str(&java_number(n)),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_java(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                write_java(v, out);
            }
            out.push('}');
        }
    }
}

/// Parses JSON text as Jackson reads it. The one difference from serde_json that shows in
/// results: Jackson reads the integer `-0` as the integer 0, where serde_json makes it the
/// float -0.0 (recorded on AWS: `States.StringToJson('-0')` gives `0`).
pub fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(&normalize_negative_zero(text))
}

/// Rewrites each integer token `-0` outside string literals to `0`; everything else is kept
/// byte for byte, so parse errors still point at the right place.
fn normalize_negative_zero(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("-0") {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-'
            && bytes.get(i + 1) == Some(&b'0')
            && !matches!(bytes.get(i + 2), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            out.push_str(&text[last..i]);
            last = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn doubles_print_as_java_does() {
        assert_eq!(java_double(1.1), "1.1");
        assert_eq!(java_double(1.0), "1.0");
        assert_eq!(java_double(-2.5), "-2.5");
        assert_eq!(java_double(0.001), "0.001");
        assert_eq!(java_double(0.0001), "1.0E-4");
        assert_eq!(java_double(9_999_999.0), "9999999.0");
        assert_eq!(java_double(1e7), "1.0E7");
        assert_eq!(java_double(123_456_789.5), "1.234567895E8");
        assert_eq!(java_double(-0.0), "-0.0");
        assert_eq!(java_double(0.0), "0.0");
        assert_eq!(java_double(f64::INFINITY), "Infinity");
    }

    #[test]
    fn integers_print_in_full() {
        assert_eq!(java_number(&Number::from(0)), "0");
        assert_eq!(java_number(&Number::from(-7)), "-7");
        assert_eq!(java_number(&Number::from(u64::MAX)), u64::MAX.to_string());
    }

    #[test]
    fn json_text_is_compact_and_keeps_key_order() {
        let v =
            json!({"b": 1, "a": [1, 2, "HelloWorld"], "c": {"x": null, "y": 1.5e10}, "s": "q\"\n"});
        assert_eq!(
            json_text(&v),
            r#"{"b":1,"a":[1,2,"HelloWorld"],"c":{"x":null,"y":1.5E10},"s":"q\"\n"}"#
        );
        assert_eq!(json_text(&json!("HelloWorld")), "\"HelloWorld\"");
        assert_eq!(json_text(&json!(true)), "true");
    }

    #[test]
    fn java_to_string_matches_recorded_format_output() {
        assert_eq!(
            java_to_string(&json!({"Arg1": 1, "Arg2": []})),
            "{Arg1=1, Arg2=[]}"
        );
        assert_eq!(
            java_to_string(&json!(["a", null, 1.0, {"k": "v"}])),
            "[a, null, 1.0, {k=v}]"
        );
        assert_eq!(java_to_string(&json!("raw")), "raw");
        assert_eq!(java_to_string(&Value::Null), "null");
    }

    #[test]
    fn negative_zero_integer_parses_as_zero() {
        assert_eq!(parse_json("-0").ok(), Some(json!(0)));
        assert_eq!(
            parse_json("[-0, \"-0\", -0.5, -01]").ok(),
            None,
            "-01 is invalid JSON"
        );
        assert_eq!(
            parse_json("[-0, \"-0\", -0.5, -0e1]").ok(),
            Some(json!([0, "-0", -0.5, -0.0]))
        );
        assert_eq!(
            parse_json("{\"a\\\"-0\": -0}").ok(),
            Some(json!({"a\"-0": 0}))
        );
        assert!(parse_json("-0.0")
            .ok()
            .and_then(|v| v.as_f64())
            .is_some_and(|f| f == 0.0 && f.is_sign_negative()));
    }
}
