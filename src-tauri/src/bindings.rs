//! The committed TypeScript bindings in `ui/src/bindings/` must match the Rust types.

use crate::contract::{
    Answer, Commands, Events, NamedInput, OpenDocument, OpenExample, Replace, Resume,
};
use crate::error::{ErrorCode, ErrorReply};
use crate::ipc::{
    ConflictChoice, DocumentFormat, DocumentView, EditReply, ExampleInfo, ExportKind, ProblemRow,
    ProblemSeverity, StateRow, TextError,
};
use crate::run::ipc::{
    EventKind, ExecutionPhase, ExpressionError, ExpressionReply, ExpressionRequest, IterationRef,
    MapRunPhase, PauseInfo, PauseReason, Phase, PreviewReply, PreviewRequest, PreviewStatus,
    ResumeMode, RunEvent, RunEventBatch, RunFile, RunFileKind, RunMessage, RunOrigin, RunRecord,
    RunRequest, RunSetup, RunStatus, RunStatusUpdate, RunSummary, SavedInput, ShapeField,
    StageName, StageValue, StateType as RunStateType, TaskAnswer, TaskPhase, TaskQuestion,
    TaskShape, TaskSource, TaskWorker,
};
use crate::testing::ipc::{RunTests, SaveRunAsTest, TestAdded, TestsHome, TestsRun, TestsView};
use std::path::{Path, PathBuf};
use stepwise_asl::edit::language::Blocker;
use stepwise_asl::edit::{Edit, EditOutcome, Slot};
use stepwise_asl::model::{QueryLanguage, StateType as AslStateType};
use stepwise_layout::{Container, Diagram, Edge, EdgeKind, Label, Lane, Node, NodeKind, Point};
use stepwise_testing::coverage::{
    MachineCoverage, StateCoverage, Summary as CoverageSummary, TransitionCoverage, TransitionKind,
};
use stepwise_testing::diff::Difference;
use stepwise_testing::expect::Failure;
use stepwise_testing::run::{TestResult, Verdict};
use stepwise_testing::spec::{
    Expect, ExpectedStatus, MockedError, MockedResult, StateExpect, TestDef, TestFile,
};
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
        one::<crate::compare::CompareWith>(&cfg),
        one::<crate::compare::Comparison>(&cfg),
        one::<crate::compare::StateSides>(&cfg),
        one::<crate::compare::Ghost>(&cfg),
        one::<stepwise_asl::diff::MachineDiff>(&cfg),
        one::<stepwise_asl::diff::Change>(&cfg),
        one::<stepwise_asl::diff::FieldChange>(&cfg),
        one::<stepwise_asl::diff::Edge>(&cfg),
        one::<crate::project::Opened>(&cfg),
        one::<crate::project::ProjectInfo>(&cfg),
        one::<crate::project::MachineInfo>(&cfg),
        one::<crate::project::ProjectSource>(&cfg),
        one::<crate::project::SubstitutionRow>(&cfg),
        one::<crate::project::ResourceRef>(&cfg),
        one::<crate::project::OriginKind>(&cfg),
        one::<DocumentFormat>(&cfg),
        one::<StateRow>(&cfg),
        one::<ProblemRow>(&cfg),
        one::<ProblemSeverity>(&cfg),
        one::<TextError>(&cfg),
        one::<EditReply>(&cfg),
        one::<ExampleInfo>(&cfg),
        one::<ExportKind>(&cfg),
        one::<crate::ipc::CopiedImage>(&cfg),
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
        one::<RunStateType>(&cfg),
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
        one::<QueryLanguage>(&cfg),
        one::<ErrorReply>(&cfg),
        one::<ErrorCode>(&cfg),
        one::<OpenDocument>(&cfg),
        one::<Replace>(&cfg),
        one::<OpenExample>(&cfg),
        one::<NamedInput>(&cfg),
        one::<Resume>(&cfg),
        one::<Answer>(&cfg),
        commands(&cfg),
        one::<Events>(&cfg),
        one::<crate::recovery::RecoveredDocument>(&cfg),
        one::<crate::server::ipc::ServerStatus>(&cfg),
        one::<crate::cloud::ipc::CloudStatus>(&cfg),
        one::<crate::cloud::ipc::MachineQuery>(&cfg),
        one::<crate::cloud::ipc::CloudMachine>(&cfg),
        one::<crate::cloud::ipc::OpenCloudMachine>(&cfg),
        one::<crate::cloud::ipc::ExecutionQuery>(&cfg),
        one::<crate::cloud::ipc::CloudLink>(&cfg),
        one::<crate::cloud::ipc::DeployPreview>(&cfg),
        one::<crate::cloud::ipc::CloudDeploy>(&cfg),
        one::<crate::cloud::ipc::CloudStart>(&cfg),
        one::<crate::cloud::ipc::CloudRun>(&cfg),
        one::<crate::cloud::ipc::CloudPreview>(&cfg),
        one::<stepwise_cloud::Target>(&cfg),
        one::<stepwise_cloud::Page<()>>(&cfg),
        one::<stepwise_cloud::MachineSummary>(&cfg),
        one::<stepwise_cloud::Machine>(&cfg),
        one::<stepwise_cloud::Logging>(&cfg),
        one::<stepwise_cloud::Version>(&cfg),
        one::<stepwise_cloud::Alias>(&cfg),
        one::<stepwise_cloud::Route>(&cfg),
        one::<stepwise_cloud::ExecutionSummary>(&cfg),
        one::<stepwise_cloud::Finding>(&cfg),
        one::<stepwise_cloud::Settings>(&cfg),
        one::<stepwise_cloud::Deployed>(&cfg),
        one::<stepwise_cloud::InspectionLevel>(&cfg),
        one::<crate::server::ipc::ServerMode>(&cfg),
        one::<crate::server::ipc::StartServer>(&cfg),
        one::<TestsHome>(&cfg),
        one::<TestsView>(&cfg),
        one::<RunTests>(&cfg),
        one::<TestsRun>(&cfg),
        one::<SaveRunAsTest>(&cfg),
        one::<TestAdded>(&cfg),
        one::<TestFile>(&cfg),
        one::<TestDef>(&cfg),
        one::<Expect>(&cfg),
        one::<StateExpect>(&cfg),
        one::<ExpectedStatus>(&cfg),
        one::<MockedResult>(&cfg),
        one::<MockedError>(&cfg),
        one::<TestResult>(&cfg),
        one::<Verdict>(&cfg),
        one::<Failure>(&cfg),
        one::<Difference>(&cfg),
        one::<MachineCoverage>(&cfg),
        one::<CoverageSummary>(&cfg),
        one::<StateCoverage>(&cfg),
        one::<TransitionCoverage>(&cfg),
        one::<TransitionKind>(&cfg),
        state_type_rules(),
    ]
}

/// The command table. `watch_runs` takes a Tauri channel, a type ts-rs does not know: the
/// declaration names it, and the import is added here.
fn commands(cfg: &ts_rs::Config) -> (PathBuf, String) {
    let path = Commands::output_path().expect("an exportable type");
    let text = Commands::export_to_string(cfg).expect("generate bindings");
    let imports = "import type { Channel } from \"@tauri-apps/api/core\";\n\
                   import type { RunMessage } from \"./RunMessage\";\n";
    let at = text.find("import type").unwrap_or(0);
    (path, format!("{}{imports}{}", &text[..at], &text[at..]))
}

/// The rules about state types the window needs, as data generated from
/// [`AslStateType`], so that TypeScript holds no copy of them.
fn state_type_rules() -> (PathBuf, String) {
    let list = |keep: fn(AslStateType) -> bool| {
        AslStateType::ALL
            .into_iter()
            .filter(|t| keep(*t))
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let quoted = |names: Vec<&str>| {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fields: Vec<String> = AslStateType::ALL
        .into_iter()
        .map(|t| {
            let of = |ql| quoted(stepwise_asl::validate::fields_of(t, ql));
            format!(
                "  {t}: {{\n    JSONPath: [{}],\n    JSONata: [{}],\n  }},",
                of(QueryLanguage::JsonPath),
                of(QueryLanguage::Jsonata)
            )
        })
        .collect();
    let text = format!(
        "// Generated from stepwise_asl::model::StateType by src-tauri/src/bindings.rs. Do not edit this file manually.\n\n\
         /** The eight state types of the Amazon States Language, in the order a palette lists them. */\n\
         export const STATE_TYPES = [{}] as const;\n\n\
         /** The types whose states hand over with `Next` or `End` (not Choice, Succeed, Fail). */\n\
         export const TAKES_NEXT_OR_END = [{}] as const;\n\n\
         /** The fields each state type accepts in each query language (the validator's table). */\n\
         export const STATE_FIELDS = {{\n{}\n}} as const;\n",
        list(|_| true),
        list(AslStateType::takes_next_or_end),
        fields.join("\n"),
    );
    (PathBuf::from("stateTypeRules.ts"), text)
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
