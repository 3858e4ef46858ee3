//! A shortcut for the expressions Step Functions definitions are mostly made of: variable
//! paths (`$states.input.order.id`, `$total`) and arithmetic, comparison and boolean
//! operators on them and on literals (`$states.input.n % 2 = 0`, `$count + 1`).
//!
//! Such an expression is evaluated here, on the values as they are, without converting the
//! bindings into the evaluator's values and back. It answers only where its answer is
//! certainly JSONata's: every path step meets an object, every operand has the type the
//! operator wants, every number is finite. Anything else (an array on the way, `undefined`
//! or a mixed type before an operator, a non-ASCII string compared for order, ...) makes it
//! step aside, and the expression is evaluated by `stepwise-jsonata` as any other. An
//! expression outside this grammar is never compiled here at all.

use serde_json::{Number, Value};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fast {
    Number(f64),
    String(String),
    Bool(bool),
    Null,
    /// `$name.field.field...`
    Path(String, Vec<String>),
    Negate(Box<Fast>),
    Binary(Op, Box<Fast>, Box<Fast>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl Op {
    /// JSONata's binding powers.
    fn power(self) -> u8 {
        match self {
            Op::Mul | Op::Div | Op::Mod => 60,
            Op::Add | Op::Sub | Op::Concat => 50,
            Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => 40,
            Op::And => 30,
            Op::Or => 25,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    String(String),
    Name(String),
    Variable(String),
    Op(Op),
    Dot,
    Minus,
    Open,
    Close,
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => (out.push(Token::Open), i += 1).1,
            ')' => (out.push(Token::Close), i += 1).1,
            '.' => {
                // `..` is a range in JSONata: not ours.
                if chars.get(i + 1) == Some(&'.') {
                    return None;
                }
                out.push(Token::Dot);
                i += 1;
            }
            '+' => (out.push(Token::Op(Op::Add)), i += 1).1,
            '-' => (out.push(Token::Minus), i += 1).1,
            '*' => {
                if chars.get(i + 1) == Some(&'*') {
                    return None;
                }
                out.push(Token::Op(Op::Mul));
                i += 1;
            }
            '/' => {
                // A comment or a regex literal: not ours.
                if matches!(chars.get(i + 1), Some('*') | Some('/')) {
                    return None;
                }
                out.push(Token::Op(Op::Div));
                i += 1;
            }
            '%' => (out.push(Token::Op(Op::Mod)), i += 1).1,
            '&' => (out.push(Token::Op(Op::Concat)), i += 1).1,
            '=' => (out.push(Token::Op(Op::Eq)), i += 1).1,
            '!' if chars.get(i + 1) == Some(&'=') => (out.push(Token::Op(Op::Ne)), i += 2).1,
            '<' | '>' => {
                let eq = chars.get(i + 1) == Some(&'=');
                let op = match (c, eq) {
                    ('<', true) => Op::Le,
                    ('<', false) => Op::Lt,
                    ('>', true) => Op::Ge,
                    _ => Op::Gt,
                };
                out.push(Token::Op(op));
                i += if eq { 2 } else { 1 };
            }
            '\'' | '"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return None,
                        // Escapes are left to the real parser.
                        Some('\\') => return None,
                        Some(&q) if q == c => break,
                        Some(&ch) => s.push(ch),
                    }
                    i += 1;
                }
                i += 1;
                out.push(Token::String(s));
            }
            '0'..='9' => {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                // A fraction needs digits after its point; a leading zero stands alone.
                if chars.get(i) == Some(&'.') {
                    if !chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    i += 1;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                if (chars[start] == '0' && i > start + 1 && chars[start + 1] != '.')
                    || (i < chars.len() && (chars[i] == '.' || ident(chars[i])))
                {
                    return None;
                }
                let text: String = chars[start..i].iter().collect();
                out.push(Token::Number(text.parse().ok()?));
            }
            '$' => {
                let start = i + 1;
                i += 1;
                while i < chars.len() && ident(chars[i]) {
                    i += 1;
                }
                // `$` alone and `$$` are the context item: not ours.
                if i == start {
                    return None;
                }
                out.push(Token::Variable(chars[start..i].iter().collect()));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && ident(chars[i]) {
                    i += 1;
                }
                out.push(Token::Name(chars[start..i].iter().collect()));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The expression as a [`Fast`] tree, if it is inside the grammar.
pub(crate) fn compile(text: &str) -> Option<Fast> {
    let tokens = tokens(text)?;
    let mut p = Parser { tokens, at: 0 };
    let e = p.expression(0)?;
    (p.at == p.tokens.len()).then_some(e)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn operator(&self) -> Option<Op> {
        match self.peek()? {
            Token::Op(op) => Some(*op),
            Token::Minus => Some(Op::Sub),
            Token::Name(n) if n == "and" => Some(Op::And),
            Token::Name(n) if n == "or" => Some(Op::Or),
            _ => None,
        }
    }

    fn expression(&mut self, min: u8) -> Option<Fast> {
        let mut lhs = self.operand()?;
        while let Some(op) = self.operator() {
            if op.power() <= min {
                break;
            }
            self.at += 1;
            let rhs = self.expression(op.power())?;
            lhs = Fast::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Some(lhs)
    }

    fn operand(&mut self) -> Option<Fast> {
        match self.next()? {
            Token::Number(n) => Some(Fast::Number(n)),
            Token::String(s) => Some(Fast::String(s)),
            Token::Name(n) => match n.as_str() {
                "true" => Some(Fast::Bool(true)),
                "false" => Some(Fast::Bool(false)),
                "null" => Some(Fast::Null),
                _ => None,
            },
            // JSONata's unary minus binds tighter than any binary operator.
            Token::Minus => Some(Fast::Negate(Box::new(self.operand()?))),
            Token::Open => {
                let e = self.expression(0)?;
                (self.next()? == Token::Close).then_some(e)
            }
            Token::Variable(name) => {
                let mut fields = Vec::new();
                while self.peek() == Some(&Token::Dot) {
                    self.at += 1;
                    match self.next()? {
                        Token::Name(f) => fields.push(f),
                        _ => return None,
                    }
                }
                // A call, a predicate or anything else after the path: not ours.
                match self.peek() {
                    None | Some(Token::Op(_) | Token::Minus | Token::Close) => {}
                    Some(Token::Name(n)) if n == "and" || n == "or" => {}
                    _ => return None,
                }
                Some(Fast::Path(name, fields))
            }
            _ => None,
        }
    }
}

/// A value met while evaluating: borrowed from the bindings, or computed.
enum Val<'a> {
    Ref(&'a Value),
    Num(f64),
    Str(String),
    Bool(bool),
    Null,
    Undefined,
}

/// Reads `$name` followed by `fields`: the value and how many of the fields it used
/// (`$states.input` uses one), `Ok(None)` for JSONata's `undefined`, `Err(())` to step aside.
pub(crate) type Lookup<'l, 'a> =
    &'l dyn Fn(&str, &[String]) -> Result<Option<(&'a Value, usize)>, ()>;

/// Evaluates `e`; `Err(())`: step aside.
pub(crate) fn evaluate<'a>(e: &Fast, lookup: Lookup<'_, 'a>) -> Result<Option<Value>, ()> {
    Ok(match eval(e, lookup)? {
        Val::Ref(v) => Some(normalized(v)),
        Val::Num(n) => Some(number(n)?),
        Val::Str(s) => Some(Value::String(s)),
        Val::Bool(b) => Some(Value::Bool(b)),
        Val::Null => Some(Value::Null),
        Val::Undefined => None,
    })
}

fn eval<'a>(e: &Fast, lookup: Lookup<'_, 'a>) -> Result<Val<'a>, ()> {
    Ok(match e {
        Fast::Number(n) => Val::Num(*n),
        Fast::String(s) => Val::Str(s.clone()),
        Fast::Bool(b) => Val::Bool(*b),
        Fast::Null => Val::Null,
        Fast::Path(name, fields) => {
            // `lookup` may consume the first fields itself (`$states.input`).
            let Some((mut v, used)) = lookup(name, fields)? else {
                return Ok(Val::Undefined);
            };
            for f in &fields[used..] {
                match v {
                    Value::Object(m) => match m.get(f) {
                        Some(next) => v = next,
                        None => return Ok(Val::Undefined),
                    },
                    // Arrays map the step over their members; strings and numbers have no
                    // fields. Left to the evaluator.
                    _ => return Err(()),
                }
            }
            Val::Ref(v)
        }
        Fast::Negate(inner) => Val::Num(-num(eval(inner, lookup)?)?),
        Fast::Binary(op, l, r) => {
            let (l, r) = (eval(l, lookup)?, eval(r, lookup)?);
            binary(*op, l, r)?
        }
    })
}

fn num(v: Val) -> Result<f64, ()> {
    match v {
        Val::Num(n) => Ok(n),
        Val::Ref(Value::Number(n)) => n.as_f64().ok_or(()),
        _ => Err(()),
    }
}

/// A scalar for comparison: numbers, strings, booleans, null; nothing else.
enum Scalar<'s> {
    N(f64),
    S(&'s str),
    B(bool),
    Null,
}

fn scalar<'s>(v: &'s Val) -> Result<Scalar<'s>, ()> {
    Ok(match v {
        Val::Num(n) => Scalar::N(*n),
        Val::Str(s) => Scalar::S(s),
        Val::Bool(b) => Scalar::B(*b),
        Val::Null => Scalar::Null,
        Val::Ref(Value::Number(n)) => Scalar::N(n.as_f64().ok_or(())?),
        Val::Ref(Value::String(s)) => Scalar::S(s),
        Val::Ref(Value::Bool(b)) => Scalar::B(*b),
        Val::Ref(Value::Null) => Scalar::Null,
        _ => return Err(()),
    })
}

fn binary<'a>(op: Op, l: Val<'a>, r: Val<'a>) -> Result<Val<'a>, ()> {
    Ok(match op {
        Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Mod => {
            let (a, b) = (num(l)?, num(r)?);
            let n = match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div => a / b,
                _ => a % b,
            };
            if !n.is_finite() {
                return Err(());
            }
            Val::Num(n)
        }
        Op::Concat => match (scalar(&l)?, scalar(&r)?) {
            (Scalar::S(a), Scalar::S(b)) => Val::Str(format!("{a}{b}")),
            _ => return Err(()),
        },
        Op::Eq | Op::Ne => {
            let same = match (scalar(&l)?, scalar(&r)?) {
                (Scalar::N(a), Scalar::N(b)) => a == b,
                (Scalar::S(a), Scalar::S(b)) => a == b,
                (Scalar::B(a), Scalar::B(b)) => a == b,
                (Scalar::Null, Scalar::Null) => true,
                _ => return Err(()),
            };
            Val::Bool(same == (op == Op::Eq))
        }
        Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            let ord = match (scalar(&l)?, scalar(&r)?) {
                (Scalar::N(a), Scalar::N(b)) => a.partial_cmp(&b).ok_or(())?,
                // jsonata-js orders strings by UTF-16 code units; for ASCII that is bytes.
                (Scalar::S(a), Scalar::S(b)) if a.is_ascii() && b.is_ascii() => a.cmp(b),
                _ => return Err(()),
            };
            Val::Bool(match op {
                Op::Lt => ord.is_lt(),
                Op::Le => ord.is_le(),
                Op::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            })
        }
        Op::And | Op::Or => match (scalar(&l)?, scalar(&r)?) {
            (Scalar::B(a), Scalar::B(b)) => Val::Bool(if op == Op::And { a && b } else { a || b }),
            _ => return Err(()),
        },
    })
}

/// A JSON number as JSONata gives it back: integers within ±2^53 as integers, others as
/// doubles; `Err` for what JSON cannot hold.
fn number(n: f64) -> Result<Value, ()> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() <= EXACT {
        // `-0` is `0` in JSON as JSONata writes it.
        Ok(Value::Number(Number::from(n as i64)))
    } else {
        Number::from_f64(n).map(Value::Number).ok_or(())
    }
}

/// A value read from the bindings as the evaluator would return it: JSONata holds every
/// number as a double, so `2.0` comes back `2` and integers past 2^53 lose their last digits.
fn normalized(v: &Value) -> Value {
    match v {
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                match n.as_i64() {
                    Some(i) if i.unsigned_abs() <= 1 << 53 => v.clone(),
                    _ => n
                        .as_f64()
                        .and_then(|f| number(f).ok())
                        .unwrap_or(Value::Null),
                }
            } else {
                n.as_f64()
                    .and_then(|f| number(f).ok())
                    .unwrap_or(Value::Null)
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), normalized(v))).collect())
        }
        other => other.clone(),
    }
}
