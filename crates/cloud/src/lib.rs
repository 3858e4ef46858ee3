//! AWS Step Functions in an AWS account, or at any endpoint that speaks its API (LocalStack,
//! moto, `stepwise serve`): the state machines listed, described and deployed, executions
//! started, stopped, redriven and followed live, single states tried with TestState.
//!
//! Calls go through the official SDK (`aws-sdk-sfn`), credentials through `aws-config`, so a
//! profile, SSO, an assumed role or environment variables work as in the AWS CLI. Credentials
//! never leave the SDK's providers: nothing here returns, prints or stores them.
//!
//! ```no_run
//! # async fn demo() -> Result<(), stepwise_cloud::CloudError> {
//! use stepwise_cloud::{Backoff, Cloud, Target};
//! let cloud = Cloud::connect(&Target { profile: Some("dev".into()), ..Target::default() }).await?;
//! let arn = cloud.resolve("OrderProcessing").await?;
//! let run = cloud.start(&arn, r#"{"orderId": "42"}"#, None).await?;
//! let ended = cloud
//!     .follow(&run, 0, &mut Backoff::default(), |events| println!("{} new events", events.len()))
//!     .await?;
//! println!("{}: {:?}", ended.status, ended.output);
//! # Ok(()) }
//! ```

mod connect;
mod deploy;
mod error;
mod executions;
mod history;
mod host_prefix;
mod machines;
mod raw;
mod test_state;

pub use connect::{Cloud, Target};
pub use deploy::{base_arn, Checked, Deployed, Destination, Finding, Settings};
pub use error::CloudError;
pub use executions::{Execution, ExecutionSummary, STATUSES};
pub use history::{history_file, Backoff, Follower, HistoryPage};
pub use machines::{version_number, Alias, Logging, Machine, MachineSummary, Page, Route, Version};
pub use test_state::{InspectionLevel, StateTest};
