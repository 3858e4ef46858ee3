//! The patch itself: walks the tree of the old text alongside the old and new values and
//! produces splices (byte range → new text). Unchanged values produce nothing, so their
//! bytes stay. A changed scalar is rewritten in place; an object or array whose members were
//! added, removed or moved is rebuilt from its members' own text (each kept member with its
//! comments, and its own splices applied), with new members written in the file's style.

use super::diff::{plan_map, plan_seq, MapOut, SeqOut};
use super::emit::{self, Style};
use super::same_ordered;
use super::tree::{column, Kind, Node, ScalarStyle};
use serde_json::Value;
use std::collections::BTreeSet;

mod rewrite;

#[derive(Debug, Clone)]
pub(crate) struct Splice {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Applies splices (sorted, not overlapping) to `src[from..to]`.
pub(crate) fn apply(src: &str, from: usize, to: usize, splices: &mut [Splice]) -> String {
    splices.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(to - from);
    let mut at = from;
    for s in splices.iter() {
        if s.start < at || s.end > to {
            continue;
        }
        out.push_str(&src[at..s.start]);
        out.push_str(&s.text);
        at = s.end;
    }
    out.push_str(&src[at..to]);
    out
}

/// Where a value sits, which decides how a replacement for it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot {
    Root,
    /// After `key:` in a block mapping.
    MapValue {
        key_col: usize,
        colon_end: usize,
    },
    /// After the `-` of a block sequence.
    SeqItem {
        dash: usize,
        dash_col: usize,
    },
    /// Inside a flow collection (and everywhere in JSON).
    Flow,
}

pub(crate) fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

pub(crate) struct Patcher<'a> {
    pub src: &'a str,
    pub json: bool,
    pub st: &'a Style,
    /// Pointers (below the base) to write whole, after a finer patch did not read back.
    pub forced: &'a BTreeSet<String>,
    /// Pointers of the values this pass rewrote.
    pub sites: Vec<String>,
}

enum Piece {
    Old { i: usize, inner: Vec<Splice> },
    New(usize),
}

impl Patcher<'_> {
    fn forced_below(&self, ptr: &str) -> bool {
        self.forced
            .iter()
            .any(|f| f.len() > ptr.len() && f.starts_with(ptr) && f.as_bytes()[ptr.len()] == b'/')
    }

    pub(crate) fn node(
        &mut self,
        n: &Node,
        slot: Slot,
        old: &Value,
        new: &Value,
        ptr: &str,
        out: &mut Vec<Splice>,
    ) {
        if self.forced.contains(ptr) {
            return self.replace(n, slot, new, ptr, out);
        }
        if same_ordered(old, new) && !self.forced_below(ptr) {
            return;
        }
        match (&n.kind, old, new) {
            (Kind::Map { flow, entries }, Value::Object(o), Value::Object(nw))
                if !o.is_empty()
                    && !nw.is_empty()
                    && entries.len() == o.len()
                    && entries.iter().zip(o.keys()).all(|(e, k)| &e.key == k) =>
            {
                self.map(n, *flow, entries, o, nw, slot, new, ptr, out)
            }
            (Kind::Seq { flow, items }, Value::Array(o), Value::Array(nw))
                if !o.is_empty() && !nw.is_empty() && items.len() == o.len() =>
            {
                self.seq(n, *flow, items, o, nw, slot, new, ptr, out)
            }
            (Kind::Scalar(style), _, _)
                if !matches!(old, Value::Object(_) | Value::Array(_))
                    && !matches!(new, Value::Object(_) | Value::Array(_))
                    && n.end > n.start =>
            {
                self.scalar(n, *style, slot, new, ptr, out)
            }
            _ => self.replace(n, slot, new, ptr, out),
        }
    }

    fn entry_slot(&self, e: &super::tree::Entry, flow: bool) -> Slot {
        if flow || self.json {
            Slot::Flow
        } else {
            Slot::MapValue {
                key_col: column(self.src, e.key_start),
                colon_end: e.colon_end,
            }
        }
    }

    fn item_slot(&self, it: &super::tree::Item) -> Slot {
        match it.dash {
            Some(dash) if !self.json => Slot::SeqItem {
                dash,
                dash_col: column(self.src, dash),
            },
            _ => Slot::Flow,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn map(
        &mut self,
        n: &Node,
        flow: bool,
        entries: &[super::tree::Entry],
        o: &serde_json::Map<String, Value>,
        nw: &serde_json::Map<String, Value>,
        slot: Slot,
        new: &Value,
        ptr: &str,
        out: &mut Vec<Splice>,
    ) {
        let (plan, layout) = plan_map(o, nw);
        let new_entries: Vec<(&String, &Value)> = nw.iter().collect();
        let old_vals: Vec<&Value> = o.values().collect();
        let mut pieces = Vec::with_capacity(plan.len());
        for (j, p) in plan.iter().enumerate() {
            let (k, v) = new_entries[j];
            match p {
                MapOut::Old { i, renamed } => {
                    let e = &entries[*i];
                    let mut inner = Vec::new();
                    if *renamed {
                        let text = if self.json {
                            emit::json_scalar(&Value::String(k.clone()))
                        } else {
                            emit::key(k, e.key_style, flow, self.st)
                        };
                        inner.push(Splice {
                            start: e.key_start,
                            end: e.key_end,
                            text,
                        });
                        self.sites.push(ptr.to_string());
                    }
                    let child = format!("{ptr}/{}", escape_token(k));
                    self.node(
                        &e.value,
                        self.entry_slot(e, flow),
                        old_vals[*i],
                        v,
                        &child,
                        &mut inner,
                    );
                    pieces.push(Piece::Old { i: *i, inner });
                }
                MapOut::New => pieces.push(Piece::New(j)),
            }
        }
        if !layout {
            for p in pieces {
                if let Piece::Old { inner, .. } = p {
                    out.extend(inner);
                }
            }
            return;
        }
        self.sites.push(ptr.to_string());
        let members: Vec<(usize, usize)> =
            entries.iter().map(|e| (e.key_start, e.value.end)).collect();
        let col = column(self.src, entries[0].key_start);
        let make = |this: &Self, j: usize, indent: &str, multi: bool| -> String {
            let (k, v) = new_entries[j];
            if this.json {
                let val = if multi {
                    emit::json(v, indent, this.st)
                } else {
                    emit::json_inline(v, this.st)
                };
                format!(
                    "{}{}{}",
                    emit::json_scalar(&Value::String(k.clone())),
                    this.st.json_colon,
                    val
                )
            } else if flow {
                format!(
                    "{}: {}",
                    emit::key(k, ScalarStyle::Plain, true, this.st),
                    emit::flow(v, this.st)
                )
            } else {
                format!(
                    "{}:{}",
                    emit::key(k, ScalarStyle::Plain, false, this.st),
                    emit::after_key(v, col, this.st)
                )
            }
        };
        let done = if flow || self.json {
            self.rewrite_flow(n, &members, pieces, &make)
        } else {
            self.rewrite_block(&members, pieces, &make)
        };
        match done {
            Some(s) => out.push(s),
            None => self.replace(n, slot, new, ptr, out),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn seq(
        &mut self,
        n: &Node,
        flow: bool,
        items: &[super::tree::Item],
        o: &[Value],
        nw: &[Value],
        slot: Slot,
        new: &Value,
        ptr: &str,
        out: &mut Vec<Splice>,
    ) {
        let (plan, layout) = plan_seq(o, nw);
        let mut pieces = Vec::with_capacity(plan.len());
        for (j, p) in plan.iter().enumerate() {
            match p {
                SeqOut::Old(i) => {
                    let mut inner = Vec::new();
                    let child = format!("{ptr}/{j}");
                    self.node(
                        &items[*i].node,
                        self.item_slot(&items[*i]),
                        &o[*i],
                        &nw[j],
                        &child,
                        &mut inner,
                    );
                    pieces.push(Piece::Old { i: *i, inner });
                }
                SeqOut::New => pieces.push(Piece::New(j)),
            }
        }
        if !layout {
            for p in pieces {
                if let Piece::Old { inner, .. } = p {
                    out.extend(inner);
                }
            }
            return;
        }
        self.sites.push(ptr.to_string());
        let block = !flow && !self.json;
        let members: Vec<(usize, usize)> = items
            .iter()
            .map(|it| {
                (
                    if block {
                        it.dash.unwrap_or(it.node.full_start)
                    } else {
                        it.node.full_start
                    },
                    it.node.end,
                )
            })
            .collect();
        let col = column(self.src, members[0].0);
        let make = |this: &Self, j: usize, indent: &str, multi: bool| -> String {
            let v = &nw[j];
            if this.json {
                if multi {
                    emit::json(v, indent, this.st)
                } else {
                    emit::json_inline(v, this.st)
                }
            } else if flow {
                emit::flow(v, this.st)
            } else {
                format!("-{}", emit::after_dash(v, col, this.st))
            }
        };
        let done = if block {
            self.rewrite_block(&members, pieces, &make)
        } else {
            self.rewrite_flow(n, &members, pieces, &make)
        };
        match done {
            Some(s) => out.push(s),
            None => self.replace(n, slot, new, ptr, out),
        }
    }
}
