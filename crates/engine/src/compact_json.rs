//! Compact JSON text of a value, byte for byte what `serde_json::to_string` writes, without
//! going through serde's serializer: a history writes the input and output of every state,
//! and for the small values states pass around the serializer's generic machinery cost more
//! than the bytes themselves. Numbers still go through serde_json, so they print the same.

use serde_json::Value;

/// The compact JSON text of `value`.
pub(crate) fn to_string(value: &Value) -> String {
    let mut out = Vec::with_capacity(64);
    write_value(&mut out, value);
    // Only whole UTF-8 strings and ASCII punctuation were written.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            // Writing to memory cannot fail.
            let _ = serde_json::to_writer(&mut *out, n);
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            out.push(b'{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, key);
                out.push(b':');
                write_value(out, item);
            }
            out.push(b'}');
        }
    }
}

/// A JSON string as serde_json escapes it: `"` and `\`, and control characters as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00xx`; everything else as is.
fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0C => b"\\f",
            b'\r' => b"\\r",
            0x00..=0x1F => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xF) as usize],
            ],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escape);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
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
