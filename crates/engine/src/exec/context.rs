//! The context object (`$$`): what AWS tells a state about its execution.

use super::flow::Entered;
use super::Shared;
use serde_json::{json, Map, Value};

/// The names an execution runs under, as they appear in ARNs and in `$$`.
#[derive(Debug, Clone)]
pub struct ExecutionIdentity {
    pub state_machine_name: String,
    pub execution_name: String,
    pub region: String,
    pub account: String,
    pub role_arn: String,
}

impl Default for ExecutionIdentity {
    fn default() -> Self {
        ExecutionIdentity {
            state_machine_name: "StateMachine".into(),
            execution_name: "local-execution".into(),
            region: "us-east-1".into(),
            account: "123456789012".into(),
            role_arn: "arn:aws:iam::123456789012:role/StepwiseLocal".into(),
        }
    }
}

impl ExecutionIdentity {
    pub fn state_machine_arn(&self) -> String {
        format!(
            "arn:aws:states:{}:{}:stateMachine:{}",
            self.region, self.account, self.state_machine_name
        )
    }

    pub fn execution_arn(&self) -> String {
        format!(
            "arn:aws:states:{}:{}:execution:{}:{}",
            self.region, self.account, self.state_machine_name, self.execution_name
        )
    }
}

/// Where in a Map a state runs, for `$$.Map.Item`.
#[derive(Debug, Clone)]
pub struct MapItem {
    pub index: usize,
    pub value: Value,
}

/// The context object for a state entered at `entered_ms`. `retry_count` is given for Task
/// states only: AWS's `$$.State` of a Pass state has no RetryCount (recorded in
/// shared/conformance/cases/base/query_context_object_values).
/// A state that never reads `$$` gets `null` instead: building the object copies the
/// execution input, which would make a Map over a large input quadratic.
pub fn build(
    sh: &Shared,
    entered: &Entered,
    retry_count: Option<u32>,
    item: Option<&MapItem>,
    task_token: Option<&str>,
) -> Value {
    let with_input = match entered.needs_context {
        super::ContextUse::None => return Value::Null,
        super::ContextUse::WithoutInput => false,
        super::ContextUse::WithInput => true,
    };
    object(
        sh,
        entered.name,
        entered.at_ms,
        retry_count,
        item,
        task_token,
        with_input,
    )
}

/// The whole context object, whether or not the state reads it (what task handlers get).
pub fn full(
    sh: &Shared,
    state_name: &str,
    entered_ms: i64,
    retry_count: Option<u32>,
    item: Option<&MapItem>,
    task_token: Option<&str>,
) -> Value {
    object(
        sh,
        state_name,
        entered_ms,
        retry_count,
        item,
        task_token,
        true,
    )
}

/// The parts of the context object that stay the same for a whole execution, built once.
pub(crate) struct FixedParts {
    /// `Execution` without its `Input`.
    execution: Map<String, Value>,
    state_machine: Value,
}

fn fixed_parts(sh: &Shared) -> FixedParts {
    let id = &sh.identity;
    let mut execution = Map::new();
    execution.insert("Id".into(), Value::String(id.execution_arn()));
    execution.insert("Name".into(), Value::String(id.execution_name.clone()));
    execution.insert("RoleArn".into(), Value::String(id.role_arn.clone()));
    let first_start_ms = sh.redriven.map_or(sh.start_ms, |r| r.first_start_ms);
    execution.insert(
        "StartTime".into(),
        Value::String(stepwise_asl::timestamp::format_millis(first_start_ms)),
    );
    execution.insert(
        "RedriveCount".into(),
        json!(sh.redriven.map_or(0, |r| r.count)),
    );
    if sh.redriven.is_some() {
        execution.insert(
            "RedriveTime".into(),
            Value::String(stepwise_asl::timestamp::format_millis(sh.start_ms)),
        );
    }
    FixedParts {
        execution,
        state_machine: json!({"Id": id.state_machine_arn(), "Name": id.state_machine_name}),
    }
}

/// `EnteredTime`, formatted once per millisecond: under virtual time many states are
/// entered at the same one.
fn entered_time(ms: i64) -> String {
    use std::cell::RefCell;
    thread_local! {
        static LAST: RefCell<(i64, String)> = const { RefCell::new((i64::MIN, String::new())) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != ms {
            *last = (ms, stepwise_asl::timestamp::format_millis(ms));
        }
        last.1.clone()
    })
}

fn object(
    sh: &Shared,
    state_name: &str,
    entered_ms: i64,
    retry_count: Option<u32>,
    item: Option<&MapItem>,
    task_token: Option<&str>,
    with_input: bool,
) -> Value {
    let parts = sh.context_parts.get_or_init(|| fixed_parts(sh));
    let mut ctx = Map::new();
    let mut execution = parts.execution.clone();
    if with_input {
        // Where AWS has it, second, after Id.
        execution.shift_insert(1, "Input".into(), sh.input.clone());
    }
    ctx.insert("Execution".into(), Value::Object(execution));
    let mut state = json!({
        "EnteredTime": entered_time(entered_ms),
        "Name": state_name,
    });
    if let Some(n) = retry_count {
        state["RetryCount"] = json!(n);
    }
    ctx.insert("State".into(), state);
    ctx.insert("StateMachine".into(), parts.state_machine.clone());
    if let Some(token) = task_token {
        ctx.insert("Task".into(), json!({"Token": token}));
    }
    if let Some(item) = item {
        ctx.insert(
            "Map".into(),
            json!({"Item": {"Index": item.index, "Value": item.value}}),
        );
    }
    Value::Object(ctx)
}
