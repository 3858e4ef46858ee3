//! The task sources and inputs a run can use: mock configs and handlers files found next to
//! the document (or bundled with an example), and files the user picked.

use super::ipc::{RunFile, RunFileKind, TaskSource};
use crate::error::AppError;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise_engine::task::{HandlersConfig, MockConfig, Router};

/// A bundled example's run files are named `bundled:<file name>`.
const BUNDLED: &str = "bundled:";

/// `(file name, text)` of the run files shipped with the examples.
const BUNDLED_FILES: &[(&str, &str)] = &[
    (
        "jsonata-orders.input.json",
        include_str!("../../../examples/run/jsonata-orders.input.json"),
    ),
    (
        "jsonata-orders.mocks.json",
        include_str!("../../../examples/run/jsonata-orders.mocks.json"),
    ),
    (
        "approval-flow.input.json",
        include_str!("../../../examples/run/approval-flow.input.json"),
    ),
    (
        "approval-flow.mocks.json",
        include_str!("../../../examples/run/approval-flow.mocks.json"),
    ),
    (
        "etl-pipeline.input.json",
        include_str!("../../../examples/run/etl-pipeline.input.json"),
    ),
    (
        "etl-pipeline.mocks.json",
        include_str!("../../../examples/run/etl-pipeline.mocks.json"),
    ),
    (
        "map-items.input.json",
        include_str!("../../../examples/run/map-items.input.json"),
    ),
    (
        "map-items.mocks.json",
        include_str!("../../../examples/run/map-items.mocks.json"),
    ),
    (
        "order-processing.input.json",
        include_str!("../../../examples/run/order-processing.input.json"),
    ),
    (
        "order-processing.mocks.json",
        include_str!("../../../examples/run/order-processing.mocks.json"),
    ),
    (
        "parallel-fanout.input.json",
        include_str!("../../../examples/run/parallel-fanout.input.json"),
    ),
    (
        "parallel-fanout.mocks.json",
        include_str!("../../../examples/run/parallel-fanout.mocks.json"),
    ),
    (
        "polling-loop.input.json",
        include_str!("../../../examples/run/polling-loop.input.json"),
    ),
    (
        "polling-loop.mocks.json",
        include_str!("../../../examples/run/polling-loop.mocks.json"),
    ),
];

/// Where a document is: its file, or the example it was opened from, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Example(String),
    Untitled,
}

impl Origin {
    /// The key runs, inputs and settings are kept under.
    pub fn key(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Example(name) => format!("example:{name}"),
            Origin::Untitled => "untitled".to_string(),
        }
    }

    /// `order-processing` for `…/order-processing.asl.json`: the state machine's name in a
    /// mock config, and the stem of its run files.
    pub fn stem(&self) -> String {
        let name = match self {
            Origin::File(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Origin::Example(n) => n.clone(),
            Origin::Untitled => String::new(),
        };
        let stem = name.split('.').next().unwrap_or("").to_string();
        if stem.is_empty() {
            "StateMachine".into()
        } else {
            stem
        }
    }

    /// Candidate run files of `kind` for this document, existing ones only.
    fn candidates(&self, suffix: &str) -> Vec<String> {
        let stem = self.stem();
        match self {
            Origin::File(p) => {
                let dir = p.parent().unwrap_or(Path::new("."));
                let names = [
                    dir.join(format!("{stem}.{suffix}.json")),
                    dir.join("run").join(format!("{stem}.{suffix}.json")),
                    dir.join(if suffix == "mocks" {
                        "MockConfigFile.json"
                    } else {
                        "handlers.json"
                    }),
                ];
                names
                    .into_iter()
                    .filter(|n| n.is_file())
                    .map(|n| n.display().to_string())
                    .collect()
            }
            Origin::Example(_) => BUNDLED_FILES
                .iter()
                .filter(|(n, _)| *n == format!("{stem}.{suffix}.json"))
                .map(|(n, _)| format!("{BUNDLED}{n}"))
                .collect(),
            Origin::Untitled => Vec::new(),
        }
    }

    /// The input kept next to the document (`<stem>.input.json`, `run/<stem>.input.json`).
    pub fn default_input(&self) -> Option<String> {
        self.candidates("input").first().and_then(|p| read(p).ok())
    }
}

/// Reads a run file, bundled or on disk.
pub fn read(path: &str) -> Result<String, AppError> {
    if let Some(name) = path.strip_prefix(BUNDLED) {
        return BUNDLED_FILES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())
            .ok_or_else(|| AppError::BadFile(format!("no bundled file {name}")));
    }
    std::fs::read_to_string(path).map_err(|e| AppError::BadFile(format!("cannot read {path}: {e}")))
}

/// Describes a file as a task source: a mock config lists its test cases for `machine`
/// (all of them when it has none for that name).
pub fn describe(path: &str, kind: RunFileKind, machine: &str) -> RunFile {
    let mut file = RunFile {
        path: path.to_string(),
        kind,
        test_cases: Vec::new(),
        error: None,
    };
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => {
            file.error = Some(e.to_string());
            return file;
        }
    };
    match kind {
        RunFileKind::Mocks => match MockConfig::from_json(&text) {
            Ok(config) => {
                let own = config.test_cases(machine);
                file.test_cases = if own.is_empty() {
                    let mut all: Vec<String> = Vec::new();
                    for m in config.state_machines() {
                        for c in config.test_cases(m) {
                            if !all.iter().any(|a| a == c) {
                                all.push(c.to_string());
                            }
                        }
                    }
                    all
                } else {
                    own.into_iter().map(str::to_string).collect()
                };
            }
            Err(e) => file.error = Some(format!("not a mock config: {e}")),
        },
        RunFileKind::Handlers => {
            if let Err(e) = HandlersConfig::from_json(&text, Path::new(path).parent()) {
                file.error = Some(format!("not a handlers file: {e}"));
            }
        }
    }
    file
}

/// The run files for a document: found next to it, then those picked before.
pub fn discover(origin: &Origin, picked: &[String]) -> Vec<RunFile> {
    let machine = origin.stem();
    let mut out: Vec<RunFile> = Vec::new();
    let mut add = |path: String, kind: RunFileKind| {
        if !out.iter().any(|f| f.path == path) {
            out.push(describe(&path, kind, &machine));
        }
    };
    for p in origin.candidates("mocks") {
        add(p, RunFileKind::Mocks);
    }
    for p in origin.candidates("handlers") {
        add(p, RunFileKind::Handlers);
    }
    for p in picked {
        let kind = if p.contains("handlers") {
            RunFileKind::Handlers
        } else {
            RunFileKind::Mocks
        };
        add(p.clone(), kind);
    }
    out
}

/// A task source file that is not what it should be, named by its path.
fn bad_file(path: &str, e: impl std::fmt::Display) -> AppError {
    AppError::BadFile(format!("{path}: {e}"))
}

/// The task router for a run; `ask` answers the Tasks nothing else does in "ask me" mode.
pub fn router(
    tasks: &TaskSource,
    machine: &str,
    ask: Arc<dyn stepwise_engine::task::TaskHandler>,
) -> Result<Router, AppError> {
    match tasks {
        TaskSource::Mocks { path, test_case } => {
            let config = MockConfig::from_json(&read(path)?).map_err(|e| bad_file(path, e))?;
            let own = !config.test_cases(machine).is_empty();
            let case = config
                .test_case(own.then_some(machine), test_case)
                .map_err(|e| bad_file(path, e))?;
            Ok(Router::new().with_mocks(case))
        }
        TaskSource::Handlers { path } => {
            let handlers = HandlersConfig::from_json(&read(path)?, Path::new(path).parent())
                .map_err(|e| bad_file(path, e))?;
            Ok(Router::new().with_handlers(Arc::new(handlers)))
        }
        TaskSource::Ask => Ok(Router::new().with_fallback(ask)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_example_finds_its_bundled_mocks_and_input() {
        let origin = Origin::Example("order-processing.asl.json".into());
        let files = discover(&origin, &[]);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "bundled:order-processing.mocks.json");
        assert_eq!(
            files[0].test_cases,
            vec![
                "HappyPath",
                "PaymentDeclined",
                "GatewayDown",
                "ConfirmationDenied"
            ]
        );
        assert!(origin
            .default_input()
            .is_some_and(|i| i.contains("ord-1042")));
    }

    #[test]
    fn files_next_to_a_document_are_found_and_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("flow.asl.json");
        std::fs::write(&doc, "{}").expect("write");
        std::fs::write(dir.path().join("flow.mocks.json"), "{\"nope\": 1}").expect("write");
        std::fs::create_dir(dir.path().join("run")).expect("mkdir");
        std::fs::write(
            dir.path().join("run/flow.handlers.json"),
            "{\"handlers\": []}",
        )
        .expect("write");
        let files = discover(&Origin::File(doc), &[]);
        assert_eq!(files.len(), 2);
        assert!(files[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("not a mock config")));
        assert_eq!(files[1].kind, RunFileKind::Handlers);
        assert_eq!(files[1].error, None);
    }
}
