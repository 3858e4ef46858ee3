//! `stepwise serve`: the Step Functions API on localhost, configured as Step Functions
//! Local is (its environment variables work the same), so suites written for it run
//! unchanged.

use crate::EXIT_USAGE;
use std::path::PathBuf;
use std::sync::Arc;
use stepwise_engine::task::MockConfig;
use stepwise_server::arn::Place;
use stepwise_server::services::{Endpoints, Services};
use stepwise_server::store::{Config, Registry};

/// Serve the AWS Step Functions API (AWS JSON 1.0) on localhost: a drop-in for Step
/// Functions Local. Point the AWS SDK or CLI at it with --endpoint-url http://127.0.0.1:8083.
#[derive(clap::Args)]
#[command(
    after_help = "Environment (as Step Functions Local reads it; flags win):\n  \
SFN_MOCK_CONFIG (or LOCALSTACK_SFN_MOCK_CONFIG)  the mock config; pick a test case with \
StartExecution on <state machine ARN>#<TestCase>\n  \
AWS_ACCOUNT_ID, AWS_DEFAULT_REGION  the account and region in ARNs\n  \
WAIT_TIME_SCALE  0 lets Waits, retry backoffs and timeouts pass at once; 0.1 makes Waits, \
retry backoffs and the machine's TimeoutSeconds take a tenth; default 1: real time\n  \
LAMBDA_ENDPOINT  where Lambda tasks are invoked (e.g. sam local start-lambda)\n  \
SQS_ENDPOINT, SNS_ENDPOINT, DYNAMODB_ENDPOINT  where sqs:sendMessage, sns:publish and \
dynamodb:getItem|putItem|updateItem|deleteItem Tasks are sent (plain http://, e.g. DynamoDB Local); \
unset: they fail as Step Functions Local fails them\n  \
STEP_FUNCTIONS_ENDPOINT  where states:startExecution Tasks start executions (default: this server)\n\n\
Examples:\n  \
stepwise serve\n  \
SFN_MOCK_CONFIG=MockConfigFile.json WAIT_TIME_SCALE=0 stepwise serve --port 8083\n  \
aws stepfunctions --endpoint-url http://127.0.0.1:8083 list-state-machines"
)]
pub struct Args {
    /// The address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on (0: any free port; the ready line says which)
    #[arg(long, default_value_t = 8083)]
    port: u16,
    /// The account id in ARNs (default: AWS_ACCOUNT_ID, else 123456789012)
    #[arg(long, value_name = "ID")]
    account: Option<String>,
    /// The region in ARNs (default: AWS_DEFAULT_REGION, else us-east-1)
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// A Step Functions Local mock config (default: SFN_MOCK_CONFIG)
    #[arg(long, value_name = "FILE")]
    mock_config: Option<PathBuf>,
    /// Keep state machines and finished executions in this folder across restarts
    /// (default: in memory only)
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Finished executions kept in memory; older ones are forgotten (with --data, they stay
    /// on disk and are read back when asked for)
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    retention: usize,
    /// Where sqs:sendMessage Tasks are sent (default: SQS_ENDPOINT; unset: not called)
    #[arg(long, value_name = "URL")]
    sqs_endpoint: Option<String>,
    /// Where sns:publish Tasks are sent (default: SNS_ENDPOINT; unset: not called)
    #[arg(long, value_name = "URL")]
    sns_endpoint: Option<String>,
    /// Where dynamodb:getItem|putItem|updateItem|deleteItem Tasks are sent (default:
    /// DYNAMODB_ENDPOINT; unset: not called)
    #[arg(long, value_name = "URL")]
    dynamodb_endpoint: Option<String>,
    /// Where states:startExecution Tasks start executions (default: STEP_FUNCTIONS_ENDPOINT;
    /// unset: this server)
    #[arg(long, value_name = "URL")]
    step_functions_endpoint: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

pub fn run(args: &Args) -> u8 {
    match execute(args) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("stepwise: {message}");
            EXIT_USAGE
        }
    }
}

fn execute(args: &Args) -> Result<(), String> {
    let account = args
        .account
        .clone()
        .or_else(|| env("AWS_ACCOUNT_ID"))
        .unwrap_or_else(|| "123456789012".into());
    let region = args
        .region
        .clone()
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".into());
    let mock_path = args.mock_config.clone().or_else(|| {
        env("SFN_MOCK_CONFIG")
            .or_else(|| env("LOCALSTACK_SFN_MOCK_CONFIG"))
            .map(PathBuf::from)
    });
    let mock_config = match &mock_path {
        Some(p) => Some(Arc::new(
            MockConfig::load(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => None,
    };
    let wait_time_scale = match env("WAIT_TIME_SCALE") {
        None => 1.0,
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .ok_or_else(|| format!("WAIT_TIME_SCALE must be a number from 0 up, not {v:?}"))?,
    };
    let endpoints = Endpoints {
        sqs: args.sqs_endpoint.clone().or_else(|| env("SQS_ENDPOINT")),
        sns: args.sns_endpoint.clone().or_else(|| env("SNS_ENDPOINT")),
        dynamodb: args
            .dynamodb_endpoint
            .clone()
            .or_else(|| env("DYNAMODB_ENDPOINT")),
        step_functions: args
            .step_functions_endpoint
            .clone()
            .or_else(|| env("STEP_FUNCTIONS_ENDPOINT")),
    };
    if !stepwise_server::services::AVAILABLE && endpoints != Endpoints::default() {
        return Err(
            "this stepwise was built without the aws-services feature: SQS_ENDPOINT, \
             SNS_ENDPOINT, DYNAMODB_ENDPOINT and STEP_FUNCTIONS_ENDPOINT cannot be used"
                .into(),
        );
    }
    let config = Config {
        place: Place::new(&region, &account),
        mock_config,
        wait_time_scale,
        lambda_endpoint: env("LAMBDA_ENDPOINT"),
        services: Arc::new(Services::new(endpoints, &region)),
        retention: args.retention,
        data: args.data.clone(),
        watch: None,
    };
    let registry = Registry::open(config)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
            .await
            .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
        // Test harnesses wait for this line, word for word as Step Functions Local prints it.
        println!("Starting server on port {port} with account {account}, region {region}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        stepwise_server::serve(listener, registry)
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}
