//! `maxResults` / `nextToken` paging, as the List and GetExecutionHistory actions do it.

use crate::protocol::{AwsError, Fields};
use serde_json::{json, Value};

/// A token says where the next page starts; it is opaque to clients, as AWS's are.
const TOKEN_PREFIX: &str = "stepwise-page-";

/// The page of `items` the request asks for, under `key`, with `nextToken` when more remain.
/// `maxResults` 0 or absent means the action's default (100, as AWS's list actions).
pub fn page(items: Vec<Value>, req: &Value, key: &str) -> Result<Value, AwsError> {
    page_with(items, req, key, 100, 1000)
}

pub fn page_with(
    items: Vec<Value>,
    req: &Value,
    key: &str,
    default: usize,
    max: usize,
) -> Result<Value, AwsError> {
    let size = match req.opt_u64("maxResults")? {
        None | Some(0) => default,
        Some(n) if n as usize > max => {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{n}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {max}"
            )))
        }
        Some(n) => n as usize,
    };
    let start = match req.opt_str("nextToken")? {
        None => 0,
        Some(t) => t
            .strip_prefix(TOKEN_PREFIX)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n <= items.len())
            .ok_or_else(|| AwsError::new("InvalidToken", format!("Invalid Token: '{t}'")))?,
    };
    let end = (start + size).min(items.len());
    let mut out = json!({ key: items[start..end].to_vec() });
    if end < items.len() {
        out["nextToken"] = json!(format!("{TOKEN_PREFIX}{end}"));
    }
    Ok(out)
}
