//! Finding and reading test suites: a tests file and the machine it tests, or a machine and
//! its Step Functions Local mock config (each test case a test that must succeed).

use crate::error::LoadError;
use crate::spec::{TestDef, TestFile};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise_asl::source::{parse_value, SourceFormat};
use stepwise_asl::{Document, StateMachine};

/// The suffixes a tests file's name ends with.
pub const TESTS_SUFFIXES: &[&str] = &[".tests.json", ".tests.yaml", ".tests.yml"];
/// The suffixes a machine's file name ends with, in the order a tests file looks for its
/// machine.
const MACHINE_SUFFIXES: &[&str] = &[
    ".asl.json",
    ".asl.yaml",
    ".asl.yml",
    ".json",
    ".yaml",
    ".yml",
];

/// A suite ready to run.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The tests file; `None` when the tests come from the mock config alone.
    pub tests_file: Option<PathBuf>,
    pub machine_path: PathBuf,
    pub machine: Arc<StateMachine>,
    /// `order-processing` for `order-processing.asl.json`: the machine's name in mock configs.
    pub machine_name: String,
    pub file: TestFile,
    /// The mock config tests take `testCase`s from, parsed.
    pub mock_config: Option<(PathBuf, Value)>,
}

impl Suite {
    /// Where relative paths in the tests file start.
    pub fn base_dir(&self) -> &Path {
        let anchor = self.tests_file.as_ref().unwrap_or(&self.machine_path);
        anchor.parent().unwrap_or(Path::new("."))
    }

    /// What reports call the suite: the tests file, else the machine.
    pub fn label(&self) -> String {
        self.tests_file
            .as_ref()
            .unwrap_or(&self.machine_path)
            .display()
            .to_string()
    }
}

/// Whether the file name marks a tests file.
pub fn is_tests_file(path: &Path) -> bool {
    let name = file_name(path);
    TESTS_SUFFIXES.iter().any(|s| name.ends_with(s))
}

fn is_machine_file(path: &Path) -> bool {
    let name = file_name(path);
    [".asl.json", ".asl.yaml", ".asl.yml"]
        .iter()
        .any(|s| name.ends_with(s))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// `order-processing` for `order-processing.asl.json` or `order-processing.tests.yaml`.
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.split('.').next() {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "StateMachine".to_string(),
    }
}

/// The tests file of a machine, if there is one: `<stem>.tests.json` (or `.yaml`, `.yml`)
/// next to it.
pub fn tests_file_of(machine: &Path) -> Option<PathBuf> {
    let dir = machine.parent().unwrap_or(Path::new("."));
    let stem = stem(machine);
    TESTS_SUFFIXES
        .iter()
        .map(|s| dir.join(format!("{stem}{s}")))
        .find(|p| p.is_file())
}

/// The mock config next to a machine, as the app finds it: `<stem>.mocks.json`,
/// `run/<stem>.mocks.json`, or `MockConfigFile.json` (Step Functions Local's name).
pub fn mock_config_of(machine: &Path) -> Option<PathBuf> {
    let dir = machine.parent().unwrap_or(Path::new("."));
    let stem = stem(machine);
    [
        dir.join(format!("{stem}.mocks.json")),
        dir.join("run").join(format!("{stem}.mocks.json")),
        dir.join("MockConfigFile.json"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// The input kept next to a machine, as the app keeps it (`<stem>.input.json`,
/// `run/<stem>.input.json`): what a mock-config test case runs with.
pub fn input_of(machine: &Path) -> Result<Option<Value>, LoadError> {
    let dir = machine.parent().unwrap_or(Path::new("."));
    let stem = stem(machine);
    let Some(path) = [
        dir.join(format!("{stem}.input.json")),
        dir.join("run").join(format!("{stem}.input.json")),
    ]
    .into_iter()
    .find(|p| p.is_file()) else {
        return Ok(None);
    };
    read_value(&path).map(Some)
}

/// What to load for each path: a tests file as itself; a machine as its tests file, or its
/// mock config's test cases; a folder as every tests file in it, and every machine in it
/// with a mock config but no tests file. Sorted and without repeats.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Source>, LoadError> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            files.sort();
            for f in files {
                if is_tests_file(&f) {
                    out.push(Source::TestsFile(f));
                } else if is_machine_file(&f) && tests_file_of(&f).is_none() {
                    if let Some(mocks) = mock_config_of(&f) {
                        out.push(Source::MockConfig { machine: f, mocks });
                    }
                }
            }
        } else if !path.exists() {
            return Err(LoadError::Io {
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        } else if is_tests_file(path) {
            out.push(Source::TestsFile(path.clone()));
        } else if let Some(tests) = tests_file_of(path) {
            out.push(Source::TestsFile(tests));
        } else if let Some(mocks) = mock_config_of(path) {
            out.push(Source::MockConfig {
                machine: path.clone(),
                mocks,
            });
        } else {
            return Err(LoadError::NothingToTest { path: path.clone() });
        }
    }
    out.dedup();
    Ok(out)
}

/// Files under `dir`, skipping hidden folders and build output.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            if !name.starts_with('.') && name != "node_modules" && name != "target" {
                walk(&path, out)?;
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Where a suite comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    TestsFile(PathBuf),
    MockConfig { machine: PathBuf, mocks: PathBuf },
}

pub fn load(source: &Source) -> Result<Suite, LoadError> {
    match source {
        Source::TestsFile(path) => load_tests_file(path),
        Source::MockConfig { machine, mocks } => load_mock_config_suite(machine, mocks),
    }
}

/// Reads a tests file (JSON or YAML) into its typed form; a wrong field is named by its
/// JSON Pointer.
pub fn parse_tests(bytes: &[u8], path: &Path) -> Result<TestFile, LoadError> {
    let (value, _) =
        parse_value(bytes, SourceFormat::from_path(path)).map_err(|source| LoadError::Parse {
            path: path.to_path_buf(),
            source,
        })?;
    let file: TestFile = serde_path_to_error::deserialize(&value).map_err(|e| {
        let pointer = pointer_of(e.path());
        LoadError::Format {
            path: path.to_path_buf(),
            pointer,
            message: e.into_inner().to_string(),
        }
    })?;
    let mut seen = std::collections::HashSet::new();
    for (i, t) in file.tests.iter().enumerate() {
        if !seen.insert(t.name.as_str()) {
            return Err(LoadError::Format {
                path: path.to_path_buf(),
                pointer: format!("/tests/{i}/name"),
                message: format!(
                    "a test named {:?} comes earlier in the file; names must be unique",
                    t.name
                ),
            });
        }
    }
    Ok(file)
}

/// serde_path_to_error's `tests[0].expect.status` as `/tests/0/expect/status`.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", crate::expect::escape(key))),
            Segment::Enum { variant } => {
                out.push_str(&format!("/{}", crate::expect::escape(variant)))
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn load_tests_file(path: &Path) -> Result<Suite, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = parse_tests(&bytes, path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let machine_path = match &file.state_machine {
        Some(rel) => dir.join(rel),
        None => {
            let stem = stem(path);
            let tried: Vec<PathBuf> = MACHINE_SUFFIXES
                .iter()
                .map(|s| dir.join(format!("{stem}{s}")))
                .collect();
            tried
                .iter()
                .find(|p| p.is_file())
                .cloned()
                .ok_or_else(|| LoadError::NoMachine {
                    path: path.to_path_buf(),
                    tried: tried.iter().map(|p| p.display().to_string()).collect(),
                })?
        }
    };
    let machine = load_machine(&machine_path)?;
    let mocks_path = match &file.mock_config {
        Some(rel) => Some(dir.join(rel)),
        None => mock_config_of(&machine_path),
    };
    let mock_config = mocks_path.map(|p| read_mock_config(&p)).transpose()?;
    Ok(Suite {
        tests_file: Some(path.to_path_buf()),
        machine_name: stem(&machine_path),
        machine_path,
        machine,
        file,
        mock_config,
    })
}

fn load_mock_config_suite(machine_path: &Path, mocks: &Path) -> Result<Suite, LoadError> {
    let machine = load_machine(machine_path)?;
    let (mocks_path, config) = read_mock_config(mocks)?;
    let name = stem(machine_path);
    let parsed = stepwise_engine::task::MockConfig::from_value(&config).map_err(|e| {
        LoadError::MockConfig {
            path: mocks_path.clone(),
            message: e.to_string(),
        }
    })?;
    // The machine's own entry, else the only one there is.
    let machines = parsed.state_machines();
    let entry = match machines.iter().find(|m| **m == name) {
        Some(m) => *m,
        None if machines.len() == 1 => machines[0],
        None => {
            return Err(LoadError::MockConfig {
                path: mocks_path.clone(),
                message: format!(
                    "no state machine named '{name}' (it has: {})",
                    machines.join(", ")
                ),
            })
        }
    };
    let input = input_of(machine_path)?;
    let tests = parsed
        .test_cases(entry)
        .into_iter()
        .map(|case| TestDef {
            test_case: Some(case.to_string()),
            input: input.clone(),
            ..TestDef::named(case)
        })
        .collect();
    Ok(Suite {
        tests_file: None,
        machine_name: entry.to_string(),
        machine_path: machine_path.to_path_buf(),
        machine,
        file: TestFile {
            tests,
            ..TestFile::default()
        },
        mock_config: Some((mocks_path, config)),
    })
}

/// A machine that must be valid to be tested.
pub fn load_machine(path: &Path) -> Result<Arc<StateMachine>, LoadError> {
    let doc = Document::load(path).map_err(|e| LoadError::Machine {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if let Some(d) = doc.diagnostics.iter().find(|d| d.is_error()) {
        return Err(LoadError::Machine {
            path: path.to_path_buf(),
            message: format!("{}: {}", d.pointer, d.message),
        });
    }
    doc.machine()
        .cloned()
        .map(Arc::new)
        .ok_or_else(|| LoadError::Machine {
            path: path.to_path_buf(),
            message: doc
                .model_error()
                .unwrap_or("not a state machine")
                .to_string(),
        })
}

fn read_mock_config(path: &Path) -> Result<(PathBuf, Value), LoadError> {
    Ok((path.to_path_buf(), read_value(path)?))
}

/// A JSON (or, by its extension, YAML) file as a value.
fn read_value(path: &Path) -> Result<Value, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let (value, _) =
        parse_value(&bytes, SourceFormat::from_path(path)).map_err(|source| LoadError::Parse {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(value)
}
