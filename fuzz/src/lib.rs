//! The fuzz targets, one function per area, each taking the raw bytes AFL++ hands over.
//!
//! A target may reject an input (bad UTF-8, a definition with errors) by returning early; it
//! must never panic, hang or overflow the stack: AFL++ records a panic (the `fuzz!` macro
//! turns it into an abort) and a stack overflow (Rust aborts on the guard page) as a crash,
//! and an input that runs past `-t` as a hang. The targets also assert properties the crates
//! document (a parsed path prints as text that parses back to the same path), so a broken
//! promise is a crash too.
//!
//! Expression targets read `EXPRESSION` or `EXPRESSION\0JSON`: the part after the first NUL
//! byte, when it is JSON, is the document the expression is evaluated against; otherwise
//! [`default_document`] is.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use stepwise_asl::path::JsonPath;
use stepwise_asl::{intrinsics, Document, ExportFormat};
use stepwise_engine::dataflow::{self, PathEnv};
use stepwise_engine::history::HistoryLevel;
use stepwise_engine::rng::Random;
use stepwise_engine::task::{TaskFuture, TaskHandler, TaskRequest};
use stepwise_engine::{ClockMode, ExecutionConfig, StatesError};
use stepwise_jsonata::{Env, Expression, Limits};

/// Inputs longer than this are skipped: big inputs only slow AFL++ down, and the parsers'
/// size limits are tested by the crates' own tests.
pub const MAX_INPUT: usize = 64 * 1024;

/// How long one JSONata evaluation may run before it fails with `U1001`. Well under the
/// per-input limit given to AFL++ (`-t`), so a runaway expression is an error, not a hang.
pub const JSONATA_TIMEOUT: Duration = Duration::from_millis(250);

/// The engine target's budget of history events per execution (AWS allows 25,000; fewer
/// keep each execution quick while still letting loops run many times).
pub const ENGINE_MAX_EVENTS: u64 = 2_000;

/// The engine target's budget of virtual time: an execution still running after this much
/// (Waits, retry backoffs and timeouts pass instantly under the virtual clock) is stopped.
pub const ENGINE_VIRTUAL_BUDGET: Duration = Duration::from_secs(400 * 24 * 3600);

/// Aborts on a panic, as AFL++ needs to see one, except a panic that `stepwise-jsonata`
/// catches at its boundary with `jsonata-core` and turns into an error (`D0000`, "internal
/// error"): that one is contained, so the input is not a crash. The targets use
/// `fuzz_nohook!` and this hook instead of `fuzz!`'s, which aborts on every panic.
pub fn abort_on_uncontained_panic() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        let trace = std::backtrace::Backtrace::force_capture().to_string();
        // A panic in jsonata-core that the boundary did not catch unwinds out of the target
        // and `fuzz_nohook!` aborts then.
        if !trace.contains("jsonata_core::") {
            std::process::abort();
        }
    }));
}

/// Splits `EXPRESSION\0JSON` into the expression text and the document.
pub fn split_expression(data: &[u8]) -> Option<(&str, Value)> {
    if data.len() > MAX_INPUT {
        return None;
    }
    let (text, doc) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let text = std::str::from_utf8(text).ok()?;
    let doc = doc
        .and_then(|d| serde_json::from_slice(d).ok())
        .unwrap_or_else(default_document);
    Some((text, doc))
}

/// A document with a bit of every shape, for expressions given without one.
pub fn default_document() -> Value {
    json!({
        "a": 1, "b": "two", "c": [1, 2.5, -3, "x", null, true, {"d": [4, 5]}],
        "items": [{"id": 1, "price": 9.5, "tags": ["x", "y"]}, {"id": 2, "price": 12, "name": "b"}],
        "nested": {"deep": {"deeper": {"value": "v"}}},
        "empty": {}, "none": [], "n": null, "t": true, "s": "héllo {} wörld", "big": 1e300,
    })
}

/// The context object (`$$`) expressions see outside an execution.
fn context_object() -> Value {
    json!({
        "Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:m:e", "Input": {"k": 1},
                      "Name": "e", "StartTime": "2024-01-01T00:00:00.000Z"},
        "State": {"Name": "S", "EnteredTime": "2024-01-01T00:00:00.000Z"},
        "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:m", "Name": "m"},
        "Map": {"Item": {"Index": 0, "Value": {"x": 1}}},
    })
}

fn variables(name: &str) -> Option<Value> {
    match name {
        "v" => Some(json!({"x": [1, 2, 3], "y": "z"})),
        "n" => Some(json!(7)),
        _ => None,
    }
}

/// Parser and validator: parse JSON or YAML, validate, build the strict and lenient models,
/// list the states and export both ways.
pub fn asl(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(doc) = Document::parse(data, None) else {
        return;
    };
    let _ = doc.has_errors();
    let _ = doc.states();
    let _ = doc.model_error();
    let _ = doc.lenient_machine();
    let _ = doc.export(ExportFormat::Json);
    let _ = doc.export(ExportFormat::Yaml);
}

/// JSONPath: parse, print and parse back (the two must agree), evaluate against the
/// document, and through the engine as `InputPath` would.
pub fn jsonpath(data: &[u8]) {
    let Some((text, doc)) = split_expression(data) else {
        return;
    };
    let Ok(path) = JsonPath::parse(text) else {
        return;
    };
    let printed = path.to_string();
    match JsonPath::parse(&printed) {
        Ok(again) => assert_eq!(again, path, "{text:?} prints as {printed:?}"),
        Err(e) => panic!("{text:?} prints as {printed:?}, which does not parse: {e}"),
    }
    let _ = path.is_definite();
    let _ = path.is_reference_path();
    let context = context_object();
    let _ = path.evaluate(&doc, &context, &variables);
    let env = PathEnv::new(&doc, &context, &variables);
    let _ = dataflow::apply_input_path(Some(&Value::String(text.to_string())), &env);
}

/// Intrinsic functions: parse, check, print and parse back, evaluate (through the engine's
/// evaluator, as a payload template's `"key.$"` field would).
pub fn intrinsics(data: &[u8]) {
    let Some((text, doc)) = split_expression(data) else {
        return;
    };
    let context = context_object();
    let env = PathEnv::new(&doc, &context, &variables);
    let mut rng = Random::seeded(7);
    if let Ok(call) = intrinsics::parse(text) {
        let _ = intrinsics::check(&call);
        let _ = intrinsics::count_calls(&call);
        let printed = call.to_string();
        match intrinsics::parse(&printed) {
            Ok(again) => assert_eq!(again.to_string(), printed, "{text:?}"),
            Err(e) => panic!("{text:?} prints as {printed:?}, which does not parse: {e}"),
        }
        let _ = dataflow::evaluate_intrinsic(&call, &env, &mut rng);
    }
    let _ = dataflow::evaluate_expression(text, &env, &mut rng);
    let template = json!({"value.$": text, "nested": {"again.$": text}});
    let _ = dataflow::evaluate_template(&template, &env, &mut rng);
}

/// JSONata: parse, inspect, evaluate with a time limit and the default depth limit.
pub fn jsonata(data: &[u8]) {
    let Some((text, doc)) = split_expression(data) else {
        return;
    };
    let Ok(expr) = Expression::parse(text) else {
        return;
    };
    let _ = expr.calls();
    let _ = expr.free_variables();
    let mut env = Env::new();
    env.bind(
        "states",
        json!({"input": doc.clone(), "context": context_object()}),
    );
    env.bind("v", json!({"x": [1, 2, 3]}));
    env.set_limits(Limits {
        max_depth: None,
        timeout: Some(JSONATA_TIMEOUT),
    });
    let _ = expr.evaluate(Some(&doc), &env);
    let _ = expr.evaluate(None, &env);
}

/// The engine: a definition without validation errors runs to its end on the virtual clock,
/// every Task answered by [`FuzzTasks`]. The input is the definition's `"FuzzInput"` field
/// when it has one (removed before validation), else [`default_document`].
pub fn engine(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok((mut value, format)) = stepwise_asl::parse_value(data, None) else {
        return;
    };
    let input = value
        .as_object_mut()
        .and_then(|m| m.shift_remove("FuzzInput"))
        .unwrap_or_else(default_document);
    let doc = Document::from_value(value, format, data.len());
    if doc.has_errors() {
        return;
    }
    let Some(machine) = doc.machine() else {
        return;
    };
    let mut config = ExecutionConfig::new(Arc::new(FuzzTasks));
    config.clock = ClockMode::Virtual;
    config.seed = Some(1);
    config.history = HistoryLevel::Full;
    config.max_events = ENGINE_MAX_EVENTS;
    config.start_time_ms = Some(1_700_000_000_000);
    let (stop, abort) = tokio::sync::watch::channel(false);
    config.abort = Some(abort);
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
    else {
        return;
    };
    let machine = Arc::new(machine.clone());
    let outcome = rt.block_on(async move {
        // The paused clock jumps to the next timer when the execution is idle, so this
        // fires once the execution has spent its budget of virtual time.
        let budget = tokio::spawn(async move {
            tokio::time::sleep(ENGINE_VIRTUAL_BUDGET).await;
            let _ = stop.send(true);
        });
        let outcome = stepwise_engine::run(machine, input, config).await;
        budget.abort();
        outcome
    });
    let _ = outcome.summary();
}

/// Answers every Task at once and deterministically: a Task whose name contains `Fail`
/// fails on its first two attempts (so Retry and Catch run), one whose name contains
/// `Throw` always fails, and every other returns its input with the attempt number.
pub struct FuzzTasks;

impl TaskHandler for FuzzTasks {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        let result = if req.state_name.contains("Throw")
            || (req.state_name.contains("Fail") && req.attempt < 2)
        {
            Err(StatesError::new(
                "Fuzz.TaskFailed",
                format!("attempt {}", req.attempt),
            ))
        } else {
            Ok(json!({"input": req.input, "attempt": req.attempt, "resource": req.resource}))
        };
        Box::pin(async move { result })
    }

    fn answers_at_once(&self, _req: &TaskRequest) -> bool {
        true
    }
}
