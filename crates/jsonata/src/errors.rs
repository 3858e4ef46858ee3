//! `jsonata-core`'s errors as jsonata-js's: code, message wording, token.

use jsonata_core::evaluator::{error_code_prefix, EvaluatorError};

use crate::Error;

/// An evaluation error: `jsonata-core` puts the code at the head of its message (`T2002: ...`).
///
/// Running out of depth or time is U1001, worded as jsonata's own test harness words it
/// (jsonata-js has no limits itself; its suite imposes them that way, and AWS's cause for a
/// runaway recursion is no more specific).
pub(crate) fn evaluation_error(e: &EvaluatorError) -> Error {
    let mut out = coded(e.message(), "D0000");
    match out.code.as_str() {
        "D1011" | "U1001" => {
            out = Error::new(
                "U1001",
                "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.",
            )
        }
        // The watchdog's cancellation is the time limit (see `watchdog`).
        "D1012" | "U1003" => out = Error::new("U1001", "Expression evaluation timeout: Check for infinite loop"),
        _ => {}
    }
    out
}

/// Splits `CODE: message`, the code possibly after a preamble (`Signature validation
/// failed: T0410: ...`); a message without a code gets `fallback`.
pub(crate) fn coded(message: &str, fallback: &str) -> Error {
    let at = message
        .char_indices()
        .filter(|(i, _)| *i == 0 || message[..*i].ends_with(' '))
        .find_map(|(i, _)| error_code_prefix(&message[i..]).map(|code| (i, code)));
    match at {
        Some((i, code)) => Error::new(code, message[i + code.len() + 1..].trim_start()),
        None => Error::new(fallback, message),
    }
}

/// jsonata-js 2.0.6's message templates for the errors the parser reports, `{{token}}` and
/// `{{value}}` standing for the token and value as JSON (`JSON.stringify`, as jsonata-js
/// fills them: a name or string quoted, a number bare).
const TEMPLATES: &[(&str, &str)] = &[
    (
        "S0101",
        "String literal must be terminated by a matching quote",
    ),
    ("S0102", "Number out of range: {{token}}"),
    ("S0103", "Unsupported escape sequence: \\{{token}}"),
    (
        "S0104",
        "The escape sequence \\u must be followed by 4 hex digits",
    ),
    (
        "S0105",
        "Quoted property name must be terminated with a backquote (`)",
    ),
    ("S0106", "Comment has no closing tag"),
    ("S0201", "Syntax error: {{token}}"),
    ("S0202", "Expected {{value}}, got {{token}}"),
    ("S0203", "Expected {{value}} before end of expression"),
    ("S0204", "Unknown operator: {{token}}"),
    ("S0205", "Unexpected token: {{token}}"),
    ("S0207", "Unexpected end of expression"),
    (
        "S0208",
        "Parameter {{value}} of function definition must be a variable name (start with $)",
    ),
    (
        "S0209",
        "A predicate cannot follow a grouping expression in a step",
    ),
    ("S0210", "Each step can only have one grouping expression"),
    (
        "S0211",
        "The symbol {{token}} cannot be used as a unary operator",
    ),
    (
        "S0212",
        "The left side of := must be a variable name (start with $)",
    ),
    (
        "S0213",
        "The literal value {{value}} cannot be used as a step within a path expression",
    ),
    (
        "S0214",
        "The right side of {{token}} must be a variable name (start with $)",
    ),
    (
        "S0215",
        "A context variable binding must precede any predicates on a step",
    ),
    (
        "S0216",
        "A context variable binding must precede the 'order-by' clause on a step",
    ),
    (
        "S0217",
        "The object representing the 'parent' cannot be derived from this expression",
    ),
    ("S0301", "Empty regular expressions are not allowed"),
    ("S0302", "No terminating / in regular expression"),
];

/// jsonata-js's message for `code`, filled with `token` and `value`, already rendered as JSON.
pub(crate) fn message(code: &str, token: Option<&str>, value: Option<&str>) -> String {
    let Some((_, template)) = TEMPLATES.iter().find(|(c, _)| *c == code) else {
        return String::new();
    };
    template
        .replace("{{token}}", token.unwrap_or("undefined"))
        .replace("{{value}}", value.unwrap_or("undefined"))
}

/// `text` as `JSON.stringify` writes a string.
pub(crate) fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
