//! Data processing of JSONPath states, as the Step Functions service does it: `InputPath`,
//! payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, `Credentials`),
//! intrinsic functions, `ResultPath`, `OutputPath`, JSONPath `Assign`, and Choice rules.
//!
//! Everything here is pure: given the same values (and the same seeded [`Random`]) it gives
//! the same result. Errors carry AWS's cause text *without* the
//! `An error occurred while executing the state '…' (entered at the event id #N). ` prefix,
//! which the executor adds because only it knows the state and the event id.
//!
//! AWS guide, "Processing input and output in Step Functions":
//! <https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html>

mod choice;
pub(crate) mod intrinsics;
pub mod render;
mod result_path;
mod template;

use serde_json::{Map, Value};
use stepwise_asl::intrinsics as intrinsic_syntax;
use stepwise_asl::path::{EvalError, JsonPath, PathRoot, Segment, Selection};

use crate::error::StatesError;
use crate::rng::Random;

pub use choice::evaluate_choice_rule;
pub use intrinsics::evaluate_intrinsic;
pub use result_path::{apply_result_path, apply_result_path_owned};
pub use template::{evaluate_assign, evaluate_template};

/// What a path can read: `$` is `input`, `$$` is `context`, `$name` asks `variables`.
///
/// `input` is whatever the field at hand is applied to: the raw state input for `InputPath`,
/// the effective input for `Parameters`, the task result for `ResultSelector`, the state
/// output for `OutputPath`.
#[derive(Clone, Copy)]
pub struct PathEnv<'a> {
    pub input: &'a Value,
    pub context: &'a Value,
    pub variables: &'a dyn Fn(&str) -> Option<Value>,
}

impl<'a> PathEnv<'a> {
    pub fn new(
        input: &'a Value,
        context: &'a Value,
        variables: &'a dyn Fn(&str) -> Option<Value>,
    ) -> PathEnv<'a> {
        PathEnv {
            input,
            context,
            variables,
        }
    }

    /// The same context and variables, reading `$` from `input` instead.
    pub fn with_input(&self, input: &'a Value) -> PathEnv<'a> {
        PathEnv { input, ..*self }
    }
}

/// A variable lookup for callers with no workflow variables.
pub fn no_variables(_name: &str) -> Option<Value> {
    None
}

impl std::fmt::Debug for PathEnv<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PathEnv")
            .field("input", self.input)
            .field("context", self.context)
            .finish_non_exhaustive()
    }
}

/// `InputPath`: absent selects the whole input, `null` gives `{}` (the state sees an empty
/// object), a path gives what it selects (several matches become an array).
///
/// A definite path that selects nothing fails with `States.Runtime`, worded as Jayway's
/// exception: `Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']`
/// (recorded on AWS).
pub fn apply_input_path(path: Option<&Value>, env: &PathEnv) -> Result<Value, StatesError> {
    apply_filter_path(path, env)
}

/// `OutputPath`, with the same rules as [`apply_input_path`]; `env.input` is the state output.
pub fn apply_output_path(path: Option<&Value>, env: &PathEnv) -> Result<Value, StatesError> {
    apply_filter_path(path, env)
}

fn apply_filter_path(path: Option<&Value>, env: &PathEnv) -> Result<Value, StatesError> {
    let text = match path {
        None => return Ok(env.input.clone()),
        Some(Value::Null) => return Ok(Value::Object(Map::new())),
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(StatesError::runtime(format!(
                "Invalid path {} : a path must be a string or null",
                render::json_text(other)
            )))
        }
    };
    let parsed = parse_cached(text)
        .map_err(|e| StatesError::runtime(format!("Invalid path '{text}' : {}", e.message)))?;
    match evaluate(&parsed, env) {
        Ok(Selection::One(v)) => Ok(v),
        Ok(Selection::Many(vs)) => Ok(Value::Array(vs)),
        Ok(Selection::NotFound) => Err(StatesError::runtime(format!(
            "Invalid path '{text}' : {}",
            jayway_not_found(&parsed, env)
        ))),
        Err(EvalError::UndefinedVariable(name)) => Err(StatesError::runtime(format!(
            "Invalid path '{text}' : The variable ${name} is not defined"
        ))),
    }
}

/// Evaluates a path string for fields such as Wait `SecondsPath`, Map `ItemsPath` or
/// `MaxConcurrencyPath`: `Ok(None)` when it selects nothing (or names an undefined variable),
/// so each caller words its own error as AWS does for that field. A path that does not parse
/// is a `States.Runtime` error.
pub fn select_path(text: &str, env: &PathEnv) -> Result<Option<Value>, StatesError> {
    let parsed = parse_cached(text)
        .map_err(|e| StatesError::runtime(format!("Invalid path '{text}' : {}", e.message)))?;
    match evaluate(&parsed, env) {
        Ok(selection) => Ok(selection.into_value()),
        Err(EvalError::UndefinedVariable(_)) => Ok(None),
    }
}

/// Evaluates a field that may hold either a path or an intrinsic function call, such as a Fail
/// state's `ErrorPath` and `CausePath` (AWS guide, "Fail state"). `Ok(None)` when a path
/// selects nothing; intrinsic failures are errors as in payload templates.
pub fn evaluate_expression(
    text: &str,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Option<Value>, StatesError> {
    if intrinsic_syntax::is_intrinsic_call(text) {
        intrinsics::evaluate_text(text, env, rng).map(Some)
    } else {
        select_path(text, env)
    }
}

pub(crate) fn evaluate(path: &JsonPath, env: &PathEnv) -> Result<Selection, EvalError> {
    path.evaluate(env.input, env.context, env.variables)
}

/// The document a path's root names, if it can be had.
fn root_document(path: &JsonPath, env: &PathEnv) -> Option<Value> {
    match &path.root {
        PathRoot::Input => Some(env.input.clone()),
        PathRoot::Context => Some(env.context.clone()),
        PathRoot::Variable(name) => (env.variables)(name),
    }
}

/// The message of the `PathNotFoundException` Jayway throws for a path that selected nothing.
/// A property missing before the last segment stops evaluation with `Missing property in path
/// $['a']`; anything else ends with no result and `No results for path: $['a']['b']` (Jayway
/// `PathToken.handleObjectProperty` and `EvaluationContextImpl.getValue`).
fn jayway_not_found(path: &JsonPath, env: &PathEnv) -> String {
    let full = jayway_path_string(&path.segments);
    let no_results = format!("No results for path: {full}");
    let Some(document) = root_document(path, env) else {
        return no_results;
    };
    let mut node = &document;
    for (i, segment) in path.segments.iter().enumerate() {
        let last = i + 1 == path.segments.len();
        match (segment, node) {
            (Segment::Field(name), Value::Object(map)) => match map.get(name) {
                Some(child) => node = child,
                None if last => return no_results,
                None => {
                    return format!(
                        "Missing property in path {}",
                        jayway_path_string(&path.segments[..=i])
                    )
                }
            },
            (Segment::Index(index), Value::Array(items)) => {
                let resolved = if *index < 0 {
                    items.len().checked_sub(index.unsigned_abs() as usize)
                } else {
                    Some(*index as usize)
                };
                match resolved.and_then(|i| items.get(i)) {
                    Some(child) => node = child,
                    None => return no_results,
                }
            }
            _ => return no_results,
        }
    }
    no_results
}

/// A path in Jayway's canonical bracket notation: `$['a'][0][*]`.
fn jayway_path_string(segments: &[Segment]) -> String {
    let mut out = String::from("$");
    for segment in segments {
        out.push_str(&jayway_segment(segment));
    }
    out
}

fn jayway_segment(segment: &Segment) -> String {
    use stepwise_asl::path::UnionMember;
    match segment {
        Segment::Field(name) => format!("['{name}']"),
        Segment::Index(i) => format!("[{i}]"),
        Segment::Wildcard => "[*]".to_string(),
        Segment::RecursiveDescent(inner) => format!("..{}", jayway_segment(inner)),
        Segment::Slice { start, end, step } => {
            let part = |v: &Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
            match step {
                Some(s) => format!("[{}:{}:{s}]", part(start), part(end)),
                None => format!("[{}:{}]", part(start), part(end)),
            }
        }
        Segment::Union(members) => {
            let parts: Vec<String> = members
                .iter()
                .map(|m| match m {
                    UnionMember::Name(n) => format!("'{n}'"),
                    UnionMember::Index(i) => i.to_string(),
                })
                .collect();
            format!("[{}]", parts.join(","))
        }
        Segment::Filter(_) => "[?]".to_string(),
    }
}

#[cfg(test)]
mod tests;

/// Parses a path, remembering the result per thread: the same few path strings are evaluated
/// on every visit of their state, and parsing dominated a run of simple states.
pub(crate) fn parse_cached(
    text: &str,
) -> Result<std::rc::Rc<JsonPath>, stepwise_asl::path::PathError> {
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<rustc_hash::FxHashMap<Box<str>, Rc<JsonPath>>> = RefCell::default();
    }
    // Enough for the paths of any real definition; cleared rather than grown past it.
    const CAPACITY: usize = 4096;
    if let Some(hit) = CACHE.with(|c| c.borrow().get(text).cloned()) {
        return Ok(hit);
    }
    let parsed = Rc::new(JsonPath::parse(text)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CAPACITY {
            c.clear();
        }
        c.insert(text.into(), parsed.clone());
    });
    Ok(parsed)
}
