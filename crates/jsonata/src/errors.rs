//! `jsonata-core`'s errors as jsonata-js's: code, message wording, token.

use jsonata_core::evaluator::{error_code_prefix, EvaluatorError};

use crate::Error;

/// An evaluation error: `jsonata-core` puts the code at the head of its message (`T2002: ...`).
pub(crate) fn evaluation_error(e: &EvaluatorError) -> Error {
    coded(e.message(), "D0000")
}

/// Splits `CODE: message`; a message without a code gets `fallback`.
pub(crate) fn coded(message: &str, fallback: &str) -> Error {
    match error_code_prefix(message) {
        Some(code) => Error::new(code, message[code.len() + 1..].trim_start()),
        None => Error::new(fallback, message),
    }
}

/// jsonata-js's message for a syntax error `code`, with the token quoted as it quotes it
/// (`JSON.stringify`).
pub(crate) fn message_for(code: &str, token: Option<&str>) -> String {
    let quoted = || serde_json::to_string(token.unwrap_or("")).unwrap_or_default();
    match code {
        "S0101" => "String literal must be terminated by a matching quote".into(),
        "S0102" => format!("Number out of range: {}", quoted()),
        "S0103" => format!("Unsupported escape sequence: \\{}", quoted()),
        "S0104" => "The escape sequence \\u must be followed by 4 hex digits".into(),
        "S0105" => "Quoted property name must be terminated with a backquote (`)".into(),
        "S0106" => "Comment has no closing tag".into(),
        "S0201" => format!("Syntax error: {}", quoted()),
        "S0204" => format!("Unknown operator: {}", quoted()),
        "S0205" => format!("Unexpected token: {}", quoted()),
        "S0207" => "Unexpected end of expression".into(),
        "S0211" => format!("The symbol {} cannot be used as a unary operator", quoted()),
        "S0301" => "Empty regular expressions are not allowed".into(),
        "S0302" => "No terminating / in regular expression".into(),
        _ => String::new(),
    }
}
