//! Service integrations sent to real endpoints: `SQS_ENDPOINT`, `SNS_ENDPOINT`,
//! `DYNAMODB_ENDPOINT` and `STEP_FUNCTIONS_ENDPOINT`, as Step Functions Local reads them.
//! Each call goes through the official AWS SDK crate of its service (to an emulator such as
//! DynamoDB Local, ElasticMQ or moto), with the Task's PascalCase parameters converted to the
//! SDK's request and its answer shaped as Step Functions returns it. A service whose endpoint is
//! not set is not handled here: its Tasks behave as before (mocks, or the unmocked failure).

mod dynamodb;
mod params;
mod response;
mod sfn;
mod sns;
mod sqs;

pub use dynamodb::{attribute_from_json, attribute_to_json};

use crate::store::Registry;
use std::sync::Arc;
use stepwise_engine::task::{TaskFuture, TaskRequest};

/// The endpoints integrations are sent to (each `None`: that service is not called).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoints {
    pub sqs: Option<String>,
    pub sns: Option<String>,
    pub dynamodb: Option<String>,
    /// Nested executions (`states:startExecution`); `None`: this server runs them itself.
    pub step_functions: Option<String>,
}

/// The SDK clients of the services that have an endpoint, built once per server so that
/// their connection pools are shared by every execution.
#[derive(Default)]
pub struct Services {
    endpoints: Endpoints,
    sqs: Option<aws_sdk_sqs::Client>,
    sns: Option<aws_sdk_sns::Client>,
    dynamodb: Option<aws_sdk_dynamodb::Client>,
    sfn: Option<aws_sdk_sfn::Client>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("endpoints", &self.endpoints)
            .finish()
    }
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

impl Services {
    /// Clients for the endpoints that are set, signing for `region`.
    pub fn new(endpoints: Endpoints, region: &str) -> Self {
        let any = endpoints.sqs.is_some()
            || endpoints.sns.is_some()
            || endpoints.dynamodb.is_some()
            || endpoints.step_functions.is_some();
        if !any {
            return Services::default();
        }
        let creds = credentials();
        let http = http_client();
        Services {
            sqs: client!(aws_sdk_sqs, endpoints.sqs, region, creds, http),
            sns: client!(aws_sdk_sns, endpoints.sns, region, creds, http),
            dynamodb: client!(aws_sdk_dynamodb, endpoints.dynamodb, region, creds, http),
            sfn: client!(aws_sdk_sfn, endpoints.step_functions, region, creds, http),
            endpoints,
        }
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The call this Task makes, if its integration is one sent to an endpoint that is set.
    /// `.waitForTaskToken` is the caller's: it waits for the token once this call succeeded.
    pub fn call(&self, req: &TaskRequest) -> Option<TaskFuture<'static>> {
        let integration = Integration::parse(&req.resource)?;
        let p = req.input.clone();
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

/// `call`, and for `.waitForTaskToken` then the token's answer (SendTaskSuccess /
/// SendTaskFailure). The token is waited for before the call is sent: the message's
/// consumer may answer before the call returns.
pub fn with_token(
    call: TaskFuture<'static>,
    reg: &Arc<Registry>,
    execution: &str,
    req: &TaskRequest,
) -> TaskFuture<'static> {
    let Some(token) = req.task_token().map(str::to_string) else {
        return call;
    };
    let rx = crate::tasks::wait_for_token(reg, execution, token.clone());
    let reg = Arc::downgrade(reg);
    Box::pin(async move {
        if let Err(e) = call.await {
            if let Some(reg) = reg.upgrade() {
                reg.lock().tokens.remove(&token);
            }
            return Err(e);
        }
        crate::tasks::answer(rx).await
    })
}

/// How Step Functions waits for an integration (the resource's suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    RequestResponse,
    Sync,
    Sync2,
    WaitForTaskToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    SqsSendMessage,
    SnsPublish,
    DynamoDb(dynamodb::Op),
    StartExecution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Integration {
    api: Api,
    pattern: Pattern,
}

impl Integration {
    /// `arn:<partition>:states:::<service>:<api>[.sync|.sync:2|.waitForTaskToken]`: the
    /// optimized integrations sent to endpoints.
    fn parse(resource: &str) -> Option<Integration> {
        let mut parts = resource.splitn(6, ':');
        let (arn, _partition, states, region, account) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if arn != "arn" || states != "states" || !region.is_empty() || !account.is_empty() {
            return None;
        }
        let (service_api, pattern) = match parts.next()? {
            r if r.ends_with(".waitForTaskToken") => (
                r.trim_end_matches(".waitForTaskToken"),
                Pattern::WaitForTaskToken,
            ),
            r if r.ends_with(".sync:2") => (r.trim_end_matches(".sync:2"), Pattern::Sync2),
            r if r.ends_with(".sync") => (r.trim_end_matches(".sync"), Pattern::Sync),
            r => (r, Pattern::RequestResponse),
        };
        let api = match service_api {
            "sqs:sendMessage" => Api::SqsSendMessage,
            "sns:publish" => Api::SnsPublish,
            "dynamodb:getItem" => Api::DynamoDb(dynamodb::Op::Get),
            "dynamodb:putItem" => Api::DynamoDb(dynamodb::Op::Put),
            "dynamodb:updateItem" => Api::DynamoDb(dynamodb::Op::Update),
            "dynamodb:deleteItem" => Api::DynamoDb(dynamodb::Op::Delete),
            "states:startExecution" => Api::StartExecution,
            _ => return None,
        };
        // The patterns AWS offers for each integration; any other is not this integration.
        let offered = match api {
            Api::SqsSendMessage | Api::SnsPublish => {
                matches!(
                    pattern,
                    Pattern::RequestResponse | Pattern::WaitForTaskToken
                )
            }
            Api::DynamoDb(_) => pattern == Pattern::RequestResponse,
            Api::StartExecution => true,
        };
        offered.then_some(Integration { api, pattern })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrations_sent_to_endpoints() {
        use Api::*;
        use Pattern::*;
        let table: &[(&str, Option<(Api, Pattern)>)] = &[
            (
                "arn:aws:states:::sqs:sendMessage",
                Some((SqsSendMessage, RequestResponse)),
            ),
            (
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                Some((SqsSendMessage, WaitForTaskToken)),
            ),
            (
                "arn:aws-cn:states:::sns:publish",
                Some((SnsPublish, RequestResponse)),
            ),
            (
                "arn:aws:states:::sns:publish.waitForTaskToken",
                Some((SnsPublish, WaitForTaskToken)),
            ),
            (
                "arn:aws:states:::dynamodb:getItem",
                Some((DynamoDb(dynamodb::Op::Get), RequestResponse)),
            ),
            (
                "arn:aws:states:::dynamodb:putItem",
                Some((DynamoDb(dynamodb::Op::Put), RequestResponse)),
            ),
            (
                "arn:aws:states:::dynamodb:updateItem",
                Some((DynamoDb(dynamodb::Op::Update), RequestResponse)),
            ),
            (
                "arn:aws:states:::dynamodb:deleteItem",
                Some((DynamoDb(dynamodb::Op::Delete), RequestResponse)),
            ),
            (
                "arn:aws:states:::states:startExecution",
                Some((StartExecution, RequestResponse)),
            ),
            (
                "arn:aws:states:::states:startExecution.sync",
                Some((StartExecution, Sync)),
            ),
            (
                "arn:aws:states:::states:startExecution.sync:2",
                Some((StartExecution, Sync2)),
            ),
            // Not offered by AWS, or not sent to an endpoint here.
            ("arn:aws:states:::dynamodb:getItem.waitForTaskToken", None),
            ("arn:aws:states:::sqs:sendMessage.sync", None),
            ("arn:aws:states:::dynamodb:query", None),
            ("arn:aws:states:::aws-sdk:sqs:sendMessage", None),
            ("arn:aws:states:::lambda:invoke", None),
            ("arn:aws:states:us-east-1:123456789012:activity:a", None),
            ("arn:aws:lambda:us-east-1:123456789012:function:f", None),
        ];
        for (resource, want) in table {
            let got = Integration::parse(resource).map(|i| (i.api, i.pattern));
            assert_eq!(got, *want, "{resource}");
        }
    }

    #[test]
    fn without_endpoints_nothing_is_called() {
        let services = Services::new(Endpoints::default(), "us-east-1");
        let req = TaskRequest::new(
            "Send",
            "arn:aws:states:::sqs:sendMessage",
            serde_json::json!({"QueueUrl": "q", "MessageBody": "m"}),
        );
        assert!(services.call(&req).is_none());
    }
}
