//! Test suites for Amazon States Language state machines.
//!
//! A tests file (`<machine>.tests.json` or `.yaml`, format in [`spec`]) lists tests: an
//! input, how Tasks are answered (a Step Functions Local mock config test case, inline
//! mocked responses, a handlers file) and expectations (status, output, error and cause,
//! states visited, a state's input and output at a visit, variables, attempts). The stages:
//! [`load`] finds and reads suites, [`run`] executes them in parallel in virtual time while
//! a [`trace::Collector`] watches, [`expect`] checks, [`diff`] says where values differ,
//! [`coverage`] counts the states and transitions the suite exercised, [`junit`] reports.
//!
//! ```
//! use stepwise_testing::{load, run, spec::TestFile};
//! use std::sync::Arc;
//!
//! let machine = serde_json::json!({
//!     "StartAt": "Greet",
//!     "States": {"Greet": {"Type": "Pass", "Result": {"hello": "world"}, "End": true}}
//! });
//! let file: TestFile = serde_json::from_value(serde_json::json!({
//!     "tests": [{"name": "greets", "expect": {"output": {"hello": "world"}}}]
//! })).unwrap();
//! let suite = load::Suite {
//!     tests_file: None,
//!     machine_path: "greet.asl.json".into(),
//!     machine: Arc::new(stepwise_asl::StateMachine::from_value(&machine).unwrap()),
//!     machine_name: "greet".into(),
//!     file,
//!     mock_config: None,
//! };
//! let runs = run::run_all(&[suite], &run::Options::default());
//! assert_eq!(runs[0].result.verdict, run::Verdict::Passed);
//! ```

pub mod coverage;
pub mod diff;
pub mod error;
pub mod expect;
pub mod junit;
pub mod load;
pub mod record;
pub mod run;
pub mod save;
pub mod spec;
pub mod trace;

pub use error::{LoadError, SetupError};
