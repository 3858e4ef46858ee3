//! The constructs left open after some tokens, which say what an error at the end expected.

use crate::lexer::{Kind, Token};

/// A construct still open after some tokens, as far as its closer goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Open {
    Paren {
        parameters: bool,
    },
    /// `[`: an array constructor (`items`) or a predicate; `ranged` once its item has `..`.
    Bracket {
        items: bool,
        ranged: bool,
    },
    /// `{`: `value` when past the `:` of the current pair.
    Brace {
        value: bool,
    },
    /// A lambda's body `{ ... }`.
    Body,
    /// `|location|update[,delete]|`, with the number of `|` seen.
    Transform(u8),
    /// After a lambda's parameters, before its body.
    AwaitBody,
    /// A lambda's signature `<...>`, with its nesting.
    Signature(u32),
}

impl Open {
    /// What jsonata-js expects next to close it (or, for `{`, to continue it).
    pub(super) fn closer(self) -> &'static str {
        match self {
            Open::Paren { .. } => ")",
            Open::Bracket { .. } => "]",
            Open::Brace { value: false } => ":",
            Open::Brace { value: true } | Open::Body => "}",
            Open::Transform(_) => "|",
            Open::AwaitBody => "{",
            Open::Signature(_) => ">",
        }
    }
}

/// The constructs open after `tokens`, innermost last.
pub(super) fn open_constructs(tokens: &[Token]) -> Vec<Open> {
    let mut stack = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        step(&mut stack, tokens, i, token);
    }
    stack
}

/// Tracks the open constructs across `token` (the `i`-th).
pub(super) fn step(stack: &mut Vec<Open>, tokens: &[Token], i: usize, token: &Token) {
    if let Some(Open::Signature(depth)) = stack.last_mut() {
        if token.is_op("<") {
            *depth += 1;
        } else if token.is_op(">") {
            if *depth == 0 {
                stack.pop();
                stack.push(Open::AwaitBody);
            } else {
                *depth -= 1;
            }
        }
        return;
    }
    if let Some(Open::AwaitBody) = stack.last() {
        if token.is_op("<") {
            stack.pop();
            stack.push(Open::Signature(0));
            return;
        }
        if token.is_op("{") {
            stack.pop();
            stack.push(Open::Body);
            return;
        }
        stack.pop();
    }
    if token.kind != Kind::Operator {
        return;
    }
    let after_operand = i > 0 && ends_operand(&tokens[i - 1]);
    match token.value.as_str() {
        "(" => {
            let lambda = i > 0
                && tokens[i - 1].kind == Kind::Name
                && matches!(tokens[i - 1].value.as_str(), "function" | "λ");
            stack.push(Open::Paren { parameters: lambda });
        }
        ")" => {
            if let Some(Open::Paren { parameters }) = stack.pop() {
                if parameters {
                    stack.push(Open::AwaitBody);
                }
            }
        }
        "[" => stack.push(Open::Bracket {
            items: !after_operand,
            ranged: false,
        }),
        "{" => stack.push(Open::Brace { value: false }),
        "]" | "}" => {
            stack.pop();
        }
        ":" => {
            if let Some(Open::Brace { value }) = stack.last_mut() {
                *value = true;
            }
        }
        "," => match stack.last_mut() {
            Some(Open::Brace { value }) => *value = false,
            Some(Open::Bracket { ranged, .. }) => *ranged = false,
            _ => {}
        },
        "|" => match stack.last_mut() {
            Some(Open::Transform(n)) if *n == 2 => {
                stack.pop();
            }
            Some(Open::Transform(n)) => *n += 1,
            _ if !after_operand => stack.push(Open::Transform(1)),
            _ => {}
        },
        ".." => {
            if let Some(Open::Bracket {
                items: true,
                ranged,
            }) = stack.last_mut()
            {
                *ranged = true;
            }
        }
        _ => {}
    }
}

pub(super) fn ends_operand(token: &Token) -> bool {
    match token.kind {
        Kind::Operator => matches!(token.value.as_str(), ")" | "]" | "}"),
        _ => true,
    }
}
