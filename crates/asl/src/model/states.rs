//! The fields of the Task, Pass, Choice, Wait, Succeed, Fail and Parallel states (Choice rules
//! and the Map state have modules of their own).

use super::{
    Catcher, ChoiceRule, Common, Extra, Flow, NumberOrExpr, QueryLanguage, Retrier, StateMachine,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskState {
    #[serde(flatten)]
    pub common: Common,
    #[serde(rename = "Resource")]
    pub resource: String,
    #[serde(
        rename = "Parameters",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub parameters: Option<Value>,
    #[serde(rename = "Arguments", skip_serializing_if = "Option::is_none", default)]
    pub arguments: Option<Value>,
    #[serde(
        rename = "Credentials",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub credentials: Option<Value>,
    #[serde(
        rename = "ResultSelector",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub result_selector: Option<Value>,
    #[serde(
        rename = "ResultPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::nullable"
    )]
    pub result_path: Option<Value>,
    #[serde(
        rename = "TimeoutSeconds",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub timeout_seconds: Option<NumberOrExpr>,
    #[serde(
        rename = "TimeoutSecondsPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub timeout_seconds_path: Option<String>,
    #[serde(
        rename = "HeartbeatSeconds",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub heartbeat_seconds: Option<NumberOrExpr>,
    #[serde(
        rename = "HeartbeatSecondsPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub heartbeat_seconds_path: Option<String>,
    #[serde(rename = "Retry", skip_serializing_if = "Option::is_none", default)]
    pub retry: Option<Vec<Retrier>>,
    #[serde(rename = "Catch", skip_serializing_if = "Option::is_none", default)]
    pub catch: Option<Vec<Catcher>>,
    #[serde(flatten)]
    pub flow: Flow,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassState {
    #[serde(flatten)]
    pub common: Common,
    #[serde(
        rename = "Parameters",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub parameters: Option<Value>,
    #[serde(
        rename = "Result",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::nullable"
    )]
    pub result: Option<Value>,
    #[serde(
        rename = "ResultPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::nullable"
    )]
    pub result_path: Option<Value>,
    #[serde(flatten)]
    pub flow: Flow,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceState {
    #[serde(flatten)]
    pub common: Common,
    #[serde(rename = "Choices")]
    pub choices: Vec<ChoiceRule>,
    #[serde(rename = "Default", skip_serializing_if = "Option::is_none", default)]
    pub default: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitState {
    #[serde(flatten)]
    pub common: Common,
    #[serde(rename = "Seconds", skip_serializing_if = "Option::is_none", default)]
    pub seconds: Option<NumberOrExpr>,
    #[serde(rename = "Timestamp", skip_serializing_if = "Option::is_none", default)]
    pub timestamp: Option<String>,
    #[serde(
        rename = "SecondsPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub seconds_path: Option<String>,
    #[serde(
        rename = "TimestampPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub timestamp_path: Option<String>,
    #[serde(flatten)]
    pub flow: Flow,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SucceedState {
    #[serde(flatten)]
    pub common: Common,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailState {
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(
        rename = "QueryLanguage",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub query_language: Option<QueryLanguage>,
    #[serde(rename = "Error", skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    #[serde(rename = "ErrorPath", skip_serializing_if = "Option::is_none", default)]
    pub error_path: Option<String>,
    #[serde(rename = "Cause", skip_serializing_if = "Option::is_none", default)]
    pub cause: Option<String>,
    #[serde(rename = "CausePath", skip_serializing_if = "Option::is_none", default)]
    pub cause_path: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParallelState {
    #[serde(flatten)]
    pub common: Common,
    #[serde(rename = "Branches")]
    pub branches: Vec<StateMachine>,
    #[serde(
        rename = "Parameters",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub parameters: Option<Value>,
    #[serde(rename = "Arguments", skip_serializing_if = "Option::is_none", default)]
    pub arguments: Option<Value>,
    #[serde(
        rename = "ResultSelector",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub result_selector: Option<Value>,
    #[serde(
        rename = "ResultPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::nullable"
    )]
    pub result_path: Option<Value>,
    #[serde(rename = "Retry", skip_serializing_if = "Option::is_none", default)]
    pub retry: Option<Vec<Retrier>>,
    #[serde(rename = "Catch", skip_serializing_if = "Option::is_none", default)]
    pub catch: Option<Vec<Catcher>>,
    #[serde(flatten)]
    pub flow: Flow,
    #[serde(flatten)]
    pub extra: Extra,
}
