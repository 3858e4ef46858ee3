//! What jsonata 2.0.6 refuses although jsonata-core (2.2) accepts it.

use jsonata_core::ast::{AstNode, BinaryOp};

use super::open::{step, Open};
use super::words::{opener_of, shown, worded};
use crate::errors::json_string;
use crate::lexer::{Kind, Token};
use crate::Error;

/// The first token that jsonata 2.0.6 refuses although jsonata-core (2.2) accepts it.
pub(super) fn dialect_fault(tokens: &[Token]) -> Option<(usize, Error)> {
    let mut stack = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // A signature (`<s?:s>`) has its own syntax; jsonata-js reads it up to its `>`,
        // stopping at a `{` (the body) that comes first.
        if matches!(stack.last(), Some(Open::Signature(_))) {
            if token.is_op("{") {
                let e = worded(
                    "S0202",
                    Some(shown(token)),
                    Some(json_string(">")),
                    token.end,
                );
                return Some((i, e));
            }
            step(&mut stack, tokens, i, token);
            continue;
        }
        // `:=` checks its left side before reading its right one (S0212), at the left
        // side's node: its opening bracket, or its token.
        if token.is_op(":=") && i > 0 && tokens[i - 1].kind != Kind::Variable {
            let left = &tokens[i - 1];
            let at =
                if matches!(left.value.as_str(), ")" | "]" | "}") && left.kind == Kind::Operator {
                    opener_of(tokens, i - 1).map_or(left.end, |t| t.end)
                } else {
                    left.end
                };
            return Some((i, worded("S0212", Some(shown(left)), None, at)));
        }
        // `??` and `?:`: the second character cannot begin an operand.
        if i > 0
            && tokens[i - 1].is_op("?")
            && tokens[i - 1].end == token.start
            && (token.is_op("?") || token.is_op(":"))
        {
            return Some((i, worded("S0211", Some(shown(token)), None, token.end)));
        }
        if token.is_op("..") {
            match stack.last() {
                Some(Open::Bracket {
                    items: true,
                    ranged: false,
                }) => {}
                Some(open) => {
                    let e = worded(
                        "S0202",
                        Some(shown(token)),
                        Some(json_string(open.closer())),
                        token.end,
                    );
                    return Some((i, e));
                }
                None => return Some((i, worded("S0201", Some(shown(token)), None, token.end))),
            }
        }
        step(&mut stack, tokens, i, token);
    }
    None
}

/// S0212: `:=` with something other than a variable on its left, which jsonata-core takes.
/// jsonata-js places it at the left side, the token before the `:=`.
pub(super) fn assignment_fault(ast: &AstNode, tokens: &[Token]) -> Option<Error> {
    if !has_bad_assignment(ast) {
        return None;
    }
    let k = tokens
        .iter()
        .enumerate()
        .position(|(i, t)| t.is_op(":=") && i > 0 && tokens[i - 1].kind != Kind::Variable)?;
    let left = &tokens[k - 1];
    Some(worded("S0212", Some(shown(left)), None, left.end))
}

pub(super) fn has_bad_assignment(node: &AstNode) -> bool {
    let mut found = false;
    crate::analysis::visit(node, &mut |n| {
        if let AstNode::Binary {
            op: BinaryOp::ColonEqual,
            lhs,
            ..
        } = n
        {
            found |= !matches!(lhs.as_ref(), AstNode::Variable(_));
        }
        !found
    });
    found
}
