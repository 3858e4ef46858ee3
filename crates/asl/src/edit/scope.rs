//! Finding things in the raw definition: JSON Pointers parsed strictly, scope pointers and
//! state pointers resolved to the objects they name, and the machine's state names.
//!
//! A scope pointer follows the grammar of nested bodies: `""`, then any number of
//! `/States/<name>/Branches/<i>` or `/States/<name>/ItemProcessor` (or `/Iterator`). A state
//! pointer is a scope pointer followed by `/States/<name>`.

use super::EditError;
use crate::pointer::Pointer;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The fields of a Map state that hold its processor.
pub(crate) const PROCESSOR_FIELDS: [&str; 2] = ["ItemProcessor", "Iterator"];

/// Parses a JSON Pointer (RFC 6901) into unescaped tokens. Rejects text that is not a
/// pointer: a non-empty pointer starts with `/`, and `~` is only followed by `0` or `1`.
pub(crate) fn parse_pointer(pointer: &str) -> Result<Vec<String>, EditError> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let bad = |reason: &str| EditError::BadPointer {
        pointer: pointer.to_string(),
        reason: reason.to_string(),
    };
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(bad("a JSON Pointer starts with \"/\""));
    };
    rest.split('/')
        .map(|raw| {
            let mut token = String::with_capacity(raw.len());
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                if c == '~' {
                    match chars.next() {
                        Some('0') => token.push('~'),
                        Some('1') => token.push('/'),
                        _ => return Err(bad("\"~\" must be followed by 0 or 1")),
                    }
                } else {
                    token.push(c);
                }
            }
            Ok(token)
        })
        .collect()
}

/// Renders unescaped tokens as a JSON Pointer.
pub(crate) fn render(tokens: &[String]) -> String {
    tokens.iter().fold(Pointer::root(), |p, t| p.key(t)).into()
}

/// An array index token as RFC 6901 spells it: digits, no leading zero.
pub(crate) fn parse_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

fn child<'a>(v: &'a Value, token: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) => m.get(token),
        Value::Array(a) => a.get(parse_index(token)?),
        _ => None,
    }
}

fn child_mut<'a>(v: &'a mut Value, token: &str) -> Option<&'a mut Value> {
    match v {
        Value::Object(m) => m.get_mut(token),
        Value::Array(a) => a.get_mut(parse_index(token)?),
        _ => None,
    }
}

/// The value at `tokens`, if there is one.
pub(crate) fn get<'a>(root: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(root, |v, t| child(v, t))
}

/// The value at `tokens`, mutably.
pub(crate) fn get_mut<'a>(root: &'a mut Value, tokens: &[String]) -> Option<&'a mut Value> {
    tokens.iter().try_fold(root, |v, t| child_mut(v, t))
}

/// Whether `tokens` spell a scope pointer (see the module docs); `false` for state pointers.
pub(crate) fn is_scope_path(tokens: &[String]) -> bool {
    let mut i = 0;
    loop {
        if i == tokens.len() {
            return true;
        }
        if tokens[i] != "States" || i + 2 >= tokens.len() {
            return false;
        }
        match tokens[i + 2].as_str() {
            "Branches" if tokens.get(i + 3).and_then(|t| parse_index(t)).is_some() => i += 4,
            f if PROCESSOR_FIELDS.contains(&f) => i += 3,
            _ => return false,
        }
    }
}

/// A state's address: the scope that holds it and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StateAddr {
    pub scope: Vec<String>,
    pub name: String,
}

impl StateAddr {
    pub fn tokens(&self) -> Vec<String> {
        let mut t = self.scope.clone();
        t.push("States".into());
        t.push(self.name.clone());
        t
    }

    pub fn pointer(&self) -> String {
        render(&self.tokens())
    }

    /// The address of a sibling state (same scope).
    pub fn sibling(&self, name: &str) -> StateAddr {
        StateAddr {
            scope: self.scope.clone(),
            name: name.to_string(),
        }
    }

    /// Whether `tokens` is this state or lies inside it (its fields, its nested scopes).
    pub fn contains(&self, tokens: &[String]) -> bool {
        let own = self.tokens();
        tokens.len() >= own.len() && tokens[..own.len()] == own[..]
    }
}

/// The pointer of a state in the scope at `scope`.
pub(crate) fn state_pointer(scope: &[String], name: &str) -> String {
    StateAddr {
        scope: scope.to_vec(),
        name: name.to_string(),
    }
    .pointer()
}

/// Resolves a scope pointer: it must follow the scope grammar and name an object.
pub(crate) fn resolve_scope(root: &Value, pointer: &str) -> Result<Vec<String>, EditError> {
    let no_scope = || EditError::NoScope {
        pointer: pointer.to_string(),
    };
    let tokens = parse_pointer(pointer)?;
    if !is_scope_path(&tokens) || !get(root, &tokens).is_some_and(Value::is_object) {
        return Err(no_scope());
    }
    Ok(tokens)
}

/// Resolves a state pointer: a scope pointer plus `/States/<name>`, naming an object.
pub(crate) fn resolve_state(root: &Value, pointer: &str) -> Result<StateAddr, EditError> {
    let no_state = || EditError::NoState {
        pointer: pointer.to_string(),
    };
    let mut tokens = parse_pointer(pointer)?;
    let name = tokens.pop().ok_or_else(no_state)?;
    if tokens.pop().as_deref() != Some("States") || !is_scope_path(&tokens) {
        return Err(no_state());
    }
    let addr = StateAddr {
        scope: tokens,
        name,
    };
    if !get(root, &addr.tokens()).is_some_and(Value::is_object) {
        return Err(no_state());
    }
    Ok(addr)
}

/// The object of a scope (machine, branch or processor body).
pub(crate) fn scope_mut<'a>(
    root: &'a mut Value,
    scope: &[String],
) -> Result<&'a mut Map<String, Value>, EditError> {
    get_mut(root, scope)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| EditError::NoScope {
            pointer: render(scope),
        })
}

/// The `States` map of a scope object, created when missing.
pub(crate) fn states_mut<'a>(
    scope: &'a mut Map<String, Value>,
    scope_tokens: &[String],
) -> Result<&'a mut Map<String, Value>, EditError> {
    scope
        .entry("States")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| EditError::NotApplicable {
            pointer: format!("{}/States", render(scope_tokens)),
            reason: "States is not an object".into(),
        })
}

/// The `States` map of a scope, read-only; `None` when missing or not an object.
pub(crate) fn states_of(scope: &Map<String, Value>) -> Option<&Map<String, Value>> {
    scope.get("States").and_then(Value::as_object)
}

/// A state's object.
pub(crate) fn state_mut<'a>(
    root: &'a mut Value,
    addr: &StateAddr,
) -> Result<&'a mut Map<String, Value>, EditError> {
    get_mut(root, &addr.tokens())
        .and_then(Value::as_object_mut)
        .ok_or_else(|| EditError::NoState {
            pointer: addr.pointer(),
        })
}

/// A state's object, read-only.
pub(crate) fn state_ref<'a>(
    root: &'a Value,
    addr: &StateAddr,
) -> Result<&'a Map<String, Value>, EditError> {
    get(root, &addr.tokens())
        .and_then(Value::as_object)
        .ok_or_else(|| EditError::NoState {
            pointer: addr.pointer(),
        })
}

/// The `Type` of a state as written ("" when missing or not a string).
pub(crate) fn state_type(state: &Map<String, Value>) -> &str {
    state.get("Type").and_then(Value::as_str).unwrap_or("")
}

/// Whether `state` hands over with `Next`/`End` ([`StateType::takes_next_or_end`]); a state
/// of no known type is treated like a Task, so the editor can still wire it.
pub(crate) fn takes_next_or_end(state: &Map<String, Value>) -> bool {
    crate::model::StateType::parse(state_type(state))
        .is_none_or(crate::model::StateType::takes_next_or_end)
}

/// The nested bodies of a state, in key order: the `Branches` of a Parallel, the
/// `ItemProcessor` (or legacy `Iterator`) of a Map. Only bodies that are objects.
pub(crate) fn nested_bodies(state: &Map<String, Value>) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    for (key, v) in state {
        match (key.as_str(), v) {
            ("Branches", Value::Array(branches)) => {
                out.extend(branches.iter().filter_map(Value::as_object))
            }
            (k, Value::Object(body)) if PROCESSOR_FIELDS.contains(&k) => out.push(body),
            _ => {}
        }
    }
    out
}

/// Every state name of the machine, nested bodies included.
pub(crate) fn machine_names(root: &Value) -> HashSet<String> {
    let mut names = HashSet::new();
    if let Some(scope) = root.as_object() {
        collect_names(scope, &mut names);
    }
    names
}

/// Adds the state names of a scope and of every body nested in its states.
pub(crate) fn collect_names(scope: &Map<String, Value>, names: &mut HashSet<String>) {
    let Some(states) = states_of(scope) else {
        return;
    };
    for (name, state) in states {
        names.insert(name.clone());
        if let Some(obj) = state.as_object() {
            collect_nested_names(obj, names);
        }
    }
}

/// Adds the names of the states nested in one state (not the state's own name).
pub(crate) fn collect_nested_names(state: &Map<String, Value>, names: &mut HashSet<String>) {
    for body in nested_bodies(state) {
        collect_names(body, names);
    }
}

/// The nested bodies of a state, mutably (same order as [`nested_bodies`]).
pub(crate) fn nested_bodies_mut(state: &mut Map<String, Value>) -> Vec<&mut Map<String, Value>> {
    let mut out = Vec::new();
    for (key, v) in state.iter_mut() {
        match (key.as_str(), v) {
            ("Branches", Value::Array(branches)) => {
                out.extend(branches.iter_mut().filter_map(Value::as_object_mut))
            }
            (k, Value::Object(body)) if PROCESSOR_FIELDS.contains(&k) => out.push(body),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn toks(p: &str) -> Vec<String> {
        parse_pointer(p).expect("pointer")
    }

    #[test]
    fn pointers_parse_strictly() {
        assert_eq!(toks("/a~1b/~0c"), vec!["a/b", "~c"]);
        assert_eq!(toks(""), Vec::<String>::new());
        assert_eq!(toks("/"), vec![""]);
        assert!(parse_pointer("States").is_err());
        assert!(parse_pointer("/a~2").is_err());
        assert!(parse_pointer("/a~").is_err());
        assert_eq!(render(&toks("/a~1b/~0c")), "/a~1b/~0c");
    }

    #[test]
    fn indices_are_canonical() {
        assert_eq!(parse_index("0"), Some(0));
        assert_eq!(parse_index("12"), Some(12));
        assert_eq!(parse_index("01"), None);
        assert_eq!(parse_index("-"), None);
        assert_eq!(parse_index(""), None);
    }

    #[test]
    fn scope_grammar() {
        assert!(is_scope_path(&toks("")));
        assert!(is_scope_path(&toks("/States/P/Branches/0")));
        assert!(is_scope_path(&toks("/States/M/ItemProcessor")));
        assert!(is_scope_path(&toks(
            "/States/P/Branches/1/States/M/Iterator"
        )));
        assert!(!is_scope_path(&toks("/States/P")));
        assert!(!is_scope_path(&toks("/States/P/Branches")));
        assert!(!is_scope_path(&toks("/States/P/Parameters")));
    }

    #[test]
    fn names_cover_nested_bodies() {
        let v = json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor":
                    {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}, "End": true}}}
            ], "End": true}
        }});
        let names = machine_names(&v);
        for n in ["P", "A", "M", "X"] {
            assert!(names.contains(n), "{n}");
        }
        assert_eq!(names.len(), 4);
    }

    #[test]
    fn resolves_states_and_scopes() {
        let v = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
        let a = resolve_state(&v, "/States/A").expect("state");
        assert_eq!(a.name, "A");
        assert!(a.scope.is_empty());
        assert!(resolve_state(&v, "/States/B").is_err());
        assert!(resolve_state(&v, "").is_err());
        assert!(resolve_scope(&v, "").is_ok());
        assert!(resolve_scope(&v, "/States/A").is_err());
    }
}
