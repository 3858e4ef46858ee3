//! The eighteen `States.*` intrinsic functions of JSONPath states (AWS guide, "Intrinsic
//! functions for JSONPath states in Step Functions").
//!
//! Failures are `States.Runtime` with the cause
//! `The function '<expression as written>' had the following error: <detail>`. That wrapper
//! and the detail for an argument path that selects nothing were captured on AWS (by the Floci
//! emulator project, test `AslExecutorIntrinsicMissingArgumentTest`). For arguments of the
//! wrong type or value the detail is `Invalid arguments in States.<Name>`, the text AWS users
//! report for `States.MathAdd`, `States.StringToJson` and `States.ArrayRange`.

use base64::Engine as _;
use serde_json::{Map, Number, Value};
use stepwise_asl::intrinsics::{self as syntax, Arg, Call, StringLiteral, TemplatePiece};
use stepwise_asl::path::{JsonPath, PathRoot, Selection};

use super::{evaluate, render, PathEnv};
use crate::error::StatesError;
use crate::rng::Random;

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
    // reach a function with the wrong number of arguments.
    if let Some(problem) = syntax::check(call).into_iter().next() {
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

fn format(call: &Call, args: &[Value]) -> Option<Value> {
    let pieces = match call.args.first() {
        Some(Arg::String(literal)) => literal.template(),
        // A template read from the input is parsed like a literal, escapes included.
        _ => match args.first() {
            Some(Value::String(text)) => StringLiteral {
                value: text.clone(),
                raw: text.clone(),
            }
            .template(),
            _ => return None,
        },
    };
    let values = &args[1..];
    let wanted = pieces
        .iter()
        .filter(|p| **p == TemplatePiece::Placeholder)
        .count();
    if wanted != values.len() {
        return None;
    }
    let mut values = values.iter();
    let mut out = String::new();
    for piece in &pieces {
        match piece {
            TemplatePiece::Text(text) => out.push_str(text),
            TemplatePiece::Placeholder => out.push_str(&render::java_to_string(values.next()?)),
        }
    }
    Some(Value::String(out))
}

/// Blank text gives `null` (recorded on AWS for `""` and `" "`), as Jackson's `readTree` does.
fn string_to_json(args: &[Value]) -> Option<Value> {
    let text = args[0].as_str()?;
    if text.trim().is_empty() {
        return Some(Value::Null);
    }
    render::parse_json(text).ok()
}

fn array_partition(args: &[Value]) -> Option<Value> {
    let items = args[0].as_array()?;
    let size = usize::try_from(int_arg(&args[1])?)
        .ok()
        .filter(|&s| s > 0)?;
    Some(partition(items, size))
}

/// `items` in chunks of `size` (> 0), the last holding the rest: `States.ArrayPartition` and
/// JSONata's `$partition`.
pub(crate) fn partition(items: &[Value], size: usize) -> Value {
    Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    )
}

/// Inclusive of `end` when the steps land on it; a step against the direction gives `[]`.
fn array_range(args: &[Value]) -> Option<Value> {
    let items = range(
        int_arg(&args[0])?,
        int_arg(&args[1])?,
        int_arg(&args[2])?,
        MAX_RANGE_ITEMS,
    )?;
    Some(Value::Array(items.into_iter().map(Value::from).collect()))
}

/// `start`, `start + step`, ... up to `end` inclusive: empty when the step goes the other way,
/// `None` for a zero step or more than `max` values. `States.ArrayRange` and JSONata's
/// `$range` share it.
pub(crate) fn range(start: i64, end: i64, step: i64, max: i128) -> Option<Vec<i64>> {
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    if step == 0 {
        return None;
    }
    let count = if (end - start).signum() * step.signum() < 0 {
        0
    } else {
        (end - start) / step + 1
    };
    if count > max {
        return None;
    }
    Some(
        (0..count)
            .filter_map(|i| i64::try_from(start + i * step).ok())
            .collect(),
    )
}

fn array_get_item(args: &[Value]) -> Option<Value> {
    let items = args[0].as_array()?;
    let index = usize::try_from(int_arg(&args[1])?).ok()?;
    items.get(index).cloned()
}

/// Keeps the first of equal elements, in order (Java's `LinkedHashSet`).
fn array_unique(args: &[Value]) -> Option<Value> {
    let items = args[0].as_array()?;
    let mut unique: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !unique.contains(item) {
            unique.push(item.clone());
        }
    }
    Some(Value::Array(unique))
}

fn bounded_string(value: &Value) -> Option<&str> {
    value
        .as_str()
        .filter(|s| s.chars().count() <= MAX_CODEC_CHARS)
}

fn base64_encode(args: &[Value]) -> Option<Value> {
    let text = bounded_string(&args[0])?;
    Some(Value::String(
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
    ))
}

/// Padding is optional, as for Java's `Base64.getDecoder()`; bytes that are not UTF-8 become
/// U+FFFD, as Java's `new String(bytes, UTF_8)` makes them.
fn base64_decode(args: &[Value]) -> Option<Value> {
    let text = bounded_string(&args[0])?;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(text).ok()?;
    Some(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Lowercase hex of the UTF-8 bytes' digest; the algorithm name must be one of the five AWS
/// lists, spelled exactly.
fn hash(args: &[Value]) -> Option<Value> {
    hash_hex(bounded_string(&args[0])?, args[1].as_str()?).map(Value::String)
}

/// The lowercase hex digest of `data` with one of AWS's five algorithms (`MD5`, `SHA-1`,
/// `SHA-256`, `SHA-384`, `SHA-512`, spelled exactly): `States.Hash` and JSONata's `$hash`.
pub(crate) fn hash_hex(data: &str, algorithm: &str) -> Option<String> {
    use sha2::Digest as _;
    let data = data.as_bytes();
    let digest: Vec<u8> = match algorithm {
        "MD5" => md5::Md5::digest(data).to_vec(),
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data).to_vec(),
        "SHA-384" => sha2::Sha384::digest(data).to_vec(),
        "SHA-512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    };
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Shallow merge: keys of the second object replace those of the first. AWS supports only
/// that mode, so the third argument must be `false` (AWS guide, `States.JsonMerge`).
fn json_merge(args: &[Value]) -> Option<Value> {
    let (Value::Object(first), Value::Object(second), Value::Bool(false)) =
        (&args[0], &args[1], &args[2])
    else {
        return None;
    };
    let mut merged: Map<String, Value> = first.clone();
    for (k, v) in second {
        merged.insert(k.clone(), v.clone());
    }
    Some(Value::Object(merged))
}

/// A number in `[start, end)`. With a seed the draw is Java's `new Random(seed).nextInt(end -
/// start) + start`, so a seed gives the same number on every run; whether AWS draws the same
/// number from a seed is not documented.
fn math_random(args: &[Value], rng: &mut Random) -> Option<Value> {
    let start = int_arg(&args[0])?;
    let end = int_arg(&args[1])?;
    if start >= end {
        return None;
    }
    let value = match args.get(2) {
        Some(seed) => {
            let seed = int_arg(seed)?;
            match i32::try_from(end.checked_sub(start)?) {
                Ok(bound) => start + i64::from(JavaRandom::new(seed).next_int(bound)),
                Err(_) => Random::seeded(seed as u64).range_i64(start, end),
            }
        }
        None => rng.range_i64(start, end),
    };
    Some(Value::from(value))
}

fn math_add(args: &[Value]) -> Option<Value> {
    let a = java_round(&args[0])?;
    let b = java_round(&args[1])?;
    a.checked_add(b).map(|sum| Value::Number(Number::from(sum)))
}

/// Every character of the delimiter separates, and empty pieces are dropped, as Java's
/// `StringTokenizer` splits (recorded on AWS: `"This.is+a,test=string"` split on `".+,="`
/// gives five words, and `",,,,"` split on `","` gives `[]`).
fn string_split(args: &[Value]) -> Option<Value> {
    let text = args[0].as_str()?;
    let delimiters = args[1].as_str()?;
    let pieces = text
        .split(|c: char| delimiters.contains(c))
        .filter(|piece| !piece.is_empty())
        .map(|piece| Value::String(piece.to_string()))
        .collect();
    Some(Value::Array(pieces))
}

/// `java.util.Random`, the 48-bit linear congruential generator its Javadoc specifies.
struct JavaRandom {
    seed: i64,
}

impl JavaRandom {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;

    fn new(seed: i64) -> JavaRandom {
        JavaRandom {
            seed: (seed ^ Self::MULTIPLIER) & Self::MASK,
        }
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.seed = (self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        (self.seed >> (48 - bits)) as i32
    }

    /// `nextInt(bound)` for a positive bound.
    fn next_int(&mut self, bound: i32) -> i32 {
        if bound & bound.wrapping_neg() == bound {
            return ((i64::from(bound) * i64::from(self.next(31))) >> 31) as i32;
        }
        loop {
            let bits = self.next(31);
            let value = bits % bound;
            if bits.wrapping_sub(value).wrapping_add(bound - 1) >= 0 {
                return value;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run_with(text: &str, input: Value) -> Result<Value, StatesError> {
        let context = json!({"StateMachine": {"Name": "My-Machine-Name"}});
        let env = PathEnv::new(&input, &context, &super::super::no_variables);
        evaluate_text(text, &env, &mut Random::seeded(1))
    }

    fn run(text: &str) -> Result<Value, StatesError> {
        run_with(text, json!({}))
    }

    fn ok(text: &str) -> Value {
        match run(text) {
            Ok(v) => v,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn invalid(text: &str, name: &str) {
        let err = run(text).expect_err(text);
        assert_eq!(err.error, "States.Runtime", "{text}");
        assert_eq!(
            err.cause.as_deref(),
            Some(
                format!(
                    "The function '{text}' had the following error: Invalid arguments in {name}"
                )
                .as_str()
            ),
            "{text}"
        );
    }

    #[test]
    fn format_renders_values_as_java_does() {
        assert_eq!(ok("States.Format('a {} b {}', 1, 'x')"), json!("a 1 b x"));
        assert_eq!(ok("States.Format('{}', 1.5)"), json!("1.5"));
        assert_eq!(ok("States.Format('{}', null)"), json!("null"));
        assert_eq!(ok("States.Format('{}', true)"), json!("true"));
        assert_eq!(
            ok("States.Format('\\{\\} {} \\\\', 'v')"),
            json!("{} v \\"),
            "escaped braces and backslash are literal"
        );
        assert_eq!(
            run_with(
                "States.Format('x={}', $.o)",
                json!({"o": {"Arg1": 1, "Arg2": [1, "s"]}})
            )
            .ok(),
            Some(json!("x={Arg1=1, Arg2=[1, s]}"))
        );
    }

    #[test]
    fn format_template_from_a_path() {
        let input = json!({"t": "Hello, my name is {}.", "name": "Arnav"});
        assert_eq!(
            run_with("States.Format($.t, $.name)", input).ok(),
            Some(json!("Hello, my name is Arnav."))
        );
        invalid("States.Format(1, 2)", "States.Format");
        let err = run_with("States.Format($.t, 1, 2)", json!({"t": "{}"})).expect_err("count");
        assert!(err
            .cause
            .as_deref()
            .is_some_and(|c| c.ends_with("Invalid arguments in States.Format")));
    }

    #[test]
    fn literal_template_arity_is_checked() {
        let err = run("States.Format('{} {}', 1)").expect_err("arity");
        assert_eq!(err.error, "States.Runtime");
        assert!(err
            .cause
            .as_deref()
            .is_some_and(|c| c.starts_with("The function 'States.Format('{} {}', 1)' had the following error: States.Format template has 2")));
    }

    #[test]
    fn string_to_json_and_back() {
        assert_eq!(
            ok("States.StringToJson('{\"a\": [1, 2]}')"),
            json!({"a": [1, 2]})
        );
        assert_eq!(ok("States.StringToJson('')"), Value::Null);
        assert_eq!(ok("States.StringToJson(' ')"), Value::Null);
        assert_eq!(ok("States.StringToJson('-0')"), json!(0));
        assert_eq!(ok("States.StringToJson('1.1')"), json!(1.1));
        invalid("States.StringToJson('{nope')", "States.StringToJson");
        invalid("States.StringToJson(1)", "States.StringToJson");
        assert_eq!(
            run_with(
                "States.JsonToString($.v)",
                json!({"v": {"Arg1": 1, "Arg2": []}})
            )
            .ok(),
            Some(json!("{\"Arg1\":1,\"Arg2\":[]}"))
        );
        assert_eq!(
            ok("States.JsonToString('HelloWorld')"),
            json!("\"HelloWorld\"")
        );
    }

    #[test]
    fn arrays() {
        assert_eq!(ok("States.Array()"), json!([]));
        assert_eq!(
            ok("States.Array(1, 'a', null, true)"),
            json!([1, "a", null, true])
        );
        assert_eq!(
            run_with(
                "States.ArrayPartition($.a, 2)",
                json!({"a": [1, 2, 3, 4, 5]})
            )
            .ok(),
            Some(json!([[1, 2], [3, 4], [5]]))
        );
        assert_eq!(
            run_with("States.ArrayPartition($.a, 2.9)", json!({"a": [1, 2, 3]})).ok(),
            Some(json!([[1, 2], [3]]))
        );
        assert_eq!(
            run_with("States.ArrayPartition($.a, 3)", json!({"a": []})).ok(),
            Some(json!([]))
        );
        invalid(
            "States.ArrayPartition(States.Array(1), 0)",
            "States.ArrayPartition",
        );
        invalid(
            "States.ArrayPartition(States.Array(1), 0.49)",
            "States.ArrayPartition",
        );
        invalid("States.ArrayPartition('x', 1)", "States.ArrayPartition");
        invalid(
            "States.ArrayPartition(States.Array(1), 'x')",
            "States.ArrayPartition",
        );

        assert_eq!(
            ok("States.ArrayContains(States.Array(1, 2, 3), 2)"),
            json!(true)
        );
        assert_eq!(
            ok("States.ArrayContains(States.Array(1, 2, 3), 4)"),
            json!(false)
        );
        assert_eq!(
            run_with(
                "States.ArrayContains($.a, $.v)",
                json!({"a": [{"x": 1, "y": [2]}], "v": {"y": [2], "x": 1}})
            )
            .ok(),
            Some(json!(true)),
            "objects compare as maps"
        );
        invalid("States.ArrayContains('abc', 'a')", "States.ArrayContains");

        assert_eq!(ok("States.ArrayLength(States.Array(1, 2))"), json!(2));
        invalid("States.ArrayLength('ab')", "States.ArrayLength");

        assert_eq!(
            run_with(
                "States.ArrayUnique($.a)",
                json!({"a": [1, 1, "a", null, null, {"b": 1}, {"b": 1}, [1], 2]})
            )
            .ok(),
            Some(json!([1, "a", null, {"b": 1}, [1], 2]))
        );
        invalid("States.ArrayUnique(1)", "States.ArrayUnique");
    }

    #[test]
    fn array_range() {
        assert_eq!(ok("States.ArrayRange(1, 9, 2)"), json!([1, 3, 5, 7, 9]));
        assert_eq!(ok("States.ArrayRange(0, 10, 3)"), json!([0, 3, 6, 9]));
        assert_eq!(ok("States.ArrayRange(5, 1, -2)"), json!([5, 3, 1]));
        assert_eq!(ok("States.ArrayRange(3, 3, -1)"), json!([3]));
        assert_eq!(ok("States.ArrayRange(5, 1, 1)"), json!([]));
        assert_eq!(ok("States.ArrayRange(1.6, 1.4, 1)"), json!([1]));
        assert_eq!(ok("States.ArrayRange(5.4, -0.6, -2.4)"), json!([5, 3, 1]));
        let thousand = ok("States.ArrayRange(1, 1000, 1)");
        assert_eq!(thousand.as_array().map(Vec::len), Some(1000));
        invalid("States.ArrayRange(1, 1001, 1)", "States.ArrayRange");
        invalid("States.ArrayRange(1001, 1, -1)", "States.ArrayRange");
        invalid("States.ArrayRange(1, 10, 0)", "States.ArrayRange");
        invalid("States.ArrayRange(1, 10, 0.49)", "States.ArrayRange");
        invalid("States.ArrayRange('a', 5, 1)", "States.ArrayRange");
    }

    #[test]
    fn array_get_item() {
        assert_eq!(
            run_with(
                "States.ArrayGetItem($.inputArray, $.index)",
                json!({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5})
            )
            .ok(),
            Some(json!(6))
        );
        invalid(
            "States.ArrayGetItem(States.Array(1, 2), 2)",
            "States.ArrayGetItem",
        );
        invalid(
            "States.ArrayGetItem(States.Array(1, 2), -1)",
            "States.ArrayGetItem",
        );
        invalid(
            "States.ArrayGetItem(States.Array(1, 2), 'a')",
            "States.ArrayGetItem",
        );
        invalid("States.ArrayGetItem('ab', 0)", "States.ArrayGetItem");
    }

    #[test]
    fn base64() {
        assert_eq!(
            ok("States.Base64Encode('Data to encode')"),
            json!("RGF0YSB0byBlbmNvZGU=")
        );
        assert_eq!(ok("States.Base64Encode('')"), json!(""));
        assert_eq!(
            ok("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"),
            json!("Data to encode")
        );
        assert_eq!(
            ok("States.Base64Decode('RGF0YSB0byBlbmNvZGU')"),
            json!("Data to encode")
        );
        assert_eq!(ok("States.Base64Decode('')"), json!(""));
        invalid("States.Base64Decode('!!!')", "States.Base64Decode");
        invalid("States.Base64Encode(1)", "States.Base64Encode");
        let long = json!({"s": "a".repeat(10_001)});
        let err = run_with("States.Base64Encode($.s)", long).expect_err("too long");
        assert!(err
            .cause
            .as_deref()
            .is_some_and(|c| c.ends_with("Invalid arguments in States.Base64Encode")));
        let limit = json!({"s": "a".repeat(10_000)});
        assert!(run_with("States.Base64Encode($.s)", limit).is_ok());
    }

    #[test]
    fn hashes() {
        assert_eq!(
            ok("States.Hash('input data', 'MD5')"),
            json!("812f45842bc6d66ee14572ce20db8e86")
        );
        assert_eq!(
            ok("States.Hash('input data', 'SHA-1')"),
            json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
        );
        assert_eq!(
            ok("States.Hash('abc', 'SHA-256')"),
            json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            ok("States.Hash('abc', 'SHA-384')"),
            json!("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        );
        assert_eq!(
            ok("States.Hash('abc', 'SHA-512')"),
            json!("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        );
        invalid("States.Hash('abc', 'sha-256')", "States.Hash");
        invalid("States.Hash(1, 'MD5')", "States.Hash");
    }

    #[test]
    fn json_merge_is_shallow() {
        let input = json!({
            "a": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
            "b": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}
        });
        assert_eq!(
            run_with("States.JsonMerge($.a, $.b, false)", input.clone()).ok(),
            Some(json!({"a": {"a3": 1, "a4": 2}, "b": 2, "d": 4, "c": 3}))
        );
        let err = run_with("States.JsonMerge($.a, $.b, true)", input.clone()).expect_err("deep");
        assert!(err
            .cause
            .as_deref()
            .is_some_and(|c| c.ends_with("Invalid arguments in States.JsonMerge")));
        invalid("States.JsonMerge(1, 2, false)", "States.JsonMerge");
    }

    #[test]
    fn math_add_rounds_as_recorded_on_aws() {
        let cases = [
            (json!(-9), json!(3), -6),
            (json!(1.49), json!(1.5), 3),
            (json!(1.5), json!(1.51), 4),
            (json!(-1.49), json!(-1.5), -2),
            (json!(-1.5), json!(-1.51), -3),
            (json!(1.49), json!(-1.49), 0),
            (json!(0.5), json!(0), 1),
            (json!(2.5), json!(0), 3),
            (json!(-0.5), json!(0.5), 1),
            (json!(-0.5), json!(0), 0),
            (json!(-1.5), json!(0), -1),
            (json!(-2.5), json!(0), -2),
            (json!(-3.5), json!(0), -3),
            (json!(0.49999999999999994), json!(0), 0),
        ];
        for (a, b, sum) in cases {
            let got = run_with("States.MathAdd($.a, $.b)", json!({"a": a, "b": b})).ok();
            assert_eq!(got, Some(json!(sum)), "{a} + {b}");
        }
        invalid("States.MathAdd('1', 2)", "States.MathAdd");
        invalid("States.MathAdd(9223372036854775807, 1)", "States.MathAdd");
    }

    #[test]
    fn math_random_ranges_and_seeds() {
        for _ in 0..50 {
            let v = run_with(
                "States.MathRandom($.s, $.e)",
                json!({"s": 12.5, "e": 44.51}),
            )
            .ok()
            .and_then(|v| v.as_i64());
            assert!(v.is_some_and(|v| (12..44).contains(&v)), "{v:?}");
        }
        let seeded = ok("States.MathRandom(0, 999, 3)");
        assert_eq!(seeded, ok("States.MathRandom(0, 999, 3)"));
        // `new java.util.Random(3).nextInt(999)`, by the JDK's documented algorithm.
        assert_eq!(seeded, json!(239));
        assert_eq!(ok("States.MathRandom(5, 6)"), json!(5));
        invalid("States.MathRandom(1.4, 1.6)", "States.MathRandom");
        invalid("States.MathRandom(5, 5)", "States.MathRandom");
        invalid("States.MathRandom('a', 5)", "States.MathRandom");
    }

    #[test]
    fn java_random_matches_the_jdk() {
        // `new Random(42).nextInt()` is the well-known -1170105035.
        assert_eq!(JavaRandom::new(42).next(32), -1_170_105_035);
        let mut r = JavaRandom::new(42);
        assert_eq!(r.next_int(10), 0);
        assert_eq!(r.next_int(100), 63);
        let mut r = JavaRandom::new(0);
        assert_eq!(r.next_int(16), 11, "power-of-two bound");
    }

    #[test]
    fn string_split_uses_each_delimiter_character() {
        assert_eq!(
            ok("States.StringSplit('1,2,3,4,5', ',')"),
            json!(["1", "2", "3", "4", "5"])
        );
        assert_eq!(
            ok("States.StringSplit('This.is+a,test=string', '.+,=')"),
            json!(["This", "is", "a", "test", "string"])
        );
        assert_eq!(ok("States.StringSplit(',,,,', ',')"), json!([]));
        assert_eq!(ok("States.StringSplit(', , ,', ',')"), json!([" ", " "]));
        assert_eq!(ok("States.StringSplit('abc', '')"), json!(["abc"]));
        assert_eq!(ok("States.StringSplit('', ',')"), json!([]));
        invalid("States.StringSplit(1, ',')", "States.StringSplit");
    }

    #[test]
    fn uuid_comes_from_the_rng() {
        let a = ok("States.UUID()");
        let b = ok("States.UUID()");
        assert_eq!(a, b, "same seed, same UUID");
        assert!(a.as_str().is_some_and(|s| s.len() == 36));
    }

    #[test]
    fn nested_calls() {
        assert_eq!(
            ok("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))"),
            json!("Name")
        );
    }

    #[test]
    fn missing_path_argument_names_the_whole_expression() {
        let err = run_with("States.Format('{}', $.nope)", json!({"other": 1})).expect_err("miss");
        assert_eq!(err.error, "States.Runtime");
        assert_eq!(
            err.cause.as_deref(),
            Some("The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'")
        );
        let err = run_with(
            "States.Format('{}', States.Format('{}', $$.Nope.Deep))",
            json!({"other": 1}),
        )
        .expect_err("context miss");
        assert_eq!(
            err.cause.as_deref(),
            Some("The function 'States.Format('{}', States.Format('{}', $$.Nope.Deep))' had the following error: The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'")
        );
        assert_eq!(
            run_with(
                "States.ArrayLength($.items[*].nope)",
                json!({"items": [1, 2]})
            )
            .ok(),
            Some(json!(0)),
            "an empty wildcard match is an empty array"
        );
        assert_eq!(
            run_with("States.Format('{}', $.n)", json!({"n": null})).ok(),
            Some(json!("null")),
            "a null argument is present"
        );
    }

    #[test]
    fn canonical_text_when_only_the_call_is_given() {
        let call = syntax::parse("States.MathAdd($.a,1)").expect("parses");
        let input = json!({"a": "x"});
        let context = json!({});
        let env = PathEnv::new(&input, &context, &super::super::no_variables);
        let err = evaluate_intrinsic(&call, &env, &mut Random::seeded(0)).expect_err("bad");
        assert_eq!(
            err.cause.as_deref(),
            Some("The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in States.MathAdd")
        );
    }

    #[test]
    fn unknown_function_fails_at_run_time() {
        let err = run("States.Nope(1)").expect_err("unknown");
        assert_eq!(err.error, "States.Runtime");
        assert!(err
            .cause
            .as_deref()
            .is_some_and(|c| c.contains("unknown intrinsic function States.Nope")));
    }
}
