//! JSONata fields of plain paths back to JSONPath (see the parent module).

use super::*;

/// `$states.input.a.b` → (`$`, `$.a.b`); `$states.result...`, `$states.context...`
/// (`$$`), `$var...`: plain paths only.
pub(super) fn path(e: &str) -> Option<(&'static str, String)> {
    let e = e.trim();
    let (root, rest, prefix) = if let Some(r) = e.strip_prefix("$states.input") {
        ("input", r, "$".to_string())
    } else if let Some(r) = e.strip_prefix("$states.result") {
        ("result", r, "$".to_string())
    } else if let Some(r) = e.strip_prefix("$states.errorOutput") {
        ("error", r, "$".to_string())
    } else if let Some(r) = e.strip_prefix("$states.context") {
        ("context", r, "$$".to_string())
    } else {
        let r = e.strip_prefix('$')?;
        let end = r.find('.').unwrap_or(r.len());
        if !is_ident(&r[..end]) || &r[..end] == "states" {
            return None;
        }
        ("variable", &r[end..], format!("${}", &r[..end]))
    };
    let mut out = prefix;
    let mut rest = rest;
    while !rest.is_empty() {
        let r = rest.strip_prefix('.')?;
        let (name, next) = if let Some(q) = r.strip_prefix('`') {
            let end = q.find('`')?;
            (&q[..end], &q[end + 1..])
        } else {
            let end = r.find('.').unwrap_or(r.len());
            let name = &r[..end];
            if !is_ident(name) {
                return None;
            }
            (name, &r[end..])
        };
        if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push('.');
            out.push_str(name);
        } else if name.contains('\'') {
            return None;
        } else {
            out.push_str(&format!("['{name}']"));
        }
        rest = next;
    }
    Some((root, out))
}

pub(super) fn state(
    state: &Map<String, Value>,
    at: &Pointer,
    out: &mut Vec<Blocker>,
) -> Map<String, Value> {
    let ty = state.get("Type").and_then(Value::as_str).unwrap_or("");
    let mut swaps: Vec<Swap> = Vec::new();
    let mut block = |field: &str, reason: &str| out.push(blocker(&at.key(field), reason));
    let single = |v: &Value, allowed: &[&str]| -> Option<String> {
        let (root, p) = path(embedded(v.as_str()?)?)?;
        allowed.contains(&root).then_some(p)
    };
    if let Some(args) = state.get("Arguments") {
        if ty == "Task" || ty == "Parallel" {
            match template(args, &["input", "context", "variable"]) {
                Some(Value::String(p)) => {
                    swaps.push(swap(&["Arguments"], "InputPath", Some(Value::String(p))))
                }
                Some(t) => swaps.push(swap(&["Arguments"], "Parameters", Some(t))),
                None => block(
                    "Arguments",
                    "only plain paths ($states.input.a.b) convert to JSONPath",
                ),
            }
        }
    }
    if let Some(items) = state.get("Items") {
        match single(items, &["input"]) {
            Some(p) => swaps.push(swap(&["Items"], "ItemsPath", Some(Value::String(p)))),
            None => block(
                "Items",
                "only a plain path ($states.input.a.b) converts to ItemsPath",
            ),
        }
    }
    if let Some(sel) = state.get("ItemSelector") {
        match template(sel, &["input", "context", "variable"]) {
            Some(t @ Value::Object(_)) => {
                swaps.push(swap(&["ItemSelector"], "ItemSelector", Some(t)))
            }
            _ => block("ItemSelector", "only plain paths convert to JSONPath"),
        }
    }
    for (k, path_key) in [
        ("Seconds", "SecondsPath"),
        ("Timestamp", "TimestampPath"),
        ("TimeoutSeconds", "TimeoutSecondsPath"),
        ("HeartbeatSeconds", "HeartbeatSecondsPath"),
        ("MaxConcurrency", "MaxConcurrencyPath"),
        (
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
        ),
        ("ToleratedFailureCount", "ToleratedFailureCountPath"),
        ("Error", "ErrorPath"),
        ("Cause", "CausePath"),
    ] {
        let Some(v) = state.get(k) else { continue };
        if v.as_str().is_none_or(|s| embedded(s).is_none()) {
            continue;
        }
        match single(v, &["input"]) {
            Some(p) => swaps.push(swap(&[k], path_key, Some(Value::String(p)))),
            None => block(
                k,
                "only a plain path ($states.input.a.b) converts to JSONPath",
            ),
        }
    }
    if let Some(output) = state.get("Output") {
        let produces = matches!(ty, "Task" | "Parallel" | "Map");
        match single(output, &["input", "result"]) {
            Some(p) => {
                let root = path(embedded(output.as_str().unwrap_or("")).unwrap_or(""))
                    .map(|(r, _)| r)
                    .unwrap_or("");
                if produces && root == "input" {
                    swaps.push(swap(&[], "ResultPath", Some(Value::Null)));
                }
                if !produces && root == "result" {
                    block("Output", "$states.result is not available in this state");
                }
                let keep = (p != "$").then_some(Value::String(p));
                swaps.push(swap(&["Output"], "OutputPath", keep));
            }
            None => match (
                ty,
                template(
                    output,
                    if produces {
                        &["result", "context", "variable"]
                    } else {
                        &["input", "context", "variable"]
                    },
                ),
            ) {
                ("Task" | "Parallel" | "Map", Some(t @ Value::Object(_))) => {
                    swaps.push(swap(&["Output"], "ResultSelector", Some(t)))
                }
                ("Pass", Some(t @ Value::Object(_))) if !has_paths(&t) => {
                    swaps.push(swap(&["Output"], "Result", Some(t)))
                }
                ("Pass", Some(t @ Value::Object(_))) => {
                    swaps.push(swap(&["Output"], "Parameters", Some(t)))
                }
                _ => block(
                    "Output",
                    "only plain paths and templates of them convert to JSONPath",
                ),
            },
        }
    }
    if let Some(Value::Array(rules)) = state.get("Choices") {
        for (i, r) in rules.iter().enumerate() {
            if r.get("Condition").is_some() {
                out.push(blocker(
                    &at.key("Choices").index(i).key("Condition"),
                    "a JSONata Condition has no exact JSONPath form here: write the rule as a comparison",
                ));
            }
        }
    }
    if let Some(Value::Array(catchers)) = state.get("Catch") {
        let mut converted = Vec::new();
        for (i, c) in catchers.iter().enumerate() {
            let Value::Object(c) = c else {
                converted.push(c.clone());
                continue;
            };
            let Some(o) = c.get("Output") else {
                converted.push(Value::Object(c.clone()));
                continue;
            };
            if o.as_str().and_then(embedded) == Some("$states.errorOutput") {
                converted.push(Value::Object(rebuild(
                    c,
                    vec![swap(&["Output"], "ResultPath", None)],
                )));
            } else {
                out.push(blocker(
                    &at.key("Catch").index(i).key("Output"),
                    "only the error output itself converts to JSONPath",
                ));
            }
        }
        swaps.push(swap(&["Catch"], "Catch", Some(Value::Array(converted))));
    }
    if state.get("Assign").is_some_and(has_expressions) {
        out.push(blocker(
            &at.key("Assign"),
            "assigns JSONata expressions: rewrite them in JSONPath by hand",
        ));
    }
    let handled = [
        "Arguments",
        "Items",
        "ItemSelector",
        "Seconds",
        "Timestamp",
        "TimeoutSeconds",
        "HeartbeatSeconds",
        "MaxConcurrency",
        "ToleratedFailurePercentage",
        "ToleratedFailureCount",
        "Error",
        "Cause",
        "Output",
        "Choices",
        "Catch",
        "Assign",
        "States",
        "Branches",
        "ItemProcessor",
        "Iterator",
    ];
    for (k, v) in state {
        if !handled.contains(&k.as_str()) && has_expressions(v) {
            out.push(blocker(&at.key(k), "holds a JSONata expression"));
        }
    }
    rebuild(state, swaps)
}

fn has_expressions(v: &Value) -> bool {
    match v {
        Value::String(s) => embedded(s).is_some(),
        Value::Object(o) => o.values().any(has_expressions),
        Value::Array(a) => a.iter().any(has_expressions),
        _ => false,
    }
}

fn has_paths(v: &Value) -> bool {
    match v {
        Value::Object(o) => o.iter().any(|(k, v)| k.ends_with(".$") || has_paths(v)),
        Value::Array(a) => a.iter().any(has_paths),
        _ => false,
    }
}

/// A template of plain paths as a JSONPath payload template (`key.$`); a whole-value
/// path comes back as the path string.
fn template(v: &Value, allowed: &[&str]) -> Option<Value> {
    match v {
        Value::String(s) => match embedded(s) {
            Some(e) => {
                let (root, p) = path(e)?;
                allowed.contains(&root).then_some(Value::String(p))
            }
            None => Some(v.clone()),
        },
        Value::Object(obj) => {
            let mut out = Map::new();
            for (k, v) in obj {
                match v {
                    Value::String(s) if embedded(s).is_some() => {
                        let Some(Value::String(p)) = template(v, allowed) else {
                            return None;
                        };
                        out.insert(format!("{k}.$"), Value::String(p));
                    }
                    _ => {
                        out.insert(k.clone(), template(v, allowed)?);
                    }
                }
            }
            Some(Value::Object(out))
        }
        Value::Array(items) => {
            if items.iter().any(has_expressions) {
                return None;
            }
            Some(v.clone())
        }
        other => Some(other.clone()),
    }
}
