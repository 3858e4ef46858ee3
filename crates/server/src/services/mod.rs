//! Service integrations sent to real endpoints: `SQS_ENDPOINT`, `SNS_ENDPOINT`,
//! `DYNAMODB_ENDPOINT` and `STEP_FUNCTIONS_ENDPOINT`, as Step Functions Local reads them.
//! Each call goes through the official AWS SDK crate of its service (to an emulator such as
//! DynamoDB Local, ElasticMQ or moto), with the Task's PascalCase parameters converted to the
//! SDK's request and its answer shaped as Step Functions returns it. A service whose endpoint is
//! not set is not handled here: its Tasks behave as before (mocks, or the unmocked failure).

#[cfg(feature = "aws-services")]
mod clients;
#[cfg(feature = "aws-services")]
mod dynamodb;
#[cfg(feature = "aws-services")]
mod params;
#[cfg(feature = "aws-services")]
mod response;
#[cfg(feature = "aws-services")]
mod sfn;
#[cfg(feature = "aws-services")]
mod sns;
#[cfg(feature = "aws-services")]
mod sqs;

#[cfg(feature = "aws-services")]
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

/// The endpoints, and the SDK clients calls to them go through.
#[derive(Default)]
pub struct Services {
    endpoints: Endpoints,
    #[cfg(feature = "aws-services")]
    clients: clients::Clients,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("endpoints", &self.endpoints)
            .finish()
    }
}

/// Whether this build calls services at all (the `aws-services` cargo feature, on by
/// default); without it, a server given an endpoint should refuse to start.
pub const AVAILABLE: bool = cfg!(feature = "aws-services");

impl Services {
    /// Clients for the endpoints that are set, signing for `region`.
    pub fn new(endpoints: Endpoints, region: &str) -> Self {
        #[cfg(not(feature = "aws-services"))]
        let _ = region;
        Services {
            #[cfg(feature = "aws-services")]
            clients: clients::Clients::new(&endpoints, region),
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
        #[cfg(feature = "aws-services")]
        return self.clients.call(integration, req.input.clone());
        #[cfg(not(feature = "aws-services"))]
        {
            let _ = integration;
            None
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
    let rx = crate::tasks::wait_for_token(reg, execution, token.clone(), &req.heartbeat);
    let reg = Arc::downgrade(reg);
    let submitted = req.submitted.clone();
    Box::pin(async move {
        match call.await {
            // The service took the request: AWS's TaskSubmitted, with its response.
            Ok(response) => submitted.submit(response),
            Err(e) => {
                if let Some(reg) = reg.upgrade() {
                    reg.lock().tokens.remove(&token);
                }
                return Err(e);
            }
        }
        crate::tasks::answer(rx).await
    })
}

/// The DynamoDB items API Step Functions integrates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Get,
    Put,
    Update,
    Delete,
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
pub(crate) enum Api {
    SqsSendMessage,
    SnsPublish,
    DynamoDb(Op),
    StartExecution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Integration {
    pub(crate) api: Api,
    pub(crate) pattern: Pattern,
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
            "dynamodb:getItem" => Api::DynamoDb(Op::Get),
            "dynamodb:putItem" => Api::DynamoDb(Op::Put),
            "dynamodb:updateItem" => Api::DynamoDb(Op::Update),
            "dynamodb:deleteItem" => Api::DynamoDb(Op::Delete),
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
                Some((DynamoDb(Op::Get), RequestResponse)),
            ),
            (
                "arn:aws:states:::dynamodb:putItem",
                Some((DynamoDb(Op::Put), RequestResponse)),
            ),
            (
                "arn:aws:states:::dynamodb:updateItem",
                Some((DynamoDb(Op::Update), RequestResponse)),
            ),
            (
                "arn:aws:states:::dynamodb:deleteItem",
                Some((DynamoDb(Op::Delete), RequestResponse)),
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
