//! Export round trips of every accepted definition.

use super::*;

/// The definitions the round trip covers: accepted files as they are, warning cases'
/// definitions (AWS accepts those too) re-serialised.
fn round_trip_inputs() -> Vec<(String, Vec<u8>, Option<SourceFormat>)> {
    let mut out = Vec::new();
    for path in accepted_files() {
        out.push((
            display_name(&path),
            read(&path),
            SourceFormat::from_path(&path),
        ));
    }
    for path in definition_files(&corpus_dir("warning")) {
        if let Ok(case) = load_case(&path) {
            if let Ok(bytes) = serde_json::to_vec_pretty(&case.definition) {
                out.push((display_name(&path), bytes, Some(SourceFormat::Json)));
            }
        }
    }
    out
}

#[test]
fn export_round_trips_value_and_key_order() {
    let inputs = round_trip_inputs();
    let mut failures = Vec::new();
    for (name, bytes, hint) in &inputs {
        let doc = match Document::parse(bytes, *hint) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: does not parse: {e}\n"));
                continue;
            }
        };
        // Without the typed model, export only echoes the source and proves nothing.
        if let Err(e) = StateMachine::from_value(&doc.value) {
            failures.push(format!("{name}: the typed model could not be built: {e}\n"));
            continue;
        }
        let exported = match doc.export(ExportFormat::Json) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}: export failed: {e}\n"));
                continue;
            }
        };
        let back: Value = match serde_json::from_str(&exported) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}: exported JSON does not parse: {e}\n"));
                continue;
            }
        };
        if back != doc.value {
            failures.push(format!(
                "{name}: exported value differs from the source\n  first difference: {}\n",
                first_difference(&doc.value, &back, "")
            ));
            continue;
        }
        let original = serde_json::to_string(&doc.value).unwrap_or_default();
        let again = serde_json::to_string(&back).unwrap_or_default();
        if original != again {
            failures.push(format!(
                "{name}: exported key order differs from the source\n  first difference: {}\n",
                first_order_difference(&doc.value, &back, "")
            ));
        }
    }
    finish(
        "export_round_trips_value_and_key_order",
        inputs.len(),
        failures,
    );
}

fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

/// Where two values first differ, as a JSON Pointer and both sides.
fn first_difference(a: &Value, b: &Value, at: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let p = format!("{at}/{}", escape_token(k));
                match y.get(k) {
                    None => return format!("{p}: missing from the export"),
                    Some(w) if w != v => return first_difference(v, w, &p),
                    _ => {}
                }
            }
            for k in y.keys() {
                if !x.contains_key(k) {
                    return format!("{at}/{}: added by the export", escape_token(k));
                }
            }
            format!("{at}: objects differ")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return first_difference(v, w, &format!("{at}/{i}"));
                }
            }
            format!("{at}: arrays differ")
        }
        _ => format!(
            "{}: source {a} vs export {b}",
            if at.is_empty() { "/" } else { at }
        ),
    }
}

/// Where two equal values first order their keys differently.
fn first_order_difference(a: &Value, b: &Value, at: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let kx: Vec<&String> = x.keys().collect();
            let ky: Vec<&String> = y.keys().collect();
            if kx != ky {
                return format!(
                    "{}: source keys {kx:?} vs export keys {ky:?}",
                    if at.is_empty() { "/" } else { at }
                );
            }
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    let p = format!("{at}/{}", escape_token(k));
                    if serde_json::to_string(v).ok() != serde_json::to_string(w).ok() {
                        return first_order_difference(v, w, &p);
                    }
                }
            }
            format!("{at}: key order differs")
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if serde_json::to_string(v).ok() != serde_json::to_string(w).ok() {
                    return first_order_difference(v, w, &format!("{at}/{i}"));
                }
            }
            format!("{at}: arrays differ")
        }
        _ => format!("{at}: {a} vs {b}"),
    }
}
