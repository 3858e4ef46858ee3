//! The open document's tests as the panel holds them, and the executions of their last run.

use super::ipc::{TestsHome, TestsRun, TestsView};
use super::source::{self, Found};
use crate::error::AppError;
use crate::run::files::Origin;
use crate::state::lock;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use stepwise_asl::model::StateMachine;
use stepwise_engine::history::HistoryEvent;
use stepwise_testing::coverage::MachineCoverage;
use stepwise_testing::load::Suite;
use stepwise_testing::run::{self, Options, TestRun};
use stepwise_testing::spec::{TestDef, TestFile};

/// Tauri's managed state for the Tests panel.
#[derive(Default)]
pub struct Tests {
    inner: Mutex<Option<Loaded>>,
}

struct Loaded {
    /// The document's [`Origin::key`].
    key: String,
    origin: Origin,
    found: Found,
    /// Edited in the panel and written nowhere yet (a document with no file).
    unsaved: bool,
    /// The history of each test's last execution, by test name.
    last: HashMap<String, Vec<HistoryEvent>>,
}

impl Loaded {
    fn read(origin: &Origin) -> Loaded {
        Loaded {
            key: origin.key(),
            origin: origin.clone(),
            found: source::find(origin),
            unsaved: false,
            last: HashMap::new(),
        }
    }

    fn view(&self) -> TestsView {
        let f = &self.found;
        let home = match (&f.path, f.exists) {
            (None, _) => TestsHome::Memory,
            (Some(_), true) => TestsHome::File,
            (Some(_), false) => TestsHome::MockConfig,
        };
        let stem = self.origin.stem();
        TestsView {
            home,
            path: f.path.as_ref().map(|p| p.display().to_string()),
            file: f.file.clone(),
            mock_config: f.mock_config.as_ref().map(|(n, _)| n.clone()),
            test_cases: f
                .mock_config
                .as_ref()
                .map(|(_, v)| source::test_cases(v, &stem))
                .unwrap_or_default(),
            error: f.error.clone(),
        }
    }

    /// Writes the tests where they go; a document with no file keeps them in memory.
    fn write(&mut self, file: TestFile) -> Result<(), AppError> {
        if self.found.exists && self.found.error.is_some() {
            return Err(AppError::BadFile(format!(
                "The tests file cannot be read, so saving would overwrite it: fix it first ({})",
                self.found.error.as_deref().unwrap_or_default()
            )));
        }
        check_names(&file)?;
        match &self.found.path {
            Some(path) => {
                stepwise_testing::save::save(path, &file)
                    .map_err(|e| AppError::BadFile(e.to_string()))?;
                self.found.exists = true;
                self.unsaved = false;
            }
            None => self.unsaved = true,
        }
        self.found.file = file;
        Ok(())
    }
}

/// Test names are what the panel, the results and the kept runs go by: each given, once.
fn check_names(file: &TestFile) -> Result<(), AppError> {
    let mut seen = std::collections::HashSet::new();
    for (i, t) in file.tests.iter().enumerate() {
        if t.name.trim().is_empty() {
            return Err(AppError::invalid(format!("Test {} has no name", i + 1)));
        }
        if !seen.insert(t.name.as_str()) {
            return Err(AppError::invalid(format!(
                "Two tests are named {:?}: names must be unique",
                t.name
            )));
        }
    }
    Ok(())
}

/// `name`, or `name 2`, `name 3`, ... : the first not taken in `file`.
pub fn unique_name(file: &TestFile, name: &str) -> String {
    let base = if name.trim().is_empty() {
        "test"
    } else {
        name.trim()
    };
    let taken = |n: &str| file.tests.iter().any(|t| t.name == n);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base} {i}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}

impl Tests {
    /// The loaded tests of `origin`, read again from its files (results of the same document
    /// are kept). Tests kept in memory for a document that has just been saved to a file are
    /// written next to it when no tests file is there yet.
    fn reload(&self, origin: &Origin) -> std::sync::MutexGuard<'_, Option<Loaded>> {
        let mut guard = lock(&self.inner);
        let previous = guard.take();
        let mut next = Loaded::read(origin);
        if let Some(prev) = previous {
            if prev.key == next.key {
                next.last = prev.last;
                if prev.unsaved {
                    next.found.file = prev.found.file;
                    next.unsaved = true;
                }
            } else if prev.unsaved && next.found.path.is_some() && !next.found.exists {
                if let Err(e) = next.write(prev.found.file) {
                    next.found.error = Some(format!(
                        "The tests made before saving could not be written: {e}"
                    ));
                }
            }
        }
        *guard = Some(next);
        guard
    }

    fn with<T>(
        &self,
        origin: &Origin,
        f: impl FnOnce(&mut Loaded) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = lock(&self.inner);
        if guard.as_ref().is_none_or(|l| l.key != origin.key()) {
            drop(guard);
            guard = self.reload(origin);
        }
        match guard.as_mut() {
            Some(l) => f(l),
            None => Err(AppError::NoDocument),
        }
    }

    pub fn load(&self, origin: &Origin) -> TestsView {
        self.reload(origin)
            .as_ref()
            .map(Loaded::view)
            .unwrap_or_else(|| Loaded::read(origin).view())
    }

    pub fn save(&self, origin: &Origin, file: TestFile) -> Result<TestsView, AppError> {
        self.with(origin, |l| {
            l.write(file)?;
            Ok(l.view())
        })
    }

    /// Appends `test` (renamed when its name is taken) and saves; its index.
    pub fn add(&self, origin: &Origin, mut test: TestDef) -> Result<(TestsView, u32), AppError> {
        self.with(origin, |l| {
            let mut file = l.found.file.clone();
            test.name = unique_name(&file, &test.name);
            file.tests.push(test);
            let index = u32::try_from(file.tests.len() - 1).unwrap_or(u32::MAX);
            l.write(file)?;
            Ok((l.view(), index))
        })
    }

    /// The history of the test's last execution, as AWS's JSON events.
    pub fn history(&self, origin: &Origin, name: &str) -> Result<Vec<Value>, AppError> {
        self.with(origin, |l| {
            let events = l.last.get(name).ok_or_else(|| {
                AppError::invalid(format!("The test {name:?} has not run yet: run it first"))
            })?;
            Ok(events
                .iter()
                .filter_map(|e| serde_json::to_value(e).ok())
                .collect())
        })
    }

    /// Runs the named tests (all with `None`) on `machine`, the definition in the window.
    /// Blocks: call it off the async runtime.
    pub fn run(
        &self,
        origin: &Origin,
        machine: StateMachine,
        names: Option<Vec<String>>,
    ) -> Result<TestsRun, AppError> {
        let started = Instant::now();
        let stem = origin.stem();
        let (suite, indices) = self.with(origin, |l| {
            let suite = Suite {
                tests_file: l.found.path.clone(),
                machine_path: match origin {
                    Origin::File(p) => p.clone(),
                    _ => PathBuf::from(format!("{stem}.asl.json")),
                },
                machine: Arc::new(machine),
                machine_name: stem.clone(),
                file: l.found.file.clone(),
                mock_config: l
                    .found
                    .mock_config
                    .as_ref()
                    .map(|(n, v)| (PathBuf::from(n), v.clone())),
            };
            let indices = match &names {
                None => None,
                Some(names) => Some(
                    names
                        .iter()
                        .map(|n| {
                            suite
                                .file
                                .tests
                                .iter()
                                .position(|t| &t.name == n)
                                .ok_or_else(|| {
                                    AppError::invalid(format!("There is no test named {n:?}"))
                                })
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                ),
            };
            Ok((suite, indices))
        })?;
        let options = Options {
            keep_history: true,
            filter: None,
            s3_dir: None,
        };
        // The lock is not held while tests run: the panel stays usable.
        let runs: Vec<TestRun> = match &indices {
            None => run::run_all(std::slice::from_ref(&suite), &options),
            Some(list) => list
                .iter()
                .map(|&i| run::run_test(&suite, i, &options))
                .collect(),
        };
        let mut coverage = MachineCoverage::new(suite.label(), &suite.machine);
        for r in &runs {
            coverage.add(&r.trace);
        }
        let mut results = Vec::with_capacity(runs.len());
        let mut histories = Vec::with_capacity(runs.len());
        for r in runs {
            if let Some(outcome) = r.outcome {
                histories.push((r.result.name.clone(), outcome.events));
            }
            results.push(r.result);
        }
        self.with(origin, |l| {
            l.last.extend(histories);
            Ok(())
        })?;
        Ok(TestsRun {
            results,
            coverage,
            all: indices.is_none(),
            millis: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}
