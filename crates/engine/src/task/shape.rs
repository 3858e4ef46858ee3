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
use stepwise_asl::model::{
    ChoiceRule, Comparison, ComparisonOperator, Condition, OperandKind, State, StateMachine,
    TaskState,
};
use stepwise_asl::path::{JsonPath, PathRoot, Segment};

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

/// A path the next state reads from its input.
struct StateRead {
    keys: Vec<Key>,
    label: String,
    example: Option<Value>,
}

/// Collects what a state reads, relative to its input (its effective-input paths are
/// prefixed with its InputPath).
struct StateReads<'a> {
    name: &'a str,
    base: Vec<Key>,
    out: Vec<StateRead>,
}

impl StateReads<'_> {
    fn add(&mut self, keys: Vec<Key>, label: String, example: Option<Value>) {
        let keys = self.base.iter().cloned().chain(keys).collect();
        self.out.push(StateRead {
            keys,
            label,
            example,
        });
    }

    fn path(&mut self, text: Option<&str>, field: &str) {
        for keys in text.map(expression_paths).unwrap_or_default() {
            let label = format!("\"{}\" {field}", self.name);
            self.add(keys, label, None);
        }
    }

    fn template(&mut self, template: Option<&Value>, field: &str) {
        for r in template.map(template_reads).unwrap_or_default() {
            let label = format!("\"{}\" {field} \"{}\"", self.name, r.key);
            self.add(r.keys, label, None);
        }
    }
}

/// The paths a state reads from its input.
fn state_reads(name: &str, state: &State) -> Vec<StateRead> {
    let base = match state.common().map(|c| c.input_path.as_ref()) {
        Some(field) => match reference(field) {
            Some(keys) => keys,
            // `InputPath: null`: the state reads `{}`, nothing of its input.
            None => return Vec::new(),
        },
        None => Vec::new(),
    };
    let mut r = StateReads {
        name,
        base: Vec::new(),
        out: Vec::new(),
    };
    if !base.is_empty() {
        r.add(base.clone(), format!("\"{name}\" InputPath"), None);
    }
    r.base = base;
    match state {
        State::Choice(c) => {
            for (i, rule) in c.choices.iter().enumerate() {
                let mut found = Vec::new();
                comparisons(rule, false, &mut found);
                for (cmp, negated) in found {
                    let label = format!(
                        "Choice \"{name}\" rule {} ({} {} {})",
                        i + 1,
                        cmp.variable,
                        cmp.operator.as_str(),
                        cmp.operand
                    );
                    if let Some(keys) = input_keys(&cmp.variable) {
                        let example = if negated {
                            None
                        } else {
                            example_for(cmp.operator, &cmp.operand)
                        };
                        r.add(keys, label.clone(), example);
                    }
                    if cmp.operator.operand_kind() == OperandKind::Path {
                        if let Some(keys) = cmp.operand.as_str().and_then(input_keys) {
                            r.add(keys, label, None);
                        }
                    }
                }
            }
        }
        State::Task(t) => r.template(t.parameters.as_ref(), "Parameters"),
        State::Pass(p) => r.template(p.parameters.as_ref(), "Parameters"),
        State::Parallel(p) => r.template(p.parameters.as_ref(), "Parameters"),
        State::Map(m) => {
            r.path(m.items_path.as_deref(), "ItemsPath");
            r.template(m.parameters.as_ref(), "Parameters");
        }
        State::Wait(w) => {
            r.path(w.seconds_path.as_deref(), "SecondsPath");
            r.path(w.timestamp_path.as_deref(), "TimestampPath");
        }
        State::Fail(f) => {
            r.path(f.error_path.as_deref(), "ErrorPath");
            r.path(f.cause_path.as_deref(), "CausePath");
        }
        State::Succeed(_) => {}
    }
    r.out
}

/// Every comparison of a rule, And/Or/Not included, and whether a Not turns it around.
fn comparisons<'a>(rule: &'a ChoiceRule, negated: bool, out: &mut Vec<(&'a Comparison, bool)>) {
    match &rule.condition {
        Some(Condition::Comparison(c)) => out.push((c, negated)),
        Some(Condition::And(rules)) | Some(Condition::Or(rules)) => {
            for r in rules {
                comparisons(r, negated, out);
            }
        }
        Some(Condition::Not(r)) => comparisons(r, !negated, out),
        Some(Condition::Jsonata(_)) | None => {}
    }
}

/// A value that satisfies a comparison, as the template's example.
fn example_for(op: ComparisonOperator, operand: &Value) -> Option<Value> {
    use ComparisonOperator as Op;
    match op.operand_kind() {
        OperandKind::String if op == Op::StringMatches => operand.as_str().map(|p| {
            Value::String(
                p.replace("\\*", "\u{0}")
                    .replace('*', "")
                    .replace('\u{0}', "*"),
            )
        }),
        OperandKind::String
        | OperandKind::Number
        | OperandKind::Boolean
        | OperandKind::Timestamp => Some(operand.clone()),
        OperandKind::TypeTest => {
            let wanted = operand.as_bool().unwrap_or(true);
            match (op, wanted) {
                (Op::IsNull, true) => Some(Value::Null),
                (Op::IsNumeric, true) => Some(Value::from(0)),
                (Op::IsString, true) => Some(Value::String(String::new())),
                (Op::IsBoolean, true) => Some(Value::Bool(true)),
                (Op::IsTimestamp, true) => Some(Value::String("2026-01-01T00:00:00Z".into())),
                _ => None,
            }
        }
        OperandKind::Path => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn machine(v: Value) -> StateMachine {
        StateMachine::from_value(&v).expect("machine")
    }

    fn paths(shape: &ResultShape) -> Vec<&str> {
        shape.reads.iter().map(|r| r.path.as_str()).collect()
    }

    #[test]
    fn lambda_invoke_wraps_the_fields_read_in_payload() {
        let sm = machine(json!({
            "StartAt": "Validate",
            "States": {
                "Validate": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "validate", "Payload.$": "$"},
                    "ResultSelector": {"valid.$": "$.Payload.valid", "reasons.$": "$.Payload.reasons"},
                    "ResultPath": "$.validation",
                    "Next": "Valid?"
                },
                "Valid?": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.validation.valid", "BooleanEquals": true, "Next": "Done"}],
                    "Default": "Done"
                },
                "Done": {"Type": "Succeed"}
            }
        }));
        let shape = result_shape(&sm, "Validate").expect("a Task");
        assert_eq!(shape.wrapper, Some(Wrapper::LambdaInvoke));
        assert_eq!(paths(&shape), vec!["$.Payload.valid", "$.Payload.reasons"]);
        assert_eq!(
            shape.reads[0].readers,
            vec![
                "ResultSelector \"valid.$\"".to_string(),
                "Choice \"Valid?\" rule 1 ($.validation.valid BooleanEquals true)".to_string()
            ]
        );
        let t = &shape.template;
        // AWS's wrapper, with the function's result in Payload; the Choice's rule gives the type.
        assert_eq!(t["Payload"], json!({"valid": true, "reasons": null}));
        assert_eq!(t["StatusCode"], json!(200));
        assert_eq!(t["ExecutedVersion"], json!("$LATEST"));
        assert_eq!(t["SdkHttpMetadata"]["HttpStatusCode"], json!(200));
        assert!(t["SdkResponseMetadata"]["RequestId"].is_string());
        assert!(shape.reads.iter().all(|r| r.problem.is_none()));
    }

    #[test]
    fn without_result_selector_the_next_state_reads_through_result_path() {
        let sm = machine(json!({
            "StartAt": "Score",
            "States": {
                "Score": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "Parameters": {"FunctionName": "score", "Payload": {"token.$": "$$.Task.Token"}},
                    "ResultPath": "$.score",
                    "Next": "High?"
                },
                "High?": {
                    "Type": "Choice",
                    "Choices": [
                        {"And": [
                            {"Variable": "$.score.value", "NumericGreaterThan": 80},
                            {"Not": {"Variable": "$.score.flag", "StringEquals": "hold"}}
                        ], "Next": "Done"},
                        {"Variable": "$.other", "IsPresent": true, "Next": "Done"}
                    ],
                    "Default": "Done"
                },
                "Done": {"Type": "Succeed"}
            }
        }));
        let shape = result_shape(&sm, "Score").expect("a Task");
        // A callback task returns what SendTaskSuccess sends: no wrapper.
        assert_eq!(shape.wrapper, None);
        assert_eq!(paths(&shape), vec!["$.value", "$.flag"]);
        // The rule under Not gives no example: "hold" would not take that rule.
        assert_eq!(shape.template, json!({"value": 80, "flag": null}));
    }

    #[test]
    fn output_path_assign_and_the_next_tasks_parameters_are_traced() {
        let sm = machine(json!({
            "StartAt": "Load",
            "States": {
                "Load": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::dynamodb:getItem",
                    "Parameters": {"TableName": "t", "Key": {"id": {"S": "1"}}},
                    "ResultSelector": {"item.$": "$.Item", "fixed": 1, "nested": {"n.$": "$.Count"}},
                    "Assign": {"seen.$": "$.item.seen.BOOL"},
                    "ResultPath": "$.loaded",
                    "OutputPath": "$.loaded",
                    "Next": "Use"
                },
                "Use": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sns:publish",
                    "Parameters": {
                        "Message.$": "States.Format('{} {}', $.item.name.S, $.nested.n)",
                        "Fixed.$": "$.fixed",
                        "Ctx.$": "$$.Execution.Id"
                    },
                    "End": true
                }
            }
        }));
        let shape = result_shape(&sm, "Load").expect("a Task");
        assert_eq!(
            paths(&shape),
            vec!["$.Item", "$.Count", "$.Item.seen.BOOL", "$.Item.name.S"]
        );
        assert_eq!(
            shape.template,
            json!({"Item": {"seen": {"BOOL": null}, "name": {"S": null}}, "Count": null})
        );
        assert_eq!(
            shape.reads[3].readers,
            vec!["\"Use\" Parameters \"Message.$\"".to_string()]
        );
    }

    #[test]
    fn a_discarded_result_is_read_by_its_selector_only() {
        let sm = machine(json!({
            "StartAt": "Fire",
            "States": {
                "Fire": {
                    "Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fire",
                    "ResultPath": null,
                    "Next": "Check"
                },
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Done"},
                "Done": {"Type": "Succeed"}
            }
        }));
        let shape = result_shape(&sm, "Fire").expect("a Task");
        assert!(shape.reads.is_empty());
        assert_eq!(shape.template, json!({}));
        assert_eq!(shape.wrapper, None);
    }

    #[test]
    fn reading_a_lambda_invoke_result_without_payload_is_a_problem() {
        let sm = machine(json!({
            "StartAt": "Call",
            "States": {
                "Call": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "f"},
                    "ResultSelector": {"ok.$": "$.ok", "code.$": "$.StatusCode"},
                    "End": true
                }
            }
        }));
        let shape = result_shape(&sm, "Call").expect("a Task");
        assert_eq!(paths(&shape), vec!["$.ok", "$.StatusCode"]);
        assert_eq!(
            shape.reads[0].problem.as_deref(),
            Some(
                "lambda:invoke returns the function's result in Payload: read $.Payload.ok instead"
            )
        );
        assert_eq!(shape.reads[1].problem, None);
        assert!(shape.template.get("ok").is_none());
        assert_eq!(shape.template["Payload"], json!({}));
    }

    #[test]
    fn tasks_in_branches_are_found_and_other_states_are_not_tasks() {
        let sm = machine(json!({
            "StartAt": "Fan",
            "States": {
                "Fan": {
                    "Type": "Parallel",
                    "Branches": [{"StartAt": "Inner", "States": {
                        "Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "Next": "Wait"},
                        "Wait": {"Type": "Wait", "SecondsPath": "$.Payload.delay", "End": true}
                    }}],
                    "End": true
                }
            }
        }));
        let shape = result_shape(&sm, "Inner").expect("a nested Task");
        assert_eq!(paths(&shape), vec!["$.Payload.delay"]);
        assert_eq!(shape.template["Payload"], json!({"delay": null}));
        assert!(result_shape(&sm, "Fan").is_none());
        assert!(result_shape(&sm, "Nope").is_none());
    }
}
