//! JSONata `{% %}` strings of JSONata states: their delimiters, their syntax (JSONata 2.0.6, as
//! AWS runs it), the functions they call, and the `$states` fields and workflow variables they
//! read.
//!
//! Positions: a syntax error's `at N` counts characters of the expression as JSONata sees it,
//! the text between `{%` and `%}` (so `"{% 1 + %}"` reports `at 5`, as jsonata-js does for
//! `" 1 + "`). The diagnostic's `range` counts characters of the whole string value, delimiters
//! included, so the code view can underline the characters themselves.

use super::Ctx;
use crate::diagnostic::{Code, Diagnostic, TextRange};
use crate::pointer::Loc;
use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;
use std::ops::RangeInclusive;
use std::sync::{Arc, LazyLock, Mutex};
use stepwise_jsonata::{builtin_arity, Call, Error, Expression, VariableRead};

/// What `$states` holds in the field being checked. AWS, "Reserved variable: $states":
/// `$states.input` and `$states.context` everywhere; `$states.result` (the API or sub-workflow
/// result) only in Output and Assign of Task, Parallel and Map; `$states.errorOutput` only in a
/// Catch's Output and Assign. "Attempting to access $states.result or $states.errorOutput in
/// fields and states where they are not accessible will be caught at creation".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatesFields {
    /// `input` and `context` only.
    Plain,
    /// Also `result`.
    Result,
    /// Also `errorOutput`.
    ErrorOutput,
}

/// Functions Step Functions adds to JSONata, with the argument counts AWS documents
/// ("JSONata functions provided by Step Functions").
const AWS_FUNCTIONS: &[(&str, RangeInclusive<usize>)] = &[
    ("partition", 2..=2),
    ("range", 3..=3),
    // `$hash(value, algorithm)`; the algorithm is documented with every example, but a missing
    // one is left for the run to report rather than rejected here.
    ("hash", 1..=2),
    // `$random()` or `$random(seed)`.
    ("random", 0..=1),
    ("uuid", 0..=0),
    ("parse", 1..=1),
];

/// The argument counts a function name takes in Step Functions, `None` for a name that is no
/// function there. AWS's own functions win over JSONata built-ins of the same name (`$random`
/// takes a seed in Step Functions).
pub(crate) fn function_arity(name: &str) -> Option<RangeInclusive<usize>> {
    AWS_FUNCTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| r.clone())
        .or_else(|| builtin_arity(name))
}

/// Whether `name` (without `$`) is a function Step Functions provides, so a bare `$name` read
/// is a function value, not a workflow variable.
pub(crate) fn is_function(name: &str) -> bool {
    name == "eval" || function_arity(name).is_some()
}

/// What the checks need of an expression.
struct Analysis {
    calls: Vec<Call>,
    reads: Vec<VariableRead>,
}

/// Analyses by expression text. The app validates the whole document after every edit, and an
/// edit changes one expression at most: the others are looked up, not parsed again. Parsing is
/// pure, so a cached answer is the answer.
static ANALYSES: LazyLock<Mutex<HashMap<String, Shared>>> = LazyLock::new(Default::default);

/// A parse outcome as the cache shares it.
type Shared = Arc<Result<Analysis, Error>>;

/// How many analyses are kept; past it the cache starts over (bounded memory, simple).
const ANALYSES_KEPT: usize = 20_000;

fn analyse(text: &str) -> Shared {
    let cache = || ANALYSES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache().get(text) {
        return Arc::clone(found);
    }
    let analysis = Arc::new(Expression::parse(text).map(|expr| Analysis {
        calls: expr.calls(),
        reads: expr.free_variables(),
    }));
    let mut cache = cache();
    if cache.len() >= ANALYSES_KEPT {
        cache.clear();
    }
    cache.insert(text.to_string(), Arc::clone(&analysis));
    analysis
}

/// Forgets every cached expression analysis (for measuring validation from cold).
pub fn forget_expressions() {
    ANALYSES.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// How a string is written.
enum Shape<'s> {
    /// No `{%` and no `%}`: a literal.
    Literal,
    /// `{% ... %}`: the expression text between the delimiters and the character offset of its
    /// first character in the string.
    Expression(&'s str, usize),
    /// Opens `{%` but does not close it.
    Unclosed,
    /// Closes `%}` but does not open it.
    Unopened,
}

fn shape(s: &str) -> Shape<'_> {
    let t = s.trim();
    let (opens, closes) = (t.starts_with("{%"), t.ends_with("%}"));
    match (opens, closes) {
        (false, false) => Shape::Literal,
        (true, true) if t.len() >= 4 => {
            let lead = s.len() - s.trim_start().len();
            Shape::Expression(&t[2..t.len() - 2], s[..lead].chars().count() + 2)
        }
        (true, _) => Shape::Unclosed,
        (false, true) => Shape::Unopened,
    }
}

/// Whether a string is meant as a JSONata expression, well formed or not: it opens with `{%`
/// or closes with `%}`. Such a string in a field that takes a number or a timestamp is a
/// broken expression, not a value of the wrong type.
pub fn is_meant_as_expression(s: &str) -> bool {
    !matches!(shape(s), Shape::Literal)
}

/// Checks every string in `value` (objects and arrays at any depth) as a possible JSONata
/// expression of a JSONata state.
pub(crate) fn check_value(ctx: &mut Ctx, ptr: &Loc<'_>, value: &Value, states: StatesFields) {
    match value {
        Value::String(s) => check_string(ctx, ptr, s, states),
        Value::Object(map) => {
            for (k, v) in map {
                check_value(ctx, &ptr.key(k), v, states);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_value(ctx, &ptr.index(i), v, states);
            }
        }
        _ => {}
    }
}

/// Checks one string of a JSONata state: a literal passes; `{% ... %}` must parse and call
/// and read only what Step Functions provides.
pub(crate) fn check_string(ctx: &mut Ctx, ptr: &Loc<'_>, s: &str, states: StatesFields) {
    let (text, offset) = match shape(s) {
        Shape::Literal => return,
        Shape::Unclosed => {
            ctx.error(
                Code::InvalidJsonata,
                ptr,
                format!("JSONata expression is not closed with %}}: {s:?}"),
            );
            return;
        }
        Shape::Unopened => {
            ctx.error(
                Code::InvalidJsonata,
                ptr,
                format!("the string ends with %}} but does not start with {{%; a JSONata expression is written \"{{% ... %}}\": {s:?}"),
            );
            return;
        }
        Shape::Expression(text, offset) => (text, offset),
    };
    if text.trim().is_empty() {
        ctx.error(
            Code::InvalidJsonata,
            ptr,
            "JSONata expression between {% and %} is empty",
        );
        return;
    }
    // A `${Name}` placeholder is some value once substituted: parsed as a name.
    let filled;
    let text = if crate::placeholder::has_placeholder(text) {
        filled = crate::placeholder::with_identifiers(text);
        filled.as_str()
    } else {
        text
    };
    let parsed = analyse(text);
    let expr = match parsed.as_ref() {
        Ok(expr) => expr,
        Err(e) => {
            let (message, range) = match e.position {
                Some(at) => (
                    format!("{} at {at}", e.message),
                    Some(error_range(text, offset, at, e.token.as_deref())),
                ),
                None => (e.message.clone(), None),
            };
            push(
                ctx,
                Diagnostic::error(Code::JsonataSyntax, ptr.render(), message),
                range,
            );
            return;
        }
    };
    check_calls(ctx, ptr, expr, text, offset);
    check_reads(ctx, ptr, expr, text, offset, states);
}

/// Where to underline a syntax error that jsonata-js places at `at` (just after the token at
/// fault): the token itself when the text there is the token; the closing `%}` when the
/// expression ended too early; else the one character before `at`.
fn error_range(text: &str, offset: usize, at: usize, token: Option<&str>) -> TextRange {
    let chars: Vec<char> = text.chars().collect();
    let at = at.min(chars.len());
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        let width = token.chars().count();
        if width <= at && chars[at - width..at].iter().copied().eq(token.chars()) {
            return within(text, offset, at - width, at);
        }
    }
    let content_end = text.trim_end().chars().count();
    if at >= content_end {
        let close = offset + chars.len();
        return TextRange {
            start: close,
            end: close + 2,
        };
    }
    within(text, offset, at.saturating_sub(1), at)
}

/// Characters `[from, to)` of the expression text as a range of the whole string, clamped to
/// the expression and at least one character wide where the expression has one.
fn within(text: &str, offset: usize, from: usize, to: usize) -> TextRange {
    let len = text.chars().count();
    let to = to.min(len);
    let from = from.min(to);
    let (from, to) = if from == to && len > 0 {
        (to.saturating_sub(1), to.max(1))
    } else {
        (from, to)
    };
    TextRange {
        start: offset + from,
        end: offset + to,
    }
}

fn push(ctx: &mut Ctx, d: Diagnostic, range: Option<TextRange>) {
    ctx.diags.push(d.with_range(range));
}

/// The characters of `$name` at `position` (jsonata-js positions point past the token).
fn name_range(text: &str, offset: usize, position: usize, name: &str) -> TextRange {
    let width = name.chars().count() + 1;
    within(text, offset, position.saturating_sub(width), position)
}

fn check_calls(ctx: &mut Ctx, ptr: &Loc<'_>, expr: &Analysis, text: &str, offset: usize) {
    for call in &expr.calls {
        if call.local {
            continue;
        }
        let range = Some(name_range(text, offset, call.position, &call.name));
        let name = &call.name;
        if name == "eval" {
            let d = Diagnostic::error(
                Code::JsonataUnknownFunction,
                ptr.render(),
                "$eval is not available in Step Functions; use $parse to read JSON text",
            );
            push(ctx, d, range);
            continue;
        }
        let Some(arity) = function_arity(name) else {
            let d = Diagnostic::error(
                Code::JsonataUnknownFunction,
                ptr.render(),
                format!("${name} is not a function: neither a JSONata 2.0.6 built-in, nor one Step Functions adds ($partition, $range, $hash, $random, $uuid, $parse), nor defined in the expression"),
            );
            push(ctx, d, range);
            continue;
        };
        if !arity.contains(&call.args) {
            let d = Diagnostic::error(
                Code::JsonataArity,
                ptr.render(),
                format!("${name} takes {}, not {}", arguments(&arity), call.args),
            );
            push(ctx, d, range);
        }
    }
}

fn count(n: usize) -> String {
    match n {
        1 => "1 argument".to_string(),
        n => format!("{n} arguments"),
    }
}

fn arguments(r: &RangeInclusive<usize>) -> String {
    match (*r.start(), *r.end()) {
        (a, b) if a == b => count(a),
        (a, b) if b == a + 1 => format!("{a} or {b} arguments"),
        (a, usize::MAX) => format!("at least {}", count(a)),
        (a, b) => format!("{a} to {b} arguments"),
    }
}

fn check_reads(
    ctx: &mut Ctx,
    ptr: &Loc<'_>,
    expr: &Analysis,
    text: &str,
    offset: usize,
    states: StatesFields,
) {
    for read in &expr.reads {
        let range = Some(name_range(text, offset, read.position, &read.name));
        if read.name == "states" {
            let unavailable = match read.path.first().map(String::as_str) {
                Some("result") if states != StatesFields::Result => Some((
                    "$states.result",
                    "only in Output and Assign of Task, Parallel and Map states",
                )),
                Some("errorOutput") if states != StatesFields::ErrorOutput => Some((
                    "$states.errorOutput",
                    "only in Output and Assign of a Catch",
                )),
                _ => None,
            };
            if let Some((what, where_)) = unavailable {
                let d = Diagnostic::error(
                    Code::JsonataStatesUnavailable,
                    ptr.render(),
                    format!("{what} is not available here; Step Functions provides it {where_}"),
                );
                push(ctx, d, range);
            }
        } else if !is_function(&read.name) {
            ctx.read_variable(ptr, &read.name, range);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(matches!(shape("plain"), Shape::Literal));
        assert!(matches!(shape("{% $x"), Shape::Unclosed));
        assert!(matches!(shape("{%"), Shape::Unclosed));
        assert!(matches!(shape("100%}"), Shape::Unopened));
        assert!(matches!(shape("{% 1 %}"), Shape::Expression(" 1 ", 2)));
        assert!(matches!(shape("  {%x%} "), Shape::Expression("x", 4)));
        assert!(is_meant_as_expression("{% $x"));
        assert!(!is_meant_as_expression("50 %"));
    }

    #[test]
    fn arity_words() {
        assert_eq!(arguments(&(1..=1)), "1 argument");
        assert_eq!(arguments(&(1..=2)), "1 or 2 arguments");
        assert_eq!(arguments(&(1..=4)), "1 to 4 arguments");
        assert_eq!(arguments(&(2..=usize::MAX)), "at least 2 arguments");
    }

    #[test]
    fn ranges_stay_inside_the_expression() {
        assert_eq!(within(" 1 + ", 2, 4, 5), TextRange { start: 6, end: 7 });
        assert_eq!(within("ab", 2, 9, 9), TextRange { start: 3, end: 4 });
    }

    #[test]
    fn syntax_errors_underline_the_token_or_the_end() {
        // `{% 1 +* 2 %}`: the token `2` ends at 7 of " 1 +* 2 ".
        assert_eq!(
            error_range(" 1 +* 2 ", 2, 7, Some("2")),
            TextRange { start: 8, end: 9 }
        );
        // `{% 1 + %}`: the expression ends too early; the closing `%}` is underlined.
        assert_eq!(
            error_range(" 1 + ", 2, 5, Some("(end)")),
            TextRange { start: 7, end: 9 }
        );
        // A token that is not the text before the position: the character before it.
        assert_eq!(
            error_range(" a ?? b ", 2, 5, Some("x")),
            TextRange { start: 6, end: 7 }
        );
    }
}
