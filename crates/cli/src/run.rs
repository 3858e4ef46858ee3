//! `stepwise run`: execute a state machine locally and print its output.

use crate::source::SourceArgs;
use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stepwise_asl::fsutil::write_atomic;
use stepwise_engine::task::{HandlersConfig, LocalS3, MockConfig, Router};
use stepwise_engine::{run_blocking, ClockMode, ExecutionConfig, ExecutionIdentity, Status};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// The final output JSON (errors on stderr)
    Text,
    /// One object: {"status": ..., "output": ...} or {"status": ..., "error": ..., "cause": ...}
    Json,
}

/// Run a state machine locally: every state type, Retry/Catch, Map and Parallel, with
/// Task states answered by mocks or local handlers. Waits pass instantly (virtual time)
/// unless --real-time is given.
#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when the execution succeeded, 1 when it failed or timed out, \
2 when the definition is invalid or on a usage or I/O error.\n\n\
Task states need a handler: a Step Functions Local mock config (--mock-config with --test-case), \
or a handlers file (--handlers) that maps states or resources to local commands or a Lambda \
emulator (sam local start-lambda, cargo lambda watch).\n\nExamples:\n  \
stepwise run flow.asl.json --input '{\"orderId\": \"42\"}'\n  \
stepwise run flow.asl.json --input file://input.json --mock-config MockConfigFile.json --test-case HappyPath\n  \
stepwise run flow.asl.json --handlers handlers.json --history history.json --format json\n  \
stepwise run batch.asl.json --s3-dir s3 (ItemReader reads s3/BUCKET/KEY, ResultWriter writes there)\n  \
stepwise run template.yaml --machine OrderMachine --sub Timeout=30 --mock-config mocks.json --test-case HappyPath"
)]
pub struct Args {
    /// The state machine definition (.json, .asl.json, .yaml, .yml), or a template or
    /// Terraform configuration holding it (with --machine when it holds several)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    source: SourceArgs,
    /// Execution input: JSON text, or file://PATH to read it from a file
    #[arg(long, value_name = "JSON", default_value = "{}")]
    input: String,
    /// A Step Functions Local mock config file
    #[arg(long, value_name = "FILE", requires = "test_case")]
    mock_config: Option<PathBuf>,
    /// The test case of the mock config to use
    #[arg(long, value_name = "NAME", requires = "mock_config")]
    test_case: Option<String>,
    /// The state machine's name in the mock config (default: the one holding the test case)
    #[arg(long, value_name = "NAME")]
    state_machine: Option<String>,
    /// A handlers file mapping Task states to local commands or a Lambda emulator
    #[arg(long, value_name = "FILE")]
    handlers: Option<PathBuf>,
    /// A folder standing in for S3: s3://BUCKET/KEY is DIR/BUCKET/KEY. A Distributed Map's
    /// ItemReader reads from it and its ResultWriter writes its result files into it
    #[arg(long, value_name = "DIR")]
    s3_dir: Option<PathBuf>,
    /// Write the execution history here, as `aws stepfunctions get-execution-history` prints it
    #[arg(long, value_name = "FILE")]
    history: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Let Waits, retry backoffs and timeouts take their real time
    #[arg(long)]
    real_time: bool,
    /// Seed for retry jitter, States.MathRandom and States.UUID (default: random)
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
}

pub fn run(args: &Args) -> u8 {
    match execute(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("stepwise: {message}");
            EXIT_USAGE
        }
    }
}

/// `{"events": [...]}`, pretty-printed with a final newline, written straight from the events: a `json!` copy of
/// thousands of them first cost more than the run.
fn history_text(events: &[stepwise_engine::history::HistoryEvent]) -> serde_json::Result<String> {
    use serde::ser::{SerializeMap, Serializer};
    let mut out = serde_json::Serializer::pretty(Vec::new());
    let mut map = out.serialize_map(Some(1))?;
    map.serialize_entry("events", events)?;
    map.end()?;
    let mut text = String::from_utf8(out.into_inner())
        // The serializer writes UTF-8 only.
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    text.push('\n');
    Ok(text)
}

fn execute(args: &Args) -> Result<u8, String> {
    let mut loaded = args
        .source
        .load(&args.file, false)
        .map_err(|e| e.message())?;
    let Some(loaded) = loaded.pop() else {
        return Err(format!("{}: no state machine", args.file.display()));
    };
    let doc = &loaded.doc;
    let file = &loaded.label;
    if doc.has_errors() {
        for d in doc.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}", loaded.problem_line(d));
        }
        eprintln!("stepwise: {file} is not a valid state machine; not run");
        return Ok(EXIT_USAGE);
    }
    // A number field that is still a placeholder has no value to run with.
    if let Some(p) = loaded.applied.unresolved_numbers.first() {
        return Err(format!(
            "{file}{}{}: ${{{}}} must be a number to run; give it with --sub {}=N",
            loaded.prefix,
            p.pointers.first().map(String::as_str).unwrap_or(""),
            p.name,
            p.name
        ));
    }
    for line in loaded.unresolved_lines() {
        eprintln!("stepwise: note: {line}");
    }
    let machine = doc.machine().cloned().ok_or_else(|| {
        format!(
            "{file}: {}",
            doc.model_error().unwrap_or("not a state machine")
        )
    })?;
    let input = read_input(&args.input)?;
    let mut router = Router::new();
    if let (Some(path), Some(case)) = (&args.mock_config, &args.test_case) {
        let config = MockConfig::load(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let test_case = config
            .test_case(args.state_machine.as_deref(), case)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        router = router.with_mocks(test_case);
    }
    if let Some(path) = &args.handlers {
        let handlers =
            HandlersConfig::load(path).map_err(|e| format!("{}: {e}", path.display()))?;
        router = router.with_handlers(Arc::new(handlers));
    }
    if let Some(dir) = &args.s3_dir {
        router = router.with_local_s3(LocalS3::new(dir));
    }
    let mut config = ExecutionConfig::new(Arc::new(router));
    config.identity = ExecutionIdentity {
        state_machine_name: args
            .state_machine
            .clone()
            .or_else(|| loaded.machine.clone())
            .unwrap_or_else(|| machine_name(&args.file)),
        ..ExecutionIdentity::default()
    };
    config.clock = if args.real_time {
        ClockMode::Real
    } else {
        ClockMode::Virtual
    };
    config.seed = args.seed;
    let outcome = run_blocking(Arc::new(machine), input, config);
    if let Some(path) = &args.history {
        let text = history_text(&outcome.events).map_err(|e| e.to_string())?;
        write_atomic(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let succeeded = outcome.status == Status::Succeeded;
    match args.format {
        Format::Json => println!("{}", outcome.summary()),
        Format::Text => match (&outcome.output, &outcome.error) {
            (Some(out), _) if succeeded => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(out).map_err(|e| e.to_string())?
                )
            }
            (_, Some(e)) => {
                // A Fail state may name no error (AWS records none) or give no cause: print
                // only what there is, never an empty name between two colons.
                let said: Vec<&str> = [Some(e.error.as_str()), e.cause.as_deref()]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect();
                match said.is_empty() {
                    true => eprintln!("{:?}", outcome.status),
                    false => eprintln!("{:?}: {}", outcome.status, said.join(": ")),
                }
            }
            _ => eprintln!("{:?}", outcome.status),
        },
    }
    Ok(if succeeded { 0 } else { EXIT_INVALID })
}

/// `--input`: JSON text, or `file://PATH`.
fn read_input(text: &str) -> Result<Value, String> {
    let (source, raw) = match text.strip_prefix("file://") {
        Some(path) => (
            path.to_string(),
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the input {path}: {e}"))?,
        ),
        None => ("--input".to_string(), text.to_string()),
    };
    serde_json::from_str(&raw).map_err(|e| format!("{source} is not valid JSON: {e}"))
}

/// A state machine name from the file name: `order-processing.asl.json` → `order-processing`.
fn machine_name(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("StateMachine");
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        "StateMachine".into()
    } else {
        stem.to_string()
    }
}
