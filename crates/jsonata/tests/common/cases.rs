//! The cases of JSONata's own test suite (`shared/jsonata-suite/`, format in its
//! TESTSUITE.md), read for the suite test and the benchmark.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use stepwise_jsonata::{Env, Limits};

/// Where the suite sits: beside the repository (`shared/`), as the conformance cases do.
pub fn suite_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/jsonata-suite")
}

pub struct Case {
    /// `group/file#index`.
    pub id: String,
    pub expr: String,
    /// `None`: the input is `undefined`.
    pub input: Option<Value>,
    pub bindings: Vec<(String, Value)>,
    pub limits: Limits,
    pub expect: Expect,
}

#[derive(Debug)]
pub enum Expect {
    Result(Value),
    Undefined,
    Error {
        code: String,
        token: Option<String>,
        message: Option<String>,
    },
    /// The case file is not JSON `serde_json` can read (it holds a lone surrogate escape).
    Unreadable(String),
}

impl Case {
    pub fn env(&self) -> Env {
        let mut env = Env::new();
        for (name, value) in &self.bindings {
            env.bind(name, value.clone());
        }
        env.set_limits(self.limits);
        env
    }
}

/// Every case, in group and file order.
pub fn load() -> Vec<Case> {
    let root = suite_root();
    assert!(
        root.is_dir(),
        "{} is not here: JSONata's test suite sits beside the repository (shared/jsonata-suite)",
        root.display()
    );
    let mut datasets: HashMap<String, Value> = HashMap::new();
    let mut cases = Vec::new();
    for group in sorted_entries(&root.join("groups")) {
        for file in sorted_entries(&group) {
            if file.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let group_name = name_of(&group);
            let file_name = name_of(&file);
            let text = std::fs::read_to_string(&file).expect("a suite file reads");
            let parsed: Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    cases.push(Case {
                        id: format!("{group_name}/{file_name}#0"),
                        expr: String::new(),
                        input: None,
                        bindings: Vec::new(),
                        limits: Limits::default(),
                        expect: Expect::Unreadable(e.to_string()),
                    });
                    continue;
                }
            };
            let list = match parsed {
                Value::Array(list) => list,
                one => vec![one],
            };
            for (i, case) in list.iter().enumerate() {
                let expr = match case.get("expr-file").and_then(Value::as_str) {
                    Some(path) => {
                        std::fs::read_to_string(group.join(path)).expect("an expr-file reads")
                    }
                    None => case["expr"].as_str().unwrap_or_default().to_string(),
                };
                let input = if let Some(data) = case.get("data") {
                    Some(data.clone())
                } else if let Some(name) = case.get("dataset").and_then(Value::as_str) {
                    let data = datasets.entry(name.to_string()).or_insert_with(|| {
                        let path = root.join("datasets").join(format!("{name}.json"));
                        let text = std::fs::read_to_string(&path).expect("a dataset reads");
                        serde_json::from_str(&text).expect("a dataset is JSON")
                    });
                    Some(data.clone())
                } else {
                    None
                };
                let bindings = case
                    .get("bindings")
                    .and_then(Value::as_object)
                    .map(|b| b.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                let limits = Limits {
                    max_depth: case
                        .get("depth")
                        .and_then(Value::as_u64)
                        .map(|d| d as usize),
                    timeout: case
                        .get("timelimit")
                        .and_then(Value::as_u64)
                        .map(Duration::from_millis),
                };
                let expect = if let Some(result) = case.get("result") {
                    Expect::Result(result.clone())
                } else if case.get("undefinedResult").is_some() {
                    Expect::Undefined
                } else {
                    // `code` and `token` beside the expression, or in an `error` object.
                    let error = case.get("error").unwrap_or(case);
                    let field =
                        |name: &str| error.get(name).and_then(Value::as_str).map(String::from);
                    match field("code") {
                        Some(code) => Expect::Error {
                            code,
                            token: field("token"),
                            message: field("message"),
                        },
                        // A case with no expectation at all expects undefined.
                        None => Expect::Undefined,
                    }
                };
                cases.push(Case {
                    id: format!("{group_name}/{file_name}#{i}"),
                    expr,
                    input,
                    bindings,
                    limits,
                    expect,
                });
            }
        }
    }
    cases
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a suite folder reads")
        .map(|e| e.expect("a suite entry reads").path())
        .collect();
    entries.sort();
    entries
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Numbers compared as f64 to 15 significant digits, everything else as is.
///
/// The suite writes its expected numbers to 15 digits: `$sum` of the example orders is
/// `90.57` there, where jsonata-js 2.0.6 (checked in node) and this crate both compute
/// `90.57000000000001`, the nearest double to the exact sum of the doubles.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || format!("{x:.14e}") == format!("{y:.14e}"),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
