//! Runs Amazon States Language state machines locally, faithfully to AWS Step Functions.

pub(crate) mod compact_json;
pub mod dataflow;
pub mod error;
pub mod exec;
pub mod history;
pub(crate) mod jsonata;
pub mod observe;
pub mod rng;
pub mod task;
pub mod test_state;

pub use error::StatesError;
pub use exec::{
    run, run_blocking, ClockMode, ExecutionConfig, ExecutionIdentity, Outcome, Part, RedrivePoint,
    Redriven, Status,
};
pub use jsonata::bind_step_functions;
