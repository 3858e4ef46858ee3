//! Over 500 lines because it is one recursive-descent parser whose methods call one another.
//! A hand-written recursive-descent parser over `char`s, so that error offsets are character
//! offsets and every recursive construct passes through [`Parser::enter`].

use serde_json::{Number, Value};

use super::{
    is_shorthand_char, CompareOp, FilterExpr, FilterPath, FilterRoot, JsonPath, Operand, PathError,
    PathRoot, Pattern, Segment, UnionMember, MAX_NESTING,
};

type Result<T> = std::result::Result<T, PathError>;

pub(super) fn parse_path(text: &str) -> Result<JsonPath> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Err(PathError::new(
            0,
            "the path is empty; a path starts with '$'",
        ));
    }
    let (path, end) = parse_prefix(&chars, 0)?;
    match chars.get(end) {
        None => Ok(path),
        Some(&c) => Err(trailing(&path, c, end)),
    }
}

/// Parses the path that starts at `start` and stops before the first character that cannot
/// continue it, returning the path and that position. Intrinsic function arguments use this:
/// there a path ends at `,`, `)` or whitespace.
pub(crate) fn parse_prefix(chars: &[char], start: usize) -> Result<(JsonPath, usize)> {
    let mut parser = Parser::new(chars, start);
    let path = parser.path()?;
    Ok((path, parser.pos))
}

fn trailing(path: &JsonPath, c: char, at: usize) -> PathError {
    let message = if c.is_whitespace() {
        "unexpected whitespace; a path cannot contain spaces outside brackets and quotes"
            .to_string()
    } else if path.segments.is_empty() && c.is_ascii_digit() && path.root == PathRoot::Input {
        "a variable name cannot start with a digit".to_string()
    } else if path.segments.is_empty()
        && matches!(path.root, PathRoot::Variable(_))
        && is_shorthand_char(c)
    {
        format!("{c:?} cannot appear in a variable name (letters, digits and underscores only)")
    } else {
        format!("unexpected {c:?}; expected '.', '[' or the end of the path")
    };
    PathError::new(at, message)
}

fn is_var_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_var_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// What follows the left operand of a comparison.
enum Operator {
    Compare(CompareOp),
    Match,
}

crate::cursor::nested_parser!(Parser);

impl Parser<'_> {
    fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_NESTING {
            return Err(PathError::new(
                self.pos,
                format!("nested more than {MAX_NESTING} levels deep"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // --- paths --------------------------------------------------------------------------

    fn path(&mut self) -> Result<JsonPath> {
        if self.peek() != Some('$') {
            return Err(PathError::new(self.pos, "a path starts with '$'"));
        }
        self.pos += 1;
        let root = match self.peek() {
            Some('$') => {
                self.pos += 1;
                match self.peek() {
                    Some(c) if c != '.' && c != '[' && (is_shorthand_char(c) || c == '$') => {
                        return Err(PathError::new(self.pos, "expected '.' or '[' after '$$'"));
                    }
                    _ => PathRoot::Context,
                }
            }
            Some(c) if is_var_start(c) => PathRoot::Variable(self.take_while(is_var_char)),
            _ => PathRoot::Input,
        };
        let segments = self.segments()?;
        Ok(JsonPath { root, segments })
    }

    fn segments(&mut self) -> Result<Vec<Segment>> {
        let mut segments = Vec::new();
        loop {
            match self.peek() {
                Some('.') => segments.push(self.dot()?),
                Some('[') => segments.push(self.bracket()?),
                _ => return Ok(segments),
            }
        }
    }

    fn dot(&mut self) -> Result<Segment> {
        let dot = self.pos;
        if self.peek_at(1) == Some('.') {
            self.pos += 2;
            let inner = match self.peek() {
                Some('*') => {
                    self.pos += 1;
                    Segment::Wildcard
                }
                Some('[') => self.bracket()?,
                Some(c) if is_shorthand_char(c) => Segment::Field(self.name()?),
                Some('.') => {
                    return Err(PathError::new(
                        self.pos,
                        "too many dots: '..' must be followed by a field name, '*' or '['",
                    ))
                }
                _ => {
                    return Err(PathError::new(
                        dot,
                        "'..' must be followed by a field name, '*' or '['",
                    ))
                }
            };
            return Ok(Segment::RecursiveDescent(Box::new(inner)));
        }
        self.pos += 1;
        match self.peek() {
            Some('*') => {
                self.pos += 1;
                Ok(Segment::Wildcard)
            }
            // `$.abc.['def ghi']`: Jayway accepts it and the AWS intrinsic docs use it.
            Some('[') => self.bracket(),
            Some(c) if is_shorthand_char(c) => Ok(Segment::Field(self.name()?)),
            // The end of the text, or of an intrinsic argument or filter operand.
            None | Some(',' | ')') => Err(PathError::new(dot, "the path ends with '.'; a field name must follow")),
            Some(c) => Err(PathError::new(
                self.pos,
                format!("{c:?} cannot start a field name; write such names in brackets, like ['my name']"),
            )),
        }
    }

    /// A dot-notation name; the caller has checked that one character is there.
    fn name(&mut self) -> Result<String> {
        let name = self.take_while(is_shorthand_char);
        if self.peek() == Some('(') {
            return Err(PathError::new(
                self.pos,
                format!(
                    "JSONPath functions such as {name}() are not supported in Step Functions; \
                     use an intrinsic function such as States.ArrayLength"
                ),
            ));
        }
        Ok(name)
    }

    fn bracket(&mut self) -> Result<Segment> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        let segment = match self.peek() {
            None => return Err(unterminated_bracket(open)),
            Some(']') => {
                return Err(PathError::new(
                    open,
                    "empty brackets; expected a quoted name, an index, a slice, '*' or a filter",
                ))
            }
            Some('*') => {
                self.pos += 1;
                Segment::Wildcard
            }
            Some('?') => self.filter_segment()?,
            Some('\'' | '"') => self.names()?,
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => self.indexes()?,
            Some(c) if is_shorthand_char(c) => {
                let name = self.take_while(is_shorthand_char);
                return Err(PathError::new(
                    self.pos - name.chars().count(),
                    format!("names in brackets must be quoted, like ['{name}']"),
                ));
            }
            Some(c) => {
                return Err(PathError::new(
                    self.pos,
                    format!("unexpected {c:?} in brackets; expected a quoted name, an index, a slice, '*' or a filter"),
                ))
            }
        };
        self.skip_ws();
        match self.peek() {
            Some(']') => {
                self.pos += 1;
                Ok(segment)
            }
            None => Err(unterminated_bracket(open)),
            Some(c) => Err(PathError::new(
                self.pos,
                format!("expected ']' but found {c:?}"),
            )),
        }
    }

    /// `'a'` or `'a', "b", ...` inside brackets.
    fn names(&mut self) -> Result<Segment> {
        let mut names = vec![self.quoted()?];
        loop {
            self.skip_ws();
            if self.peek() != Some(',') {
                break;
            }
            self.pos += 1;
            self.skip_ws();
            match self.peek() {
                Some('\'' | '"') => names.push(self.quoted()?),
                Some(c) if c == '-' || c.is_ascii_digit() => {
                    return Err(PathError::new(
                        self.pos,
                        "a union cannot mix names and indexes",
                    ))
                }
                _ => return Err(PathError::new(self.pos, "expected a quoted name after ','")),
            }
        }
        if names.len() == 1 {
            Ok(Segment::Field(names.remove(0)))
        } else {
            Ok(Segment::Union(
                names.into_iter().map(UnionMember::Name).collect(),
            ))
        }
    }

    /// `0`, `-1`, `0,1,2` or a slice, inside brackets.
    fn indexes(&mut self) -> Result<Segment> {
        let start = if self.peek() == Some(':') {
            None
        } else {
            Some(self.int()?)
        };
        self.skip_ws();
        match (self.peek(), start) {
            (Some(':'), _) => self.slice(start),
            (Some(','), Some(first)) => {
                let mut members = vec![UnionMember::Index(first)];
                while self.peek() == Some(',') {
                    self.pos += 1;
                    self.skip_ws();
                    match self.peek() {
                        Some(c) if c == '-' || c.is_ascii_digit() => {
                            members.push(UnionMember::Index(self.int()?))
                        }
                        Some('\'' | '"') => {
                            return Err(PathError::new(
                                self.pos,
                                "a union cannot mix indexes and names",
                            ))
                        }
                        _ => return Err(PathError::new(self.pos, "expected an index after ','")),
                    }
                    self.skip_ws();
                }
                Ok(Segment::Union(members))
            }
            (_, Some(i)) => Ok(Segment::Index(i)),
            // The caller saw ':' or a number start, so `start` is only None with ':' next.
            (_, None) => Err(PathError::new(self.pos, "expected ':'")),
        }
    }

    /// After `start`, at the first ':'.
    fn slice(&mut self, start: Option<i64>) -> Result<Segment> {
        self.pos += 1;
        self.skip_ws();
        let end = self.optional_int()?;
        self.skip_ws();
        let mut step = None;
        if self.peek() == Some(':') {
            self.pos += 1;
            self.skip_ws();
            step = self.optional_int()?;
            self.skip_ws();
            if self.peek() == Some(':') {
                return Err(PathError::new(
                    self.pos,
                    "a slice has at most three parts: [start:end:step]",
                ));
            }
        }
        Ok(Segment::Slice { start, end, step })
    }

    fn optional_int(&mut self) -> Result<Option<i64>> {
        match self.peek() {
            Some(c) if c == '-' || c.is_ascii_digit() => Ok(Some(self.int()?)),
            _ => Ok(None),
        }
    }

    /// An integer index or slice bound: `-?(0|[1-9][0-9]*)`.
    fn int(&mut self) -> Result<i64> {
        let start = self.pos;
        let negative = self.peek() == Some('-');
        if negative {
            self.pos += 1;
        }
        let digits_at = self.pos;
        let digits = self.take_while(|c| c.is_ascii_digit());
        if digits.is_empty() {
            return Err(PathError::new(self.pos, "expected a digit"));
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(PathError::new(
                digits_at,
                "numbers cannot have leading zeros",
            ));
        }
        if self.peek() == Some('.') {
            return Err(PathError::new(start, "an index must be a whole number"));
        }
        if let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            return Err(PathError::new(
                self.pos,
                format!("unexpected {c:?} in a number"),
            ));
        }
        let text = if negative {
            format!("-{digits}")
        } else {
            digits
        };
        text.parse::<i64>()
            .map_err(|_| PathError::new(start, "the number is too large"))
    }

    /// A single- or double-quoted string with JSON-style escapes.
    fn quoted(&mut self) -> Result<String> {
        let open = self.pos;
        let quote = self.peek().unwrap_or('\'');
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(PathError::new(
                    open,
                    format!("unterminated string: missing the closing {quote}"),
                ));
            };
            self.pos += 1;
            if c == quote {
                return Ok(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let backslash = self.pos - 1;
            let Some(e) = self.peek() else {
                return Err(PathError::new(
                    open,
                    format!("unterminated string: missing the closing {quote}"),
                ));
            };
            self.pos += 1;
            match e {
                // AWS keeps a backslash before the *other* quote character: the name in
                // `$['Test\""Name"']` is `Test\""Name"` (shared/conformance/cases/scenarios/
                // escape_sequence_parsing__ESCAPE_SEQUENCES_JSONPATH).
                '\'' | '"' if e != quote => {
                    out.push('\\');
                    out.push(e);
                }
                '\'' | '"' | '\\' | '/' => out.push(e),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => out.push(self.unicode_escape(backslash)?),
                other => {
                    return Err(PathError::new(
                        backslash,
                        format!("invalid escape '\\{other}'"),
                    ))
                }
            }
        }
    }

    /// After `\u`: four hex digits, or a surrogate pair written as two escapes.
    fn unicode_escape(&mut self, backslash: usize) -> Result<char> {
        let bad = || PathError::new(backslash, "invalid \\u escape: expected four hex digits");
        let high = self.hex4().ok_or_else(bad)?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.starts_with("\\u") {
                return Err(PathError::new(
                    backslash,
                    "invalid \\u escape: unpaired surrogate",
                ));
            }
            self.pos += 2;
            let low = self.hex4().ok_or_else(bad)?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(PathError::new(
                    backslash,
                    "invalid \\u escape: unpaired surrogate",
                ));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code)
            .ok_or_else(|| PathError::new(backslash, "invalid \\u escape: unpaired surrogate"))
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut value = 0;
        for i in 0..4 {
            value = value * 16 + self.peek_at(i)?.to_digit(16)?;
        }
        self.pos += 4;
        Some(value)
    }

    // --- filters ------------------------------------------------------------------------

    /// At `?` inside brackets: `?(condition)`.
    fn filter_segment(&mut self) -> Result<Segment> {
        self.pos += 1;
        if self.peek() != Some('(') {
            return Err(PathError::new(
                self.pos,
                "a filter is written [?(condition)]",
            ));
        }
        let open = self.pos;
        self.enter()?;
        self.pos += 1;
        let expr = self.or_expr()?;
        self.close_paren(open)?;
        self.leave();
        Ok(Segment::Filter(expr))
    }

    fn close_paren(&mut self, open: usize) -> Result<()> {
        self.skip_ws();
        match self.peek() {
            Some(')') => {
                self.pos += 1;
                Ok(())
            }
            None => Err(PathError::new(open, "unterminated '(': expected ')'")),
            Some('&') => Err(PathError::new(self.pos, "use '&&' for 'and'")),
            Some('|') => Err(PathError::new(self.pos, "use '||' for 'or'")),
            Some(c) => Err(PathError::new(
                self.pos,
                format!("expected ')', '&&' or '||' but found {c:?}"),
            )),
        }
    }

    fn or_expr(&mut self) -> Result<FilterExpr> {
        self.chain("||", Self::and_expr, FilterExpr::Or)
    }

    fn and_expr(&mut self) -> Result<FilterExpr> {
        self.chain("&&", Self::unary, FilterExpr::And)
    }

    /// One precedence level: `operand (op operand)*`, folded into `wrap` when `op` occurs.
    fn chain(
        &mut self,
        op: &str,
        operand: fn(&mut Self) -> Result<FilterExpr>,
        wrap: fn(Vec<FilterExpr>) -> FilterExpr,
    ) -> Result<FilterExpr> {
        let mut items = vec![operand(self)?];
        loop {
            self.skip_ws();
            if !self.starts_with(op) {
                break;
            }
            self.pos += op.len();
            items.push(operand(self)?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            wrap(items)
        })
    }

    fn unary(&mut self) -> Result<FilterExpr> {
        self.skip_ws();
        if self.peek() != Some('!') {
            return self.primary();
        }
        self.enter()?;
        self.pos += 1;
        let inner = self.unary()?;
        self.leave();
        Ok(FilterExpr::Not(Box::new(inner)))
    }

    fn primary(&mut self) -> Result<FilterExpr> {
        self.skip_ws();
        if self.peek() == Some('(') {
            let open = self.pos;
            self.enter()?;
            self.pos += 1;
            let expr = self.or_expr()?;
            self.close_paren(open)?;
            self.leave();
            return Ok(expr);
        }
        let left_at = self.pos;
        let left = self.operand()?;
        self.skip_ws();
        match self.operator()? {
            None => match left {
                Operand::Path(path) => Ok(FilterExpr::Exists(path)),
                Operand::Value(_) => Err(PathError::new(
                    left_at,
                    "a literal on its own is not a condition; compare it with a path, like @.size == 'M'",
                )),
            },
            Some(Operator::Match) => {
                self.skip_ws();
                if self.peek() != Some('/') {
                    return Err(PathError::new(self.pos, "'=~' must be followed by a /regex/"));
                }
                let pattern = self.regex()?;
                Ok(FilterExpr::Match { left, pattern })
            }
            Some(Operator::Compare(op)) => {
                self.skip_ws();
                let right = self.operand()?;
                Ok(FilterExpr::Compare { left, op, right })
            }
        }
    }

    fn operator(&mut self) -> Result<Option<Operator>> {
        let at = self.pos;
        let symbol = |op| Some(Operator::Compare(op));
        let (op, len) = match (self.peek(), self.peek_at(1)) {
            (Some('='), Some('=')) => {
                if self.peek_at(2) == Some('=') {
                    return Err(PathError::new(at, "'===' is not supported; use '=='"));
                }
                (symbol(CompareOp::Eq), 2)
            }
            (Some('!'), Some('=')) => (symbol(CompareOp::Ne), 2),
            (Some('<'), Some('=')) => (symbol(CompareOp::Le), 2),
            (Some('>'), Some('=')) => (symbol(CompareOp::Ge), 2),
            (Some('='), Some('~')) => (Some(Operator::Match), 2),
            (Some('<'), _) => (symbol(CompareOp::Lt), 1),
            (Some('>'), _) => (symbol(CompareOp::Gt), 1),
            (Some('='), _) => return Err(PathError::new(at, "use '==' to compare")),
            (Some(c), _) if c.is_ascii_alphabetic() => {
                let word = self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
                let op = match word.as_str() {
                    "in" => CompareOp::In,
                    "nin" => CompareOp::Nin,
                    "subsetof" => CompareOp::SubsetOf,
                    "anyof" => CompareOp::AnyOf,
                    "noneof" => CompareOp::NoneOf,
                    "size" => CompareOp::Size,
                    "empty" => CompareOp::Empty,
                    "contains" => CompareOp::Contains,
                    _ => return Err(PathError::new(at, format!("unknown operator '{word}'"))),
                };
                return Ok(Some(Operator::Compare(op)));
            }
            _ => return Ok(None),
        };
        self.pos += len;
        Ok(op)
    }

    fn operand(&mut self) -> Result<Operand> {
        self.skip_ws();
        let at = self.pos;
        match self.peek() {
            Some('@') => {
                self.pos += 1;
                let segments = self.segments()?;
                Ok(Operand::Path(FilterPath {
                    root: FilterRoot::Current,
                    segments,
                }))
            }
            Some('$') => {
                if self.peek_at(1).is_some_and(|c| c == '$' || is_var_start(c)) {
                    return Err(PathError::new(
                        at,
                        "only @ and $ paths can be used inside a filter, not $$ or variables",
                    ));
                }
                self.pos += 1;
                let segments = self.segments()?;
                Ok(Operand::Path(FilterPath {
                    root: FilterRoot::Document,
                    segments,
                }))
            }
            Some('/') => Err(PathError::new(at, "a /regex/ can only follow '=~'")),
            Some(')') | None => Err(PathError::new(at, "expected a condition")),
            _ => Ok(Operand::Value(self.literal()?)),
        }
    }

    /// A string, number, `true`, `false`, `null` or an array of those.
    fn literal(&mut self) -> Result<Value> {
        let at = self.pos;
        match self.peek() {
            Some('\'' | '"') => Ok(Value::String(self.quoted()?)),
            Some('[') => self.array_literal(),
            Some(c) if c == '-' || c.is_ascii_digit() => Ok(Value::Number(self.number()?)),
            Some(c) if c.is_alphabetic() => {
                let word = self.take_while(|c| c.is_alphanumeric() || c == '_');
                match word.as_str() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "null" => Ok(Value::Null),
                    _ => Err(PathError::new(at, format!("unexpected '{word}'; strings must be quoted, like '{word}'"))),
                }
            }
            Some(c) => Err(PathError::new(
                at,
                format!("unexpected {c:?}; expected a path (@ or $), a string, a number, true, false or null"),
            )),
            None => Err(PathError::new(at, "expected a value")),
        }
    }

    fn array_literal(&mut self) -> Result<Value> {
        let open = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.pos += 1;
            self.leave();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.literal()?);
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(unterminated_bracket(open)),
                Some(c) => {
                    return Err(PathError::new(
                        self.pos,
                        format!("expected ',' or ']' but found {c:?}"),
                    ))
                }
            }
        }
        self.leave();
        Ok(Value::Array(items))
    }

    /// A JSON number.
    fn number(&mut self) -> Result<Number> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        let digits = self.take_while(|c| c.is_ascii_digit());
        if digits.is_empty() {
            return Err(PathError::new(self.pos, "expected a digit"));
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(PathError::new(start, "numbers cannot have leading zeros"));
        }
        if self.peek() == Some('.') {
            self.pos += 1;
            if self.take_while(|c| c.is_ascii_digit()).is_empty() {
                return Err(PathError::new(self.pos, "expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.pos += 1;
            }
            if self.take_while(|c| c.is_ascii_digit()).is_empty() {
                return Err(PathError::new(self.pos, "expected a digit in the exponent"));
            }
        }
        if let Some(c) = self
            .peek()
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        {
            return Err(PathError::new(
                self.pos,
                format!("unexpected {c:?} in a number"),
            ));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse::<Number>()
            .map_err(|_| PathError::new(start, "the number is out of range"))
    }

    /// `/source/flags`, at the opening slash.
    fn regex(&mut self) -> Result<Pattern> {
        let open = self.pos;
        self.pos += 1;
        let mut source = String::new();
        let mut pattern = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(PathError::new(
                        open,
                        "unterminated regex: missing the closing '/'",
                    ))
                }
                Some('/') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    self.pos += 1;
                    let Some(c) = self.peek() else {
                        return Err(PathError::new(
                            open,
                            "unterminated regex: missing the closing '/'",
                        ));
                    };
                    self.pos += 1;
                    source.push('\\');
                    source.push(c);
                    if c != '/' {
                        pattern.push('\\');
                    }
                    pattern.push(c);
                }
                Some(c) => {
                    self.pos += 1;
                    source.push(c);
                    pattern.push(c);
                }
            }
        }
        let flags_at = self.pos;
        let flags = self.take_while(|c| c.is_ascii_alphabetic());
        if let Some((i, c)) = flags
            .chars()
            .enumerate()
            .find(|(_, c)| !"imsxuUd".contains(*c))
        {
            return Err(PathError::new(
                flags_at + i,
                format!("unsupported regex flag {c:?} (use i, m, s or x)"),
            ));
        }
        let build = |text: &str| {
            regex::RegexBuilder::new(text)
                .case_insensitive(flags.contains('i'))
                .multi_line(flags.contains('m'))
                .dot_matches_new_line(flags.contains('s'))
                .ignore_whitespace(flags.contains('x'))
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .build()
                .map_err(|e| PathError::new(open, format!("invalid regex: {}", regex_problem(&e))))
        };
        // Checked alone first: once the pattern is known to be balanced, wrapping it cannot
        // change its meaning. The newline ends an `x`-mode comment before the closing ')'.
        build(&pattern)?;
        let anchored = if flags.contains('x') {
            format!("\\A(?:{pattern}\n)\\z")
        } else {
            format!("\\A(?:{pattern})\\z")
        };
        let regex = build(&anchored)?;
        Ok(Pattern {
            source,
            flags,
            regex,
        })
    }
}

fn unterminated_bracket(open: usize) -> PathError {
    PathError::new(open, "unterminated '[': expected ']'")
}

/// The one-line reason inside the regex crate's multi-line error text.
fn regex_problem(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(text) => text
            .lines()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .unwrap_or("syntax error")
            .to_string(),
        regex::Error::CompiledTooBig(_) => "the pattern is too large".to_string(),
        other => other.to_string(),
    }
}
