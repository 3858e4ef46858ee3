//! The Tests panel: the open document's tests (its `<stem>.tests.json`, a bundled example's,
//! or its mock config's test cases), run on the definition as it stands in the window (unsaved
//! edits are what gets tested), their results with the execution behind each, the coverage of
//! the last run of all of them, and "Save as test" from a kept run. The library doing the work
//! is `stepwise-testing`; this module only finds the files, keeps the last results, and turns
//! a test's execution into a run the canvas can show.

pub mod commands;
pub mod ipc;
mod source;
mod state;

pub use state::Tests;

#[cfg(test)]
mod tests;
