//! Values inside states: paths, payload templates (`"key.$"`), intrinsic calls and Assign
//! variable names (JSONata `{% %}` strings are in `jsonata.rs`).

use super::jsonata::{self, StatesFields};
use super::{path_text, Ctx};
use crate::diagnostic::{Code, TextRange};
use crate::intrinsics;
use crate::path::PathRoot;
use crate::pointer::Loc;
use serde_json::Value;

/// What a path field must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Any path: `$...`, `$$...` or `$variable...` (InputPath, OutputPath, Variable, ...).
    Any,
    /// A reference path: definite, no wildcards or filters (ItemsPath, `*SecondsPath`, ...).
    Reference,
    /// A reference path into the state's own output (ResultPath): it must start with `$`.
    ResultPath,
}

/// Checks a string that must be a path; reports on `ptr`. Returns whether it was good.
pub fn check_path(ctx: &mut Ctx, ptr: &Loc<'_>, text: &str, kind: PathKind, field: &str) -> bool {
    check_path_at(ctx, ptr, text, kind, field, 0)
}

/// [`check_path`] for a path at character `at` of the string value (after blanks, or an
/// intrinsic argument).
fn check_path_at(
    ctx: &mut Ctx,
    ptr: &Loc<'_>,
    text: &str,
    kind: PathKind,
    field: &str,
    at: usize,
) -> bool {
    let path = match path_text::read(text) {
        path_text::Reading::Path(p) => p,
        path_text::Reading::BareWords(p, words) => {
            let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            ctx.warning(
                Code::UnquotedFilterString,
                ptr,
                format!(
                    "{field} compares with unquoted {} in a filter: AWS accepts the definition, but Jayway JsonPath (AWS's JSONPath library) reads a bare word as a number and cannot evaluate the filter, so the state likely fails at run time; write {}: {text:?}",
                    words.join(", "),
                    quoted.join(", ")
                ),
            );
            p
        }
        path_text::Reading::Invalid(e) => {
            ctx.error(
                Code::InvalidJsonPath,
                ptr,
                format!("{field} is not a valid JSONPath ({e}): {text:?}"),
            );
            return false;
        }
    };
    if let Some(name) = path.variable() {
        let range = TextRange {
            start: at,
            end: at + name.chars().count() + 1,
        };
        ctx.read_variable(ptr, name, Some(range));
    }
    match kind {
        PathKind::Any => true,
        PathKind::Reference if !path.is_reference_path() => {
            ctx.error(
                Code::InvalidReferencePath,
                ptr,
                format!("{field} must be a reference path (no wildcards, filters, slices or unions): {text:?}"),
            );
            false
        }
        PathKind::ResultPath
            if !path.is_reference_path() || !matches!(path.root, PathRoot::Input) =>
        {
            ctx.error(
                Code::InvalidReferencePath,
                ptr,
                format!("{field} must be a reference path starting with $ (no wildcards, filters, context or variables): {text:?}"),
            );
            false
        }
        _ => true,
    }
}

/// A path field that may also be `null` (InputPath, OutputPath, ResultPath).
pub fn check_nullable_path(
    ctx: &mut Ctx,
    ptr: &Loc<'_>,
    value: &Value,
    kind: PathKind,
    field: &str,
) {
    match value {
        Value::Null => {}
        Value::String(s) => {
            check_path(ctx, ptr, s, kind, field);
        }
        other => ctx.wrong_type(ptr, field, "a path string or null", other),
    }
}

/// A string field that must hold a path (`*Path` fields); reference paths unless `kind` says so.
pub fn check_path_field(ctx: &mut Ctx, ptr: &Loc<'_>, value: &Value, kind: PathKind, field: &str) {
    match value {
        Value::String(s) => {
            check_path(ctx, ptr, s, kind, field);
        }
        other => ctx.wrong_type(ptr, field, "a path string", other),
    }
}

/// The value of a `.$` key, ErrorPath or CausePath: a path or an intrinsic function call.
pub fn check_dynamic_value(ctx: &mut Ctx, ptr: &Loc<'_>, value: &Value, field: &str) {
    let Value::String(text) = value else {
        ctx.wrong_type(
            ptr,
            field,
            "a path or intrinsic function call string",
            value,
        );
        return;
    };
    let trimmed = text.trim();
    let lead = text[..text.len() - text.trim_start().len()].chars().count();
    if intrinsics::is_intrinsic_call(trimmed) || trimmed.starts_with("States.") {
        check_intrinsic(ctx, ptr, trimmed, field, lead);
    } else if trimmed.starts_with('$') {
        check_path_at(ctx, ptr, trimmed, PathKind::Any, field, lead);
    } else {
        ctx.error(
            Code::InvalidPayloadTemplate,
            ptr,
            format!("{field} must be a JSONPath (starting with $) or an intrinsic function call (States.*), not {text:?}"),
        );
    }
}

fn check_intrinsic(ctx: &mut Ctx, ptr: &Loc<'_>, text: &str, field: &str, lead: usize) {
    // A `${Name}` placeholder argument is some value once substituted: read as a path, whose
    // type is not known either. (In a string literal it stays text either way.)
    let filled;
    let text = if crate::placeholder::has_placeholder(text) {
        filled = crate::placeholder::with_paths(text);
        filled.as_str()
    } else {
        text
    };
    let call = match intrinsics::parse(text) {
        Ok(call) => call,
        Err(e) => {
            ctx.error(
                Code::InvalidIntrinsic,
                ptr,
                format!("{field}: invalid intrinsic function call ({e}): {text:?}"),
            );
            return;
        }
    };
    for problem in intrinsics::check(&call) {
        let code = match problem.kind {
            intrinsics::CallProblemKind::Unknown => Code::UnknownIntrinsic,
            intrinsics::CallProblemKind::Arity => Code::IntrinsicArity,
            intrinsics::CallProblemKind::ArgType => Code::IntrinsicArgType,
        };
        ctx.error(code, ptr, format!("{field}: {}", problem.message));
    }
    for (offset, path) in call.paths() {
        if let Some(name) = path.variable() {
            let start = lead + offset;
            let range = TextRange {
                start,
                end: start + name.chars().count() + 1,
            };
            ctx.read_variable(ptr, name, Some(range));
        }
    }
}

/// A payload template (Parameters, ResultSelector, ItemSelector, ...): every `"key.$"`
/// holds a path or intrinsic call, at any depth.
pub fn check_payload_template(ctx: &mut Ctx, ptr: &Loc<'_>, value: &Value) {
    match value {
        Value::Object(map) => {
            check_duplicate_fields(ctx, ptr, map);
            for (key, v) in map {
                let child = ptr.key(key);
                if key.ends_with(".$") {
                    check_dynamic_value(ctx, &child, v, key);
                } else {
                    check_payload_template(ctx, &child, v);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_payload_template(ctx, &ptr.index(i), v);
            }
        }
        _ => {}
    }
}

/// The ASL specification (Payload Templates): "A JSON object MUST NOT have duplicate field
/// names after fields ending with the characters \".$\" are renamed to strip the \".$\"
/// suffix"; CreateStateMachine rejects `"Payload"` next to `"Payload.$"`. Placeholder keys
/// (`${Key}`) are compared as written: two different placeholders may or may not collide
/// once substituted, which is not known yet. (JSONata's Arguments and Output give `.$` no
/// meaning, and whether AWS applies the rule to the variable names of a JSONPath Assign is
/// not documented: neither is checked.)
fn check_duplicate_fields(ctx: &mut Ctx, ptr: &Loc<'_>, map: &serde_json::Map<String, Value>) {
    if !map.keys().any(|k| k.ends_with(".$")) {
        return;
    }
    let mut seen: Vec<(&str, &str)> = Vec::with_capacity(map.len());
    for key in map.keys() {
        let stripped = key.strip_suffix(".$").unwrap_or(key);
        match seen.iter().find(|(s, _)| *s == stripped) {
            Some((_, first)) => ctx.error(
                Code::DuplicateField,
                &ptr.key(key),
                format!("{first:?} and {key:?} are the same field {stripped:?} once \".$\" is stripped; a payload template must not have duplicate field names"),
            ),
            None => seen.push((stripped, key)),
        }
    }
}

/// AWS variable names: a letter or underscore, then letters, digits or underscores; at most
/// 80 characters; `states` is reserved for JSONata's `$states`.
pub fn variable_name_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Some("a variable name cannot be empty"),
        Some(c) if !(c.is_alphabetic() || c == '_') => {
            return Some("a variable name must start with a letter or an underscore")
        }
        _ => {}
    }
    if !chars.all(|c| c.is_alphanumeric() || c == '_') {
        return Some("a variable name may only contain letters, digits and underscores");
    }
    if name.chars().count() > 80 {
        return Some("a variable name can be at most 80 characters long");
    }
    if name == "states" {
        return Some("`states` is reserved (JSONata's $states)");
    }
    None
}

/// `Assign`: an object of variable names; in JSONPath states (`jsonata` is `None`) a `name.$`
/// key takes a path or intrinsic, in JSONata states strings may be `{% %}` expressions reading
/// the `$states` fields `jsonata` says. Every name counts as assigned in the current scope.
pub(crate) fn check_assign(
    ctx: &mut Ctx,
    ptr: &Loc<'_>,
    value: &Value,
    jsonata: Option<StatesFields>,
) {
    let Value::Object(map) = value else {
        ctx.wrong_type(ptr, "Assign", "an object", value);
        return;
    };
    for (key, v) in map {
        let child = ptr.key(key);
        let (name, dynamic) = match key.strip_suffix(".$") {
            Some(n) if jsonata.is_none() => (n, true),
            _ => (key.as_str(), false),
        };
        ctx.assign_variable(name);
        if let Some(problem) = variable_name_problem(name) {
            ctx.error(
                Code::InvalidVariableName,
                &child,
                format!("Assign: {problem}: {name:?}"),
            );
        }
        if let Some(states) = jsonata {
            jsonata::check_value(ctx, &child, v, states);
        } else if dynamic {
            check_dynamic_value(ctx, &child, v, key);
        } else {
            check_payload_template(ctx, &child, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names() {
        assert_eq!(variable_name_problem("order_id"), None);
        assert_eq!(variable_name_problem("_x1"), None);
        assert!(variable_name_problem("1x").is_some());
        assert!(variable_name_problem("a.b").is_some());
        assert!(variable_name_problem("states").is_some());
        assert!(variable_name_problem("").is_some());
    }
}
