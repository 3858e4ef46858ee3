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

use jsonata_core::ast::{AstNode, BinaryOp};
use jsonata_core::parser::{self, ParserError};

use crate::errors::{coded, json_string};
use crate::lexer::{self, Kind, Token};
use crate::Error;

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

/// A token as jsonata-js shows it: `text` in the error's `token`, `json` in its message.
struct Shown {
    text: String,
    json: String,
}

/// jsonata-js's value of a token: a name without backticks or `$`, a string decoded, a
/// number as a number, and as JSON a string quoted, a number or `true` bare.
fn shown(token: &Token) -> Shown {
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
fn worded(code: &str, token: Option<Shown>, value: Option<String>, position: usize) -> Error {
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
fn token_error(e: &ParserError, tokens: &[Token], k: usize) -> Error {
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
fn core_message(e: &ParserError) -> String {
    match e {
        ParserError::InvalidSyntax(m) | ParserError::InvalidNumber(m) => m.clone(),
        other => other.to_string(),
    }
}

fn js_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
}

/// The symbol jsonata-core names by its token variant.
fn symbol_of(variant: &str) -> &str {
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
fn parameter_index(tokens: &[Token], k: usize) -> usize {
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
fn opener_of(tokens: &[Token], k: usize) -> Option<&Token> {
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

/// A construct still open after some tokens, as far as its closer goes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Open {
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
    fn closer(self) -> &'static str {
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
fn open_constructs(tokens: &[Token]) -> Vec<Open> {
    let mut stack = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        step(&mut stack, tokens, i, token);
    }
    stack
}

/// Tracks the open constructs across `token` (the `i`-th).
fn step(stack: &mut Vec<Open>, tokens: &[Token], i: usize, token: &Token) {
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

fn ends_operand(token: &Token) -> bool {
    match token.kind {
        Kind::Operator => matches!(token.value.as_str(), ")" | "]" | "}"),
        _ => true,
    }
}

/// The first token that jsonata 2.0.6 refuses although jsonata-core (2.2) accepts it.
fn dialect_fault(tokens: &[Token]) -> Option<(usize, Error)> {
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
fn assignment_fault(ast: &AstNode, tokens: &[Token]) -> Option<Error> {
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

fn has_bad_assignment(node: &AstNode) -> bool {
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

/// `jsonata-core` answers `$exists($name)` by looking `name` up, without evaluating it; `$`
/// (the context value, a variable with the empty name) is never bound, so `$exists($)` came
/// out `false` where jsonata-js says `true`. Written `($)`, the argument is evaluated.
fn exists_of_context(node: &mut AstNode) {
    jsonata_core::value::with_stack(|| {
        if let AstNode::Function { name, args, .. } = node {
            if name == "exists" {
                if let [arg @ AstNode::Variable(_)] = args.as_mut_slice() {
                    if matches!(arg, AstNode::Variable(v) if v.is_empty()) {
                        *arg = AstNode::Block(vec![AstNode::Variable(String::new())]);
                    }
                }
            }
        }
        for child in children(node) {
            exists_of_context(child);
        }
    })
}

/// The nodes directly inside `node`.
fn children(node: &mut AstNode) -> Vec<&mut AstNode> {
    use jsonata_core::ast::Stage;
    let mut out: Vec<&mut AstNode> = Vec::new();
    match node {
        AstNode::Path { steps } => {
            for step in steps {
                out.push(&mut step.node);
                for stage in &mut step.stages {
                    if let Stage::Filter(p) = stage {
                        out.push(p);
                    }
                }
            }
        }
        AstNode::Binary { lhs, rhs, .. } => {
            out.push(lhs);
            out.push(rhs);
        }
        AstNode::Unary { operand, .. } => out.push(operand),
        AstNode::Function { args, .. } => out.extend(args.iter_mut()),
        AstNode::Call { procedure, args } => {
            out.push(procedure);
            out.extend(args.iter_mut());
        }
        AstNode::Lambda { body, .. } => out.push(body),
        AstNode::Array(items) | AstNode::ArrayGroup(items) | AstNode::Block(items) => {
            out.extend(items.iter_mut())
        }
        AstNode::Object(pairs) => {
            for (k, v) in pairs {
                out.push(k);
                out.push(v);
            }
        }
        AstNode::ObjectTransform { input, pattern } => {
            out.push(input);
            for (k, v) in pattern {
                out.push(k);
                out.push(v);
            }
        }
        AstNode::Conditional {
            condition,
            then_branch,
            else_branch,
        } => {
            out.push(condition);
            out.push(then_branch);
            if let Some(e) = else_branch {
                out.push(e);
            }
        }
        AstNode::FunctionApplication(inner) => out.push(inner),
        AstNode::Sort { input, terms } => {
            out.push(input);
            out.extend(terms.iter_mut().map(|(t, _)| t));
        }
        AstNode::Transform {
            location,
            update,
            delete,
        } => {
            out.push(location);
            out.push(update);
            if let Some(d) = delete {
                out.push(d);
            }
        }
        _ => {}
    }
    out
}
