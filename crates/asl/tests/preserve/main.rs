//! The format-preserving patcher on real files: every definition in `examples/`, the valid
//! corpus and `../shared/realworld/` (published state machines and SAM templates, the
//! `Definition` inside a template patched in place), each put through seeded random
//! sequences of typed edits. For every result:
//!
//! - it reads back as exactly the edited value (key order included);
//! - nothing was written whole as a fallback;
//! - every comment line survives (unless states or fields were deleted);
//! - a field set alone changes exactly its one line; a rename alone changes only lines that
//!   name the state.
//!
//! The run prints how many files and edit sequences it covered.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use stepwise_asl::edit::{self, Edit, Slot};
use stepwise_asl::preserve::{patch_at, same_ordered, PreserveError};
use stepwise_asl::SourceFormat;

mod edits;

use edits::{random_edit, Kind, Rng, TEXTS};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            out.push(p);
        }
    }
}

/// A definition found in a file: where it is and its value.
struct Target {
    base: String,
    value: Value,
}

/// The file's value as a generic tree (templates carry tags the app's reader refuses).
fn read_tree(text: &str, format: SourceFormat) -> Option<Value> {
    match format {
        SourceFormat::Json => serde_json::from_str(text).ok(),
        SourceFormat::Yaml => {
            let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).ok()?;
            serde_json::to_value(v).ok()
        }
    }
}

fn is_definition(v: &Value) -> bool {
    v.get("States").is_some_and(Value::is_object) && v.get("StartAt").is_some_and(Value::is_string)
}

fn targets(tree: &Value) -> Vec<Target> {
    if is_definition(tree) {
        return vec![Target {
            base: String::new(),
            value: tree.clone(),
        }];
    }
    let mut out = Vec::new();
    if let Some(res) = tree.get("Resources").and_then(Value::as_object) {
        for (name, r) in res {
            if let Some(d) = r.pointer("/Properties/Definition") {
                if is_definition(d) {
                    out.push(Target {
                        base: format!(
                            "/Resources/{}/Properties/Definition",
                            name.replace('~', "~0").replace('/', "~1")
                        ),
                        value: d.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Every state pointer of a definition, nested ones included.
fn state_pointers(def: &Value, scope: &str, out: &mut Vec<String>) {
    let Some(states) = def.get("States").and_then(Value::as_object) else {
        return;
    };
    for (name, st) in states {
        let p = format!(
            "{scope}/States/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        if let Some(branches) = st.get("Branches").and_then(Value::as_array) {
            for (i, b) in branches.iter().enumerate() {
                state_pointers(b, &format!("{p}/Branches/{i}"), out);
            }
        }
        for k in ["ItemProcessor", "Iterator"] {
            if let Some(proc_) = st.get(k) {
                state_pointers(proc_, &format!("{p}/{k}"), out);
            }
        }
        out.push(p);
    }
}

fn comment_lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .collect();
    v.sort();
    v
}

/// Lines removed from `a` and added in `b`.
fn changed_lines(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(a, b);
    let (mut del, mut ins) = (Vec::new(), Vec::new());
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Delete => del.push(c.value().to_string()),
            similar::ChangeTag::Insert => ins.push(c.value().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    (del, ins)
}

#[derive(Default)]
struct Tally {
    files: usize,
    realworld: usize,
    definitions: usize,
    in_templates: usize,
    sequences: usize,
    failures: Vec<String>,
}

fn check_file(path: &Path, tally: &mut Tally, seed: u64) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let format = SourceFormat::from_path(path).unwrap_or(SourceFormat::Json);
    let Some(tree) = read_tree(&text, format) else {
        return;
    };
    let found = targets(&tree);
    if found.is_empty() {
        return;
    }
    tally.files += 1;
    let name = path.display().to_string();
    if name.contains("realworld") {
        tally.realworld += 1;
    }
    for t in found {
        tally.definitions += 1;
        if !t.base.is_empty() {
            tally.in_templates += 1;
        }
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for round in 0..8 {
            let mut def = t.value.clone();
            let mut kinds = Vec::new();
            let mut last: Option<Edit> = None;
            // Chained: each step patches the previous step's text, as the code view does.
            let mut chained = text.clone();
            let mut prev = t.value.clone();
            for n in 0..(1 + rng.next() % 3) {
                if let Some((k, e)) = random_edit(&mut rng, &mut def, n as usize) {
                    kinds.push(k);
                    last = e;
                    match patch_at(&chained, format, &t.base, &prev, &def) {
                        Ok(p) => {
                            if !p.reemitted.is_empty() {
                                tally.failures.push(format!(
                                    "{name} {} round {round} chained {kinds:?}: re-emitted {:?}",
                                    t.base, p.reemitted
                                ));
                            }
                            chained = p.text;
                        }
                        Err(e) => tally.failures.push(format!(
                            "{name} {} round {round} chained {kinds:?}: {e}",
                            t.base
                        )),
                    }
                    prev = def.clone();
                }
            }
            if kinds.is_empty() {
                continue;
            }
            tally.sequences += 1;
            let what = format!("{name} {} round {round} {kinds:?}", t.base);
            let patched = match patch_at(&text, format, &t.base, &t.value, &def) {
                Ok(p) if p.reemitted.is_empty() => p.text,
                Ok(p) => {
                    tally
                        .failures
                        .push(format!("{what}: re-emitted {:?}", p.reemitted));
                    continue;
                }
                Err(e) => {
                    tally.failures.push(format!("{what}: {e}"));
                    continue;
                }
            };
            let back = read_tree(&patched, format).and_then(|v| {
                if t.base.is_empty() {
                    Some(v)
                } else {
                    v.pointer(&t.base).cloned()
                }
            });
            if !back.is_some_and(|b| same_ordered(&b, &def)) {
                tally.failures.push(format!("{what}: does not read back"));
                continue;
            }
            if t.base.is_empty() {
                if let Ok((app, _)) = stepwise_asl::parse_value(patched.as_bytes(), Some(format)) {
                    if !same_ordered(&app, &def) {
                        tally
                            .failures
                            .push(format!("{what}: the app reads it otherwise"));
                    }
                }
            }
            let lossy = kinds
                .iter()
                .any(|k| matches!(k, Kind::Delete | Kind::RemoveField | Kind::SetField));
            if !lossy && comment_lines(&patched) != comment_lines(&text) {
                tally.failures.push(format!("{what}: comments changed"));
            }
            if kinds.len() == 1 {
                let (del, ins) = changed_lines(&text, &patched);
                let scalar = |v: Option<&Value>| v.is_some_and(|v| !v.is_object() && !v.is_array());
                if let (Kind::SetField, Some(Edit::SetValue { pointer, value })) =
                    (kinds[0], last.as_ref())
                {
                    // A scalar set to a one-line scalar: one line (two for a `|` block kept).
                    if scalar(t.value.pointer(pointer))
                        && scalar(value.as_ref())
                        && (del.is_empty() || ins.is_empty() || ins.len() > 2)
                    {
                        tally
                            .failures
                            .push(format!("{what}: a set field changed {del:?} -> {ins:?}"));
                    }
                }
                if let Some(Edit::Rename { name: renamed, .. }) = &last {
                    if del.len() != ins.len() || ins.iter().any(|l| !l.contains(renamed.as_str())) {
                        tally
                            .failures
                            .push(format!("{what}: rename changed {del:?} -> {ins:?}"));
                    }
                }
            }
        }
    }
}

#[test]
fn random_edits_of_real_files_patch_exactly() {
    let mut files = Vec::new();
    files_under(&repo().join("examples"), &mut files);
    files_under(&repo().join("crates/asl/tests/corpus/valid"), &mut files);
    let realworld = repo().join("../shared/realworld");
    files_under(&realworld, &mut files);
    let mut tally = Tally::default();
    for (i, f) in files.iter().enumerate() {
        check_file(f, &mut tally, i as u64 + 1);
    }
    println!(
        "preserve corpus: {} files ({} real-world), {} definitions ({} inside templates), {} edit sequences, {} failures",
        tally.files,
        tally.realworld,
        tally.definitions,
        tally.in_templates,
        tally.sequences,
        tally.failures.len()
    );
    assert!(tally.files >= 7, "too few files found");
    assert!(
        tally.failures.is_empty(),
        "{} failures:\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
}

/// Every scalar leaf (string, number, boolean) of a tree, as pointers, skipping anything
/// under a YAML tag (which the generic tree shows as a `!Tag` key).
fn leaves(v: &Value, ptr: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !k.starts_with('!') {
                    leaves(
                        x,
                        format!("{ptr}/{}", k.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{ptr}/{i}"), out);
            }
        }
        Value::Null => {}
        _ => out.push(ptr),
    }
}

/// Any file, templates included: a few scalars changed, each patched inside its parent (so
/// tags elsewhere in a template do not matter), must read back and keep every comment.
#[test]
fn random_scalars_of_every_real_file_patch_exactly() {
    let mut files = Vec::new();
    files_under(&repo().join("examples"), &mut files);
    files_under(&repo().join("../shared/realworld"), &mut files);
    let (mut covered, mut patches) = (0, 0);
    let mut failures = Vec::new();
    // Files saphyr-parser refuses (libyaml is more lenient); the app writes those afresh.
    let mut unmapped = std::collections::BTreeSet::new();
    for (i, path) in files.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let format = SourceFormat::from_path(path).unwrap_or(SourceFormat::Json);
        let Some(tree) = read_tree(&text, format) else {
            continue;
        };
        let mut all = Vec::new();
        leaves(&tree, String::new(), &mut all);
        if all.is_empty() {
            continue;
        }
        covered += 1;
        let mut rng = Rng((i as u64 + 7).wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
        for _ in 0..5 {
            let leaf = rng.pick(&all).clone();
            let parent = &leaf[..leaf.rfind('/').unwrap_or(0)];
            let Some(old) = tree.pointer(parent).cloned() else {
                continue;
            };
            let mut new_tree = tree.clone();
            if let Some(slot) = new_tree.pointer_mut(&leaf) {
                *slot = json!(*rng.pick(TEXTS));
            }
            let Some(new) = new_tree.pointer(parent).cloned() else {
                continue;
            };
            patches += 1;
            let what = format!("{} {leaf}", path.display());
            match patch_at(&text, format, parent, &old, &new) {
                Ok(p) if !p.reemitted.is_empty() => {
                    failures.push(format!("{what}: re-emitted {:?}", p.reemitted))
                }
                Ok(p) => {
                    let back = read_tree(&p.text, format);
                    if !back
                        .as_ref()
                        .and_then(|b| b.pointer(parent))
                        .is_some_and(|b| same_ordered(b, &new))
                    {
                        failures.push(format!("{what}: does not read back"));
                    } else if comment_lines(&p.text) != comment_lines(&text) {
                        failures.push(format!("{what}: comments changed"));
                    }
                }
                Err(PreserveError::Unmapped(why)) => {
                    unmapped.insert(format!("{}: {why}", path.display()));
                }
                Err(e) => failures.push(format!("{what}: {e}")),
            }
        }
    }
    println!(
        "preserve scalars: {} files the YAML parser cannot follow:\n{}",
        unmapped.len(),
        unmapped.iter().cloned().collect::<Vec<_>>().join("\n")
    );
    println!(
        "preserve scalars: {covered} files, {patches} patches, {} failures",
        failures.len()
    );
    assert!(covered >= 7);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
