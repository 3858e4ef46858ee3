//! The shape a Task's result must have for the machine to use it: what the desktop app
//! pre-fills when it asks a person for a Task's result ("ask me").
//!
//! Two things decide it:
//!
//! - **The resource's wrapper.** `arn:aws:states:::lambda:invoke` does not return the
//!   function's result but AWS's invocation metadata with the result in `Payload`
//!   (<https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html>: "the function
//!   output is nested inside a dictionary of metadata": `ExecutedVersion`, `Payload`,
//!   `SdkHttpMetadata`, `SdkResponseMetadata`, `StatusCode`), built here by the same code as
//!   the Lambda handler's results. `.waitForTaskToken` and direct function ARNs return the
//!   payload alone.
//! - **The fields read.** The Task's own `ResultSelector` and `Assign` read the result; after
//!   `ResultPath` and `OutputPath` the next state reads it again: a Choice's rules, the next
//!   state's `InputPath`, `Parameters`, `ItemsPath`, `SecondsPath`, ... Each of those paths is
//!   traced back through `OutputPath`, `ResultPath` and `ResultSelector` to the field of the
//!   raw result it comes from. A Choice rule also tells the field's type (a `BooleanEquals:
//!   true` rule makes the template's value `true`).
//!
//! Only definite steps (`.name`, `[0]`) are traced: `$.items[*].sku` needs `items`.

use super::lambda::{wrap_invoke_result, LambdaResource};
use serde_json::{Map, Value};
use stepwise_asl::intrinsics;
use stepwise_asl::model::{State, StateMachine, TaskState};
use stepwise_asl::path::{JsonPath, PathRoot, Segment};

mod reads;
#[cfg(test)]
mod tests;

use reads::state_reads;

/// What a Task's result should look like.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultShape {
    /// A result to start from: the resource's wrapper, with every field read filled in (with a
    /// value of the type a Choice rule expects, else `null`).
    pub template: Value,
    /// The resource wraps the function's result (in `Payload`).
    pub wrapper: Option<Wrapper>,
    /// The fields of the result the machine reads, in the order met.
    pub reads: Vec<FieldRead>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// `arn:aws:states:::lambda:invoke`: `{"ExecutedVersion", "Payload", "SdkHttpMetadata",
    /// "SdkResponseMetadata", "StatusCode"}`.
    LambdaInvoke,
}

/// A field of the result and who reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRead {
    /// Where in the result, as a path from the result: `$.Payload.valid`.
    pub path: String,
    /// Who reads it: `ResultSelector "valid.$"`, `Choice "Is Order Valid?" rule 1
    /// ($.validation.valid BooleanEquals true)`.
    pub readers: Vec<String>,
    /// Set when the result, as the resource returns it, cannot have this field (a
    /// `lambda:invoke` result read without `Payload`).
    pub problem: Option<String>,
}

/// The shape of the result of Task state `state` (anywhere in the machine); `None` when there
/// is no such Task.
pub fn result_shape(machine: &StateMachine, state: &str) -> Option<ResultShape> {
    let (scope, task) = find_task(machine, state)?;
    let mut reads = Reads::default();

    // The Task itself: ResultSelector reads the raw result; Assign reads what it selected.
    if let Some(selector) = &task.result_selector {
        for r in template_reads(selector) {
            reads.add(r.keys, format!("ResultSelector \"{}\"", r.key), None);
        }
    }
    if let Some(assign) = &task.common.assign {
        for r in template_reads(assign) {
            if let Some(keys) = through_selector(task.result_selector.as_ref(), &r.keys) {
                reads.add(keys, format!("Assign \"{}\"", r.key), None);
            }
        }
    }

    // The next state reads the Task's output: back through OutputPath, ResultPath and
    // ResultSelector to the raw result.
    let next = task
        .flow
        .next
        .as_deref()
        .and_then(|n| scope.states.get(n).map(|s| (n, s)));
    if let (Some((name, next)), Some(result_at)) = (next, result_path(task)) {
        let output_from = reference(task.common.output_path.as_ref());
        for r in state_reads(name, next) {
            let Some(from) = &output_from else { break };
            let in_output: Vec<Key> = from.iter().cloned().chain(r.keys).collect();
            let Some(rest) = in_output.strip_prefix(result_at.as_slice()) else {
                continue;
            };
            if let Some(keys) = through_selector(task.result_selector.as_ref(), rest) {
                reads.add(keys, r.label, r.example);
            }
        }
    }

    let wrapper = match LambdaResource::classify(&task.resource) {
        LambdaResource::Invoke {
            wait_for_task_token: false,
        } => Some(Wrapper::LambdaInvoke),
        _ => None,
    };
    Some(reads.shape(wrapper))
}

/// A step of a definite path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Field(String),
    Index(usize),
}

/// The definite steps of a path from the state input (`$`), up to its first indefinite step;
/// `None` for `$$`, variables and text that is not a path.
fn input_keys(text: &str) -> Option<Vec<Key>> {
    let path = JsonPath::parse(text).ok()?;
    if path.root != PathRoot::Input {
        return None;
    }
    Some(definite_prefix(&path))
}

fn definite_prefix(path: &JsonPath) -> Vec<Key> {
    let mut keys = Vec::new();
    for seg in &path.segments {
        match seg {
            Segment::Field(f) => keys.push(Key::Field(f.clone())),
            Segment::Index(i) if *i >= 0 => {
                keys.push(Key::Index(usize::try_from(*i).unwrap_or(usize::MAX)))
            }
            _ => break,
        }
    }
    keys
}

/// A reference path field (`ResultPath`, `OutputPath`, `InputPath`): `None` when it is
/// `null` (the value is discarded or replaced by `{}`) or not a path from `$`; absent is `$`.
fn reference(field: Option<&Value>) -> Option<Vec<Key>> {
    match field {
        None => Some(Vec::new()),
        Some(Value::String(s)) => input_keys(s),
        Some(_) => None,
    }
}

/// Where ResultPath puts the result in the output; `None` when it is discarded.
fn result_path(task: &TaskState) -> Option<Vec<Key>> {
    reference(task.result_path.as_ref())
}

fn path_text(keys: &[Key]) -> String {
    let mut s = String::from("$");
    for k in keys {
        match k {
            Key::Field(f) if is_plain(f) => {
                s.push('.');
                s.push_str(f);
            }
            Key::Field(f) => s.push_str(&format!("['{}']", f.replace('\'', "\\'"))),
            Key::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A path read by a payload template (`"key.$": "$.path"` or an intrinsic's path arguments).
struct TemplateRead {
    key: String,
    keys: Vec<Key>,
}

fn template_reads(template: &Value) -> Vec<TemplateRead> {
    let mut out = Vec::new();
    collect_template_reads(template, &mut out, 0);
    out
}

fn collect_template_reads(v: &Value, out: &mut Vec<TemplateRead>, depth: usize) {
    // Templates this deep are not real; the validator has its own limits.
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.strip_suffix(".$"), value) {
                    (Some(_), Value::String(text)) => {
                        for keys in expression_paths(text) {
                            out.push(TemplateRead {
                                key: key.clone(),
                                keys,
                            });
                        }
                    }
                    _ => collect_template_reads(value, out, depth + 1),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_template_reads(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The input paths a `.$` value reads: the path, or each path argument of an intrinsic call.
fn expression_paths(text: &str) -> Vec<Vec<Key>> {
    if intrinsics::is_intrinsic_call(text) {
        return match intrinsics::parse(text) {
            Ok(call) => call
                .paths()
                .into_iter()
                .filter(|(_, p)| p.root == PathRoot::Input)
                .map(|(_, p)| definite_prefix(p))
                .collect(),
            Err(_) => Vec::new(),
        };
    }
    input_keys(text).into_iter().collect()
}

/// A field of what ResultSelector built, traced back to the raw result; without a
/// ResultSelector the result is the raw result. `None` when the field is not taken from the
/// result (a fixed value, an intrinsic, the context object).
fn through_selector(selector: Option<&Value>, keys: &[Key]) -> Option<Vec<Key>> {
    let Some(mut at) = selector else {
        return Some(keys.to_vec());
    };
    for (i, key) in keys.iter().enumerate() {
        let Key::Field(name) = key else { return None };
        let Value::Object(map) = at else { return None };
        if let Some(Value::String(text)) = map.get(&format!("{name}.$")) {
            if intrinsics::is_intrinsic_call(text) {
                return None;
            }
            let mut from = input_keys(text)?;
            from.extend(keys[i + 1..].iter().cloned());
            return Some(from);
        }
        at = map.get(name)?;
    }
    // The whole selection (or a fixed object in it) is read: no single field of the result.
    None
}

/// Finds Task `name` and the states it can move to (its scope), anywhere in the machine.
fn find_task<'a>(sm: &'a StateMachine, name: &str) -> Option<(&'a StateMachine, &'a TaskState)> {
    if let Some(State::Task(t)) = sm.states.get(name) {
        return Some((sm, t));
    }
    sm.states
        .values()
        .flat_map(|s| s.children())
        .find_map(|child| find_task(child, name))
}

#[derive(Default)]
struct Reads {
    list: Vec<(Vec<Key>, FieldRead, Option<Value>)>,
}

impl Reads {
    fn add(&mut self, keys: Vec<Key>, reader: String, example: Option<Value>) {
        if keys.is_empty() {
            // The whole result: no field to name.
            return;
        }
        if let Some((_, read, ex)) = self.list.iter_mut().find(|(k, _, _)| *k == keys) {
            if !read.readers.contains(&reader) {
                read.readers.push(reader);
            }
            if ex.is_none() {
                *ex = example;
            }
            return;
        }
        let read = FieldRead {
            path: path_text(&keys),
            readers: vec![reader],
            problem: None,
        };
        self.list.push((keys, read, example));
    }

    fn shape(mut self, wrapper: Option<Wrapper>) -> ResultShape {
        let mut result = Value::Object(Map::new());
        match wrapper {
            Some(Wrapper::LambdaInvoke) => {
                let mut payload = Value::Object(Map::new());
                for (keys, read, example) in &mut self.list {
                    match keys.split_first() {
                        Some((Key::Field(f), rest)) if f == "Payload" => {
                            set(&mut payload, rest, example.clone())
                        }
                        Some((Key::Field(f), _)) if LAMBDA_FIELDS.contains(&f.as_str()) => {}
                        _ => {
                            read.problem = Some(format!(
                                "lambda:invoke returns the function's result in Payload: read $.Payload{} instead",
                                &read.path[1..]
                            ))
                        }
                    }
                }
                result = wrap_invoke_result(payload, 200, &template_headers());
            }
            None => {
                for (keys, _, example) in &self.list {
                    set(&mut result, keys, example.clone());
                }
            }
        }
        ResultShape {
            template: result,
            wrapper,
            reads: self.list.into_iter().map(|(_, r, _)| r).collect(),
        }
    }
}

/// The top-level fields of a `lambda:invoke` result.
const LAMBDA_FIELDS: &[&str] = &[
    "ExecutedVersion",
    "Payload",
    "SdkHttpMetadata",
    "SdkResponseMetadata",
    "StatusCode",
];

/// Headers a Lambda Invoke response carries, for the template's `SdkHttpMetadata`.
fn template_headers() -> Vec<(String, String)> {
    vec![
        ("Content-Type".into(), "application/json".into()),
        ("X-Amz-Executed-Version".into(), "$LATEST".into()),
    ]
}

/// Sets `value` at `keys` in `root`, making the objects and arrays on the way. A field with
/// no example keeps what is there (a field read as a whole and by its parts stays an object),
/// else becomes `null`.
fn set(root: &mut Value, keys: &[Key], value: Option<Value>) {
    let Some((first, rest)) = keys.split_first() else {
        match value {
            Some(v) => *root = v,
            None if root.is_object() || root.is_array() => {}
            None => *root = Value::Null,
        }
        return;
    };
    let slot = match first {
        Key::Field(f) => {
            if !root.is_object() {
                *root = Value::Object(Map::new());
            }
            let Value::Object(map) = root else { return };
            map.entry(f.clone()).or_insert(Value::Null)
        }
        Key::Index(i) => {
            if !root.is_array() {
                *root = Value::Array(Vec::new());
            }
            let Value::Array(items) = root else { return };
            // Paths like `$.x[100000]` are not worth an array that long.
            let i = (*i).min(32);
            while items.len() <= i {
                items.push(Value::Null);
            }
            &mut items[i]
        }
    };
    set(slot, rest, value);
}
