//! JSONPath as AWS Step Functions reads it.
//!
//! Step Functions uses Jayway-JsonPath syntax. A path starts at one of three roots: the state
//! input (`$`), the context object (`$$`) or a workflow variable set by `Assign` (`$name`).
//! [`JsonPath::parse`] builds an AST and reports the first problem with its character offset;
//! [`JsonPath::evaluate`] selects values the way Jayway does, quirks included (see
//! [`Selection`]).
//!
//! ```
//! use stepwise_asl::path::{JsonPath, Segment};
//!
//! let path = JsonPath::parse("$.items[0]['unit price']").unwrap();
//! assert_eq!(path.segments[1], Segment::Index(0));
//! assert!(path.is_reference_path());
//! assert_eq!(path.to_string(), "$.items[0]['unit price']");
//! ```

mod eval;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

pub use eval::{EvalError, Selection};
pub(crate) use parse::parse_prefix;

/// Filters, parentheses, `!` and array literals may nest this deep. The cap keeps hostile
/// input (thousands of `(`) from exhausting the stack in the parser, `Display` or evaluation.
pub const MAX_NESTING: usize = 64;

/// Where a path starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathRoot {
    /// `$`: the state input (or, in `ResultSelector`, the task result).
    Input,
    /// `$$`: the context object (`$$.Execution.Id`, `$$.Map.Item.Value`, ...).
    Context,
    /// `$name`: a workflow variable assigned by an earlier state's `Assign`.
    Variable(String),
}

/// A parsed path: a root and the segments applied to it in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    pub root: PathRoot,
    pub segments: Vec<Segment>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `.name`, `['name']` or `["name"]`.
    Field(String),
    /// `[0]`; negative counts from the end (`[-1]` is the last element).
    Index(i64),
    /// `.*` or `[*]`: every member of an object or element of an array.
    Wildcard,
    /// `..x`: the inner segment applied at the current node and at every node below it.
    /// The inner segment is never itself a descent.
    RecursiveDescent(Box<Segment>),
    /// `[start:end:step]`, each part optional; negative bounds count from the end.
    Slice {
        start: Option<i64>,
        end: Option<i64>,
        step: Option<i64>,
    },
    /// `['a','b']` or `[0,1]`: two or more names, or two or more indexes (Jayway cannot mix
    /// them, so neither can this parser).
    Union(Vec<UnionMember>),
    /// `[?(...)]`.
    Filter(FilterExpr),
}

/// A member of a [`Segment::Union`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionMember {
    Name(String),
    Index(i64),
}

/// The condition inside `[?(...)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterExpr {
    /// `a || b || ...` (two or more).
    Or(Vec<FilterExpr>),
    /// `a && b && ...` (two or more).
    And(Vec<FilterExpr>),
    /// `!a`.
    Not(Box<FilterExpr>),
    /// A path on its own, `[?(@.isbn)]`: true when the path selects something.
    Exists(FilterPath),
    /// `left op right`.
    Compare {
        left: Operand,
        op: CompareOp,
        right: Operand,
    },
    /// `left =~ /regex/flags`: the whole string must match, as Java's `matches()` requires.
    Match { left: Operand, pattern: Pattern },
}

/// Where a path inside a filter starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterRoot {
    /// `@`: the item being tested.
    Current,
    /// `$`: the document the whole path is evaluated against.
    Document,
}

/// A path inside a filter: `@.price`, `@`, `$.limits.max`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPath {
    pub root: FilterRoot,
    pub segments: Vec<Segment>,
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    Path(FilterPath),
    /// A literal: string, number, `true`, `false`, `null`, or an array of literals
    /// (`['S', 'M']`, for `in` and friends).
    Value(Value),
}

/// Comparison operators, as Jayway names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `==`: numbers by value (`1 == 1.0`), everything else structurally.
    Eq,
    /// `!=`: the negation of `==`, so a missing field is `!=` anything.
    Ne,
    /// `<`, `<=`, `>`, `>=`: numbers by value, strings lexically; other pairs are false.
    Lt,
    Le,
    Gt,
    Ge,
    /// `in`: the left value equals an element of the right array.
    In,
    /// `nin`: the negation of `in`.
    Nin,
    /// `subsetof`: every element of the left array is in the right array.
    SubsetOf,
    /// `anyof`: the arrays share an element.
    AnyOf,
    /// `noneof`: both are arrays and share no element.
    NoneOf,
    /// `size`: the left string or array has the length on the right.
    Size,
    /// `empty`: `empty true` / `empty false` on a string or array.
    Empty,
    /// `contains`: the left string contains the right string, or the left array the value.
    Contains,
}

impl CompareOp {
    /// The operator as written in a filter.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::In => "in",
            CompareOp::Nin => "nin",
            CompareOp::SubsetOf => "subsetof",
            CompareOp::AnyOf => "anyof",
            CompareOp::NoneOf => "noneof",
            CompareOp::Size => "size",
            CompareOp::Empty => "empty",
            CompareOp::Contains => "contains",
        }
    }
}

/// A `/regex/flags` literal, compiled when the path is parsed so a bad pattern is a parse
/// error rather than a runtime surprise.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    flags: String,
    regex: regex::Regex,
}

impl Pattern {
    /// The pattern as written between the slashes (`\/` still escaped).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The flags after the closing slash (`i`, `m`, `s`, `x`; `u`, `U` and `d` are accepted
    /// and change nothing).
    pub fn flags(&self) -> &str {
        &self.flags
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.flags == other.flags
    }
}

impl Eq for Pattern {}

/// Why a path did not parse: the character offset (not byte) of the problem in the text
/// handed to the parser, and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {offset}: {message}")]
pub struct PathError {
    pub offset: usize,
    pub message: String,
}

impl PathError {
    pub(crate) fn new(offset: usize, message: impl Into<String>) -> Self {
        PathError {
            offset,
            message: message.into(),
        }
    }
}

impl JsonPath {
    /// Parses a whole path. The text must be exactly the path: no surrounding whitespace.
    pub fn parse(text: &str) -> Result<JsonPath, PathError> {
        parse::parse_path(text)
    }

    /// Whether this is a reference path as the ASL specification defines it: only `.field`,
    /// `['field']` and `[index]` segments, so it names at most one node and can be written
    /// to. The root is not considered: ItemsPath or SecondsPath may read `$$` or a
    /// variable, while ResultPath must additionally have the root [`PathRoot::Input`].
    pub fn is_reference_path(&self) -> bool {
        self.segments
            .iter()
            .all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
    }

    /// Whether the path selects at most one value: no wildcard, descent, slice, union or
    /// filter. (Jayway also treats a trailing name union, `$['a','b']`, as definite because
    /// it merges the names into one object; [`JsonPath::evaluate`] follows Jayway there, but
    /// this syntactic check does not.)
    pub fn is_definite(&self) -> bool {
        self.is_reference_path()
    }

    /// The variable this path reads, if it starts at one.
    pub fn variable(&self) -> Option<&str> {
        match &self.root {
            PathRoot::Variable(name) => Some(name),
            _ => None,
        }
    }
}

impl FromStr for JsonPath {
    type Err = PathError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JsonPath::parse(s)
    }
}

// ---------------------------------------------------------------------------------------
// Canonical text. Parsing what Display writes gives back an equal AST.
// ---------------------------------------------------------------------------------------

/// Characters allowed in a dot-notation name (`.name`). Everything else needs `['...']`.
pub(crate) fn is_shorthand_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_' || c == '-'
    } else {
        !c.is_whitespace() && !c.is_control()
    }
}

fn is_shorthand(name: &str) -> bool {
    !name.is_empty() && name.chars().all(is_shorthand_char)
}

/// Writes `s` single-quoted, escaping what the parser unescapes.
fn write_quoted(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('\'')?;
    for c in s.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('\'')
}

fn write_segments(f: &mut fmt::Formatter<'_>, segments: &[Segment]) -> fmt::Result {
    segments.iter().try_for_each(|s| write_segment(f, s))
}

fn write_segment(f: &mut fmt::Formatter<'_>, segment: &Segment) -> fmt::Result {
    match segment {
        Segment::Field(name) if is_shorthand(name) => write!(f, ".{name}"),
        Segment::RecursiveDescent(inner) => {
            f.write_str("..")?;
            match inner.as_ref() {
                Segment::Field(name) if is_shorthand(name) => f.write_str(name),
                Segment::Wildcard => f.write_str("*"),
                other => write_bracket(f, other),
            }
        }
        other => write_bracket(f, other),
    }
}

/// The bracket form of a segment (`['a']`, `[0]`, `[*]`, ...).
fn write_bracket(f: &mut fmt::Formatter<'_>, segment: &Segment) -> fmt::Result {
    if let Segment::RecursiveDescent(_) = segment {
        // Only built by hand (the parser never nests descents); there is no bracket form.
        return write_segment(f, segment);
    }
    f.write_str("[")?;
    match segment {
        Segment::Field(name) => write_quoted(f, name)?,
        Segment::Index(i) => write!(f, "{i}")?,
        Segment::Wildcard => f.write_str("*")?,
        Segment::Slice { start, end, step } => {
            if let Some(s) = start {
                write!(f, "{s}")?;
            }
            f.write_str(":")?;
            if let Some(e) = end {
                write!(f, "{e}")?;
            }
            if let Some(st) = step {
                write!(f, ":{st}")?;
            }
        }
        Segment::Union(members) => {
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                match m {
                    UnionMember::Name(n) => write_quoted(f, n)?,
                    UnionMember::Index(i) => write!(f, "{i}")?,
                }
            }
        }
        Segment::Filter(expr) => write!(f, "?({expr})")?,
        Segment::RecursiveDescent(_) => {}
    }
    f.write_str("]")
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.root {
            PathRoot::Input => f.write_str("$")?,
            PathRoot::Context => f.write_str("$$")?,
            PathRoot::Variable(name) => write!(f, "${name}")?,
        }
        write_segments(f, &self.segments)
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_segment(f, self)
    }
}

impl fmt::Display for FilterPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.root {
            FilterRoot::Current => "@",
            FilterRoot::Document => "$",
        })?;
        write_segments(f, &self.segments)
    }
}

fn write_literal(f: &mut fmt::Formatter<'_>, value: &Value) -> fmt::Result {
    match value {
        Value::String(s) => write_quoted(f, s),
        Value::Array(items) => {
            f.write_str("[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_literal(f, item)?;
            }
            f.write_str("]")
        }
        // Objects never come from the parser; JSON text is the least surprising rendering.
        other => write!(f, "{other}"),
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Path(p) => write!(f, "{p}"),
            Operand::Value(v) => write_literal(f, v),
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/{}", self.source, self.flags)
    }
}

impl fmt::Display for CompareOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for FilterExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Parentheses only where needed for the text to parse back to the same tree.
        match self {
            FilterExpr::Or(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" || ")?;
                    }
                    if matches!(item, FilterExpr::Or(_)) {
                        write!(f, "({item})")?;
                    } else {
                        write!(f, "{item}")?;
                    }
                }
                Ok(())
            }
            FilterExpr::And(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" && ")?;
                    }
                    if matches!(item, FilterExpr::Or(_) | FilterExpr::And(_)) {
                        write!(f, "({item})")?;
                    } else {
                        write!(f, "{item}")?;
                    }
                }
                Ok(())
            }
            FilterExpr::Not(inner) => match inner.as_ref() {
                FilterExpr::Exists(_) | FilterExpr::Not(_) => write!(f, "!{inner}"),
                other => write!(f, "!({other})"),
            },
            FilterExpr::Exists(path) => write!(f, "{path}"),
            FilterExpr::Compare { left, op, right } => write!(f, "{left} {op} {right}"),
            FilterExpr::Match { left, pattern } => write!(f, "{left} =~ {pattern}"),
        }
    }
}
