//! The eighteen `States.*` intrinsic functions of JSONPath states (AWS guide, "Intrinsic
//! functions for JSONPath states in Step Functions").
//!
//! Failures are `States.Runtime` with the cause
//! `The function '<expression as written>' had the following error: <detail>`. That wrapper
//! and the detail for an argument path that selects nothing were captured on AWS (by the Floci
//! emulator project, test `AslExecutorIntrinsicMissingArgumentTest`). For arguments of the
//! wrong type or value the detail is `Invalid arguments in States.<Name>`, the text AWS users
//! report for `States.MathAdd`, `States.StringToJson` and `States.ArrayRange`.

use serde_json::Value;
use stepwise_asl::intrinsics::{self as syntax, Arg, Call};
use stepwise_asl::path::{JsonPath, PathRoot, Selection};

use super::{evaluate, render, PathEnv};
use crate::error::StatesError;
use crate::rng::Random;

mod array;
mod codec;
mod math;
#[cfg(test)]
mod tests;
mod text;

use array::{array_get_item, array_partition, array_range, array_unique};
pub(crate) use array::{partition, range};
pub(crate) use codec::hash_hex;
use codec::{base64_decode, base64_encode, hash};
use math::{math_add, math_random};
use text::{format, json_merge, string_split, string_to_json};

/// `States.ArrayRange` may build at most this many elements (AWS guide).
const MAX_RANGE_ITEMS: i128 = 1000;
/// The longest string `States.Base64Encode`, `States.Base64Decode` and `States.Hash` accept,
/// in characters (AWS guide: "up to 10,000 characters").
const MAX_CODEC_CHARS: usize = 10_000;

/// Evaluates a parsed call. Error causes quote the call in its canonical form
/// ([`Call`]'s `Display`); when the text as written is at hand, the payload-template path
/// quotes that instead, as AWS does.
pub fn evaluate_intrinsic(
    call: &Call,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Value, StatesError> {
    evaluate_call(call, &call.to_string(), env, rng)
}

/// Parses and evaluates `text`, quoting it verbatim in any error.
pub(crate) fn evaluate_text(
    text: &str,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Value, StatesError> {
    let call = syntax::parse(text).map_err(|e| {
        StatesError::runtime(format!(
            "The function '{text}' had the following error: {}",
            e.message
        ))
    })?;
    evaluate_call(&call, text, env, rng)
}

fn evaluate_call(
    call: &Call,
    text: &str,
    env: &PathEnv,
    rng: &mut Random,
) -> Result<Value, StatesError> {
    let wrap = |detail: String| {
        StatesError::runtime(format!(
            "The function '{text}' had the following error: {detail}"
        ))
    };
    // The validator reports these before a run; a definition that skipped it still must not
    // reach a function with the wrong number of arguments. An argument of the wrong type is
    // the function's own failure at run time, worded as AWS words it ("Invalid arguments in
    // ..."), so that check is left to the evaluation.
    if let Some(problem) = syntax::check(call)
        .into_iter()
        .find(|p| p.kind != syntax::CallProblemKind::ArgType)
    {
        return Err(wrap(problem.message));
    }
    eval(call, env, rng).map_err(|fault| wrap(fault.describe(env)))
}

/// Why a call failed, before it is worded.
#[derive(Debug, Clone, PartialEq)]
enum Fault {
    /// A path argument selected nothing; holds the path as AWS names it.
    MissingArgument(String),
    /// An argument of the wrong type or value for the named function.
    InvalidArguments(String),
}

impl Fault {
    fn describe(&self, env: &PathEnv) -> String {
        match self {
            Fault::MissingArgument(path) => format!(
                "The JsonPath argument for the field '{path}' could not be found in the input '{}'",
                render::json_text(env.input)
            ),
            Fault::InvalidArguments(name) => format!("Invalid arguments in {name}"),
        }
    }
}

type Outcome = Result<Value, Fault>;

fn eval(call: &Call, env: &PathEnv, rng: &mut Random) -> Outcome {
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        args.push(eval_arg(arg, env, rng)?);
    }
    let invalid = || Fault::InvalidArguments(call.name.clone());
    match call.name.as_str() {
        "States.Format" => format(call, &args).ok_or_else(invalid),
        "States.StringToJson" => string_to_json(&args).ok_or_else(invalid),
        "States.JsonToString" => Ok(Value::String(render::json_text(&args[0]))),
        "States.Array" => Ok(Value::Array(args)),
        "States.ArrayPartition" => array_partition(&args).ok_or_else(invalid),
        "States.ArrayContains" => match &args[0] {
            Value::Array(items) => Ok(Value::Bool(items.contains(&args[1]))),
            _ => Err(invalid()),
        },
        "States.ArrayRange" => array_range(&args).ok_or_else(invalid),
        "States.ArrayGetItem" => array_get_item(&args).ok_or_else(invalid),
        "States.ArrayLength" => match &args[0] {
            Value::Array(items) => Ok(Value::from(items.len())),
            _ => Err(invalid()),
        },
        "States.ArrayUnique" => array_unique(&args).ok_or_else(invalid),
        "States.Base64Encode" => base64_encode(&args).ok_or_else(invalid),
        "States.Base64Decode" => base64_decode(&args).ok_or_else(invalid),
        "States.Hash" => hash(&args).ok_or_else(invalid),
        "States.JsonMerge" => json_merge(&args).ok_or_else(invalid),
        "States.MathRandom" => math_random(&args, rng).ok_or_else(invalid),
        "States.MathAdd" => math_add(&args).ok_or_else(invalid),
        "States.StringSplit" => string_split(&args).ok_or_else(invalid),
        "States.UUID" => Ok(Value::String(rng.uuid_v4())),
        _ => Err(invalid()),
    }
}

fn eval_arg(arg: &Arg, env: &PathEnv, rng: &mut Random) -> Outcome {
    match arg {
        Arg::String(s) => Ok(Value::String(s.value.clone())),
        Arg::Number(n) => Ok(Value::Number(n.clone())),
        Arg::Bool(b) => Ok(Value::Bool(*b)),
        Arg::Null => Ok(Value::Null),
        Arg::Call(inner) => eval(inner, env, rng),
        Arg::Path(path) => match evaluate(path, env) {
            Ok(Selection::One(v)) => Ok(v),
            // A wildcard that matches nothing is an empty array, not a missing argument.
            Ok(Selection::Many(vs)) => Ok(Value::Array(vs)),
            Ok(Selection::NotFound) | Err(_) => Err(Fault::MissingArgument(argument_name(path))),
        },
    }
}

/// How AWS names a path argument that selected nothing. A `$$` path is named as the path it
/// becomes inside the context object (`$$.Nope` is reported as `$.Nope`), as Step Functions
/// Local and the Floci emulator's AWS captures show.
fn argument_name(path: &JsonPath) -> String {
    let text = path.to_string();
    match path.root {
        PathRoot::Context => text.strip_prefix('$').unwrap_or(&text).to_string(),
        _ => text,
    }
}

/// An integer argument. Fractions are cut toward zero, as Java's `intValue()`: measured on
/// AWS, `States.ArrayRange(1.6, 1.4, 1)` gives `[1]` and `States.MathRandom(1.4, 1.6)` is
/// rejected as an empty range (both noted by an AWS-characterisation suite on GitHub); only
/// `States.MathAdd` rounds, see [`java_round`].
pub(crate) fn int_arg(value: &Value) -> Option<i64> {
    let n = value.as_number()?;
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    whole_to_i64(n.as_f64()?.trunc())
}

/// A whole double as an i64, if it fits. Both bounds are powers of two, exactly
/// representable, so the range test is exact.
fn whole_to_i64(f: f64) -> Option<i64> {
    (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0)
        .contains(&f)
        .then_some(f as i64)
}

/// Java's `Math.round`: halves go up (toward positive infinity). Recorded on AWS for
/// `States.MathAdd`: `0.5 → 1`, `2.5 → 3`, `-0.5 → 0`, `-1.5 → -1`, `-2.5 → -2`.
fn java_round(value: &Value) -> Option<i64> {
    let n = value.as_number()?;
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    let floor = f.floor();
    // `f - floor` is exact for every double that has a fraction, so no 0.49999999999999994
    // trap of `(f + 0.5).floor()`.
    let rounded = if f - floor >= 0.5 { floor + 1.0 } else { floor };
    whole_to_i64(rounded)
}
