//! Amazon States Language: a typed model of state machines, a parser for JSON and YAML,
//! a validator that reports every problem with a JSON Pointer, and an exporter that keeps
//! the author's field order.
//!
//! The entry point for tools is [`Document`]: it parses source text, keeps the raw JSON
//! value (the truth for round trips), builds the typed [`StateMachine`] when it can, and
//! holds the validator's [`Diagnostic`]s.

mod cursor;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod edit;
pub mod export;
pub mod fsutil;
pub mod intrinsics;
pub mod lenient;
pub mod model;
pub mod path;
pub mod placeholder;
pub mod pointer;
pub mod preserve;
pub mod source;
pub mod span;
pub mod synth;
pub mod timestamp;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Severity, TextRange};
pub use document::{Document, LoadError, StateSummary};
pub use export::{to_json_string, to_yaml_string, ExportError, ExportFormat};
pub use lenient::lenient_machine;
pub use model::{QueryLanguage, State, StateMachine};
pub use placeholder::{
    has_placeholder, is_numeric_field, is_placeholder_only, numeric_placeholders, placeholders,
    Placeholder, NUMERIC_FIELDS,
};
pub use source::{parse_value, ParseError, SourceFormat};
pub use validate::validate;
