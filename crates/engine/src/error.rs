//! Errors as an execution sees them: a name (`States.Runtime`, `Lambda.ServiceException`, a
//! Fail state's `Error`) and an optional cause, exactly the pair AWS puts in its history and
//! matches against Retry and Catch `ErrorEquals`.

use serde_json::{json, Value};
use std::fmt;

/// The errors AWS Step Functions raises itself (ASL spec, "Errors").
pub mod names {
    pub const ALL: &str = "States.ALL";
    pub const TASK_FAILED: &str = "States.TaskFailed";
    pub const TIMEOUT: &str = "States.Timeout";
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    pub const RUNTIME: &str = "States.Runtime";
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    pub const PARAMETER_PATH_FAILURE: &str = "States.ParameterPathFailure";
    pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";
    pub const BRANCH_FAILED: &str = "States.BranchFailed";
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
    pub const PERMISSIONS: &str = "States.Permissions";
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatesError {
    pub error: String,
    pub cause: Option<String>,
}

impl StatesError {
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        StatesError {
            error: error.into(),
            cause: Some(cause.into()),
        }
    }

    /// An error with no cause (a Fail state without `Cause`).
    pub fn bare(error: impl Into<String>) -> Self {
        StatesError {
            error: error.into(),
            cause: None,
        }
    }

    /// The error name as AWS records it: `None` for a Fail state without `Error` (held here
    /// as an empty name), whose execution AWS reports with no `error` at all.
    pub fn name(&self) -> Option<&str> {
        (!self.error.is_empty()).then_some(self.error.as_str())
    }

    pub fn runtime(cause: impl Into<String>) -> Self {
        StatesError::new(names::RUNTIME, cause)
    }

    pub fn intrinsic_failure(cause: impl Into<String>) -> Self {
        StatesError::new(names::INTRINSIC_FAILURE, cause)
    }

    /// Whether a Retry or Catch `ErrorEquals` list matches this error. As AWS documents
    /// ("Error names"): `States.ALL` matches any error but the terminal `States.Runtime` and
    /// `States.DataLimitExceeded`, which only an explicit name matches; `States.TaskFailed`
    /// matches any error except `States.Timeout`.
    pub fn matches(&self, error_equals: &[String]) -> bool {
        let terminal = self.error == names::RUNTIME || self.error == names::DATA_LIMIT_EXCEEDED;
        error_equals.iter().any(|name| match name.as_str() {
            n if n == self.error => true,
            names::ALL => !terminal,
            names::TASK_FAILED => !terminal && self.error != names::TIMEOUT,
            _ => false,
        })
    }

    /// The error output a Catch passes on: `{"Error": ..., "Cause": ...}`.
    pub fn to_output(&self) -> Value {
        match &self.cause {
            Some(c) => json!({"Error": self.error, "Cause": c}),
            None => json!({"Error": self.error}),
        }
    }
}

impl fmt::Display for StatesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Some(c) => write!(f, "{}: {c}", self.error),
            None => f.write_str(&self.error),
        }
    }
}

impl std::error::Error for StatesError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn states_all_does_not_catch_terminal_errors() {
        assert!(StatesError::new("Custom", "c").matches(&list(&["States.ALL"])));
        assert!(!StatesError::runtime("x").matches(&list(&["States.ALL"])));
        assert!(StatesError::runtime("x").matches(&list(&["States.Runtime"])));
        assert!(!StatesError::new(names::DATA_LIMIT_EXCEEDED, "x").matches(&list(&["States.ALL"])));
    }

    #[test]
    fn task_failed_matches_all_but_timeout() {
        assert!(StatesError::new("Lambda.Unknown", "c").matches(&list(&["States.TaskFailed"])));
        assert!(!StatesError::new(names::TIMEOUT, "c").matches(&list(&["States.TaskFailed"])));
        assert!(StatesError::new(names::TIMEOUT, "c").matches(&list(&["States.Timeout"])));
    }
}
