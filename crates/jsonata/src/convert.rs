//! Values across the boundary (`serde_json::Value` ↔ `jsonata-core`'s `JValue`) and the
//! evaluation itself.
//!
//! `JValue` is reference counted with `Rc`, so it cannot live in the `Send + Sync` [`Env`].
//! Each thread keeps instead the `jsonata-core` evaluator of the `Env` it used last: the
//! bound values converted, the host functions registered, the limits set. It is keyed by
//! the `Env`'s generation (a process-wide counter bumped by every change), so evaluations
//! with one `Env` convert its values once and share the evaluator's cache of compiled
//! steps. `jsonata-core` undoes whatever an evaluation binds, even a failed one, so an
//! evaluator can be reused. An evaluation started from inside another on the same thread
//! (by a host function) gets an evaluator of its own.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{CancelToken, Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::{with_stack, JArray, JValue};
use serde_json::{Map, Number, Value};

use crate::errors::evaluation_error;
use crate::{Env, EnvInner, Error, DEFAULT_MAX_DEPTH, DEFAULT_TIMEOUT};

static GENERATION: AtomicU64 = AtomicU64::new(1);

pub(crate) fn next_generation() -> u64 {
    GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// An evaluator set up for one `Env`.
struct Prepared {
    generation: u64,
    evaluator: Evaluator,
    /// Its time limit's token: the watchdog cancels it; once cancelled, a new one is needed.
    cancel: CancelToken,
    /// Tells `cancel` apart from other evaluators' tokens.
    token_id: u64,
    /// An evaluation is under way, or panicked and left the evaluator as it was then.
    busy: bool,
}

thread_local! {
    /// The evaluator of the `Env` evaluated last on this thread.
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
    /// The error a host function returned, passed around `jsonata-core` unchanged.
    static HOST_ERROR: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// What a host function's failure looks like inside `jsonata-core`; [`evaluate`] swaps the
/// stashed [`Error`] back in.
const HOST_ERROR_MARK: &str = "\u{0}stepwise-host-error";

pub(crate) fn evaluate(
    ast: &AstNode,
    input: Option<&Value>,
    env: &Env,
) -> Result<Option<Value>, Error> {
    let inner = env.inner();
    let data = match input {
        Some(v) => to_jvalue(v),
        None => JValue::Undefined,
    };
    let timeout = inner.limits.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let outcome = PREPARED.with(|slot| match slot.try_borrow_mut() {
        Ok(mut slot) => {
            let reusable = slot.as_ref().is_some_and(|p| {
                p.generation == inner.generation && !p.cancel.is_cancelled() && !p.busy
            });
            if !reusable {
                *slot = None;
                *slot = Some(prepare(inner)?);
            }
            let prepared = slot.as_mut().expect("prepared above");
            let _armed = crate::watchdog::arm(timeout, &prepared.cancel, prepared.token_id);
            // Still set if `jsonata-core` panics: the evaluator is not used again.
            prepared.busy = true;
            let outcome = contain_panic(|| prepared.evaluator.evaluate(ast, &data))?;
            prepared.busy = false;
            Ok(outcome)
        }
        // Inside an evaluation on this thread: a fresh evaluator.
        Err(_) => {
            let mut prepared = prepare(inner)?;
            let _armed = crate::watchdog::arm(timeout, &prepared.cancel, prepared.token_id);
            contain_panic(|| prepared.evaluator.evaluate(ast, &data))
        }
    })?;
    match outcome {
        Ok(v) => from_jvalue(&v),
        Err(e) if e.message() == HOST_ERROR_MARK => Err(HOST_ERROR
            .with(|slot| slot.borrow_mut().take())
            .unwrap_or_else(|| evaluation_error(&e))),
        Err(e) => Err(evaluation_error(&e)),
    }
}

/// Runs `f`, turning a panic inside `jsonata-core` into an error: fuzzing found inputs that
/// make some of its functions panic (`$fromMillis` with some pictures' width modifiers
/// overflows, `$parseInteger` slices a multi-byte digit), and an expression must give
/// an error, never bring down the thread that evaluates it. The evaluator that panicked is
/// not used again (`Prepared::busy`), and the time limit is disarmed as the stack unwinds.
fn contain_panic<T>(f: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no detail".to_string());
        Error::new(
            "D0000",
            format!("The JSONata evaluator failed on this expression (internal error: {detail})"),
        )
    })
}

/// A `jsonata-core` evaluator with `env`'s values, functions and limits.
fn prepare(env: &EnvInner) -> Result<Prepared, Error> {
    let mut context = Context::new();
    for (name, value) in &env.values {
        context.bind(name.clone(), to_jvalue(value));
    }
    let cancel = CancelToken::new();
    let options = EvaluatorOptions {
        cancel: Some(cancel.clone()),
        max_stack_depth: Some(env.limits.max_depth.unwrap_or(DEFAULT_MAX_DEPTH)),
        ..EvaluatorOptions::default()
    };
    let mut evaluator = Evaluator::with_options(context, options);
    for (name, f) in &env.functions {
        let f = f.clone();
        let host = move |args: &[JValue]| -> Result<JValue, EvaluatorError> {
            let args: Vec<Option<Value>> = args
                .iter()
                .map(|a| {
                    from_jvalue(a).map_err(|e| {
                        EvaluatorError::EvaluationError(format!("{}: {}", e.code, e.message))
                    })
                })
                .collect::<Result<_, _>>()?;
            match f(&args) {
                Ok(Some(v)) => Ok(to_jvalue(&v)),
                Ok(None) => Ok(JValue::Undefined),
                Err(e) => {
                    HOST_ERROR.with(|slot| *slot.borrow_mut() = Some(e));
                    Err(EvaluatorError::EvaluationError(HOST_ERROR_MARK.to_string()))
                }
            }
        };
        let registered = match evaluator.register_fn(name.clone(), host.clone()) {
            Ok(()) => Ok(()),
            Err(_) => evaluator.register_fn_override(name.clone(), host),
        };
        if let Err(e) = registered {
            return Err(Error::new(
                "S0000",
                format!("the function ${name} cannot be replaced: {}", e.message()),
            ));
        }
    }
    Ok(Prepared {
        generation: env.generation,
        evaluator,
        cancel,
        token_id: next_generation(),
        busy: false,
    })
}

/// `serde_json::Value` → `JValue`, borrowing (no intermediate clone of the input).
pub(crate) fn to_jvalue(v: &Value) -> JValue {
    match v {
        Value::Null => JValue::Null,
        Value::Bool(b) => JValue::Bool(*b),
        Value::Number(n) => JValue::Number(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => JValue::string(s.as_str()),
        Value::Array(items) => with_stack(|| {
            let mut flat = true;
            let items = items
                .iter()
                .map(|item| {
                    flat &= !item.is_array();
                    to_jvalue(item)
                })
                .collect();
            JValue::Array(JArray::new_flat(items, flat))
        }),
        Value::Object(map) => with_stack(|| {
            JValue::object(map.iter().map(|(k, v)| (k.clone(), to_jvalue(v))).collect())
        }),
    }
}

/// How deep a result may nest. `serde_json::Value`'s drop recurses, so a value built
/// deeper (`$reduce` can) would overflow the caller's stack when dropped; it is refused
/// instead. Inputs parsed by `serde_json` stop at 128 levels anyway.
pub const MAX_RESULT_DEPTH: usize = 2_000;

/// The error for a result nested deeper than [`MAX_RESULT_DEPTH`].
fn too_deep() -> Error {
    Error::new(
        "U1001",
        format!(
            "Stack overflow error: the result is nested more than {MAX_RESULT_DEPTH} levels deep"
        ),
    )
}

/// `JValue` → `serde_json::Value`, `None` for `undefined`. Numbers that are integers come
/// back as JSON integers, as jsonata-js prints them (`2`, not `2.0`). Functions have no JSON
/// form: as `JSON.stringify` does, they are left out of objects and are `null` in arrays; a
/// function or regex on its own is `""`, as jsonata-js's `$string` renders it.
pub(crate) fn from_jvalue(v: &JValue) -> Result<Option<Value>, Error> {
    from_jvalue_at(v, 0)
}

fn from_jvalue_at(v: &JValue, depth: usize) -> Result<Option<Value>, Error> {
    if depth > MAX_RESULT_DEPTH {
        return Err(too_deep());
    }
    Ok(Some(match v {
        JValue::Undefined => return Ok(None),
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n),
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(items) => with_stack(|| {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                if item.is_undefined() {
                    continue;
                }
                let item = if item.is_function() {
                    Value::Null
                } else {
                    from_jvalue_at(item, depth + 1)?.unwrap_or(Value::Null)
                };
                out.push(item);
            }
            Ok(Value::Array(out))
        })?,
        JValue::Object(map) => with_stack(|| {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map.iter() {
                if v.is_function() {
                    continue;
                }
                if let Some(v) = from_jvalue_at(v, depth + 1)? {
                    out.insert(k.clone(), v);
                }
            }
            Ok(Value::Object(out))
        })?,
        JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
            Value::String(String::new())
        }
    }))
}

/// A JSON number for `n`: an integer when it is one (within ±2^53, where f64 is exact).
fn number(n: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() <= EXACT {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}
