//! Format-preserving writing: given a source text (JSON or YAML), the value it parsed to and
//! a new value, produce new text in which only what changed is rewritten. Comments, blank
//! lines, quoting, flow or block style, block scalars, anchors, tags, key order, indentation
//! and line endings of everything else keep their bytes.
//!
//! - A changed scalar is rewritten in place, in its old quoting style when the new value
//!   allows it (a `|` block stays a block).
//! - A renamed key (a key removed and one added at the same place with a mostly equal value)
//!   changes only the key's text.
//! - Added members are written in the style around them (indent unit, block sequence
//!   indentation, quotes, blank lines between members); removed members go with their lines
//!   and the comment lines directly above them; moved members take their text along.
//!
//! Every result is read back: it must parse to exactly the new value, key order included.
//! When a finer patch does not, the smallest value around the difference is written whole in
//! the file's style ([`Patched::reemitted`] names those), and so on outwards; the whole text
//! is never re-emitted silently (that is an error the caller decides about).
//!
//! [`patch_at`] patches one value inside a larger document (a state machine's `Definition`
//! inside a CloudFormation template): nothing outside that value is touched, so the
//! template's short tags (`!Sub`, `!GetAtt`, ...) and everything else stay as they were. To
//! add or remove such a value, patch its parent.
//!
//! YAML spans come from `saphyr-parser` (YAML 1.2); JSON spans from a small scanner here.

mod diff;
mod emit;
mod patch;
mod tree;
mod yaml;

use crate::source::SourceFormat;
use patch::{escape_token, Patcher, Slot};
use serde_json::Value;
use std::collections::BTreeSet;
use thiserror::Error;
use tree::{column, Kind, Node};

/// Why a text could not be patched; the caller falls back to writing the value afresh.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PreserveError {
    /// The text is not one JSON or YAML document whose shape could be followed (a syntax
    /// error, several documents, complex keys).
    #[error("the text could not be followed: {0}")]
    Unmapped(String),
    /// The base pointer does not name a value of the text.
    #[error("{pointer}: no such value in the text")]
    NoBase { pointer: String },
    /// The text does not hold the old value at the base pointer.
    #[error("{pointer}: the text does not hold the old value")]
    NotOld { pointer: String },
    /// Even the value written whole did not read back as the new value.
    #[error("the patched text did not read back as the new value")]
    NotPatched,
}

/// A patched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patched {
    pub text: String,
    /// Pointers of values that could not be patched finely and were written whole in the
    /// file's style (empty in the usual case).
    pub reemitted: Vec<String>,
}

/// Patches the whole document `text` (which parses to `old`) so that it parses to `new`.
pub fn patch(
    text: &str,
    format: SourceFormat,
    old: &Value,
    new: &Value,
) -> Result<Patched, PreserveError> {
    patch_at(text, format, "", old, new)
}

/// How many times a patch that did not read back is retried with coarser rewrites.
const ATTEMPTS: usize = 64;

/// Patches the value at JSON Pointer `base` of `text` from `old` to `new`. The rest of the
/// text keeps its bytes.
pub fn patch_at(
    text: &str,
    format: SourceFormat,
    base: &str,
    old: &Value,
    new: &Value,
) -> Result<Patched, PreserveError> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let json = format == SourceFormat::Json;
    let tree = if json {
        tree::parse_json(body)?
    } else {
        yaml::parse_yaml(body)?
    };
    let (node, slot) = locate(body, &tree, base, json)?;
    if reparse(body, format, base).is_none_or(|v| !same_ordered(&v, old)) {
        return Err(PreserveError::NotOld {
            pointer: base.to_string(),
        });
    }
    let style = emit::Style::detect(body, &tree, json);
    // An alias of an anchored value that changes must keep its old value: write it out.
    let mut anchors = Vec::new();
    let mut aliases = Vec::new();
    collect_anchors(node, String::new(), &mut anchors, &mut aliases, 0);
    let mut expanded: BTreeSet<String> = BTreeSet::new();
    for (ptr, id) in &anchors {
        if let (Some(o), Some(n)) = (old.pointer(ptr), new.pointer(ptr)) {
            if !same_ordered(o, n) {
                expanded.extend(
                    aliases
                        .iter()
                        .filter(|(_, a)| a == id)
                        .map(|(p, _)| p.clone()),
                );
            }
        }
    }
    let mut forced = expanded.clone();
    for _ in 0..ATTEMPTS {
        let mut p = Patcher {
            src: body,
            json,
            st: &style,
            forced: &forced,
            sites: Vec::new(),
        };
        let mut splices = Vec::new();
        p.node(node, slot, old, new, "", &mut splices);
        let sites = std::mem::take(&mut p.sites);
        let out = patch::apply(body, 0, body.len(), &mut splices);
        let more: Vec<String> = match reparse(&out, format, base) {
            Some(v) if same_ordered(&v, new) => {
                return Ok(Patched {
                    text: format!("{bom}{out}"),
                    reemitted: forced
                        .difference(&expanded)
                        .map(|p| format!("{base}{p}"))
                        .collect(),
                })
            }
            Some(v) => {
                let at = first_difference(&v, new, String::new());
                // A difference under an alias: its anchor changed; the alias keeps its value.
                match aliases.iter().find(|(p, _)| {
                    !forced.contains(p) && (at == *p || at.starts_with(&format!("{p}/")))
                }) {
                    Some((p, _)) => {
                        expanded.insert(p.clone());
                        forced.insert(p.clone());
                        continue;
                    }
                    None => vec![at],
                }
            }
            // An alias left without its anchor: write the aliases out first.
            None if aliases.iter().any(|(p, _)| !forced.contains(p)) => {
                for (p, _) in &aliases {
                    expanded.insert(p.clone());
                    forced.insert(p.clone());
                }
                continue;
            }
            None if sites.is_empty() => vec![String::new()],
            None => sites,
        };
        let mut grew = false;
        for p in more {
            grew |= coarsen(&mut forced, p);
        }
        if !grew {
            break;
        }
    }
    Err(PreserveError::NotPatched)
}

/// Marks `p` to be written whole, or its parent when `p` already was. False when nothing
/// coarser is left.
fn coarsen(forced: &mut BTreeSet<String>, mut p: String) -> bool {
    loop {
        if forced.insert(p.clone()) {
            return true;
        }
        match p.rfind('/') {
            Some(i) => p.truncate(i),
            None => return false,
        }
    }
}

/// Whether two values are equal with their object keys in the same order.
pub fn same_ordered(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k, v), (l, w))| k == l && same_ordered(v, w))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_ordered(v, w))
        }
        _ => a == b,
    }
}

/// Pointers (below `n`) of the anchored values and of the aliases, with their anchor ids.
fn collect_anchors(
    n: &Node,
    ptr: String,
    anchors: &mut Vec<(String, usize)>,
    aliases: &mut Vec<(String, usize)>,
    depth: usize,
) {
    if depth > tree::MAX_DEPTH {
        return;
    }
    if n.anchor != 0 {
        anchors.push((ptr.clone(), n.anchor));
    }
    match &n.kind {
        Kind::Alias(id) => aliases.push((ptr, *id)),
        Kind::Map { entries, .. } => {
            for e in entries {
                collect_anchors(
                    &e.value,
                    format!("{ptr}/{}", escape_token(&e.key)),
                    anchors,
                    aliases,
                    depth + 1,
                );
            }
        }
        Kind::Seq { items, .. } => {
            for (i, it) in items.iter().enumerate() {
                collect_anchors(&it.node, format!("{ptr}/{i}"), anchors, aliases, depth + 1);
            }
        }
        Kind::Scalar(_) => {}
    }
}

/// The pointer of the deepest value where `got` and `want` part.
fn first_difference(got: &Value, want: &Value, ptr: String) -> String {
    match (got, want) {
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() && x.keys().eq(y.keys()) => {
            for (k, v) in y {
                if let Some(g) = x.get(k) {
                    if !same_ordered(g, v) {
                        return first_difference(g, v, format!("{ptr}/{}", escape_token(k)));
                    }
                }
            }
            ptr
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (g, v)) in x.iter().zip(y).enumerate() {
                if !same_ordered(g, v) {
                    return first_difference(g, v, format!("{ptr}/{i}"));
                }
            }
            ptr
        }
        _ => ptr,
    }
}

/// The value at `base` as the app reads the text (`None` when it does not parse).
fn reparse(text: &str, format: SourceFormat, base: &str) -> Option<Value> {
    let tokens = crate::pointer::split(base);
    match format {
        SourceFormat::Json => {
            let v: Value = serde_json::from_str(text).ok()?;
            v.pointer(base).cloned()
        }
        SourceFormat::Yaml => {
            if tokens.is_empty() {
                // As the app reads a definition; a template's tags need the generic reading.
                if let Ok((v, _)) = crate::source::parse_value(text.as_bytes(), Some(format)) {
                    return Some(v);
                }
            }
            // A template may hold tags the JSON model cannot; only the value at `base` has to.
            let mut v: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).ok()?;
            for t in &tokens {
                v = match v {
                    serde_yaml_ng::Value::Mapping(mut m) => m.remove(t.as_str())?,
                    serde_yaml_ng::Value::Sequence(mut s) => {
                        let i: usize = t.parse().ok()?;
                        if i >= s.len() {
                            return None;
                        }
                        s.swap_remove(i)
                    }
                    _ => return None,
                };
            }
            serde_json::to_value(v).ok()
        }
    }
}

/// The node at `base` and its slot.
fn locate<'t>(
    src: &str,
    root: &'t Node,
    base: &str,
    json: bool,
) -> Result<(&'t Node, Slot), PreserveError> {
    let mut node = root;
    let mut slot = if json { Slot::Flow } else { Slot::Root };
    let missing = || PreserveError::NoBase {
        pointer: base.to_string(),
    };
    for t in crate::pointer::split(base) {
        match &node.kind {
            Kind::Map { flow, entries } => {
                let e = entries
                    .iter()
                    .rev()
                    .find(|e| e.key == t)
                    .ok_or_else(missing)?;
                slot = if *flow || json {
                    Slot::Flow
                } else {
                    Slot::MapValue {
                        key_col: column(src, e.key_start),
                        colon_end: e.colon_end,
                    }
                };
                node = &e.value;
            }
            Kind::Seq { items, .. } => {
                let i: usize = t.parse().map_err(|_| missing())?;
                let it = items.get(i).ok_or_else(missing)?;
                slot = match it.dash {
                    Some(dash) if !json => Slot::SeqItem {
                        dash,
                        dash_col: column(src, dash),
                    },
                    _ => Slot::Flow,
                };
                node = &it.node;
            }
            _ => return Err(missing()),
        }
    }
    Ok((node, slot))
}

#[cfg(test)]
mod tests;
