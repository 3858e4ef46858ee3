//! The functions Step Functions adds to JSONata (AWS guide, "JSONata functions provided by
//! Step Functions"): `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse`, and
//! `$eval`, which AWS disables. They share their work with the JSONPath intrinsics
//! (`States.ArrayPartition`, `States.ArrayRange`, `States.Hash`, `States.UUID`).
//!
//! Arguments that give no answer make the function return nothing (`undefined`), which then
//! fails the field that holds the expression: a chunk size below one, a `$range` step of zero
//! or against the direction, a missing argument. Fractions are cut toward zero, as the
//! intrinsics do.

use super::Scope;
use crate::dataflow::intrinsics;
use crate::rng::Random;
use serde_json::Value;
use std::sync::{Arc, Mutex, OnceLock};
use stepwise_jsonata::{Env, Error, HostFn};

/// The most values `$range` builds (AWS accepts 360,145 and refuses one more, as measured by
/// the Floci emulator project).
const MAX_RANGE_VALUES: i128 = 360_145;

/// The functions Step Functions adds, by name (without `$`).
const NAMES: [&str; 7] = [
    "partition",
    "range",
    "hash",
    "parse",
    "eval",
    "random",
    "uuid",
];

/// The host function bound to `$name`, if Step Functions provides one by that name.
pub(crate) fn host(name: &str, scope: &Scope) -> Option<HostFn> {
    by_name(name, || (scope.seed)())
}

/// Binds every function Step Functions adds to `env`, for an evaluation outside a run (the
/// designer's live preview of a field); `$random()` and `$uuid()` draw from `seed`.
pub fn bind_step_functions(env: &mut Env, seed: u64) {
    for name in NAMES {
        if let Some(f) = by_name(name, || seed) {
            env.bind_function(name, f);
        }
    }
}

fn by_name(name: &str, seed: impl FnOnce() -> u64) -> Option<HostFn> {
    static FIXED: OnceLock<[(&str, HostFn); 5]> = OnceLock::new();
    let fixed = FIXED.get_or_init(|| {
        [
            ("partition", Arc::new(partition) as HostFn),
            ("range", Arc::new(range) as HostFn),
            ("hash", Arc::new(hash) as HostFn),
            ("parse", Arc::new(parse) as HostFn),
            ("eval", Arc::new(eval) as HostFn),
        ]
    });
    if let Some((_, f)) = fixed.iter().find(|(n, _)| *n == name) {
        return Some(f.clone());
    }
    // `$random()` and `$uuid()` draw from the execution's seeded generator, so a seeded run
    // replays; one seed per evaluation that calls them.
    match name {
        "random" | "uuid" => {
            let rng = Arc::new(Mutex::new(Random::seeded(seed())));
            Some(if name == "random" {
                Arc::new(move |args: &[Option<Value>]| random(args, &rng))
            } else {
                Arc::new(move |args: &[Option<Value>]| uuid(args, &rng))
            })
        }
        _ => None,
    }
}

/// Whether `$name` is one of the functions Step Functions provides.
pub(crate) fn is_host(name: &str) -> bool {
    NAMES.contains(&name)
}

fn signature(index: usize, name: &str) -> Error {
    Error::new(
        "T0410",
        format!("Argument {index} of function \"{name}\" does not match function signature"),
    )
}

fn arity(args: &[Option<Value>], max: usize, name: &str) -> Result<(), Error> {
    if args.len() > max {
        return Err(signature(max + 1, name));
    }
    Ok(())
}

/// A number argument cut toward zero; `Ok(None)` when it is missing.
fn integer(args: &[Option<Value>], i: usize, name: &str) -> Result<Option<i64>, Error> {
    match args.get(i) {
        None | Some(None) => Ok(None),
        Some(Some(v @ Value::Number(_))) => intrinsics::int_arg(v)
            .map(Some)
            .ok_or_else(|| signature(i + 1, name)),
        Some(Some(_)) => Err(signature(i + 1, name)),
    }
}

/// `$partition(array, size)`: the array in chunks of `size`.
fn partition(args: &[Option<Value>]) -> Result<Option<Value>, Error> {
    arity(args, 2, "partition")?;
    let items: Vec<Value> = match args.first() {
        None | Some(None) => return Ok(None),
        Some(Some(Value::Array(items))) => items.clone(),
        // A single value is a sequence of one, as everywhere in JSONata.
        Some(Some(one)) => vec![one.clone()],
    };
    let Some(size) = integer(args, 1, "partition")? else {
        return Ok(None);
    };
    let Some(size) = usize::try_from(size).ok().filter(|s| *s > 0) else {
        return Ok(None);
    };
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(intrinsics::partition(&items, size)))
}

/// `$range(start, end, step)`: inclusive of `end` when the steps land on it; one value is
/// that number, not an array of one (JSONata's singleton sequence).
fn range(args: &[Option<Value>]) -> Result<Option<Value>, Error> {
    arity(args, 3, "range")?;
    let (Some(start), Some(end), Some(step)) = (
        integer(args, 0, "range")?,
        integer(args, 1, "range")?,
        integer(args, 2, "range")?,
    ) else {
        return Ok(None);
    };
    let Some(values) = intrinsics::range(start, end, step, MAX_RANGE_VALUES) else {
        return match step {
            0 => Ok(None),
            _ => Err(Error::new(
                "D1001",
                "Expression evaluation memory limit exceeded",
            )),
        };
    };
    Ok(match values.as_slice() {
        [] => None,
        [one] => Some(Value::from(*one)),
        _ => Some(Value::Array(values.into_iter().map(Value::from).collect())),
    })
}

/// `$hash(text, algorithm)`: the lowercase hex digest, as `States.Hash`.
fn hash(args: &[Option<Value>]) -> Result<Option<Value>, Error> {
    arity(args, 2, "hash")?;
    let text = match args.first() {
        None | Some(None) => return Ok(None),
        Some(Some(Value::String(s))) => s.as_str(),
        Some(Some(_)) => return Err(signature(1, "hash")),
    };
    let algorithm = match args.get(1) {
        None | Some(None) => return Ok(None),
        Some(Some(Value::String(s))) => s.as_str(),
        Some(Some(_)) => return Err(signature(2, "hash")),
    };
    match intrinsics::hash_hex(text, algorithm) {
        Some(hex) => Ok(Some(Value::String(hex))),
        None => Err(Error::new(
            "D3137",
            format!(
                "The algorithm '{algorithm}' is not supported by $hash: use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            ),
        )),
    }
}

/// `$parse(json)`: the value a JSON text describes (AWS's replacement for `$eval`).
fn parse(args: &[Option<Value>]) -> Result<Option<Value>, Error> {
    arity(args, 1, "parse")?;
    match args.first() {
        None | Some(None) => Ok(None),
        Some(Some(Value::String(s))) => crate::dataflow::render::parse_json(s)
            .map(Some)
            .map_err(|e| Error::new("D3140", format!("The text is not valid JSON: {e}"))),
        Some(Some(_)) => Err(signature(1, "parse")),
    }
}

/// AWS refuses `$eval`: calling it is calling something that is not a function.
fn eval(_: &[Option<Value>]) -> Result<Option<Value>, Error> {
    Err(Error::new("T1006", "Attempted to invoke a non-function"))
}

/// `$random([seed])`: a number in [0, 1); the same seed gives the same number.
fn random(args: &[Option<Value>], rng: &Mutex<Random>) -> Result<Option<Value>, Error> {
    arity(args, 1, "random")?;
    let draw = match integer(args, 0, "random")? {
        Some(seed) => Random::seeded(seed as u64).next_f64(),
        None => with(rng, Random::next_f64),
    };
    Ok(serde_json::Number::from_f64(draw).map(Value::Number))
}

/// `$uuid()`: a version 4 UUID, as `States.UUID`.
fn uuid(args: &[Option<Value>], rng: &Mutex<Random>) -> Result<Option<Value>, Error> {
    arity(args, 0, "uuid")?;
    Ok(Some(Value::String(with(rng, Random::uuid_v4))))
}

fn with<T>(rng: &Mutex<Random>, f: impl FnOnce(&mut Random) -> T) -> T {
    match rng.lock() {
        Ok(mut r) => f(&mut r),
        Err(p) => f(&mut p.into_inner()),
    }
}
