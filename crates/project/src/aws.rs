//! The account and region a local run stands in for, and ARNs shaped as AWS shapes them.

/// The account of a local run, as `stepwise serve` and the engine's context object use.
pub const ACCOUNT: &str = "123456789012";
/// The region of a local run.
pub const REGION: &str = "us-east-1";

/// `arn:aws:<service>:us-east-1:123456789012:<resource>`.
pub fn arn(service: &str, resource: &str) -> String {
    format!("arn:aws:{service}:{REGION}:{ACCOUNT}:{resource}")
}

/// A queue's URL.
pub fn queue_url(name: &str) -> String {
    format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}")
}
