//! The SDK clients of the services that have an endpoint, built once per server so that
//! their connection pools are shared by every execution.

use super::{dynamodb, sfn, sns, sqs, Api, Endpoints, Integration};
use serde_json::Value;
use stepwise_engine::task::TaskFuture;

#[derive(Default)]
pub struct Clients {
    sqs: Option<aws_sdk_sqs::Client>,
    sns: Option<aws_sdk_sns::Client>,
    dynamodb: Option<aws_sdk_dynamodb::Client>,
    sfn: Option<aws_sdk_sfn::Client>,
}
/// Credentials as the AWS SDKs read them from the environment; emulators accept any, so
/// without them the calls are signed with dummy static ones.
fn credentials() -> aws_sdk_sqs::config::Credentials {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
        (Some(key), Some(secret)) => aws_sdk_sqs::config::Credentials::new(
            key,
            secret,
            var("AWS_SESSION_TOKEN"),
            None,
            "environment",
        ),
        _ => aws_sdk_sqs::config::Credentials::new("test", "test", None, None, "stepwise"),
    }
}

/// Plain HTTP (hyper, already the server's HTTP stack): the endpoints are local emulators.
/// Real AWS endpoints (https://) would need a TLS provider, i.e. the SDK's
/// `default-https-client` feature (rustls + aws-lc), which this build leaves out.
fn http_client() -> aws_sdk_sqs::config::SharedHttpClient {
    aws_smithy_http_client::Builder::new().build_http()
}

macro_rules! client {
    ($sdk:ident, $endpoint:expr, $region:expr, $creds:expr, $http:expr) => {
        $endpoint.as_ref().map(|url| {
            $sdk::Client::from_conf(
                $sdk::Config::builder()
                    .behavior_version($sdk::config::BehaviorVersion::latest())
                    .region($sdk::config::Region::new($region.to_string()))
                    .endpoint_url(url.clone())
                    .credentials_provider($creds.clone())
                    .http_client($http.clone())
                    .build(),
            )
        })
    };
}

impl Clients {
    /// Clients for the endpoints that are set, signing for `region`.
    pub fn new(endpoints: &Endpoints, region: &str) -> Self {
        if *endpoints == Endpoints::default() {
            return Clients::default();
        }
        let creds = credentials();
        let http = http_client();
        Clients {
            sqs: client!(aws_sdk_sqs, endpoints.sqs, region, creds, http),
            sns: client!(aws_sdk_sns, endpoints.sns, region, creds, http),
            dynamodb: client!(aws_sdk_dynamodb, endpoints.dynamodb, region, creds, http),
            sfn: client!(aws_sdk_sfn, endpoints.step_functions, region, creds, http),
        }
    }

    pub fn call(&self, integration: Integration, p: Value) -> Option<TaskFuture<'static>> {
        match integration.api {
            Api::SqsSendMessage => Some(Box::pin(sqs::send_message(self.sqs.clone()?, p))),
            Api::SnsPublish => Some(Box::pin(sns::publish(self.sns.clone()?, p))),
            Api::DynamoDb(op) => Some(Box::pin(dynamodb::call(self.dynamodb.clone()?, op, p))),
            Api::StartExecution => Some(Box::pin(sfn::start_execution(
                self.sfn.clone()?,
                integration.pattern,
                p,
            ))),
        }
    }
}
