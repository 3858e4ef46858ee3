//! Where a document's tests and mock config are: next to its file, bundled with an example,
//! or nowhere (a document never saved).

use crate::run::files::{self, Origin};
use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_asl::source::{parse_value, SourceFormat};
use stepwise_testing::load;
use stepwise_testing::spec::{TestDef, TestFile};

/// `(example file name, tests file name, text)` of the tests shipped with the examples. An
/// example without an entry gets its tests from its bundled mock config's test cases.
const BUNDLED_TESTS: &[(&str, &str, &str)] = &[
    (
        "approval-flow.asl.json",
        "approval-flow.tests.json",
        include_str!("../../../examples/approval-flow.tests.json"),
    ),
    (
        "etl-pipeline.asl.yaml",
        "etl-pipeline.tests.yaml",
        include_str!("../../../examples/etl-pipeline.tests.yaml"),
    ),
    (
        "jsonata-orders.asl.json",
        "jsonata-orders.tests.json",
        include_str!("../../../examples/jsonata-orders.tests.json"),
    ),
    (
        "map-items.asl.json",
        "map-items.tests.json",
        include_str!("../../../examples/map-items.tests.json"),
    ),
    (
        "order-processing.asl.json",
        "order-processing.tests.json",
        include_str!("../../../examples/order-processing.tests.json"),
    ),
    (
        "parallel-fanout.asl.json",
        "parallel-fanout.tests.json",
        include_str!("../../../examples/parallel-fanout.tests.json"),
    ),
    (
        "polling-loop.asl.json",
        "polling-loop.tests.json",
        include_str!("../../../examples/polling-loop.tests.json"),
    ),
];

/// A document's tests as read, before any edit in the panel.
pub struct Found {
    /// The tests file, existing or where it would be created; `None` with no file to go next to.
    pub path: Option<PathBuf>,
    /// Whether `path` exists (else the tests are the mock config's test cases).
    pub exists: bool,
    pub file: TestFile,
    /// The mock config, as the window names it (`bundled:x.mocks.json` or a path), and parsed.
    pub mock_config: Option<(String, Value)>,
    pub error: Option<String>,
}

/// `<stem>.tests.json` next to `machine`.
pub fn default_tests_path(machine: &Path) -> PathBuf {
    let dir = machine.parent().unwrap_or(Path::new("."));
    dir.join(format!("{}.tests.json", load::stem(machine)))
}

fn parse_mock_config(name: &str, text: &str) -> Result<(String, Value), String> {
    parse_value(text.as_bytes(), SourceFormat::from_path(Path::new(name)))
        .map(|(v, _)| (name.to_string(), v))
        .map_err(|e| format!("{name}: {e}"))
}

/// Reads the tests of the document at `origin`.
pub fn find(origin: &Origin) -> Found {
    match origin {
        Origin::File(machine) => from_disk(origin, machine),
        Origin::Example(name) => bundled(origin, name),
        Origin::Untitled => Found {
            path: None,
            exists: false,
            file: TestFile::default(),
            mock_config: None,
            error: None,
        },
    }
}

fn from_disk(origin: &Origin, machine: &Path) -> Found {
    let existing = load::tests_file_of(machine);
    let path = existing
        .clone()
        .unwrap_or_else(|| default_tests_path(machine));
    let mut error = None;
    let file = match &existing {
        Some(p) => match std::fs::read(p)
            .map_err(|e| format!("{}: {e}", p.display()))
            .and_then(|bytes| load::parse_tests(&bytes, p).map_err(|e| e.to_string()))
        {
            Ok(f) => Some(f),
            Err(e) => {
                error = Some(e);
                None
            }
        },
        None => None,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mocks_path = match file.as_ref().and_then(|f| f.mock_config.as_ref()) {
        Some(rel) => Some(dir.join(rel)),
        None => load::mock_config_of(machine),
    };
    let mock_config = mocks_path.and_then(|p| {
        let name = p.display().to_string();
        match std::fs::read_to_string(&p)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|text| parse_mock_config(&name, &text))
        {
            Ok(m) => Some(m),
            Err(e) => {
                error.get_or_insert(e);
                None
            }
        }
    });
    let exists = existing.is_some();
    let file = match file {
        Some(f) => f,
        None if !exists => from_mock_config(mock_config.as_ref(), origin),
        None => TestFile::default(),
    };
    Found {
        path: Some(path),
        exists,
        file,
        mock_config,
        error,
    }
}

fn bundled(origin: &Origin, example: &str) -> Found {
    let stem = origin.stem();
    let mocks = format!("bundled:{stem}.mocks.json");
    let mock_config = files::read(&mocks)
        .ok()
        .and_then(|text| parse_mock_config(&mocks, &text).ok());
    let (file, error) = match BUNDLED_TESTS.iter().find(|(n, _, _)| *n == example) {
        Some((_, name, text)) => match load::parse_tests(text.as_bytes(), Path::new(name)) {
            Ok(f) => (f, None),
            Err(e) => (TestFile::default(), Some(e.to_string())),
        },
        None => (from_mock_config(mock_config.as_ref(), origin), None),
    };
    Found {
        path: None,
        exists: false,
        file,
        mock_config,
        error,
    }
}

/// With no tests file, each test case of the mock config is a test that must succeed, with
/// the input the run panel starts from (`<stem>.input.json`, an example's bundled input).
fn from_mock_config(mock_config: Option<&(String, Value)>, origin: &Origin) -> TestFile {
    let stem = origin.stem();
    let input: Option<Value> = origin
        .default_input()
        .and_then(|text| serde_json::from_str(&text).ok());
    let tests = mock_config
        .map(|(_, v)| test_cases(v, &stem))
        .unwrap_or_default()
        .into_iter()
        .map(|case| TestDef {
            test_case: Some(case.clone()),
            input: input.clone(),
            ..TestDef::named(case)
        })
        .collect();
    TestFile {
        tests,
        ..TestFile::default()
    }
}

/// The mock config's test cases for the machine `stem`, else all of them (as the run panel
/// lists them).
pub fn test_cases(config: &Value, stem: &str) -> Vec<String> {
    let Ok(parsed) = stepwise_engine::task::MockConfig::from_value(config) else {
        return Vec::new();
    };
    let own = parsed.test_cases(stem);
    if !own.is_empty() {
        return own.into_iter().map(str::to_string).collect();
    }
    let mut all: Vec<String> = Vec::new();
    for m in parsed.state_machines() {
        for c in parsed.test_cases(m) {
            if !all.iter().any(|a| a == c) {
                all.push(c.to_string());
            }
        }
    }
    all
}
