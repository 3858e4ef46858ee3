//! `stepwise aws`: state machines in an AWS account, or at any endpoint that speaks the Step
//! Functions API, from the command line: list, pull, deploy, start (and follow), history, stop
//! and redrive. Credentials are found as the AWS CLI finds them and never printed.

mod deploy;
mod executions;

use crate::EXIT_USAGE;
use clap::Subcommand;
use std::path::PathBuf;
use stepwise_asl::fsutil::write_atomic;
use stepwise_cloud::{Cloud, CloudError, Target};

/// Work with state machines in an AWS account (or LocalStack, moto, `stepwise serve`)
#[derive(clap::Args)]
#[command(
    after_help = "Credentials, region and endpoint are found as the AWS CLI finds them \
(environment, ~/.aws/config and credentials, SSO, roles); the options below narrow them.\n\n\
Examples:\n  stepwise aws list --search order\n  stepwise aws pull OrderProcessing -o order.asl.json\n  \
stepwise aws deploy order.asl.json --role-arn arn:aws:iam::123456789012:role/sfn --publish --alias live\n  \
stepwise aws start OrderProcessing --input '{\"orderId\": \"42\"}' --follow\n  \
stepwise aws history arn:aws:states:eu-west-1:123456789012:execution:OrderProcessing:run-1 -o run.history.json\n  \
stepwise aws --endpoint-url http://localhost:4566 --region us-east-1 list"
)]
pub struct Args {
    /// A profile of ~/.aws/config (default: AWS_PROFILE, else `default`)
    #[arg(long, global = true, value_name = "NAME")]
    profile: Option<String>,
    /// The region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)
    #[arg(long, global = true, value_name = "REGION")]
    region: Option<String>,
    /// Another endpoint: LocalStack, moto, `stepwise serve` (default: AWS_ENDPOINT_URL_SFN,
    /// AWS_ENDPOINT_URL, the profile's, else AWS)
    #[arg(long, global = true, value_name = "URL")]
    endpoint_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    List(executions::ListArgs),
    Pull(PullArgs),
    Deploy(deploy::Args),
    Start(executions::StartArgs),
    History(executions::HistoryArgs),
    Stop(executions::StopArgs),
    Redrive(executions::RedriveArgs),
}

/// Write a deployed machine's definition to a file (or standard output)
#[derive(clap::Args)]
struct PullArgs {
    /// The machine's name, or the ARN of it, one of its versions or aliases
    #[arg(value_name = "NAME_OR_ARN")]
    machine: String,
    /// Write here (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args) -> u8 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("stepwise: {e}");
            return EXIT_USAGE;
        }
    };
    let target = Target {
        profile: args.profile.clone(),
        region: args.region.clone(),
        endpoint_url: args.endpoint_url.clone(),
    };
    runtime.block_on(async {
        let cloud = match Cloud::connect(&target).await {
            Ok(c) => c,
            Err(e) => return fail(e),
        };
        let done = match &args.command {
            Command::List(a) => executions::list(&cloud, a).await,
            Command::Pull(a) => pull(&cloud, a).await,
            Command::Deploy(a) => deploy::run(&cloud, a).await,
            Command::Start(a) => executions::start(&cloud, a).await,
            Command::History(a) => executions::history(&cloud, a).await,
            Command::Stop(a) => executions::stop(&cloud, a).await,
            Command::Redrive(a) => executions::redrive(&cloud, a).await,
        };
        done.unwrap_or_else(fail)
    })
}

/// Why a command stopped, from the call that failed or the check that refused.
pub(crate) enum Failure {
    Cloud(CloudError),
    /// Already explained on standard error; the exit code.
    Reported(u8),
    Usage(String),
}

impl From<CloudError> for Failure {
    fn from(e: CloudError) -> Self {
        Failure::Cloud(e)
    }
}

fn fail(f: impl Into<Failure>) -> u8 {
    match f.into() {
        Failure::Cloud(e) => {
            eprintln!("stepwise: {e}");
            EXIT_USAGE
        }
        Failure::Usage(m) => {
            eprintln!("stepwise: {m}");
            EXIT_USAGE
        }
        Failure::Reported(code) => code,
    }
}

/// Text to `output`, atomically, or to standard output.
pub(crate) fn emit(text: &str, output: Option<&PathBuf>) -> Result<(), Failure> {
    match output {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display()))),
    }
}

async fn pull(cloud: &Cloud, args: &PullArgs) -> Result<u8, Failure> {
    let arn = cloud.resolve(&args.machine).await?;
    let machine = cloud.machine(&arn).await?;
    // As the definition is deployed, but indented: AWS keeps whatever text it was given.
    let text = match serde_json::from_str::<serde_json::Value>(&machine.definition) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap_or(machine.definition.clone()) + "\n",
        Err(_) => machine.definition.clone(),
    };
    emit(&text, args.output.as_ref())?;
    if let Some(path) = &args.output {
        eprintln!(
            "stepwise: {} ({}, {}) written to {}",
            machine.name,
            machine.kind,
            machine.revision_id.as_deref().unwrap_or("no revision id"),
            path.display()
        );
    }
    Ok(0)
}
