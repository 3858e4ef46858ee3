//! `stepwise aws list | start | history | stop | redrive`.

use super::{emit, Failure};
use crate::source::SourceArgs;
use crate::EXIT_INVALID;
use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_cloud::{history_file, Backoff, Cloud, Execution};

/// List the state machines (name, type, creation time, ARN)
#[derive(clap::Args)]
pub struct ListArgs {
    /// Only those whose name contains this (any case)
    #[arg(long, value_name = "TEXT", default_value = "")]
    search: String,
    /// As a JSON array
    #[arg(long)]
    json: bool,
}

/// Start an execution; with --follow, print its events as they happen and its output
#[derive(clap::Args)]
#[command(
    after_help = "Given a definition file, the machine of the same name (the file's name \
without .asl.json, or --name) is started, provided what is deployed is that file: otherwise \
`stepwise aws deploy FILE` first.\n\nExit status with --follow: 0 when the execution succeeds, 1 \
when it fails, times out or is stopped, 2 on an error."
)]
pub struct StartArgs {
    /// A definition file, a machine name, or the ARN of a machine, version or alias
    #[arg(value_name = "FILE_OR_ARN")]
    what: String,
    /// The execution's input: JSON, or @FILE
    #[arg(long, value_name = "JSON", default_value = "{}")]
    input: String,
    /// The execution's name (default: AWS makes one)
    #[arg(long = "execution-name", value_name = "NAME")]
    execution_name: Option<String>,
    /// For a file: the deployed machine's name
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Follow it live until it ends (events on standard error, output on standard output)
    #[arg(long)]
    follow: bool,
    #[command(flatten)]
    source: SourceArgs,
}

/// Write an execution's history as `aws stepfunctions get-execution-history` does
#[derive(clap::Args)]
pub struct HistoryArgs {
    #[arg(value_name = "EXECUTION_ARN")]
    execution: String,
    /// Write here (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Stop a running execution
#[derive(clap::Args)]
pub struct StopArgs {
    #[arg(value_name = "EXECUTION_ARN")]
    execution: String,
    #[arg(long)]
    error: Option<String>,
    #[arg(long)]
    cause: Option<String>,
}

/// Redrive a failed, timed-out or stopped execution from where it stopped
#[derive(clap::Args)]
pub struct RedriveArgs {
    #[arg(value_name = "EXECUTION_ARN")]
    execution: String,
    /// Follow it live until it ends
    #[arg(long)]
    follow: bool,
}

pub async fn list(cloud: &Cloud, args: &ListArgs) -> Result<u8, Failure> {
    let machines = cloud.machines(&args.search, None, usize::MAX).await?.items;
    if args.json {
        let text = serde_json::to_string_pretty(&machines).unwrap_or_default();
        println!("{text}");
        return Ok(0);
    }
    let width = machines
        .iter()
        .map(|m| m.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    println!("{:width$}  {:8}  {:20}  ARN", "NAME", "TYPE", "CREATED");
    for m in &machines {
        println!(
            "{:width$}  {:8}  {:20}  {}",
            m.name,
            m.kind,
            utc(m.created_ms),
            m.arn
        );
    }
    Ok(0)
}

/// `2026-12-07 08:26:40Z`: to the second, which a listing needs.
fn utc(ms: i64) -> String {
    let text = stepwise_engine::history::aws_cli_timestamp(ms);
    format!("{} {}Z", &text[..10], &text[11..19])
}

pub async fn start(cloud: &Cloud, args: &StartArgs) -> Result<u8, Failure> {
    let input = read_input(&args.input)?;
    let file = Path::new(&args.what);
    let arn = if file.is_file() {
        deployed_as_file(cloud, file, args).await?
    } else {
        cloud.resolve(&args.what).await?
    };
    let execution = cloud
        .start(&arn, &input, args.execution_name.as_deref())
        .await?;
    if !args.follow {
        println!("{execution}");
        return Ok(0);
    }
    eprintln!("stepwise: started {execution}");
    follow(cloud, &execution, 0).await
}

/// The id of the last of `events` (ids count up from 1).
fn last_id(events: &[Value]) -> u64 {
    events.last().and_then(|e| e["id"].as_u64()).unwrap_or(0)
}

/// `--input` as given, or the file after `@`.
fn read_input(given: &str) -> Result<String, Failure> {
    match given.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Failure::Usage(format!("cannot read the input {path}: {e}"))),
        None => Ok(given.to_string()),
    }
}

/// The machine deployed from `file`, refused when what is deployed is not the file.
async fn deployed_as_file(cloud: &Cloud, file: &Path, args: &StartArgs) -> Result<String, Failure> {
    let local = super::deploy::load_one(file, &args.source)?;
    let name = match &args.name {
        Some(n) => n.clone(),
        None => super::deploy::machine_name(file, local.machine.as_deref()),
    };
    let arn = cloud.resolve(&name).await?;
    let deployed = cloud.machine(&arn).await?;
    let same = serde_json::from_str::<Value>(&deployed.definition).ok() == Some(local.doc.value);
    if !same {
        return Err(Failure::Usage(format!(
            "{} is not what is deployed as {name}: `stepwise aws deploy {}` first, or start {arn}",
            file.display(),
            file.display()
        )));
    }
    Ok(arn)
}

async fn follow(cloud: &Cloud, execution: &str, after: u64) -> Result<u8, Failure> {
    let ended = cloud
        .follow(execution, after, &mut Backoff::default(), |events| {
            for e in &events {
                eprintln!("{}", event_line(e));
            }
        })
        .await?;
    Ok(report(&ended))
}

/// How an execution ended: the output on standard output, the rest on standard error.
fn report(ended: &Execution) -> u8 {
    eprintln!("stepwise: {} {}", ended.name, ended.status);
    if ended.status == "SUCCEEDED" {
        println!("{}", ended.output.as_deref().unwrap_or("null"));
        return 0;
    }
    if let Some(error) = &ended.error {
        eprintln!(
            "stepwise: error {error}: {}",
            ended.cause.as_deref().unwrap_or("")
        );
    }
    EXIT_INVALID
}

/// `   12  TaskStateEntered            Check`: id, type and the state or iteration named.
pub fn event_line(e: &Value) -> String {
    let name = e
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.ends_with("EventDetails"))
        .find_map(|(_, d)| d["name"].as_str())
        .unwrap_or("");
    let line = format!(
        "{:>5}  {:<32}{name}",
        e["id"].as_u64().unwrap_or(0),
        e["type"].as_str().unwrap_or("?")
    );
    line.trim_end().to_string()
}

pub async fn history(cloud: &Cloud, args: &HistoryArgs) -> Result<u8, Failure> {
    let events = cloud.history(&args.execution).await?;
    let text = serde_json::to_string_pretty(&history_file(&events)).unwrap_or_default() + "\n";
    emit(&text, args.output.as_ref())?;
    if let Some(path) = &args.output {
        eprintln!(
            "stepwise: {} events written to {}",
            events.len(),
            path.display()
        );
    }
    Ok(0)
}

pub async fn stop(cloud: &Cloud, args: &StopArgs) -> Result<u8, Failure> {
    cloud
        .stop(
            &args.execution,
            args.error.as_deref(),
            args.cause.as_deref(),
        )
        .await?;
    Ok(0)
}

pub async fn redrive(cloud: &Cloud, args: &RedriveArgs) -> Result<u8, Failure> {
    // The events before the redrive are history already: only what it adds is followed.
    let seen = match args.follow {
        true => last_id(&cloud.history(&args.execution).await?),
        false => 0,
    };
    cloud.redrive(&args.execution).await?;
    if args.follow {
        return follow(cloud, &args.execution, seen).await;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::{event_line, utc};
    use serde_json::json;

    #[test]
    fn an_event_line_names_the_state_or_nothing() {
        let entered = json!({"id": 3, "type": "TaskStateEntered",
            "stateEnteredEventDetails": {"name": "Charge", "input": "{}"}});
        let started = json!({"id": 1, "type": "ExecutionStarted",
            "executionStartedEventDetails": {"input": "{}"}});
        assert_eq!(
            event_line(&entered),
            format!("    3  {:<32}Charge", "TaskStateEntered")
        );
        assert_eq!(event_line(&started), "    1  ExecutionStarted");
    }

    #[test]
    fn a_listing_shows_utc_to_the_second() {
        assert_eq!(utc(1_733_560_000_500), "2024-12-07 08:26:40Z");
    }
}
