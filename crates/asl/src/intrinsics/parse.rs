//! The call parser. Works on `char`s so offsets are character offsets; paths inside are
//! handed to the path parser over the same characters, so their offsets line up too.

use serde_json::Number;

use super::{Arg, Call, IntrinsicError, StringLiteral, MAX_NESTING};
use crate::path::{parse_prefix, PathError};

type Result<T> = std::result::Result<T, IntrinsicError>;

const PREFIX: &str = "States.";

fn error(offset: usize, message: impl Into<String>) -> IntrinsicError {
    IntrinsicError {
        offset,
        message: message.into(),
    }
}

impl From<PathError> for IntrinsicError {
    fn from(e: PathError) -> Self {
        error(e.offset, e.message)
    }
}

pub(super) fn parse_call(text: &str) -> Result<Call> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Err(error(0, "the expression is empty; expected an intrinsic function call such as States.Format(...)"));
    }
    let mut parser = Parser::new(&chars, 0);
    let call = parser.call()?;
    match parser.peek() {
        None => Ok(call),
        Some(c) if c.is_whitespace() => Err(error(
            parser.pos,
            "unexpected whitespace after the closing ')'",
        )),
        Some(c) => Err(error(
            parser.pos,
            format!("unexpected {c:?} after the closing ')'"),
        )),
    }
}

crate::cursor::nested_parser!(Parser);

impl Parser<'_> {
    /// At the `S` of `States.`.
    fn call(&mut self) -> Result<Call> {
        let offset = self.pos;
        if !self.starts_with(PREFIX) {
            return Err(error(
                offset,
                "an intrinsic function call starts with 'States.'",
            ));
        }
        self.pos += PREFIX.chars().count();
        let short = self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
        if short.is_empty() {
            return Err(error(self.pos, "expected a function name after 'States.'"));
        }
        let name = format!("{PREFIX}{short}");
        match self.peek() {
            Some('(') => {}
            Some(c) if c.is_whitespace() => {
                return Err(error(
                    self.pos,
                    format!("no space is allowed between {name} and '('"),
                ))
            }
            _ => return Err(error(self.pos, format!("expected '(' after {name}"))),
        }
        if self.depth >= MAX_NESTING {
            return Err(error(
                offset,
                format!("intrinsic calls are nested more than {MAX_NESTING} levels deep"),
            ));
        }
        self.depth += 1;
        let open = self.pos;
        self.pos += 1;
        let mut args = Vec::new();
        let mut arg_offsets = Vec::new();
        self.skip_ws();
        if self.peek() == Some(')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek().is_none() {
                    return Err(error(
                        open,
                        format!("the '(' of {name} is never closed; expected ')'"),
                    ));
                }
                arg_offsets.push(self.pos);
                args.push(self.arg()?);
                self.skip_ws();
                match self.peek() {
                    Some(',') => self.pos += 1,
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    None => {
                        return Err(error(
                            open,
                            format!("the '(' of {name} is never closed; expected ')'"),
                        ));
                    }
                    Some(c) => {
                        return Err(error(
                            self.pos,
                            format!("expected ',' or ')' after an argument, found {c:?}"),
                        ))
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Call {
            name,
            args,
            offset,
            arg_offsets,
        })
    }

    fn arg(&mut self) -> Result<Arg> {
        let at = self.pos;
        match self.peek() {
            Some('\'') => Ok(Arg::String(self.string()?)),
            Some('"') => Err(error(at, "strings in intrinsic functions are single-quoted: 'like this'")),
            Some(c) if c == '-' || c.is_ascii_digit() => Ok(Arg::Number(self.number()?)),
            Some('$') => {
                let (path, end) = parse_prefix(self.chars, self.pos)?;
                self.pos = end;
                Ok(Arg::Path(path))
            }
            Some(_) if self.starts_with(PREFIX) => Ok(Arg::Call(self.call()?)),
            Some(c) if c.is_alphabetic() => {
                let word = self.take_while(|c| c.is_alphanumeric() || c == '_');
                match word.as_str() {
                    "true" => Ok(Arg::Bool(true)),
                    "false" => Ok(Arg::Bool(false)),
                    "null" => Ok(Arg::Null),
                    _ if self.peek() == Some('.') || self.peek() == Some('(') => {
                        Err(error(at, "intrinsic function names start with 'States.' (case-sensitive)"))
                    }
                    _ => Err(error(at, format!("unexpected '{word}'; strings are single-quoted: '{word}'"))),
                }
            }
            Some(',' | ')') => Err(error(at, "expected an argument")),
            None => Err(error(at, "the call ends early; expected an argument")),
            Some(c) => Err(error(
                at,
                format!("unexpected {c:?}; an argument is a 'string', a number, true, false, null, a path or a States.* call"),
            )),
        }
    }

    /// `'...'`: only `\'`, `\{`, `\}` and `\\` may be escaped (AWS: "If an open escape
    /// backslash is found ... the interpreter will return a runtime error").
    fn string(&mut self) -> Result<StringLiteral> {
        let open = self.pos;
        self.pos += 1;
        let mut value = String::new();
        let mut raw = String::new();
        loop {
            match self.peek() {
                None => return Err(error(open, "unterminated string: missing the closing '")),
                Some('\'') => {
                    self.pos += 1;
                    return Ok(StringLiteral { value, raw });
                }
                Some('\\') => {
                    let backslash = self.pos;
                    self.pos += 1;
                    match self.peek() {
                        Some(c @ ('\'' | '{' | '}' | '\\')) => {
                            self.pos += 1;
                            raw.push('\\');
                            raw.push(c);
                            value.push(c);
                        }
                        None => return Err(error(open, "unterminated string: missing the closing '")),
                        Some(c) => {
                            return Err(error(
                                backslash,
                                format!("invalid escape '\\{c}'; only \\', \\{{, \\}} and \\\\ can be escaped"),
                            ))
                        }
                    }
                }
                Some(c) => {
                    self.pos += 1;
                    raw.push(c);
                    value.push(c);
                }
            }
        }
    }

    /// An integer or decimal, optionally negative: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    fn number(&mut self) -> Result<Number> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        let digits_at = self.pos;
        let digits = self.take_while(|c| c.is_ascii_digit());
        if digits.is_empty() {
            return Err(error(self.pos, "expected a digit"));
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(error(digits_at, "numbers cannot have leading zeros"));
        }
        if self.peek() == Some('.') {
            self.pos += 1;
            if self.take_while(|c| c.is_ascii_digit()).is_empty() {
                return Err(error(self.pos, "expected a digit after '.'"));
            }
        }
        if let Some(c) = self
            .peek()
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        {
            return Err(error(self.pos, format!("unexpected {c:?} in a number")));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse::<Number>()
            .map_err(|_| error(start, "the number is out of range"))
    }
}
