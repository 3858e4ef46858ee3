//! Placeholders: `${Name}`, as CloudFormation's `DefinitionSubstitutions` and Terraform's
//! `templatefile()` write them in an ASL file. The validator checks a definition with
//! placeholders left in as it will be after substitution, so it needs to find them; the
//! substitution step needs to know which fields take a number or a boolean (a placeholder
//! alone in such a field is replaced by a number, not a string).
//!
//! Syntax: `${Name}` where Name is `[A-Za-z0-9_.:-]+` (CloudFormation's `Fn::Sub` accepts
//! `${AWS::Region}`, `${Fn.Arn}`, `${Param}`; Terraform's `${var}`). `${!Literal}` is
//! CloudFormation's escape for the literal text `${Literal}`: not a placeholder.

use crate::pointer::Pointer;
use serde_json::Value;
use std::ops::Range;

/// The ASL fields whose value is a number or a boolean. A string made only of one
/// placeholder is accepted in them by the validator, and a substitution must turn it into a
/// number or boolean. These names mean a number only as fields of the definition (states,
/// retriers, Choice rules, Map's ItemReader/ItemBatcher/ReaderConfig), never as keys of a
/// payload template (Parameters, ItemSelector, ResultSelector, Arguments, Output, Assign),
/// where any key is the user's.
pub const NUMERIC_FIELDS: &[&str] = &[
    // Booleans.
    "End",
    "BooleanEquals",
    "IsNull",
    "IsPresent",
    "IsNumeric",
    "IsString",
    "IsBoolean",
    "IsTimestamp",
    // Numbers.
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Seconds",
    "MaxConcurrency",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "ToleratedFailureCount",
    "ToleratedFailurePercentage",
    "MaxItems",
    "MaxItemsPerBatch",
    "MaxInputBytesPerBatch",
    "NumericEquals",
    "NumericLessThan",
    "NumericGreaterThan",
    "NumericLessThanEquals",
    "NumericGreaterThanEquals",
];

/// Whether the ASL field `key` takes a number or a boolean (see [`NUMERIC_FIELDS`]).
pub fn is_numeric_field(key: &str) -> bool {
    NUMERIC_FIELDS.contains(&key)
}

/// Keys whose value is user data (a payload template, a literal result, JSONata
/// arguments...), where [`NUMERIC_FIELDS`] names mean nothing.
const DATA_FIELDS: &[&str] = &[
    "Parameters",
    "ItemSelector",
    "ResultSelector",
    "Arguments",
    "Output",
    "Assign",
    "Result",
    "Credentials",
    "BatchInput",
    "Items",
];

/// Every ASL number or boolean field of `definition` whose value is a string made of one
/// placeholder (`"TimeoutSeconds": "${Timeout}"`): its JSON Pointer and the placeholder's
/// name, in document order. A substitution must give these a number (or boolean), not a
/// string. Payload templates are not searched: their keys are the user's.
pub fn numeric_placeholders(definition: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk_numeric(definition, &Pointer::root(), &mut |ptr, name| {
        out.push((ptr.as_str().to_string(), name.to_string()));
    });
    out
}

fn walk_numeric(v: &Value, ptr: &Pointer, found: &mut dyn FnMut(&Pointer, &str)) {
    match v {
        Value::Object(map) => {
            for (key, child) in map {
                if DATA_FIELDS.contains(&key.as_str()) {
                    continue;
                }
                let p = ptr.key(key);
                match child {
                    Value::String(s) if is_numeric_field(key) => {
                        if let Some(name) = is_placeholder_only(s) {
                            found(&p, name);
                        }
                    }
                    _ => walk_numeric(child, &p, found),
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk_numeric(child, &ptr.index(i), found);
            }
        }
        _ => {}
    }
}

/// A copy of `definition` where every placeholder found by [`numeric_placeholders`] is
/// replaced by a stand-in (`true` for `End`, else `1`), or `None` when there is none. The
/// typed model of a definition with placeholders left in is built from this copy so that
/// the canvas and the inspector can show it; the stand-ins are never run: a run substitutes
/// the real values first and refuses to start while a placeholder has no value.
pub fn with_numeric_stand_ins(definition: &Value) -> Option<Value> {
    let found = numeric_placeholders(definition);
    if found.is_empty() {
        return None;
    }
    let mut copy = definition.clone();
    for (ptr, _) in &found {
        if let Some(slot) = copy.pointer_mut(ptr) {
            let is_end = ptr.rsplit('/').next() == Some("End");
            *slot = if is_end {
                Value::Bool(true)
            } else {
                Value::from(1)
            };
        }
    }
    Some(copy)
}

/// The name inside `${...}` when `s` is exactly one placeholder (`"${Timeout}"` gives
/// `Some("Timeout")`), else `None`.
pub fn is_placeholder_only(s: &str) -> Option<&str> {
    let mut found = placeholders(s);
    let first = found.next()?;
    (first.range == (0..s.len()) && found.next().is_none()).then_some(first.name)
}

/// Whether `s` holds at least one placeholder.
pub fn has_placeholder(s: &str) -> bool {
    placeholders(s).next().is_some()
}

/// One placeholder found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// The name inside `${...}`.
    pub name: &'a str,
    /// Byte range of the whole `${...}` in the string.
    pub range: Range<usize>,
}

/// Every placeholder of `s`, in order. `${!Literal}` and `${` not closed by a valid name and
/// `}` are text, not placeholders.
pub fn placeholders(s: &str) -> impl Iterator<Item = Placeholder<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(rel) = s.get(from..)?.find("${") {
            let start = from + rel;
            let name_start = start + 2;
            let rest = &s[name_start..];
            let name_len = rest.bytes().take_while(|&b| is_name_byte(b)).count();
            if name_len > 0 && rest.as_bytes().get(name_len) == Some(&b'}') {
                let end = name_start + name_len + 1;
                from = end;
                return Some(Placeholder {
                    name: &s[name_start..name_start + name_len],
                    range: start..end,
                });
            }
            from = name_start;
        }
        None
    })
}

/// `s` with each placeholder replaced by `make(name)`, where `make` must give as many
/// characters as the placeholder has (`${` + name + `}`), so that character offsets of
/// diagnostics in the filled text are offsets in `s`.
fn fill_same_length(s: &str, make: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for p in placeholders(s) {
        out.push_str(&s[last..p.range.start]);
        out.push_str(&make(p.name));
        last = p.range.end;
    }
    out.push_str(&s[last..]);
    out
}

fn identifier(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// `${Key}` as the identifier `Key___` (same length): what the validator parses in place of
/// a placeholder in a JSONata expression, whose value is not known yet.
pub(crate) fn with_identifiers(s: &str) -> String {
    fill_same_length(s, |name| format!("{}___", identifier(name)))
}

/// `${Key}` as the path `$.Key_` (same length): what the validator parses in place of a
/// placeholder argument of an intrinsic function.
pub(crate) fn with_paths(s: &str) -> String {
    fill_same_length(s, |name| format!("$.{}_", identifier(name)))
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_placeholder_alone() {
        let table = [
            ("${Timeout}", Some("Timeout")),
            ("${AWS::Region}", Some("AWS::Region")),
            ("${Fn.Arn}", Some("Fn.Arn")),
            ("${my-var_2}", Some("my-var_2")),
            ("${Timeout} ", None),
            (" ${Timeout}", None),
            ("${A}${B}", None),
            ("${!Literal}", None),
            ("${}", None),
            ("${a b}", None),
            ("${Timeout", None),
            ("Timeout", None),
            ("", None),
            ("$Timeout", None),
        ];
        for (s, want) in table {
            assert_eq!(is_placeholder_only(s), want, "{s:?}");
        }
    }

    #[test]
    fn finds_every_placeholder() {
        let s = "arn:${AWS::Partition}:lambda:${AWS::Region}:${!Esc}:function:${Fn}";
        let names: Vec<&str> = placeholders(s).map(|p| p.name).collect();
        assert_eq!(names, ["AWS::Partition", "AWS::Region", "Fn"]);
        let first = placeholders(s).next().map(|p| p.range);
        assert_eq!(first, Some(4..21));
        assert!(has_placeholder("x${A}y"));
        assert!(!has_placeholder("${!A} and $ {B}"));
    }

    #[test]
    fn numeric_placeholders_outside_payload_templates() {
        let v = serde_json::json!({
            "TimeoutSeconds": "${MachineTimeout}",
            "StartAt": "W",
            "States": {
                "W": {"Type": "Wait", "Seconds": "${Delay}", "Next": "T"},
                "T": {"Type": "Task", "Resource": "${Fn}",
                      "Parameters": {"TimeoutSeconds": "${NotAField}"},
                      "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": "${Tries}"}],
                      "End": "${Ends}"}
            }
        });
        let found = numeric_placeholders(&v);
        let want = [
            ("/TimeoutSeconds", "MachineTimeout"),
            ("/States/W/Seconds", "Delay"),
            ("/States/T/Retry/0/MaxAttempts", "Tries"),
            ("/States/T/End", "Ends"),
        ];
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(p, n)| (p.as_str(), n.as_str()))
            .collect();
        assert_eq!(found, want);
        let copy = with_numeric_stand_ins(&v).expect("has placeholders");
        assert_eq!(copy["States"]["T"]["End"], Value::Bool(true));
        assert_eq!(copy["States"]["W"]["Seconds"], Value::from(1));
        assert_eq!(
            copy["States"]["T"]["Parameters"]["TimeoutSeconds"],
            "${NotAField}"
        );
        assert_eq!(
            with_numeric_stand_ins(&serde_json::json!({"TimeoutSeconds": 5})),
            None
        );
    }

    #[test]
    fn stand_ins_keep_the_length() {
        let s = "$x + ${AWS::Region} & ${N}";
        assert_eq!(with_identifiers(s), "$x + AWS__Region___ & N___");
        assert_eq!(with_paths("f(${N}, 'a${B}')"), "f($.N_, 'a$.B_')");
        assert_eq!(with_identifiers(s).chars().count(), s.chars().count());
    }

    #[test]
    fn numeric_fields() {
        for f in [
            "TimeoutSeconds",
            "MaxConcurrency",
            "BackoffRate",
            "End",
            "Seconds",
        ] {
            assert!(is_numeric_field(f), "{f}");
        }
        for f in ["Resource", "Next", "TimeoutSecondsPath", "Comment"] {
            assert!(!is_numeric_field(f), "{f}");
        }
    }
}
