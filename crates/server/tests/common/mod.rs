//! What every test of the actions shares: a role ARN and one action called as a client would.

use serde_json::Value;
use std::sync::Arc;
use stepwise_server::dispatch;
use stepwise_server::store::Registry;

pub const ROLE: &str = "arn:aws:iam::123456789012:role/r";

/// The action's answer; a test fails with AWS's error when there is one.
pub async fn call(reg: &Arc<Registry>, action: &str, req: Value) -> Value {
    match dispatch(reg, action, &req).await {
        Ok(v) => v,
        Err(e) => panic!("{action}: {} {}", e.kind, e.message),
    }
}
