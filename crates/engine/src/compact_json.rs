//! Compact JSON text of a value, byte for byte what `serde_json::to_string` writes, without
//! going through serde's serializer: a history writes the input and output of every state,
//! and for the small values states pass around the serializer's generic machinery cost more
//! than the bytes themselves. Numbers other than integers still go through serde_json, so they
//! print the same.

use serde_json::Value;

/// The compact JSON text of `value`.
pub(crate) fn to_string(value: &Value) -> String {
    let mut out = String::with_capacity(64);
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Integers digit by digit; anything else as serde_json writes it (shortest round-trip).
fn write_number(out: &mut String, n: &serde_json::Number) {
    let (negative, magnitude) = match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => (false, u),
        (None, Some(i)) => (true, i.unsigned_abs()),
        (None, None) => {
            out.push_str(&n.to_string());
            return;
        }
    };
    if negative {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = magnitude;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// A JSON string as serde_json escapes it: `"` and `\`, and control characters as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00xx`; everything else as is.
fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Names and most values need no escape: one copy.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0C => "\\f",
            b'\r' => "\\r",
            0x00..=0x1F => "",
            _ => continue,
        };
        // Every byte escaped is ASCII: the slices end on character boundaries.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde_json::{json, Value};

    #[test]
    fn writes_what_serde_json_writes() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let cases = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-17),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.0),
            json!(0.1),
            json!(-2.5e-8),
            json!(1e300),
            json!(-0.0),
            json!(""),
            json!("plain"),
            json!("quote \" backslash \\ slash / tab \t newline \n"),
            json!(every_control),
            json!("del \u{7f} é 中 😀 \u{2028}"),
            json!([]),
            json!({}),
            json!([1, "a", null, [true, {"k": []}]]),
            json!({"b": 1, "a": {"nested \"key\"": [1.5, {"": ""}]}, "z\n": null}),
        ];
        for v in cases {
            let expected = serde_json::to_string(&v).expect("serialisable");
            assert_eq!(to_string(&v), expected, "{v:?}");
            let back: Value = serde_json::from_str(&to_string(&v)).expect("reads back");
            assert_eq!(back, v);
        }
    }
}
