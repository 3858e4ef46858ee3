//! Intrinsic function calls, the `States.*` expressions allowed as the value of a `"key.$"`
//! field in JSONPath states (Parameters, ResultSelector, ItemSelector, Assign, ...):
//!
//! ```
//! use stepwise_asl::intrinsics::{self, Arg};
//!
//! let call = intrinsics::parse("States.Format('Hello {}', States.MathAdd($.age, 1))").unwrap();
//! assert_eq!(call.name, "States.Format");
//! assert!(matches!(&call.args[1], Arg::Call(inner) if inner.name == "States.MathAdd"));
//! assert!(intrinsics::check(&call).is_empty());
//! ```
//!
//! The grammar follows the AWS guide "Intrinsic functions for JSONPath states": strings are
//! single-quoted and only `\'`, `\{`, `\}` and `\\` may be escaped; arguments are strings,
//! numbers, `true`, `false`, `null`, paths (`$.x`, `$$.Execution.Id`, `$var`) and nested
//! calls.

mod parse;
#[cfg(test)]
mod tests;
mod types;

use std::fmt;
use std::str::FromStr;

use serde_json::Number;

use crate::path::JsonPath;

/// Calls may nest this deep before the parser gives up (AWS allows far less; see
/// [`MAX_CALLS_PER_FIELD`]). The cap keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 64;

/// "You can nest up to 10 intrinsic functions within a field", says the AWS guide; its own
/// example of "nine nested intrinsic functions" has nine calls at most five deep, so the
/// limit counts calls, which [`count_calls`] does. Not enforced by [`check`]: the service's
/// exact rule is not documented beyond that sentence.
pub const MAX_CALLS_PER_FIELD: usize = 10;

/// A call such as `States.MathAdd($.count, 1)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The full name, `States.` included.
    pub name: String,
    pub args: Vec<Arg>,
    /// Character offset of the name in the parsed text.
    pub offset: usize,
    /// Character offset of each argument, parallel to `args`.
    pub arg_offsets: Vec<usize>,
}

/// One argument of a [`Call`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    String(StringLiteral),
    Number(Number),
    Bool(bool),
    Null,
    Path(JsonPath),
    Call(Call),
}

/// A `'...'` argument. `States.Format` must tell `{}` from `\{\}`, which the unescaped value
/// cannot, so the text as written is kept too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLiteral {
    /// With escapes resolved: `'it\'s'` gives `it's`.
    pub value: String,
    /// As written between the quotes, escapes intact.
    pub raw: String,
}

/// A piece of a `States.Format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePiece {
    Text(String),
    /// An unescaped `{}`.
    Placeholder,
}

impl StringLiteral {
    /// The template pieces when this string is the first argument of `States.Format`:
    /// text, with escaped braces as plain braces, and `{}` placeholders.
    pub fn template(&self) -> Vec<TemplatePiece> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = self.raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => text.extend(chars.next()),
                '{' if chars.peek() == Some(&'}') => {
                    chars.next();
                    if !text.is_empty() {
                        pieces.push(TemplatePiece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(TemplatePiece::Placeholder);
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(TemplatePiece::Text(text));
        }
        pieces
    }

    /// How many `{}` placeholders the template has.
    pub fn placeholders(&self) -> usize {
        self.template()
            .iter()
            .filter(|p| **p == TemplatePiece::Placeholder)
            .count()
    }
}

/// Why a call did not parse: the character offset of the problem and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {offset}: {message}")]
pub struct IntrinsicError {
    pub offset: usize,
    pub message: String,
}

/// Parses a whole intrinsic call; the text must be exactly the call, with no whitespace
/// around it (whitespace between arguments is fine).
pub fn parse(text: &str) -> Result<Call, IntrinsicError> {
    parse::parse_call(text)
}

/// A cheap test for "this string is meant as an intrinsic call": `States.`, a name, `(`.
pub fn is_intrinsic_call(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("States.") else {
        return false;
    };
    let name_len = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    name_len > 0 && rest[name_len..].starts_with('(')
}

/// How many arguments a function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub name: &'static str,
    pub min_args: usize,
    /// `None`: any number from `min_args` up.
    pub max_args: Option<usize>,
}

const fn exactly(name: &'static str, n: usize) -> Signature {
    Signature {
        name,
        min_args: n,
        max_args: Some(n),
    }
}

/// Every intrinsic function, with the arity the AWS guide gives.
pub const FUNCTIONS: &[Signature] = &[
    // Arrays.
    Signature {
        name: "States.Array",
        min_args: 0,
        max_args: None,
    },
    exactly("States.ArrayPartition", 2),
    exactly("States.ArrayContains", 2),
    exactly("States.ArrayRange", 3),
    exactly("States.ArrayGetItem", 2),
    exactly("States.ArrayLength", 1),
    exactly("States.ArrayUnique", 1),
    // Encoding.
    exactly("States.Base64Encode", 1),
    exactly("States.Base64Decode", 1),
    // Hashing: data and algorithm.
    exactly("States.Hash", 2),
    // JSON: JsonMerge's third argument is the deep-merge flag, which must be `false`.
    exactly("States.JsonMerge", 3),
    exactly("States.StringToJson", 1),
    exactly("States.JsonToString", 1),
    // Math: MathRandom's third argument, the seed, is optional.
    Signature {
        name: "States.MathRandom",
        min_args: 2,
        max_args: Some(3),
    },
    exactly("States.MathAdd", 2),
    // Strings.
    exactly("States.StringSplit", 2),
    // Identifiers.
    exactly("States.UUID", 0),
    // Generic: a template, then one argument per `{}`.
    Signature {
        name: "States.Format",
        min_args: 1,
        max_args: None,
    },
];

/// The signature of a function by its full name (`States.MathAdd`); names are case-sensitive.
pub fn signature(name: &str) -> Option<&'static Signature> {
    FUNCTIONS.iter().find(|s| s.name == name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallProblemKind {
    /// No intrinsic function has this name.
    Unknown,
    /// Too few or too many arguments, including a `States.Format` whose literal template has
    /// a different number of `{}` than it is given values.
    Arity,
    /// A literal argument, or a nested call's result, of a type the function does not take
    /// (`States.MathAdd(1, '-1')`); path arguments are not checked.
    ArgType,
}

/// Something wrong with a call that parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallProblem {
    pub kind: CallProblemKind,
    /// Character offset of the offending call's name.
    pub offset: usize,
    pub message: String,
}

/// Checks names, argument counts and literal argument types of `call` and every call nested in it; problems come in
/// the order the calls appear in the text.
pub fn check(call: &Call) -> Vec<CallProblem> {
    let mut problems = Vec::new();
    let mut stack = vec![call];
    while let Some(call) = stack.pop() {
        check_one(call, &mut problems);
        stack.extend(call.args.iter().rev().filter_map(|a| match a {
            Arg::Call(inner) => Some(inner),
            _ => None,
        }));
    }
    problems
}

fn check_one(call: &Call, problems: &mut Vec<CallProblem>) {
    let problem = |kind, message| CallProblem {
        kind,
        offset: call.offset,
        message,
    };
    let Some(sig) = signature(&call.name) else {
        let hint = FUNCTIONS
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(&call.name))
            .map(|s| format!("; did you mean {}?", s.name))
            .unwrap_or_default();
        problems.push(problem(
            CallProblemKind::Unknown,
            format!("unknown intrinsic function {}{hint}", call.name),
        ));
        return;
    };
    let got = call.args.len();
    if got < sig.min_args || sig.max_args.is_some_and(|max| got > max) {
        problems.push(problem(
            CallProblemKind::Arity,
            format!("{} takes {}, got {got}", sig.name, arity_text(sig)),
        ));
        return;
    }
    for (_, message) in types::mismatches(call) {
        problems.push(problem(CallProblemKind::ArgType, message));
    }
    if let (true, Some(Arg::String(template))) = (sig.name == "States.Format", call.args.first()) {
        let wanted = template.placeholders();
        if got - 1 != wanted {
            problems.push(problem(
                CallProblemKind::Arity,
                format!(
                    "States.Format template has {wanted} {{}} placeholder{}, so it takes {}, got {got}",
                    if wanted == 1 { "" } else { "s" },
                    count_text(wanted + 1),
                ),
            ));
        }
    }
}

fn count_text(n: usize) -> String {
    match n {
        0 => "no arguments".to_string(),
        1 => "1 argument".to_string(),
        n => format!("{n} arguments"),
    }
}

fn arity_text(sig: &Signature) -> String {
    match sig.max_args {
        Some(max) if max == sig.min_args => count_text(max),
        Some(max) if max == sig.min_args + 1 => format!("{} or {max} arguments", sig.min_args),
        Some(max) => format!("{} to {max} arguments", sig.min_args),
        None => format!("at least {}", count_text(sig.min_args)),
    }
}

/// How many calls the expression makes, `call` included (see [`MAX_CALLS_PER_FIELD`]).
pub fn count_calls(call: &Call) -> usize {
    let mut count = 0;
    let mut stack = vec![call];
    while let Some(call) = stack.pop() {
        count += 1;
        stack.extend(call.args.iter().filter_map(|a| match a {
            Arg::Call(inner) => Some(inner),
            _ => None,
        }));
    }
    count
}

impl Call {
    /// Every path argument in the expression, nested calls included, with its character
    /// offset, in text order: what a validator needs to check variable references.
    pub fn paths(&self) -> Vec<(usize, &JsonPath)> {
        let mut paths = Vec::new();
        let mut stack = vec![self];
        while let Some(call) = stack.pop() {
            for (arg, offset) in call.args.iter().zip(&call.arg_offsets) {
                match arg {
                    Arg::Path(p) => paths.push((*offset, p)),
                    Arg::Call(inner) => stack.push(inner),
                    _ => {}
                }
            }
        }
        paths.sort_by_key(|(offset, _)| *offset);
        paths
    }
}

impl FromStr for Call {
    type Err = IntrinsicError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name)?;
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{arg}")?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::String(s) => write!(f, "'{}'", s.raw),
            Arg::Number(n) => f.write_str(&without_exponent(n)),
            Arg::Bool(b) => write!(f, "{b}"),
            Arg::Null => f.write_str("null"),
            Arg::Path(p) => write!(f, "{p}"),
            Arg::Call(c) => write!(f, "{c}"),
        }
    }
}

/// `n` written out without an exponent (`1e21` as `1000000000000000000000`): the intrinsic
/// grammar has none, yet a literal too large for a 64-bit integer is kept as a double, which
/// prints with one. Found by fuzzing (a printed call did not parse back).
fn without_exponent(n: &Number) -> String {
    let text = n.to_string();
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return text;
    };
    let Ok(exponent) = exponent.parse::<i64>() else {
        return text;
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    // Where the decimal point falls in `digits`.
    let point = whole.len() as i64 + exponent;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    format!("{sign}{plain}")
}
