//! Evaluation with Jayway-JsonPath semantics, which is what Step Functions runs.
//!
//! The rules that matter, read from Jayway's token classes:
//! - While every segment so far is definite (names and single indexes), a step that cannot
//!   be taken (a missing field that is not the last segment, a field of a non-object, an
//!   index or slice of a non-array, a filter on a scalar) makes the whole path "not found",
//!   even when later segments would make it indefinite: `$.missing[*]` is not found, not `[]`.
//!   A slice is the exception: AWS gives `[]` for `$.missing[1:]` (recorded executions).
//! - Once the path has branched, such steps are silently skipped.
//! - An index out of range is skipped, never an error: `$.a[9]` is not found because a
//!   definite path without a result is, but `$.a[9][*]` is an empty list.
//! - A trailing name union, `$['a','b']`, merges the names into one object.
//! - A filter on an object tests the object itself; on an array it tests each element.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use super::{
    CompareOp, FilterExpr, FilterPath, FilterRoot, JsonPath, Operand, PathRoot, Segment,
    UnionMember,
};

/// What a path selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// A definite path (see [`JsonPath::is_definite`]; also a trailing name union) found its
    /// value.
    One(Value),
    /// An indefinite path: every match in document order, possibly none. Step Functions
    /// hands this on as a JSON array.
    Many(Vec<Value>),
    /// Nothing to select: a definite path missed (absent field, index out of range, wrong
    /// type), or an indefinite path failed while still in its definite prefix. Step
    /// Functions fails the state with `States.Runtime` here.
    NotFound,
}

impl Selection {
    /// The value Step Functions would use: the single value, the array of matches, or `None`.
    pub fn into_value(self) -> Option<Value> {
        match self {
            Selection::One(v) => Some(v),
            Selection::Many(vs) => Some(Value::Array(vs)),
            Selection::NotFound => None,
        }
    }
}

/// Why a path could not be evaluated at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// The path starts at `$name` and `variables` had no such variable.
    #[error("the variable ${0} is not defined")]
    UndefinedVariable(String),
}

impl JsonPath {
    /// Selects from `input` (for `$`), `context` (for `$$`) or the variable `variables`
    /// returns (for `$name`). `$` inside a filter means the same document as the path's root.
    pub fn evaluate(
        &self,
        input: &Value,
        context: &Value,
        variables: &dyn Fn(&str) -> Option<Value>,
    ) -> Result<Selection, EvalError> {
        let variable;
        let document = match &self.root {
            PathRoot::Input => input,
            PathRoot::Context => context,
            PathRoot::Variable(name) => {
                variable =
                    variables(name).ok_or_else(|| EvalError::UndefinedVariable(name.clone()))?;
                &variable
            }
        };
        Ok(match select(document, &self.segments, document) {
            Picked::One(v) => Selection::One(v.into_owned()),
            Picked::Many(vs) => Selection::Many(vs.into_iter().map(Cow::into_owned).collect()),
            Picked::NotFound => Selection::NotFound,
        })
    }
}

/// [`Selection`] without the copies; merged unions are the only owned values.
enum Picked<'a> {
    One(Cow<'a, Value>),
    Many(Vec<Cow<'a, Value>>),
    NotFound,
}

/// Jayway's PathNotFoundException: raised inside the definite prefix, it ends evaluation.
struct Missing;

fn missing(definite: bool) -> Result<(), Missing> {
    if definite {
        Err(Missing)
    } else {
        Ok(())
    }
}

fn select<'a>(start: &'a Value, segments: &[Segment], document: &'a Value) -> Picked<'a> {
    let mut current = vec![start];
    // Whether every segment before the one being applied selects at most one node.
    let mut definite = true;
    for (i, segment) in segments.iter().enumerate() {
        let leaf = i + 1 == segments.len();
        if let (true, Some(names)) = (leaf, name_union(segment)) {
            return merge_union(&current, &names, definite);
        }
        let mut next = Vec::new();
        for node in current {
            if step(node, segment, leaf, definite, document, &mut next).is_err() {
                // Step Functions answers `[]`, not "not found", when a path that slices
                // misses before its slice: `$.items[1:]` and `$.a.items[1:5].v` on `{}`
                // (recorded executions in shared/conformance/extra/base).
                if segments[i + 1..]
                    .iter()
                    .any(|s| matches!(s, Segment::Slice { .. }))
                {
                    return Picked::Many(Vec::new());
                }
                return Picked::NotFound;
            }
        }
        current = next;
        definite &= matches!(segment, Segment::Field(_) | Segment::Index(_));
    }
    finish(current.into_iter().map(Cow::Borrowed).collect(), definite)
}

fn finish(mut results: Vec<Cow<'_, Value>>, definite: bool) -> Picked<'_> {
    if !definite {
        return Picked::Many(results);
    }
    match results.pop() {
        Some(v) if results.is_empty() => Picked::One(v),
        _ => Picked::NotFound,
    }
}

/// The names of a union made only of names.
fn name_union(segment: &Segment) -> Option<Vec<&str>> {
    let Segment::Union(members) = segment else {
        return None;
    };
    members
        .iter()
        .map(|m| match m {
            UnionMember::Name(n) => Some(n.as_str()),
            UnionMember::Index(_) => None,
        })
        .collect()
}

/// Jayway's "multi-property merge": each node gives one object holding the names it has.
fn merge_union<'a>(nodes: &[&'a Value], names: &[&str], definite: bool) -> Picked<'a> {
    let mut merged = Vec::new();
    for node in nodes {
        match node {
            Value::Object(map) => {
                let object: Map<String, Value> = names
                    .iter()
                    .filter_map(|n| map.get(*n).map(|v| (n.to_string(), v.clone())))
                    .collect();
                merged.push(Cow::Owned(Value::Object(object)));
            }
            _ if definite => return Picked::NotFound,
            _ => {}
        }
    }
    finish(merged, definite)
}

fn step<'a>(
    node: &'a Value,
    segment: &Segment,
    leaf: bool,
    definite: bool,
    document: &'a Value,
    out: &mut Vec<&'a Value>,
) -> Result<(), Missing> {
    match segment {
        Segment::Field(name) => match node {
            Value::Object(map) => match map.get(name) {
                Some(v) => out.push(v),
                None if !leaf => missing(definite)?,
                None => {}
            },
            _ => missing(definite)?,
        },
        Segment::Index(i) => match node {
            Value::Array(items) => out.extend(index(items, *i)),
            _ => missing(definite)?,
        },
        Segment::Wildcard => match node {
            Value::Object(map) => out.extend(map.values()),
            Value::Array(items) => out.extend(items.iter()),
            _ if !leaf => missing(definite)?,
            _ => {}
        },
        Segment::Slice { start, end, step } => match node {
            Value::Array(items) => slice(items, *start, *end, *step, out),
            _ => missing(definite)?,
        },
        Segment::Union(members) => {
            for member in members {
                match (member, node) {
                    (UnionMember::Name(n), Value::Object(map)) => out.extend(map.get(n)),
                    (UnionMember::Index(i), Value::Array(items)) => out.extend(index(items, *i)),
                    _ => missing(definite)?,
                }
            }
        }
        Segment::Filter(expr) => match node {
            Value::Object(_) => {
                if test(expr, node, document) {
                    out.push(node);
                }
            }
            Value::Array(items) => {
                out.extend(items.iter().filter(|item| test(expr, item, document)))
            }
            _ => missing(definite)?,
        },
        Segment::RecursiveDescent(inner) => descend(node, inner, document, out),
    }
    Ok(())
}

/// `..inner`: visits `node` and every object and array below it, depth first, parents before
/// children, members in document order; with an explicit stack, since documents built in
/// code can be deeper than the call stack allows.
fn descend<'a>(node: &'a Value, inner: &Segment, document: &'a Value, out: &mut Vec<&'a Value>) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        apply_below(n, inner, document, out);
        let children: Box<dyn DoubleEndedIterator<Item = &'a Value>> = match n {
            Value::Object(map) => Box::new(map.values()),
            Value::Array(items) => Box::new(items.iter()),
            _ => continue,
        };
        stack.extend(children.rev().filter(|v| v.is_object() || v.is_array()));
    }
}

/// One visited node of a descent. Never "not found": Jayway only looks where the segment fits.
fn apply_below<'a>(
    node: &'a Value,
    inner: &Segment,
    document: &'a Value,
    out: &mut Vec<&'a Value>,
) {
    match (inner, node) {
        (Segment::Field(name), Value::Object(map)) => out.extend(map.get(name)),
        (Segment::Index(i), Value::Array(items)) => out.extend(index(items, *i)),
        (Segment::Wildcard, Value::Object(map)) => out.extend(map.values()),
        (Segment::Wildcard, Value::Array(items)) => out.extend(items.iter()),
        (Segment::Slice { start, end, step }, Value::Array(items)) => {
            slice(items, *start, *end, *step, out)
        }
        (Segment::Union(members), _) => {
            for member in members {
                match (member, node) {
                    (UnionMember::Name(n), Value::Object(map)) => out.extend(map.get(n)),
                    (UnionMember::Index(i), Value::Array(items)) => out.extend(index(items, *i)),
                    _ => {}
                }
            }
        }
        (Segment::Filter(expr), Value::Object(_)) if test(expr, node, document) => out.push(node),
        // Jayway only filters an array's elements during a scan when the array itself passes
        // the filter, so `$..[?(@ > 2)]` finds nothing; objects inside arrays are still
        // visited on their own.
        (Segment::Filter(expr), Value::Array(items)) if test(expr, node, document) => {
            out.extend(items.iter().filter(|item| test(expr, item, document)))
        }
        // Every node is visited already, so a descent inside a descent adds nothing.
        (Segment::RecursiveDescent(inner), _) => apply_below(node, inner, document, out),
        _ => {}
    }
}

fn index(items: &[Value], i: i64) -> Option<&Value> {
    let len = i64::try_from(items.len()).ok()?;
    let at = if i < 0 { len.checked_add(i)? } else { i };
    items.get(usize::try_from(at).ok()?)
}

/// RFC 9535 slice semantics (Python's): negative bounds count from the end, bounds are
/// clamped, a negative step walks backwards and a zero step selects nothing.
fn slice<'a>(
    items: &'a [Value],
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
    out: &mut Vec<&'a Value>,
) {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let normalize = |i: i64| if i >= 0 { i } else { len.saturating_add(i) };
    let step = step.unwrap_or(1);
    let mut push = |i: i64| {
        if let Some(v) = usize::try_from(i).ok().and_then(|i| items.get(i)) {
            out.push(v);
        }
    };
    match step.cmp(&0) {
        Ordering::Greater => {
            let lower = start.map_or(0, normalize).clamp(0, len);
            let upper = end.map_or(len, normalize).clamp(0, len);
            let mut i = lower;
            while i < upper {
                push(i);
                let Some(next) = i.checked_add(step) else {
                    break;
                };
                i = next;
            }
        }
        Ordering::Less => {
            let upper = start.map_or(len - 1, normalize).clamp(-1, len - 1);
            let lower = end.map_or(-1, normalize).clamp(-1, len - 1);
            let mut i = upper;
            while i > lower {
                push(i);
                let Some(next) = i.checked_add(step) else {
                    break;
                };
                i = next;
            }
        }
        Ordering::Equal => {}
    }
}

// --- filters ----------------------------------------------------------------------------

fn test(expr: &FilterExpr, current: &Value, document: &Value) -> bool {
    match expr {
        FilterExpr::Or(items) => items.iter().any(|e| test(e, current, document)),
        FilterExpr::And(items) => items.iter().all(|e| test(e, current, document)),
        FilterExpr::Not(inner) => !test(inner, current, document),
        FilterExpr::Exists(path) => match resolve(path, current, document) {
            Picked::One(_) => true,
            Picked::Many(vs) => !vs.is_empty(),
            Picked::NotFound => false,
        },
        FilterExpr::Compare { left, op, right } => {
            let l = operand(left, current, document);
            let r = operand(right, current, document);
            compare(*op, l.as_deref(), r.as_deref())
        }
        FilterExpr::Match { left, pattern } => match operand(left, current, document).as_deref() {
            Some(Value::String(s)) => pattern.is_match(s),
            Some(Value::Number(n)) => pattern.is_match(&n.to_string()),
            Some(Value::Bool(b)) => pattern.is_match(if *b { "true" } else { "false" }),
            _ => false,
        },
    }
}

fn resolve<'a>(path: &FilterPath, current: &'a Value, document: &'a Value) -> Picked<'a> {
    let start = match path.root {
        FilterRoot::Current => current,
        FilterRoot::Document => document,
    };
    select(start, &path.segments, document)
}

/// The value of one side of a comparison; `None` when a path selects nothing. An indefinite
/// path gives the array of its matches, as Jayway does.
fn operand<'a>(
    operand: &'a Operand,
    current: &'a Value,
    document: &'a Value,
) -> Option<Cow<'a, Value>> {
    match operand {
        Operand::Value(v) => Some(Cow::Borrowed(v)),
        Operand::Path(path) => match resolve(path, current, document) {
            Picked::One(v) => Some(v),
            Picked::Many(vs) => Some(Cow::Owned(Value::Array(
                vs.into_iter().map(Cow::into_owned).collect(),
            ))),
            Picked::NotFound => None,
        },
    }
}

fn compare(op: CompareOp, left: Option<&Value>, right: Option<&Value>) -> bool {
    let both_arrays = || match (left, right) {
        (Some(Value::Array(a)), Some(Value::Array(b))) => Some((a, b)),
        _ => None,
    };
    let contains = |items: &[Value], v: &Value| items.iter().any(|item| values_equal(item, v));
    match op {
        CompareOp::Eq => optional_equal(left, right),
        CompareOp::Ne => !optional_equal(left, right),
        CompareOp::Lt => order(left, right) == Some(Ordering::Less),
        CompareOp::Le => matches!(order(left, right), Some(Ordering::Less | Ordering::Equal)),
        CompareOp::Gt => order(left, right) == Some(Ordering::Greater),
        CompareOp::Ge => matches!(
            order(left, right),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        CompareOp::In => is_in(left, right),
        CompareOp::Nin => !is_in(left, right),
        CompareOp::SubsetOf => both_arrays().is_some_and(|(a, b)| a.iter().all(|x| contains(b, x))),
        CompareOp::AnyOf => both_arrays().is_some_and(|(a, b)| a.iter().any(|x| contains(b, x))),
        CompareOp::NoneOf => both_arrays().is_some_and(|(a, b)| !a.iter().any(|x| contains(b, x))),
        CompareOp::Size => {
            let len = match left {
                Some(Value::String(s)) => s.chars().count(),
                Some(Value::Array(items)) => items.len(),
                _ => return false,
            };
            matches!(right, Some(Value::Number(n)) if n.as_u64().and_then(|n| usize::try_from(n).ok()) == Some(len))
        }
        CompareOp::Empty => match (left, right) {
            (Some(Value::String(s)), Some(Value::Bool(b))) => s.is_empty() == *b,
            (Some(Value::Array(items)), Some(Value::Bool(b))) => items.is_empty() == *b,
            _ => false,
        },
        CompareOp::Contains => match (left, right) {
            (Some(Value::String(s)), Some(Value::String(part))) => s.contains(part.as_str()),
            (Some(Value::Array(items)), Some(v)) => contains(items, v),
            _ => false,
        },
    }
}

fn is_in(left: Option<&Value>, right: Option<&Value>) -> bool {
    match (left, right) {
        (Some(v), Some(Value::Array(items))) => items.iter().any(|item| values_equal(v, item)),
        _ => false,
    }
}

/// Two missing values are equal (Jayway's single "undefined" node equals itself).
fn optional_equal(left: Option<&Value>, right: Option<&Value>) -> bool {
    match (left, right) {
        (None, None) => true,
        (Some(a), Some(b)) => values_equal(a, b),
        _ => false,
    }
}

/// Structural equality, except that numbers compare by value (`1 == 1.0`).
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => number_order(x, y) == Some(Ordering::Equal),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| values_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Numbers by value, strings lexically (by code point); nothing else is ordered.
fn order(left: Option<&Value>, right: Option<&Value>) -> Option<Ordering> {
    match (left?, right?) {
        (Value::Number(x), Value::Number(y)) => number_order(x, y),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// Exact for integers (a u64 above 2^53 must not collapse onto its neighbour), `f64`
/// otherwise.
fn number_order(x: &Number, y: &Number) -> Option<Ordering> {
    let int = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (int(x), int(y)) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => x.as_f64()?.partial_cmp(&y.as_f64()?),
    }
}
