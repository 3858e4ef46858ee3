//! `States.Format`, `States.StringToJson`, `States.StringSplit` and `States.JsonMerge`.

use serde_json::{Map, Value};
use stepwise_asl::intrinsics::{Arg, Call, StringLiteral, TemplatePiece};

use super::render;

pub(super) fn format(call: &Call, args: &[Value]) -> Option<Value> {
    let pieces = match call.args.first() {
        Some(Arg::String(literal)) => literal.template(),
        // A template read from the input is parsed like a literal, escapes included.
        _ => match args.first() {
            Some(Value::String(text)) => StringLiteral {
                value: text.clone(),
                raw: text.clone(),
            }
            .template(),
            _ => return None,
        },
    };
    let values = &args[1..];
    let wanted = pieces
        .iter()
        .filter(|p| **p == TemplatePiece::Placeholder)
        .count();
    if wanted != values.len() {
        return None;
    }
    let mut values = values.iter();
    let mut out = String::new();
    for piece in &pieces {
        match piece {
            TemplatePiece::Text(text) => out.push_str(text),
            TemplatePiece::Placeholder => out.push_str(&render::java_to_string(values.next()?)),
        }
    }
    Some(Value::String(out))
}

/// Blank text gives `null` (recorded on AWS for `""` and `" "`), as Jackson's `readTree` does.
pub(super) fn string_to_json(args: &[Value]) -> Option<Value> {
    let text = args[0].as_str()?;
    if text.trim().is_empty() {
        return Some(Value::Null);
    }
    render::parse_json(text).ok()
}

/// Shallow merge: keys of the second object replace those of the first. AWS supports only
/// that mode, so the third argument must be `false` (AWS guide, `States.JsonMerge`).
pub(super) fn json_merge(args: &[Value]) -> Option<Value> {
    let (Value::Object(first), Value::Object(second), Value::Bool(false)) =
        (&args[0], &args[1], &args[2])
    else {
        return None;
    };
    let mut merged: Map<String, Value> = first.clone();
    for (k, v) in second {
        merged.insert(k.clone(), v.clone());
    }
    Some(Value::Object(merged))
}

/// Every character of the delimiter separates, and empty pieces are dropped, as Java's
/// `StringTokenizer` splits (recorded on AWS: `"This.is+a,test=string"` split on `".+,="`
/// gives five words, and `",,,,"` split on `","` gives `[]`).
pub(super) fn string_split(args: &[Value]) -> Option<Value> {
    let text = args[0].as_str()?;
    let delimiters = args[1].as_str()?;
    let pieces = text
        .split(|c: char| delimiters.contains(c))
        .filter(|piece| !piece.is_empty())
        .map(|piece| Value::String(piece.to_string()))
        .collect();
    Some(Value::Array(pieces))
}
