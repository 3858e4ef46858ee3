//! The contract between Rust and the window, declared once.
//!
//! Every command the window may call is one line of [`contract!`] below: its name (the Rust
//! function's name, which Tauri dispatches on), its request and its reply. From that line:
//! - Tauri's handler is generated ([`handler`]), so a command cannot be declared and not
//!   registered, or registered and not declared;
//! - the function's signature is checked against the declared request and reply at compile
//!   time (`fn(AppHandle, Request) -> Result<Reply, AppError>`);
//! - the TypeScript table `Commands` (`ui/src/bindings/Commands.ts`) is generated with
//!   ts-rs, and `ui/src/lib/rpc.ts` types `call(name, request)` with it, so a renamed or
//!   removed command fails `tsc`.
//!
//! Every command takes one argument named `request` (`null` when it takes nothing) and fails
//! with an [`AppError`]. Events Rust pushes on its own are declared the same way ([`Events`],
//! sent with the functions in [`emit`]); the run panel's channel carries `RunMessage`.

use crate::cloud::commands as cloud;
use crate::cloud::ipc::{
    CloudDeploy, CloudLink, CloudMachine, CloudPreview, CloudRun, CloudStart, CloudStatus,
    DeployPreview, ExecutionQuery, MachineQuery, OpenCloudMachine,
};
use crate::commands as doc;
use crate::compare::{self, CompareWith, Comparison};
use crate::error::AppError;
use crate::ipc::{ConflictChoice, CopiedImage, DocumentView, EditReply, ExampleInfo, ExportKind};
use crate::project::Opened;
use crate::recovery::RecoveredDocument;
use crate::run::commands as run;
use crate::run::ipc::{
    ExpressionReply, ExpressionRequest, PreviewReply, PreviewRequest, ResumeMode, RunFile,
    RunFileKind, RunMessage, RunRecord, RunRequest, RunSetup, RunStatusUpdate, RunSummary,
    SavedInput, TaskAnswer,
};
use crate::server::commands as server;
use crate::server::ipc::{ServerStatus, StartServer};
use crate::testing::commands as testing;
use crate::testing::ipc::{RunTests, SaveRunAsTest, TestAdded, TestsRun, TestsView};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use stepwise_asl::edit::language::Blocker;
use stepwise_asl::edit::Edit;
use stepwise_asl::model::QueryLanguage;
use stepwise_cloud::{Deployed, ExecutionSummary, MachineSummary, Page, Target};
use stepwise_testing::spec::TestFile;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

macro_rules! contract {
    (
        commands {
            $( $(#[$attr:meta])* $mode:ident $name:ident in $($module:ident)::+ : $req:ty => $reply:ty; )*
        }
        events {
            $( $(#[$eattr:meta])* $event:ident = $wire:literal : $payload:ty; )*
        }
    ) => {
        /// Every command: `name: [request, reply]`. Generated into `Commands.ts`.
        #[derive(TS)]
        #[allow(dead_code)]
        pub struct Commands {
            $( $(#[$attr])* pub $name: ($req, $reply), )*
        }

        /// The command names, in declaration order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Tauri's dispatcher for every declared command.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($module)::+::$name),*]
        }

        $( contract!(@check $mode $name ($($module)::+) $req => $reply); )*

        /// Every event Rust pushes on its own: `name: payload`. Generated into `Events.ts`.
        #[derive(TS)]
        #[allow(dead_code)]
        pub struct Events {
            $( $(#[$eattr])* #[ts(rename = $wire)] pub $event: $payload, )*
        }

        /// The event names, in declaration order.
        pub const EVENTS: &[&str] = &[$($wire),*];

        /// Sends the declared events, each with its declared payload.
        pub mod emit {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$eattr])*
                pub fn $event<R: Runtime>(to: &impl tauri::Emitter<R>, payload: &$payload) -> tauri::Result<()> {
                    to.emit($wire, payload)
                }
            )*
        }
    };
    (@check sync $name:ident ($($module:ident)::+) $req:ty => $reply:ty) => {
        const _: () = {
            #[allow(dead_code)]
            fn check<R: Runtime>(app: AppHandle<R>, request: $req) -> Result<$reply, AppError> {
                $($module)::+::$name(app, request)
            }
        };
    };
    (@check async $name:ident ($($module:ident)::+) $req:ty => $reply:ty) => {
        const _: () = {
            #[allow(dead_code)]
            async fn check<R: Runtime>(app: AppHandle<R>, request: $req) -> Result<$reply, AppError> {
                $($module)::+::$name(app, request).await
            }
        };
    };
}

contract! {
    commands {
        // ---- The document (crate::commands) -------------------------------------------
        /// The open document, or `null` when none is open.
        sync current_document in doc: () => Option<DocumentView>;
        /// Opens a definition file. A file that cannot be read or parsed opens with the
        /// reason in the view's `error`; only unsaved edits refuse ([`AppError::UnsavedEdits`]).
        /// A project (SAM/CloudFormation template, Terraform, CDK output, or a folder of
        /// one) opens its machine `machine`, or its only one; with several and none chosen,
        /// the answer lists them (`choose`) and nothing is replaced.
        sync open_document in doc: OpenDocument => Opened;
        /// Shows the native Open dialog; `null` when cancelled.
        async open_with_dialog in doc: Replace => Option<Opened>;
        sync new_document in doc: Replace => DocumentView;
        sync list_examples in doc: () => Vec<ExampleInfo>;
        /// Opens a bundled example as a new document (nothing unsaved until it is edited).
        sync open_example in doc: OpenExample => DocumentView;
        sync recent_files in doc: () => Vec<String>;
        /// Applies an edit; the reply carries the new view and what to select.
        sync apply_edit in doc: Edit => EditReply;
        /// The code view's text; Rust parses it and answers with the new view.
        sync set_text in doc: String => DocumentView;
        sync undo in doc: () => DocumentView;
        sync redo in doc: () => DocumentView;
        /// Saves to the file (asking where for a new document); `null` when cancelled.
        async save in doc: () => Option<DocumentView>;
        async save_as in doc: () => Option<DocumentView>;
        /// Exports through a Save dialog; the path written, or `null` when cancelled.
        async export_as in doc: ExportKind => Option<String>;
        /// Puts the diagram on the system clipboard as an image, the same drawing as
        /// Export → PNG; answers its size.
        async copy_image in doc: () => CopiedImage;
        sync resolve_conflict in doc: ConflictChoice => DocumentView;
        /// The states at these pointers as `name -> definition`, for the clipboard.
        #[ts(type = "[Array<string>, Record<string, unknown>]")]
        sync copy_states in doc: Vec<String> => Map<String, Value>;
        /// What stops switching the machine to a query language exactly (empty: exact).
        sync language_blockers in doc: QueryLanguage => Vec<Blocker>;
        /// Closes the window for good (after the user chose to discard or saved).
        sync close_window in doc: () => ();
        /// Closes the window as its close button does: with unsaved edits, the window asks.
        sync request_close in doc: () => ();
        /// What an earlier session left with unsaved edits (killed, crashed), newest first.
        sync list_recovered in doc: () => Vec<RecoveredDocument>;
        /// Opens a recovered document (`id` from the list) with its edits, unsaved.
        sync restore_recovered in doc: Restore => DocumentView;
        /// Drops a recovered document's edits; answers what is left.
        sync discard_recovered in doc: String => Vec<RecoveredDocument>;
        /// Compares the open document with its last saved state, a git revision of its file
        /// or another file (`null` path: the Open dialog; `null` reply when cancelled).
        async compare in compare: CompareWith => Option<Comparison>;

        // ---- Runs (crate::run::commands) ---------------------------------------------
        /// Sends the active run's events and statuses to this channel from now on.
        #[ts(type = "[Channel<RunMessage>, null]")]
        sync watch_runs in run: Channel<RunMessage> => ();
        sync run_setup in run: () => RunSetup;
        /// The native Open dialog for a mock config or handlers file; `null` when cancelled.
        async pick_run_file in run: RunFileKind => Option<RunFile>;
        sync save_input in run: NamedInput => Vec<SavedInput>;
        /// Deletes the saved input of this name.
        sync delete_input in run: String => Vec<SavedInput>;
        sync start_run in run: RunRequest => RunStatusUpdate;
        sync stop_run in run: () => ();
        /// Pauses the running run before the next state it enters.
        sync pause_run in run: () => ();
        sync resume_run in run: Resume => ();
        /// Remembered for the document (state names), and applied to the active run.
        sync set_breakpoints in run: Vec<String> => ();
        sync answer_task in run: Answer => ();
        /// Runs a failed run (by id) again from its failed state (AWS redrive).
        sync redrive_run in run: String => RunStatusUpdate;
        sync list_runs in run: () => Vec<RunSummary>;
        sync open_run in run: String => RunRecord;
        sync delete_run in run: String => Vec<RunSummary>;
        /// Saves a run's AWS `get-execution-history` JSON through a Save dialog; the path,
        /// or `null` when cancelled.
        async export_history in run: String => Option<String>;
        /// Opens a history exported from AWS; it is kept as a run of this document.
        async import_history in run: () => Option<RunRecord>;
        /// One state's data flow without a run (AWS TestState, inspection level DEBUG).
        async preview_state in run: PreviewRequest => PreviewReply;
        /// A JSONata field's value on a sample input (the expression editors' live preview).
        async evaluate_expression in run: ExpressionRequest => ExpressionReply;

        // ---- Tests (crate::testing::commands) -----------------------------------------
        /// The open document's tests: its tests file, a bundled example's, or its mock
        /// config's test cases.
        sync load_tests in testing: () => TestsView;
        /// Writes the tests file (a document with no file keeps them until it is saved).
        sync save_tests in testing: TestFile => TestsView;
        /// Runs the named tests (`null`: all) on the definition as it stands in the window.
        async run_tests in testing: RunTests => TestsRun;
        /// The last execution of the test of this name, kept as a run to show on the canvas.
        sync open_test_run in testing: String => RunRecord;
        /// A kept run (by id) as a new test of the file ("Save as test").
        sync save_run_as_test in testing: SaveRunAsTest => TestAdded;

        // ---- The Step Functions API server (crate::server::commands) ------------------
        sync server_status in server: () => ServerStatus;
        /// Serves the API on 127.0.0.1 (`null` port: 8083); its executions become runs.
        async start_server in server: StartServer => ServerStatus;
        /// Follows the executions of a server running elsewhere (its URL).
        async attach_server in server: String => ServerStatus;
        /// Stops serving (stopping what runs) or following.
        sync stop_server in server: () => ServerStatus;

        // ---- An AWS account (crate::cloud::commands) --------------------------------------
        sync cloud_status in cloud: () => CloudStatus;
        /// Credentials and region as the AWS CLI finds them, narrowed by the request; one
        /// call proves them. Failing is a status with its `error`, not an error.
        async cloud_connect in cloud: Target => CloudStatus;
        /// Machines whose name contains the query, a page at a time.
        async cloud_machines in cloud: MachineQuery => Page<MachineSummary>;
        /// One machine (by ARN) with its versions and aliases.
        async cloud_machine in cloud: String => CloudMachine;
        /// Opens a deployed machine as a new document, linked to it.
        async cloud_open_machine in cloud: OpenCloudMachine => DocumentView;
        /// The machine the open document came from or was deployed to.
        sync cloud_link in cloud: () => Option<CloudLink>;
        async cloud_executions in cloud: ExecutionQuery => Page<ExecutionSummary>;
        /// Replays an execution (by ARN) as a run, followed live while it runs.
        async cloud_open_execution in cloud: String => CloudRun;
        /// The deployed definition against the local one, and AWS's validation findings.
        async cloud_deploy_preview in cloud: CloudDeploy => DeployPreview;
        async cloud_deploy in cloud: CloudDeploy => Deployed;
        /// Starts the linked machine with the input and follows it as a run.
        async cloud_start in cloud: CloudStart => CloudRun;
        async cloud_stop in cloud: String => ();
        async cloud_redrive in cloud: String => CloudRun;
        /// The inspector's data-flow preview of a state, run by AWS's TestState.
        async cloud_preview_state in cloud: CloudPreview => PreviewReply;
    }
    events {
        /// A view the window did not ask for: the file changed on disk.
        document_changed = "document-changed": DocumentView;
        /// The window was closed with unsaved edits: it asks Save / Don't save / Cancel.
        close_requested = "close-requested": ();
        /// The server started, stopped, saw an execution, or stopped answering.
        server_changed = "server-changed": ServerStatus;
    }
}

/// `open_document`'s request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenDocument {
    pub path: String,
    /// The user chose to drop the open document's unsaved edits.
    pub discard: bool,
    /// The project's machine to open ([`crate::project::MachineInfo::id`]); `null` for a
    /// definition file, or a project's only machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub machine: Option<String>,
}

/// The request of a command that replaces the open document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Replace {
    /// The user chose to drop the open document's unsaved edits.
    pub discard: bool,
}

/// `open_example`'s request (and `restore_recovered`'s: the recovered document's id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenExample {
    /// The example's file name ([`ExampleInfo::id`]).
    pub id: String,
    pub discard: bool,
}

/// `restore_recovered`'s request.
pub type Restore = OpenExample;

/// An input saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NamedInput {
    pub name: String,
    /// JSON text.
    pub input: String,
}

/// `resume_run`'s request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Resume {
    pub mode: ResumeMode,
    /// The paused state's input, edited (JSON text); `null` keeps it.
    pub input: Option<String>,
}

/// The answer typed for a Task waiting in "Ask me" mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Answer {
    /// The question's id ([`crate::run::ipc::TaskQuestion`]).
    pub id: u32,
    pub answer: TaskAnswer,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_event_is_declared_once() {
        let mut names: Vec<&str> = COMMANDS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len(), "a command is declared twice");
        let mut events: Vec<&str> = EVENTS.to_vec();
        events.sort_unstable();
        events.dedup();
        assert_eq!(events.len(), EVENTS.len(), "an event is declared twice");
    }

    /// The capability file allows exactly the declared commands (each needs its own
    /// `allow-<name>`: Tauri refuses a command the window is not allowed). Regenerate with
    /// `STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app -- contract`.
    #[test]
    fn the_capability_file_allows_exactly_the_declared_commands() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json");
        let text = std::fs::read_to_string(&path).expect("read the capability file");
        let mut file: serde_json::Value = serde_json::from_str(&text).expect("capability JSON");
        let core: Vec<Value> = file["permissions"]
            .as_array()
            .map(|p| {
                p.iter()
                    .filter(|v| v.as_str().is_some_and(|s| s.starts_with("core:")))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let mut wanted = core;
        wanted.extend(
            COMMANDS
                .iter()
                .map(|c| Value::String(format!("allow-{}", c.replace('_', "-")))),
        );
        if std::env::var_os("STEPWISE_WRITE_BINDINGS").is_some_and(|v| v == "1") {
            file["permissions"] = Value::Array(wanted);
            let out = serde_json::to_string_pretty(&file).expect("serialise") + "\n";
            std::fs::write(&path, out).expect("write the capability file");
            return;
        }
        assert_eq!(
            file["permissions"],
            Value::Array(wanted),
            "capabilities/default.json does not allow exactly the declared commands; run \
             `STEPWISE_WRITE_BINDINGS=1 cargo test -p stepwise-app -- contract`"
        );
    }
}
