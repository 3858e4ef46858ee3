//! How a syntax error is worded: the token as jsonata-js shows it and its message.

use jsonata_core::parser::ParserError;

use crate::errors::{coded, json_string};
use crate::lexer::{Kind, Token};
use crate::Error;

/// A token as jsonata-js shows it: `text` in the error's `token`, `json` in its message.
pub(super) struct Shown {
    pub(super) text: String,
    pub(super) json: String,
}

/// jsonata-js's value of a token: a name without backticks or `$`, a string decoded, a
/// number as a number, and as JSON a string quoted, a number or `true` bare.
pub(super) fn shown(token: &Token) -> Shown {
    match token.kind {
        Kind::Number => {
            let text = token
                .value
                .parse::<f64>()
                .map(js_number)
                .unwrap_or_else(|_| token.value.clone());
            Shown {
                json: text.clone(),
                text,
            }
        }
        Kind::Value => Shown {
            text: token.value.clone(),
            json: token.value.clone(),
        },
        // A regex token is a RegExp object to jsonata-js, which JSON shows as `{}`.
        Kind::Regex => Shown {
            text: token.value.clone(),
            json: "{}".to_string(),
        },
        _ => Shown {
            text: token.value.clone(),
            json: json_string(&token.value),
        },
    }
}

/// An error worded by jsonata-js's template for `code`.
pub(super) fn worded(
    code: &str,
    token: Option<Shown>,
    value: Option<String>,
    position: usize,
) -> Error {
    let message = crate::errors::message(
        code,
        token.as_ref().map(|t| t.json.as_str()),
        value.as_deref(),
    );
    let mut e = Error::new(code, message);
    e.position = Some(position);
    e.token = token.map(|t| t.text);
    e
}

/// jsonata-js's error for `tokens[k]`, the token at fault, from jsonata-core's `e`.
pub(super) fn token_error(e: &ParserError, tokens: &[Token], k: usize) -> Error {
    let token = &tokens[k];
    match e {
        // Operators jsonata-js's lexer knows but its parser does not.
        _ if token.is_op("!") || token.is_op("~") => {
            worded("S0204", Some(shown(token)), None, token.end)
        }
        ParserError::UnexpectedToken(_) => worded("S0211", Some(shown(token)), None, token.end),
        ParserError::Expected { expected, .. } if expected == "parameter name" => worded(
            "S0208",
            Some(shown(token)),
            Some(parameter_index(tokens, k).to_string()),
            token.end,
        ),
        ParserError::Expected { expected, .. } => worded(
            "S0202",
            Some(shown(token)),
            Some(json_string(symbol_of(expected))),
            token.end,
        ),
        ParserError::Coded { code, message } if *code == "S0214" => {
            let op = message.chars().last().map(String::from).unwrap_or_default();
            let op = Shown {
                json: json_string(&op),
                text: op,
            };
            // jsonata-js places it at the right side, the token after the operator.
            let at = if token.is_op("@") || token.is_op("#") {
                tokens.get(k + 1).unwrap_or(token)
            } else {
                token
            };
            worded(code, Some(op), None, at.end)
        }
        other => {
            let mut core = coded(&core_message(other), "S0201");
            if core.code == "S0201" {
                return worded("S0201", Some(shown(token)), None, token.end);
            }
            // Its wording is jsonata-js's already; only the place is added. A step's
            // predicate or group is placed, as jsonata-js places nodes, at its opening token.
            core.position = match core.code.as_str() {
                "S0209" | "S0210" => Some(opener_of(tokens, k).map_or(token.end, |t| t.end)),
                // A literal used as a step: at that literal (the message names it).
                "S0213" => {
                    let literal = core.message.split(" cannot").next().unwrap_or_default();
                    let literal = literal.trim_start_matches("The literal value ");
                    Some(
                        tokens[..=k]
                            .iter()
                            .rev()
                            .find(|t| {
                                matches!(t.kind, Kind::Number | Kind::Value)
                                    && shown(t).text == literal
                            })
                            .map_or(token.end, |t| t.end),
                    )
                }
                // A binding out of order: placed at its `@`.
                // An error jsonata-js raises when evaluating a call (`2()`): at its `(`.
                c if !c.starts_with('S') => Some(opener_of(tokens, k).map_or(token.end, |t| t.end)),
                "S0215" | "S0216" => Some(
                    tokens[..=k]
                        .iter()
                        .rev()
                        .find(|t| t.is_op("@"))
                        .map_or(token.end, |t| t.end),
                ),
                // jsonata-js finds this after parsing, with no place, naming the operator.
                "S0217" => {
                    core.token = Some("parent".to_string());
                    None
                }
                _ => Some(token.end),
            };
            core
        }
    }
}

/// jsonata-core's message without the variant's prefix.
pub(super) fn core_message(e: &ParserError) -> String {
    match e {
        ParserError::InvalidSyntax(m) | ParserError::InvalidNumber(m) => m.clone(),
        other => other.to_string(),
    }
}

pub(super) fn js_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
}

/// The symbol jsonata-core names by its token variant.
pub(super) fn symbol_of(variant: &str) -> &str {
    match variant {
        "RightParen" => ")",
        "LeftParen" => "(",
        "RightBracket" => "]",
        "LeftBracket" => "[",
        "RightBrace" => "}",
        "LeftBrace" => "{",
        "Colon" => ":",
        "Comma" => ",",
        "Semicolon" => ";",
        "Pipe" => "|",
        "GreaterThan" => ">",
        "LessThan" => "<",
        "Dot" => ".",
        other => other,
    }
}

/// Which parameter (from 1) `tokens[k]` is in a `function(...)` parameter list.
pub(super) fn parameter_index(tokens: &[Token], k: usize) -> usize {
    let mut index = 1;
    for token in tokens[..k].iter().rev() {
        if token.is_op("(") {
            break;
        }
        if token.is_op(",") {
            index += 1;
        }
    }
    index
}

/// The bracket that `tokens[k]` (a closing one) closes.
pub(super) fn opener_of(tokens: &[Token], k: usize) -> Option<&Token> {
    let mut depth = 0usize;
    for token in tokens[..=k].iter().rev() {
        if token.kind != Kind::Operator {
            continue;
        }
        match token.value.as_str() {
            ")" | "]" | "}" => depth += 1,
            "(" | "[" | "{" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(token);
                }
            }
            _ => {}
        }
    }
    None
}
