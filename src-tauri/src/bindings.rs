//! The committed TypeScript bindings in `ui/src/bindings/` must match the Rust types.

use crate::ipc::{
    ConflictChoice, DocumentFormat, DocumentView, EditReply, ExampleInfo, ExportKind, ProblemRow,
    ProblemSeverity, StateRow, TextError,
};
use crate::run::ipc::{
    EventKind, ExecutionPhase, ExpressionError, ExpressionReply, ExpressionRequest, IterationRef,
    MapRunPhase, PauseInfo, PauseReason, Phase, PreviewReply, PreviewRequest, PreviewStatus,
    ResumeMode, RunEvent, RunEventBatch, RunFile, RunFileKind, RunMessage, RunOrigin, RunRecord,
    RunRequest, RunSetup, RunStatus, RunStatusUpdate, RunSummary, SavedInput, ShapeField,
    StageName, StageValue, StateType, TaskAnswer, TaskPhase, TaskQuestion, TaskShape, TaskSource,
    TaskWorker,
};
use std::path::{Path, PathBuf};
use stepwise_asl::edit::language::Blocker;
use stepwise_asl::edit::{Edit, EditOutcome, Slot};
use stepwise_layout::{Container, Diagram, Edge, EdgeKind, Label, Lane, Node, NodeKind, Point};
use ts_rs::TS;

/// Every IPC type and the file it is exported to.
fn bindings() -> Vec<(PathBuf, String)> {
    fn one<T: TS + 'static>(cfg: &ts_rs::Config) -> (PathBuf, String) {
        let path = T::output_path().expect("an exportable type");
        let text = T::export_to_string(cfg).expect("generate bindings");
        (path, text)
    }
    let cfg = ts_rs::Config::new();
    vec![
        one::<DocumentView>(&cfg),
        one::<DocumentFormat>(&cfg),
        one::<StateRow>(&cfg),
        one::<ProblemRow>(&cfg),
        one::<ProblemSeverity>(&cfg),
        one::<TextError>(&cfg),
        one::<EditReply>(&cfg),
        one::<ExampleInfo>(&cfg),
        one::<ExportKind>(&cfg),
        one::<ConflictChoice>(&cfg),
        one::<Edit>(&cfg),
        one::<Slot>(&cfg),
        one::<EditOutcome>(&cfg),
        one::<Diagram>(&cfg),
        one::<Node>(&cfg),
        one::<NodeKind>(&cfg),
        one::<Container>(&cfg),
        one::<Lane>(&cfg),
        one::<Edge>(&cfg),
        one::<EdgeKind>(&cfg),
        one::<Point>(&cfg),
        one::<Label>(&cfg),
        one::<TaskSource>(&cfg),
        one::<RunRequest>(&cfg),
        one::<RunFile>(&cfg),
        one::<RunFileKind>(&cfg),
        one::<SavedInput>(&cfg),
        one::<RunSetup>(&cfg),
        one::<RunStatus>(&cfg),
        one::<RunOrigin>(&cfg),
        one::<RunSummary>(&cfg),
        one::<RunRecord>(&cfg),
        one::<IterationRef>(&cfg),
        one::<StageValue>(&cfg),
        one::<RunEvent>(&cfg),
        one::<EventKind>(&cfg),
        one::<StateType>(&cfg),
        one::<Phase>(&cfg),
        one::<ExecutionPhase>(&cfg),
        one::<MapRunPhase>(&cfg),
        one::<TaskWorker>(&cfg),
        one::<TaskPhase>(&cfg),
        one::<StageName>(&cfg),
        one::<PauseReason>(&cfg),
        one::<PauseInfo>(&cfg),
        one::<TaskQuestion>(&cfg),
        one::<TaskShape>(&cfg),
        one::<ShapeField>(&cfg),
        one::<TaskAnswer>(&cfg),
        one::<RunStatusUpdate>(&cfg),
        one::<RunEventBatch>(&cfg),
        one::<RunMessage>(&cfg),
        one::<ResumeMode>(&cfg),
        one::<PreviewRequest>(&cfg),
        one::<PreviewStatus>(&cfg),
        one::<PreviewReply>(&cfg),
        one::<ExpressionRequest>(&cfg),
        one::<ExpressionReply>(&cfg),
        one::<ExpressionError>(&cfg),
        one::<Blocker>(&cfg),
    ]
}

/// Fails when `ui/src/bindings/` differs from what the Rust types generate. Run with
/// `STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app bindings` to regenerate them.
#[test]
fn bindings_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let write = std::env::var_os("STEPWISE_WRITE_BINDINGS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    let expected = bindings();
    for (rel, text) in &expected {
        let file = dir.join(rel);
        if write {
            std::fs::create_dir_all(&dir).expect("create ui/src/bindings");
            std::fs::write(&file, text).expect("write a binding");
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(rel.display().to_string());
        }
    }
    let known: Vec<String> = expected
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ts") && !known.contains(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is stale (changed or missing: {stale:?}; not generated: {extra:?}); \
         run `STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app bindings` and commit the result"
    );
}
