//! `stepwise_asl::diff`: what changed between two versions of a machine, state by state.

use serde_json::{json, Value};
use std::path::Path;
use stepwise_asl::diff::{diff, Change, Edge, MachineDiff};

fn machine(states: Value) -> Value {
    let start = states
        .as_object()
        .and_then(|o| o.keys().next().cloned())
        .unwrap_or_default();
    json!({"StartAt": start, "States": states})
}

/// One line per change: `~ name /pointer`, `+ name`, `- name`, `> old -> new`, `m name`.
fn summary(d: &MachineDiff) -> Vec<String> {
    let mut out: Vec<String> = d
        .machine
        .iter()
        .map(|f| format!("machine {}", f.pointer))
        .collect();
    for c in &d.changes {
        out.push(match c {
            Change::Added { state, .. } => format!("+ {state}"),
            Change::Removed { state, .. } => format!("- {state}"),
            Change::Renamed {
                from, to, fields, ..
            } => {
                let f: Vec<&str> = fields.iter().map(|f| f.pointer.as_str()).collect();
                format!("> {from} -> {to} {}", f.join(" "))
                    .trim_end()
                    .to_string()
            }
            Change::Changed {
                state,
                moved_from,
                fields,
                ..
            } => {
                let f: Vec<&str> = fields.iter().map(|f| f.pointer.as_str()).collect();
                let moved = if moved_from.is_some() { "m " } else { "" };
                format!("~ {moved}{state} {}", f.join(" "))
                    .trim_end()
                    .to_string()
            }
        });
    }
    out
}

#[test]
fn changes_read_like_a_table() {
    let base = machine(json!({
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Work"}], "Default": "Rest"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "Next": "Rest"},
        "Rest": {"Type": "Wait", "Seconds": 5, "End": true}
    }));
    // (what, after, expected summary)
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        ("nothing", base.clone(), vec![]),
        (
            "a field",
            {
                let mut m = base.clone();
                m["States"]["Work"]["TimeoutSeconds"] = json!(60);
                m
            },
            vec!["~ Work /TimeoutSeconds"],
        ),
        (
            "a Choice rule's value",
            {
                let mut m = base.clone();
                m["States"]["Check"]["Choices"][0]["NumericEquals"] = json!(2);
                m
            },
            vec!["~ Check /Choices/0/NumericEquals"],
        ),
        (
            "a state added on an edge",
            machine(json!({
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Work"}], "Default": "Rest"},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "Next": "Log"},
                "Log": {"Type": "Pass", "Next": "Rest"},
                "Rest": {"Type": "Wait", "Seconds": 5, "End": true}
            })),
            vec!["~ Work /Next", "+ Log"],
        ),
        (
            "a state removed",
            machine(json!({
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Rest"}], "Default": "Rest"},
                "Rest": {"Type": "Wait", "Seconds": 5, "End": true}
            })),
            vec!["~ Check /Choices/0/Next", "- Work"],
        ),
        (
            "a rename: the states naming it have not changed",
            machine(json!({
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Work"}], "Default": "Pause"},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "Next": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 5, "End": true}
            })),
            vec!["> Rest -> Pause"],
        ),
        (
            "a different body under a new name is not a rename",
            machine(json!({
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Work"}], "Default": "Pause"},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "Next": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 9, "End": true}
            })),
            vec!["~ Check /Default", "~ Work /Next", "+ Pause", "- Rest"],
        ),
        (
            "the start renamed with the others",
            json!({"StartAt": "Decide", "States": {
                "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Work"}], "Default": "Rest"},
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "Next": "Rest"},
                "Rest": {"Type": "Wait", "Seconds": 5, "End": true}
            }}),
            vec!["> Check -> Decide"],
        ),
        (
            "a machine field",
            {
                let mut m = base.clone();
                m["TimeoutSeconds"] = json!(300);
                m
            },
            vec!["machine /TimeoutSeconds"],
        ),
    ];
    for (what, after, expected) in cases {
        let d = diff(&base, &after);
        assert_eq!(summary(&d), expected, "{what}");
        assert_eq!(d.is_empty(), expected.is_empty(), "{what}");
    }
}

#[test]
fn nested_states_are_states_of_their_own_and_a_move_is_a_move() {
    let before = machine(json!({
        "Both": {"Type": "Parallel", "Next": "Tidy", "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": 1, "End": true}}}
        ]},
        "Tidy": {"Type": "Pass", "End": true}
    }));
    let after = machine(json!({
        "Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": 2, "End": true}}},
            {"StartAt": "Tidy", "States": {"Tidy": {"Type": "Pass", "End": true}}}
        ]}
    }));
    let d = diff(&before, &after);
    assert_eq!(
        summary(&d),
        [
            "~ Both /End /Branches/1 /Next",
            "~ Left /Result",
            "~ m Tidy"
        ]
    );
    let Change::Changed {
        pointer,
        moved_from,
        ..
    } = &d.changes[2]
    else {
        panic!("{d:?}")
    };
    assert_eq!(pointer, "/States/Both/Branches/1/States/Tidy");
    assert_eq!(moved_from.as_deref(), Some("/States/Tidy"));
    let edge = |from: Option<&str>, to: &str, kind: &str| Edge {
        from: from.map(str::to_string),
        to: to.into(),
        kind: kind.into(),
    };
    assert_eq!(d.edges_added, [edge(None, "Tidy", "start")]);
    assert_eq!(d.edges_removed, [edge(Some("Both"), "Tidy", "next")]);
}

/// Every published machine compared with itself changes nothing; with every state renamed
/// (and every reference to it), it has only renames.
#[test]
fn renaming_every_state_of_a_real_machine_is_only_renames() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).expect("realworld folder") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(def) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if def.get("States").is_none() {
            continue;
        }
        assert!(diff(&def, &def).is_empty(), "{}", path.display());
        let names: Vec<String> = {
            let mut v = Vec::new();
            names(&def, &mut v);
            v
        };
        let renamed = rename_all(&def, &|n: &str| format!("{n} v2"));
        let d = diff(&def, &renamed);
        assert!(d.machine.is_empty(), "{}: {:?}", path.display(), d.machine);
        assert!(
            d.edges_added.is_empty() && d.edges_removed.is_empty(),
            "{}",
            path.display()
        );
        // States with the same body are paired in order: each is still a rename.
        assert_eq!(d.changes.len(), names.len(), "{}", path.display());
        for c in &d.changes {
            assert!(
                matches!(c, Change::Renamed { fields, .. } if fields.is_empty()),
                "{}: {c:?}",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} machines");
}

fn names(scope: &Value, out: &mut Vec<String>) {
    for (name, state) in scope["States"].as_object().into_iter().flatten() {
        out.push(name.clone());
        for b in state["Branches"].as_array().into_iter().flatten() {
            names(b, out);
        }
        for key in ["ItemProcessor", "Iterator"] {
            if state.get(key).is_some() {
                names(&state[key], out);
            }
        }
    }
}

fn rename_all(scope: &Value, f: &dyn Fn(&str) -> String) -> Value {
    let mut out = scope.clone();
    let rename_at = |v: &mut Value| {
        if let Some(s) = v.as_str() {
            *v = Value::String(f(s));
        }
    };
    if let Some(v) = out.get_mut("StartAt") {
        rename_at(v);
    }
    let Some(states) = scope["States"].as_object() else {
        return out;
    };
    let mut renamed = serde_json::Map::new();
    for (name, state) in states {
        let mut s = state.clone();
        for key in ["Next", "Default"] {
            if let Some(v) = s.get_mut(key) {
                rename_at(v);
            }
        }
        for list in ["Choices", "Catch"] {
            for item in s
                .get_mut(list)
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                if let Some(v) = item.get_mut("Next") {
                    rename_at(v);
                }
            }
        }
        if let Some(branches) = s.get_mut("Branches").and_then(Value::as_array_mut) {
            for b in branches {
                *b = rename_all(b, f);
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(p) = s.get_mut(key) {
                *p = rename_all(p, f);
            }
        }
        renamed.insert(f(name), s);
    }
    out["States"] = Value::Object(renamed);
    out
}
