//! Running and debugging the open document: executions on the engine, streamed to the
//! window as normalised history events; breakpoints, stepping, "ask me" tasks; runs kept in
//! SQLite; histories saved and opened in AWS's `get-execution-history` format.

pub mod commands;
pub mod events;
pub mod expression;
pub mod files;
pub mod ipc;
pub mod kind;
pub mod manager;
pub mod session;
pub mod store;
pub mod trace;

#[cfg(test)]
mod tests;
