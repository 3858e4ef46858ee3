//! Runs kept per document in one SQLite database (`runs.sqlite3` in the app's data folder):
//! each run's summary and its trace (history events, stages, child-execution events), the
//! inputs saved under a name, and what the run panel last used for the document.

use super::ipc::{RunOrigin, RunStatus, RunSummary, SavedInput, TaskSource};
use super::trace::Trace;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the runs database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the runs database holds unreadable data: {0}")]
    Data(#[from] serde_json::Error),
    #[error("cannot create the data folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("no run {0}")]
    NoRun(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What the run panel remembers per document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Remembered {
    pub last_input: Option<String>,
    pub last_tasks: Option<TaskSource>,
    pub breakpoints: Vec<String>,
    /// Mock configs and handlers files picked for the document.
    pub picked_files: Vec<String>,
}

pub struct Store {
    db: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    summary TEXT NOT NULL,
    definition TEXT NOT NULL,
    trace TEXT NOT NULL,
    started_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_document ON runs (document, started_ms);
CREATE TABLE IF NOT EXISTS inputs (
    document TEXT NOT NULL,
    name TEXT NOT NULL,
    input TEXT NOT NULL,
    PRIMARY KEY (document, name)
);
CREATE TABLE IF NOT EXISTS documents (
    document TEXT PRIMARY KEY,
    remembered TEXT NOT NULL
);
";

/// Kept runs per document; the oldest go first past this.
pub const RUNS_KEPT: usize = 200;

impl Store {
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.display().to_string(),
            source,
        })?;
        let db = Connection::open(dir.join("runs.sqlite3"))?;
        // WAL: a reader (the runs list) never waits for a run being written.
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.execute_batch(SCHEMA)?;
        Ok(Store { db })
    }

    #[cfg(test)]
    pub fn in_memory() -> Result<Store> {
        let db = Connection::open_in_memory()?;
        db.execute_batch(SCHEMA)?;
        Ok(Store { db })
    }

    /// Writes a run (again, as it progresses or ends), then drops the document's oldest runs
    /// beyond [`RUNS_KEPT`]. `trace` is [`trace_text`]'s: made before taking the store, which
    /// a big run's trace would otherwise hold for as long as it takes to write.
    pub fn put_run(
        &self,
        document: &str,
        summary: &RunSummary,
        definition: &str,
        trace: &str,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO runs (id, document, summary, definition, trace, started_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET summary = ?3, trace = ?5",
            params![
                summary.id,
                document,
                serde_json::to_string(summary)?,
                definition,
                trace,
                summary.started_ms
            ],
        )?;
        self.db.execute(
            "DELETE FROM runs WHERE document = ?1 AND id NOT IN
               (SELECT id FROM runs WHERE document = ?1 ORDER BY started_ms DESC LIMIT ?2)",
            params![document, RUNS_KEPT as i64],
        )?;
        Ok(())
    }

    /// The document's runs, newest first.
    pub fn runs(&self, document: &str) -> Result<Vec<RunSummary>> {
        let mut q = self
            .db
            .prepare("SELECT summary FROM runs WHERE document = ?1 ORDER BY started_ms DESC")?;
        let rows = q.query_map([document], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row?)?);
        }
        Ok(out)
    }

    /// A run's summary, definition text and trace.
    pub fn run(&self, id: &str) -> Result<(RunSummary, String, Vec<Trace>)> {
        let row = self
            .db
            .query_row(
                "SELECT summary, definition, trace FROM runs WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?;
        let (summary, definition, trace) = row.ok_or_else(|| StoreError::NoRun(id.into()))?;
        Ok((
            serde_json::from_str(&summary)?,
            definition,
            serde_json::from_str(&trace)?,
        ))
    }

    pub fn delete_run(&self, id: &str) -> Result<()> {
        self.db.execute("DELETE FROM runs WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Marks runs left `running` or `paused` by an app that quit mid-run as aborted.
    pub fn settle_unfinished(&self) -> Result<()> {
        let mut q = self.db.prepare("SELECT id, summary FROM runs")?;
        let rows: Vec<(String, String)> = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for (id, text) in rows {
            let mut s: RunSummary = serde_json::from_str(&text)?;
            if matches!(s.status, RunStatus::Running | RunStatus::Paused) {
                s.status = RunStatus::Aborted;
                s.cause = Some("Stepwise was closed while the run was going on".into());
                self.db.execute(
                    "UPDATE runs SET summary = ?2 WHERE id = ?1",
                    params![id, serde_json::to_string(&s)?],
                )?;
            }
        }
        Ok(())
    }

    pub fn inputs(&self, document: &str) -> Result<Vec<SavedInput>> {
        let mut q = self
            .db
            .prepare("SELECT name, input FROM inputs WHERE document = ?1 ORDER BY name")?;
        let rows = q.query_map([document], |r| {
            Ok(SavedInput {
                name: r.get(0)?,
                input: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn save_input(&self, document: &str, name: &str, input: &str) -> Result<()> {
        self.db.execute(
            "INSERT INTO inputs (document, name, input) VALUES (?1, ?2, ?3)
             ON CONFLICT(document, name) DO UPDATE SET input = ?3",
            params![document, name, input],
        )?;
        Ok(())
    }

    pub fn delete_input(&self, document: &str, name: &str) -> Result<()> {
        self.db.execute(
            "DELETE FROM inputs WHERE document = ?1 AND name = ?2",
            params![document, name],
        )?;
        Ok(())
    }

    pub fn remembered(&self, document: &str) -> Result<Remembered> {
        let text: Option<String> = self
            .db
            .query_row(
                "SELECT remembered FROM documents WHERE document = ?1",
                [document],
                |r| r.get(0),
            )
            .optional()?;
        let Some(text) = text else {
            return Ok(Remembered::default());
        };
        let v: serde_json::Value = serde_json::from_str(&text)?;
        Ok(Remembered {
            last_input: v
                .get("lastInput")
                .and_then(|s| s.as_str())
                .map(str::to_string),
            last_tasks: v
                .get("lastTasks")
                .and_then(|t| serde_json::from_value(t.clone()).ok()),
            breakpoints: strings(v.get("breakpoints")),
            picked_files: strings(v.get("pickedFiles")),
        })
    }

    pub fn remember(&self, document: &str, r: &Remembered) -> Result<()> {
        let v = serde_json::json!({
            "lastInput": r.last_input,
            "lastTasks": r.last_tasks,
            "breakpoints": r.breakpoints,
            "pickedFiles": r.picked_files,
        });
        self.db.execute(
            "INSERT INTO documents (document, remembered) VALUES (?1, ?2)
             ON CONFLICT(document) DO UPDATE SET remembered = ?2",
            params![document, v.to_string()],
        )?;
        Ok(())
    }
}

/// A trace as the store keeps it.
pub fn trace_text(trace: &[Trace]) -> Result<String> {
    Ok(serde_json::to_string(trace)?)
}

fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A summary for a run starting now.
pub fn new_summary(
    id: String,
    name: String,
    origin: RunOrigin,
    input: String,
    started_ms: f64,
) -> RunSummary {
    RunSummary {
        id,
        name,
        status: RunStatus::Running,
        origin,
        started_ms,
        duration_ms: None,
        event_count: 0,
        input,
        output: None,
        error: None,
        cause: None,
        redrive_of: None,
    }
}
