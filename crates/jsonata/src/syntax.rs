//! Parsing: `jsonata-core`'s parser, with jsonata-js 2.0.6's language, errors and positions.
//!
//! # Where a syntax error is
//!
//! `jsonata-core` says what is wrong but not where. jsonata-js places an error at the token
//! at fault (its position is where its lexer stood after that token). Both parsers are
//! top-down and read tokens left to right, deciding with at most the next token in view, so
//! a *prefix* of the source made of its first k tokens is, for them, in one of three states:
//! a whole expression, the start of one (the parse fails only for want of more: "unexpected
//! end", "expected `)` before end"), or wrong. Once wrong, every longer prefix is wrong too:
//! the parser takes the same steps up to the same token and fails there. So the token at
//! fault is the first whose inclusion makes the prefix wrong, and being monotone it is found
//! by bisection, O(n log n) for n tokens, paid only when there is an error.
//!
//! An error at the end of the source (nothing was wrong, the text stopped) is jsonata-js's
//! S0203 "Expected `x` before end of expression" when a construct is left open — `x` being
//! what closes it — or S0207 otherwise; [`open_constructs`] works out which from the tokens.
//!
//! # Where 2.0.6 is stricter than `jsonata-core`
//!
//! `jsonata-core` follows jsonata 2.2, which accepts a few things 2.0.6 (the version AWS
//! runs) refuses. Those are checked here over the tokens, in source order with the rest, so
//! the first fault wins as in jsonata-js:
//! - `??` and `?:` (2.1's coalescing operators): 2.0.6 reads the second character as the
//!   start of an operand, which it cannot be (S0211);
//! - `..` outside an array constructor's item (`a..b`, `a[1..3]`): 2.0.6 only knows `..` in
//!   `[a..b]`; elsewhere it ends the operand and the construct around it finds `..` where
//!   its closer should be (S0202), or at the top level an extra token (S0201);
//! - `:=` with anything but a variable on its left (S0212).

use jsonata_core::ast::AstNode;
use jsonata_core::parser::{self, ParserError};

use crate::errors::{coded, json_string};
use crate::lexer::{self, Token};
use crate::Error;

mod dialect;
mod exists;
mod open;
mod words;

use dialect::{assignment_fault, dialect_fault};
use exists::exists_of_context;
use open::open_constructs;
use words::{core_message, token_error, worded, Shown};

/// The syntax tree and the tokens of `source`. A source jsonata-js parses but that can only
/// fail when evaluated (`2()`, T1006), which jsonata-core refuses when parsing, gives that
/// error in place of the tree: evaluation returns it.
pub(crate) type Parsed = (Result<AstNode, Error>, Vec<Token>);

pub(crate) fn parse(source: &str) -> Result<Parsed, Error> {
    let (tokens, lex_error) = match lexer::tokenize(source) {
        Ok(tokens) => (tokens, None),
        Err(e) => (e.tokens, Some(e.error)),
    };
    let dialect = dialect_fault(&tokens);
    if lex_error.is_none() && dialect.is_none() {
        return match parser::parse(source) {
            Ok(mut ast) => match assignment_fault(&ast, &tokens) {
                Some(e) => Err(e),
                None => {
                    exists_of_context(&mut ast);
                    Ok((Ok(ast), tokens))
                }
            },
            Err(e) if is_end(&e) => Err(end_error(source, &tokens, &e)),
            Err(full) => {
                let e = fault_error(source, &tokens, tokens.len())
                    .or_else(|| late_error(source, &tokens, &full))
                    .unwrap_or_else(|| coded(&core_message(&full), "S0201"));
                if e.code.starts_with(['T', 'D']) {
                    Ok((Err(e), tokens))
                } else {
                    Err(e)
                }
            }
        };
    }
    // Something in the tokens is wrong for 2.0.6, or the lexer stopped: what jsonata-core
    // finds wrong before that point comes first.
    let limit = dialect.as_ref().map_or(tokens.len(), |(k, _)| *k);
    let syntax = fault_error(source, &tokens, limit).or(dialect.map(|(_, e)| e));
    match (syntax, lex_error) {
        // jsonata-js reads the token after an operand's first token before it finds that
        // token cannot begin an operand (S0211): a lexical error there comes first.
        (Some(e), Some(lex)) if e.code == "S0211" && e.position == tokens.last().map(|t| t.end) => {
            Err(lex)
        }
        (Some(e), _) | (None, Some(e)) => Err(e),
        (None, None) => unreachable!("checked above"),
    }
}

/// The source up to the end of `tokens[k]`.
fn prefix<'s>(source: &'s str, tokens: &[Token], k: usize) -> &'s str {
    let end = tokens[k].end;
    match source.char_indices().nth(end) {
        Some((byte, _)) => &source[..byte],
        None => source,
    }
}

/// How a prefix of the source parses, for jsonata-js.
enum Prefix {
    /// A whole expression, or the start of one.
    Viable,
    /// Wrong here: jsonata-js fails while parsing.
    Wrong(ParserError),
    /// Wrong in a way jsonata-js finds only once the whole source has parsed: its checks of
    /// the tree (S0209, S0210, S0213, S0215-S0217), or an error it raises when evaluating.
    /// jsonata-core stopped there, so a longer prefix says the same.
    Late(ParserError),
}

fn classify(source: &str, tokens: &[Token], k: usize) -> Prefix {
    let e = match parser::parse(prefix(source, tokens, k)) {
        Ok(_) => return Prefix::Viable,
        Err(e) => e,
    };
    if is_end(&e) {
        return Prefix::Viable;
    }
    let code = coded(&core_message(&e), "S0201").code;
    match code.as_str() {
        // `a@` wants its variable: unfinished, as long as nothing follows the operator.
        "S0214" if tokens[k].is_op("@") || tokens[k].is_op("#") => Prefix::Viable,
        "S0209" | "S0210" | "S0213" | "S0215" | "S0216" | "S0217" => Prefix::Late(e),
        c if !c.starts_with('S') => Prefix::Late(e),
        _ => Prefix::Wrong(e),
    }
}

/// Whether the prefix of `k + 1` tokens is wrong (not merely unfinished); its error if so.
fn wrong_prefix(source: &str, tokens: &[Token], k: usize) -> Option<ParserError> {
    match classify(source, tokens, k) {
        Prefix::Wrong(e) => Some(e),
        _ => None,
    }
}

/// The source parses but for a check jsonata-js makes afterwards (or one it makes when
/// evaluating): placed at the first token from which jsonata-core reports it.
fn late_error(source: &str, tokens: &[Token], full: &ParserError) -> Option<Error> {
    if tokens.is_empty() {
        return None;
    }
    let is_late = |k: usize| !matches!(classify(source, tokens, k), Prefix::Viable);
    let (mut lo, mut hi) = (0, tokens.len() - 1);
    if !is_late(hi) {
        return Some(token_error(full, tokens, hi));
    }
    while lo < hi {
        let mid = (lo + hi) / 2;
        if is_late(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    match classify(source, tokens, hi) {
        Prefix::Late(e) | Prefix::Wrong(e) => Some(token_error(&e, tokens, hi)),
        Prefix::Viable => None,
    }
}

/// The first of `tokens[..limit]` at which jsonata-core finds the source wrong, as an error.
fn fault_error(source: &str, tokens: &[Token], limit: usize) -> Option<Error> {
    if limit == 0 || wrong_prefix(source, tokens, limit - 1).is_none() {
        return None;
    }
    // Invariant: the prefix through `hi` is wrong, every prefix through `< lo` is not.
    let (mut lo, mut hi) = (0, limit - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if wrong_prefix(source, tokens, mid).is_some() {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let e = wrong_prefix(source, tokens, hi)?;
    Some(token_error(&e, tokens, hi))
}

/// An error that only says the text stopped too early.
fn is_end(e: &ParserError) -> bool {
    match e {
        ParserError::UnexpectedEnd => true,
        ParserError::UnexpectedToken(t) => t == "Eof",
        ParserError::Expected { found, .. } => found == "Eof",
        _ => false,
    }
}

/// The error for the source stopping inside `tokens`' last open construct, or S0207.
fn end_error(source: &str, tokens: &[Token], _core: &ParserError) -> Error {
    let (code, value) = match (tokens.last(), open_constructs(tokens).last()) {
        // An order-by `^` wants its `(`.
        (Some(last), _) if last.is_op("^") => ("S0203", Some(json_string("("))),
        (_, Some(open)) => ("S0203", Some(json_string(open.closer()))),
        (_, None) => ("S0207", None),
    };
    let end = Shown {
        text: "(end)".to_string(),
        json: json_string("(end)"),
    };
    worded(code, Some(end), value, source.chars().count())
}
