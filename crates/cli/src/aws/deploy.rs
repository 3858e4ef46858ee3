//! `stepwise aws deploy`: a definition file (or a template's machine) to AWS, checked locally
//! and by AWS's validator first; an update shows what changes and asks.

use super::Failure;
use crate::source::{Loaded, SourceArgs};
use crate::EXIT_INVALID;
use clap::ValueEnum;
use serde_json::Value;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use stepwise_asl::ExportFormat;
use stepwise_cloud::{Checked, Cloud, Destination, Logging, Settings};

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "UPPER")]
enum Kind {
    Standard,
    Express,
}

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "UPPER")]
enum Level {
    All,
    Error,
    Fatal,
    Off,
}

#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

/// Create a state machine from a definition, or update the one of that name
#[derive(clap::Args)]
#[command(
    after_help = "Without --name or --arn the machine is named after the file (without \
.asl.json) or the template's machine. An update prints what changes and asks first (--yes \
skips the question; without a terminal it is required).\n\nExit status: 0 when deployed (or \
nothing to do), 1 when the definition has errors, 2 on an error."
)]
pub struct Args {
    /// The definition (.asl.json, .json, .yaml), or a SAM/CloudFormation template or
    /// Terraform configuration (with --machine when it has several)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The machine's name: created if new, updated if it exists
    #[arg(long, value_name = "NAME", conflicts_with = "arn")]
    name: Option<String>,
    /// Update this machine
    #[arg(long, value_name = "ARN")]
    arn: Option<String>,
    /// The IAM role its executions run as (needed to create)
    #[arg(long, value_name = "ARN")]
    role_arn: Option<String>,
    /// Only when creating
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    kind: Option<Kind>,
    /// Publish the deployed revision as a new version
    #[arg(long)]
    publish: bool,
    #[arg(long, value_name = "TEXT", requires = "publish")]
    version_description: Option<String>,
    /// Point this alias (made if missing) at the new version
    #[arg(long, value_name = "NAME", requires = "publish")]
    alias: Option<String>,
    /// X-Ray tracing
    #[arg(long, value_enum)]
    tracing: Option<OnOff>,
    /// CloudWatch Logs level
    #[arg(long, value_enum)]
    log_level: Option<Level>,
    /// CloudWatch Logs group (arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*)
    #[arg(long, value_name = "ARN", requires = "log_level")]
    log_group_arn: Option<String>,
    /// Log each state's input and output
    #[arg(long, requires = "log_level")]
    log_execution_data: bool,
    /// Do not ask before an update
    #[arg(short, long)]
    yes: bool,
    /// Check and show what would change; deploy nothing
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    source: SourceArgs,
}

/// The one definition `file` names, its placeholders filled.
pub fn load_one(file: &Path, source: &SourceArgs) -> Result<Loaded, Failure> {
    let loaded = source
        .load(file, false)
        .map_err(|e| Failure::Usage(e.message()))?;
    loaded
        .into_iter()
        .next()
        .ok_or_else(|| Failure::Usage(format!("{}: no state machine in it", file.display())))
}

/// A template's machine is deployed under its id; a file under its stem, the name its mock
/// config and tests file use (`order-processing.asl.json` → `order-processing`).
pub fn machine_name(file: &Path, machine: Option<&str>) -> String {
    match machine {
        Some(id) => id.to_string(),
        None => stepwise_testing::load::stem(file),
    }
}

pub async fn run(cloud: &Cloud, args: &Args) -> Result<u8, Failure> {
    let local = load_one(&args.file, &args.source)?;
    for d in &local.doc.diagnostics {
        eprintln!("{}", local.problem_line(d));
    }
    for line in local.unresolved_lines() {
        eprintln!("{line}");
    }
    if local.doc.has_errors() || !local.applied.unresolved.is_empty() {
        eprintln!("stepwise: {} has errors; not deployed", local.label);
        return Err(Failure::Reported(EXIT_INVALID));
    }
    let definition = local
        .doc
        .export(ExportFormat::Json)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let kind = args.kind.map(|k| match k {
        Kind::Standard => "STANDARD",
        Kind::Express => "EXPRESS",
    });
    let to = destination(cloud, args, &local).await?;
    if !aws_checks(cloud, &local, &definition, kind).await? {
        return Err(Failure::Reported(EXIT_INVALID));
    }
    let settings = settings(args, kind);
    if let Destination::Update { arn } = &to {
        let deployed = cloud.machine(arn).await?;
        let before: Value = serde_json::from_str(&deployed.definition).unwrap_or(Value::Null);
        let changes = stepwise_asl::diff::diff(&before, &local.doc.value);
        let label = format!("{} (deployed)", deployed.name);
        if changes.is_empty() {
            eprintln!("stepwise: {label}: the definition is unchanged");
        } else {
            eprint!("{}", crate::diff::text(&changes, &label, &local.label));
        }
        if changes.is_empty() && !settings.publish && !has_settings(args) {
            return Ok(0);
        }
        if args.dry_run {
            return Ok(0);
        }
        if !args.yes && !confirm(&deployed.name)? {
            eprintln!("stepwise: not deployed");
            return Ok(0);
        }
    } else if args.dry_run {
        if let Destination::Create { name } = &to {
            eprintln!("stepwise: would create {name}");
        }
        return Ok(0);
    }
    let done = cloud.deploy(&definition, &to, &settings).await?;
    let verb = if done.created { "created" } else { "updated" };
    println!("{verb} {}", done.machine_arn);
    if let Some(v) = &done.version_arn {
        println!("published {v}");
    }
    if let Some(a) = &done.alias_arn {
        println!("alias {a} -> {}", done.version_arn.as_deref().unwrap_or(""));
    }
    Ok(0)
}

async fn destination(cloud: &Cloud, args: &Args, local: &Loaded) -> Result<Destination, Failure> {
    if let Some(arn) = &args.arn {
        return Ok(Destination::Update { arn: arn.clone() });
    }
    let name = match &args.name {
        Some(n) => n.clone(),
        None => machine_name(&args.file, local.machine.as_deref()),
    };
    Ok(cloud.destination(&name).await?)
}

/// AWS's validator on the definition, its findings printed where they are; false when it
/// found errors. An endpoint without the action (moto, older emulators) is noted and skipped.
async fn aws_checks(
    cloud: &Cloud,
    local: &Loaded,
    definition: &str,
    kind: Option<&str>,
) -> Result<bool, Failure> {
    let findings = match cloud.check(definition, kind).await? {
        Checked::Findings(f) => f,
        Checked::NotAsked(why) => {
            eprintln!(
                "stepwise: note: AWS's validator was not asked (ValidateStateMachineDefinition: {why}); only Stepwise's own checks were made"
            );
            return Ok(true);
        }
    };
    for f in &findings {
        let pointer = format!("{}{}", local.prefix, f.location.as_deref().unwrap_or(""));
        eprintln!(
            "{}:{pointer}: {}[{}]: {} (AWS)",
            local.label,
            f.severity.to_lowercase(),
            f.code,
            f.message
        );
    }
    Ok(!findings.iter().any(|f| f.severity == "ERROR"))
}

fn has_settings(args: &Args) -> bool {
    args.role_arn.is_some() || args.tracing.is_some() || args.log_level.is_some()
}

fn settings(args: &Args, kind: Option<&str>) -> Settings {
    Settings {
        role_arn: args.role_arn.clone(),
        kind: kind.map(str::to_string),
        logging: args.log_level.map(|level| Logging {
            level: match level {
                Level::All => "ALL",
                Level::Error => "ERROR",
                Level::Fatal => "FATAL",
                Level::Off => "OFF",
            }
            .to_string(),
            include_execution_data: args.log_execution_data,
            log_group_arn: args.log_group_arn.clone(),
        }),
        tracing: args.tracing.map(|t| matches!(t, OnOff::On)),
        publish: args.publish,
        version_description: args.version_description.clone(),
        alias: args.alias.clone(),
    }
}

/// Asks on the terminal; without one, refuses (a script says --yes).
fn confirm(name: &str) -> Result<bool, Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(format!(
            "updating {name} needs a yes: run at a terminal, or add --yes"
        )));
    }
    eprint!("Update {name}? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

#[cfg(test)]
mod tests {
    use super::machine_name;
    use std::path::Path;

    #[test]
    fn a_machine_is_named_after_its_file_or_template_id() {
        for (file, id, want) in [
            ("flows/Order-Flow.asl.json", None, "Order-Flow"),
            ("order.ASL.YAML", None, "order"),
            ("plain.json", None, "plain"),
            (".hidden.json", None, "StateMachine"),
            ("template.yaml", Some("OrderMachine"), "OrderMachine"),
        ] {
            assert_eq!(machine_name(Path::new(file), id), want, "{file}");
        }
    }
}
