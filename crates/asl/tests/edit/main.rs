//! Typed edits on raw definitions: every op at the top level, in a Parallel branch and in a
//! Map processor; key order and unknown fields kept; atomic on error; results validate.
//!
//! One test binary (each integration-test binary links the crate again): one module per edit.

mod common;

mod add_branch;
mod add_state;
mod connect;
mod delete;
mod disconnect;
mod duplicate;
mod insert_on_edge;
mod move_into_branch;
mod paste;
mod rename;
mod serde_form;
mod session;
mod set_value;
