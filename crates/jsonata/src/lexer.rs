//! JSONata's tokens with their places, following jsonata-js 2.0.6's tokenizer rule for rule.
//!
//! `jsonata-core` parses without keeping positions, so this lexer supplies them: for the
//! position of a syntax error, and for where calls and variable reads sit in the source.
//!
//! Positions count characters (Unicode scalar values) from 0. jsonata-js reports a token's
//! position as where its lexer stood *after* the token, which is [`Token::end`].

use crate::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A field name, plain or in backticks (the value is the name without backticks).
    Name,
    /// `$name` (the value is the name without `$`; `$` alone is the empty name).
    Variable,
    /// A string literal (the value is the decoded string).
    String,
    Number,
    /// `true`, `false`, `null`.
    Value,
    /// `/pattern/flags` (the value is the source text).
    Regex,
    /// Punctuation and the operators, `and`, `or`, `in` included.
    Operator,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub value: String,
    /// Character offset of the token's first character.
    pub start: usize,
    /// Character offset just after the token: jsonata-js's `position` for it.
    pub end: usize,
}

impl Token {
    pub fn is_op(&self, op: &str) -> bool {
        self.kind == Kind::Operator && self.value == op
    }

    /// Whether a `/` after this token divides (the token ends an operand) rather than
    /// opening a regex.
    fn ends_operand(&self) -> bool {
        match self.kind {
            Kind::Operator => matches!(self.value.as_str(), ")" | "]" | "}"),
            _ => true,
        }
    }
}

/// A lexical error and how far the lexer got: the tokens before it.
#[derive(Debug)]
pub struct LexError {
    pub error: Error,
    pub tokens: Vec<Token>,
}

/// jsonata-js's one-character operators (and punctuation).
fn is_single(c: char) -> bool {
    matches!(
        c,
        '.' | '['
            | ']'
            | '{'
            | '}'
            | '('
            | ')'
            | ','
            | '@'
            | '#'
            | ';'
            | ':'
            | '?'
            | '+'
            | '-'
            | '*'
            | '/'
            | '%'
            | '|'
            | '='
            | '<'
            | '>'
            | '^'
            | '&'
            | '!'
            | '~'
    )
}

/// jsonata-js's two-character operators.
fn double(c: char, next: char) -> Option<&'static str> {
    Some(match (c, next) {
        ('.', '.') => "..",
        (':', '=') => ":=",
        ('!', '=') => "!=",
        ('>', '=') => ">=",
        ('<', '=') => "<=",
        ('*', '*') => "**",
        ('~', '>') => "~>",
        _ => return None,
    })
}

fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}')
}

/// All the tokens of `source`.
pub fn tokenize(source: &str) -> Result<Vec<Token>, LexError> {
    let mut lexer = Lexer {
        chars: source.chars().collect(),
        pos: 0,
    };
    let mut tokens: Vec<Token> = Vec::new();
    loop {
        let infix = tokens.last().is_some_and(Token::ends_operand);
        match lexer.next(infix) {
            Ok(Some(token)) => tokens.push(token),
            Ok(None) => return Ok(tokens),
            Err(error) => return Err(LexError { error, tokens }),
        }
    }
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
}

fn lex_error(code: &str, position: usize, token: Option<String>) -> Error {
    let rendered = token.as_deref().map(crate::errors::json_string);
    let mut e = Error::new(
        code,
        crate::errors::message(code, rendered.as_deref(), None),
    );
    e.position = Some(position);
    e.token = token;
    e
}

impl Lexer {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    fn token(&self, kind: Kind, value: String, start: usize) -> Token {
        Token {
            kind,
            value,
            start,
            end: self.pos,
        }
    }

    fn next(&mut self, infix: bool) -> Result<Option<Token>, Error> {
        loop {
            while self.at(self.pos).is_some_and(is_whitespace) {
                self.pos += 1;
            }
            if self.at(self.pos) == Some('/') && self.at(self.pos + 1) == Some('*') {
                let comment_start = self.pos;
                self.pos += 2;
                loop {
                    match (self.at(self.pos), self.at(self.pos + 1)) {
                        (Some('*'), Some('/')) => break,
                        (Some(_), _) => self.pos += 1,
                        (None, _) => return Err(lex_error("S0106", comment_start, None)),
                    }
                }
                self.pos += 2;
                continue;
            }
            break;
        }
        let start = self.pos;
        let Some(c) = self.at(start) else {
            return Ok(None);
        };
        if c == '/' && !infix {
            self.pos += 1;
            return self.regex(start).map(Some);
        }
        if let Some(pair) = self.at(start + 1).and_then(|next| double(c, next)) {
            self.pos += 2;
            return Ok(Some(self.token(Kind::Operator, pair.to_string(), start)));
        }
        if is_single(c) {
            self.pos += 1;
            return Ok(Some(self.token(Kind::Operator, c.to_string(), start)));
        }
        if c == '"' || c == '\'' {
            return self.string(c, start).map(Some);
        }
        if c.is_ascii_digit() {
            return self.number(start).map(Some);
        }
        if c == '`' {
            self.pos += 1;
            return match self.chars[self.pos..].iter().position(|&ch| ch == '`') {
                Some(len) => {
                    let name = self.text(self.pos, self.pos + len);
                    self.pos += len + 1;
                    Ok(Some(self.token(Kind::Name, name, start)))
                }
                None => {
                    self.pos = self.chars.len();
                    Err(lex_error("S0105", self.pos, None))
                }
            };
        }
        let mut i = start;
        while self
            .at(i)
            .is_some_and(|ch| !is_whitespace(ch) && !is_single(ch))
        {
            i += 1;
        }
        self.pos = i;
        if c == '$' {
            return Ok(Some(self.token(
                Kind::Variable,
                self.text(start + 1, i),
                start,
            )));
        }
        let name = self.text(start, i);
        let kind = match name.as_str() {
            "and" | "or" | "in" => Kind::Operator,
            "true" | "false" | "null" => Kind::Value,
            _ => Kind::Name,
        };
        Ok(Some(self.token(kind, name, start)))
    }

    /// After the opening `/`: up to the closing `/` outside brackets, then the flags `i`, `m`.
    fn regex(&mut self, start: usize) -> Result<Token, Error> {
        let body = self.pos;
        let mut depth: i64 = 0;
        while let Some(c) = self.at(self.pos) {
            let escaped = self.pos > 0 && self.at(self.pos - 1) == Some('\\');
            if c == '/' && depth == 0 {
                let backslashes = self.chars[body..self.pos]
                    .iter()
                    .rev()
                    .take_while(|&&ch| ch == '\\')
                    .count();
                if backslashes % 2 == 0 {
                    if self.pos == body {
                        return Err(lex_error("S0301", self.pos, None));
                    }
                    self.pos += 1;
                    while matches!(self.at(self.pos), Some('i' | 'm')) {
                        self.pos += 1;
                    }
                    let text = self.text(start, self.pos);
                    return Ok(self.token(Kind::Regex, text, start));
                }
            }
            if matches!(c, '(' | '[' | '{') && !escaped {
                depth += 1;
            }
            if matches!(c, ')' | ']' | '}') && !escaped {
                depth -= 1;
            }
            self.pos += 1;
        }
        Err(lex_error("S0302", self.pos, None))
    }

    fn string(&mut self, quote: char, start: usize) -> Result<Token, Error> {
        self.pos += 1;
        let mut value = String::new();
        while let Some(c) = self.at(self.pos) {
            if c == '\\' {
                self.pos += 1;
                let escape = self.at(self.pos);
                match escape {
                    Some('"') => value.push('"'),
                    Some('\\') => value.push('\\'),
                    Some('/') => value.push('/'),
                    Some('b') => value.push('\u{8}'),
                    Some('f') => value.push('\u{c}'),
                    Some('n') => value.push('\n'),
                    Some('r') => value.push('\r'),
                    Some('t') => value.push('\t'),
                    Some('u') => {
                        // The (up to) four characters after `\u`: jsonata-js takes fewer at
                        // the end of the source, if they are hex digits.
                        let hex = self.text(self.pos + 1, (self.pos + 5).min(self.chars.len()));
                        match u32::from_str_radix(&hex, 16) {
                            Ok(code) if hex.chars().all(|h| h.is_ascii_hexdigit()) => {
                                value.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                                self.pos += 4;
                            }
                            _ => return Err(lex_error("S0104", self.pos, None)),
                        }
                    }
                    other => {
                        return Err(lex_error("S0103", self.pos, other.map(String::from)));
                    }
                }
            } else if c == quote {
                self.pos += 1;
                return Ok(self.token(Kind::String, value, start));
            } else {
                value.push(c);
            }
            self.pos += 1;
        }
        Err(lex_error("S0101", self.pos, None))
    }

    /// `(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?`, as jsonata-js's number pattern.
    fn number(&mut self, start: usize) -> Result<Token, Error> {
        let digits = |lexer: &Lexer, from: usize| {
            let mut i = from;
            while lexer.at(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            i
        };
        let mut i = if self.at(start) == Some('0') {
            start + 1
        } else {
            digits(self, start)
        };
        if self.at(i) == Some('.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i = digits(self, i + 1);
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let mut j = i + 1;
            if matches!(self.at(j), Some('+' | '-')) {
                j += 1;
            }
            if self.at(j).is_some_and(|c| c.is_ascii_digit()) {
                i = digits(self, j);
            }
        }
        let text = self.text(start, i);
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => {
                self.pos = i;
                Ok(self.token(Kind::Number, text, start))
            }
            _ => Err(lex_error("S0102", start, Some(text))),
        }
    }
}

#[cfg(test)]
mod tests;
