//! Switching states between the two query languages where the conversion keeps what the
//! state does: JSONPath's `InputPath` / `Parameters` / `ResultSelector` / `ResultPath` /
//! `OutputPath` pipeline of plain paths and templates becomes JSONata's `Arguments` / `Output`
//! over `$states.input` and `$states.result`, `Variable` comparisons become `Condition`s, and
//! back. What has no exact counterpart (intrinsic functions, timestamp comparisons, JSONata
//! beyond a plain path) is not converted: each such field is a [`Blocker`] naming it.
//!
//! "Exact" means for the inputs the source form accepts: a JSONPath path through a missing
//! field fails the state (`States.Runtime`) where the JSONata path is undefined, and a path
//! through an array maps over it in JSONata; neither changes a run that succeeds.
//! AWS: "Transforming data with JSONata in Step Functions" (the JSONPath → JSONata table).

use crate::model::QueryLanguage;
use crate::pointer::Pointer;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A field that stops a conversion, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Blocker {
    pub pointer: String,
    pub reason: String,
}

/// The machine in the other language: top-level `QueryLanguage` set, every state converted
/// (state-level `QueryLanguage` fields dropped), or the fields that stop it.
pub fn switch_machine(root: &Value, to: QueryLanguage) -> Result<Value, Vec<Blocker>> {
    let Value::Object(machine) = root else {
        return Err(vec![blocker(
            &Pointer::root(),
            "the definition is not an object",
        )]);
    };
    let mut blockers = Vec::new();
    let mut out = machine.clone();
    convert_scope(&mut out, &Pointer::root(), to, &mut blockers);
    match to {
        // JSONPath is the default: the field goes rather than saying it.
        QueryLanguage::JsonPath => {
            out.shift_remove("QueryLanguage");
        }
        QueryLanguage::Jsonata => {
            set_after(
                &mut out,
                "QueryLanguage",
                json!("JSONata"),
                &["Comment", "StartAt"],
            );
        }
    }
    if blockers.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(blockers)
    }
}

/// A new state (a palette template, written in JSONPath) made to follow the language it is
/// placed in. A state that names its own language, or that cannot be converted exactly, is
/// left as it is (the validator then says what does not fit).
pub fn adapt_new_state(state: &mut Map<String, Value>, language: QueryLanguage) {
    if state.contains_key("QueryLanguage") || language == QueryLanguage::JsonPath {
        return;
    }
    let mut blockers = Vec::new();
    let mut converted = state.clone();
    convert_tree(
        &mut converted,
        &Pointer::root(),
        QueryLanguage::Jsonata,
        &mut blockers,
    );
    if blockers.is_empty() {
        *state = converted;
    }
}

/// The language of the machine (JSONPath unless it says JSONata).
pub fn machine_language(root: &Value) -> QueryLanguage {
    match root.get("QueryLanguage").and_then(Value::as_str) {
        Some("JSONata") => QueryLanguage::Jsonata,
        _ => QueryLanguage::JsonPath,
    }
}

fn blocker(at: &Pointer, reason: impl Into<String>) -> Blocker {
    Blocker {
        pointer: at.to_string(),
        reason: reason.into(),
    }
}

fn convert_scope(
    scope: &mut Map<String, Value>,
    at: &Pointer,
    to: QueryLanguage,
    out: &mut Vec<Blocker>,
) {
    let states_at = at.key("States");
    let Some(Value::Object(states)) = scope.get_mut("States") else {
        return;
    };
    for (name, state) in states.iter_mut() {
        if let Value::Object(state) = state {
            convert_tree(state, &states_at.key(name), to, out);
        }
    }
}

/// One state and the states nested in it.
fn convert_tree(
    state: &mut Map<String, Value>,
    here: &Pointer,
    to: QueryLanguage,
    out: &mut Vec<Blocker>,
) {
    let own = state
        .get("QueryLanguage")
        .and_then(Value::as_str)
        .map(str::to_string);
    state.shift_remove("QueryLanguage");
    let already = matches!(
        (own.as_deref(), to),
        (Some("JSONata"), QueryLanguage::Jsonata) | (Some("JSONPath"), QueryLanguage::JsonPath)
    );
    if !already {
        convert_state(state, here, to, out);
    }
    if let Some(Value::Array(branches)) = state.get_mut("Branches") {
        for (i, b) in branches.iter_mut().enumerate() {
            if let Value::Object(b) = b {
                convert_scope(b, &here.key("Branches").index(i), to, out);
            }
        }
    }
    for field in ["ItemProcessor", "Iterator"] {
        if let Some(Value::Object(p)) = state.get_mut(field) {
            convert_scope(p, &here.key(field), to, out);
        }
    }
}

fn convert_state(
    state: &mut Map<String, Value>,
    at: &Pointer,
    to: QueryLanguage,
    out: &mut Vec<Blocker>,
) {
    let before = out.len();
    let result = match to {
        QueryLanguage::Jsonata => to_jsonata::state(state, at, out),
        QueryLanguage::JsonPath => to_jsonpath::state(state, at, out),
    };
    if out.len() == before {
        *state = result;
    }
}

/// Inserts `key` after the last of `after` present (else first), or replaces it in place.
fn set_after(obj: &mut Map<String, Value>, key: &str, value: Value, after: &[&str]) {
    if obj.contains_key(key) {
        obj.insert(key.to_string(), value);
        return;
    }
    let index = obj
        .keys()
        .enumerate()
        .filter(|(_, k)| after.contains(&k.as_str()))
        .map(|(i, _)| i + 1)
        .max()
        .unwrap_or(0);
    obj.shift_insert(index, key.to_string(), value);
}

/// Fields `old` replaced by `new` (`None`: dropped, nothing added).
struct Swap {
    old: Vec<String>,
    new: String,
    value: Option<Value>,
}

fn swap(old: &[&str], new: &str, value: Option<Value>) -> Swap {
    Swap {
        old: old.iter().map(|s| s.to_string()).collect(),
        new: new.to_string(),
        value,
    }
}

/// Rebuilds `state` with each swap's new field where the first of its old fields was (else
/// before the transition), the old ones dropped; other fields keep their order.
fn rebuild(state: &Map<String, Value>, swaps: Vec<Swap>) -> Map<String, Value> {
    let mut out = Map::new();
    let mut placed = vec![false; swaps.len()];
    for (k, v) in state {
        if let Some(i) = swaps.iter().position(|s| s.old.contains(k) || s.new == *k) {
            if !placed[i] {
                placed[i] = true;
                if let Some(v) = &swaps[i].value {
                    out.insert(swaps[i].new.clone(), v.clone());
                }
            }
            continue;
        }
        out.insert(k.clone(), v.clone());
    }
    let at_end = ["Next", "End", "Retry", "Catch"];
    for (i, s) in swaps.into_iter().enumerate() {
        if placed[i] {
            continue;
        }
        if let Some(v) = s.value {
            let index = out
                .keys()
                .position(|k| at_end.contains(&k.as_str()))
                .unwrap_or(out.len());
            out.shift_insert(index, s.new, v);
        }
    }
    out
}

/// A JSONata expression built from a converted JSONPath form.
#[derive(Debug, Clone, PartialEq)]
enum Form {
    /// A plain path (`$states.input.a`): more steps append with `.`.
    Path(String),
    /// Any other expression.
    Expr(String),
    /// A JSON value whose strings may hold `{% %}` (a converted template or a literal).
    Template(Value),
}

impl Form {
    fn expr(&self) -> String {
        match self {
            Form::Path(p) | Form::Expr(p) => p.clone(),
            Form::Template(v) => template_expr(v),
        }
    }

    /// The value the field holds: templates stay JSON, expressions go in `{% %}`.
    fn field(&self) -> Value {
        match self {
            Form::Template(v) => v.clone(),
            _ => Value::String(format!("{{% {} %}}", self.expr())),
        }
    }

    /// Steps appended (already JSONata, starting with `.`).
    fn then(&self, steps: &str) -> Form {
        if steps.is_empty() {
            return self.clone();
        }
        match self {
            Form::Path(p) => Form::Path(format!("{p}{steps}")),
            other => Form::Expr(format!("({}){steps}", other.expr())),
        }
    }

    fn is(&self, path: &str) -> bool {
        matches!(self, Form::Path(p) if p == path)
    }
}

/// A JSON template as one JSONata expression: `{% e %}` strings become `(e)`, the rest stays
/// JSON (which JSONata reads as the same value).
fn template_expr(v: &Value) -> String {
    match v {
        Value::String(s) => match embedded(s) {
            Some(e) => format!("({e})"),
            None => v.to_string(),
        },
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(template_expr)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(obj) => format!(
            "{{{}}}",
            obj.iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), template_expr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// The expression inside a `{% %}` string.
fn embedded(s: &str) -> Option<&str> {
    s.trim()
        .strip_prefix("{%")?
        .strip_suffix("%}")
        .map(str::trim)
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(
            s,
            "and" | "or" | "in" | "true" | "false" | "null" | "function"
        )
}

/// One name as a JSONata step: bare when it is an identifier, else in backquotes.
fn step(name: &str) -> Option<String> {
    if is_ident(name) {
        Some(format!(".{name}"))
    } else if name.contains('`') {
        None
    } else {
        Some(format!(".`{name}`"))
    }
}

/// A plain JSONPath: its root (`$`, `$$` or `$name`) and field names. `None` for anything
/// else (indexes, wildcards, filters, slices, functions).
fn parse_path(p: &str) -> Option<(String, Vec<String>)> {
    let rest = p.strip_prefix('$')?;
    let (root, mut rest) = if let Some(r) = rest.strip_prefix('$') {
        ("$$".to_string(), r)
    } else {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let var = &rest[..end];
        if !var.is_empty() && !is_ident(var) {
            return None;
        }
        (format!("${var}"), &rest[end..])
    };
    let mut names = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("['") {
            let end = r.find("']")?;
            names.push(r[..end].to_string());
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            if name.is_empty() || name.contains(['*', '(', ')', '@', '?', ' ']) {
                return None;
            }
            names.push(name.to_string());
            rest = &r[end..];
        } else {
            return None;
        }
    }
    Some((root, names))
}

mod to_jsonata;

mod to_jsonpath;

#[cfg(test)]
mod tests;
