//! The patch itself: walks the tree of the old text alongside the old and new values and
//! produces splices (byte range → new text). Unchanged values produce nothing, so their
//! bytes stay. A changed scalar is rewritten in place; an object or array whose members were
//! added, removed or moved is rebuilt from its members' own text (each kept member with its
//! comments, and its own splices applied), with new members written in the file's style.

use super::diff::{plan_map, plan_seq, MapOut, SeqOut};
use super::emit::{self, Style};
use super::same_ordered;
use super::tree::{column, line_indent, line_start, next_line, Kind, Node, ScalarStyle};
use serde_json::Value;
use std::collections::BTreeSet;

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

    /// Rebuilds a block mapping or sequence from line-aligned chunks: each member owns its
    /// lines, the comment lines directly above it (at its indentation), and what follows
    /// up to the next member's chunk.
    fn rewrite_block(
        &self,
        members: &[(usize, usize)],
        pieces: Vec<Piece>,
        make: &dyn Fn(&Self, usize, &str, bool) -> String,
    ) -> Option<Splice> {
        let src = self.src;
        let nl = self.st.nl;
        let first = members.first()?.0;
        let ls0 = line_start(src, first);
        let compact = !src[ls0..first].trim().is_empty();
        let col = column(src, first);
        let pad = " ".repeat(col);
        let mut bounds = vec![if compact { first } else { ls0 }];
        let mut blank_gaps = 0;
        for i in 1..members.len() {
            let after_prev = next_line(src, members[i - 1].1);
            let mut b = line_start(src, members[i].0);
            if b < after_prev || !src[b..members[i].0].trim().is_empty() {
                return None;
            }
            while b > after_prev {
                let pl = line_start(src, b - 1);
                let line = &src[pl..b];
                let t = line.trim_start_matches(' ');
                if t.starts_with('#') && line.len() - t.len() == col {
                    b = pl;
                } else {
                    break;
                }
            }
            if src[after_prev..b]
                .split_inclusive('\n')
                .any(|l| l.trim().is_empty())
            {
                blank_gaps += 1;
            }
            bounds.push(b);
        }
        let end = next_line(src, members.last()?.1);
        bounds.push(end);
        let at_eof_without_nl = !src[..end].ends_with('\n');
        let blank_sep = members.len() >= 2 && blank_gaps * 2 > members.len() - 1;

        let mut outs: Vec<String> = Vec::with_capacity(pieces.len());
        for p in pieces {
            let mut text = match p {
                Piece::Old { i, mut inner } => {
                    let t = apply(src, bounds[i], bounds[i + 1], &mut inner);
                    if compact && i == 0 {
                        format!("{pad}{t}")
                    } else {
                        t
                    }
                }
                Piece::New(j) => format!("{pad}{}", make(self, j, &pad, true)),
            };
            if !text.ends_with('\n') {
                text.push_str(nl);
            }
            outs.push(text);
        }
        let count = outs.len();
        for (k, t) in outs.iter_mut().enumerate() {
            if k + 1 == count {
                // Blank lines after the last member would add to the space after the block.
                strip_trailing_blank_lines(t);
            } else if blank_sep && !ends_with_blank_line(t) {
                t.push_str(nl);
            }
        }
        let mut text = outs.concat();
        if at_eof_without_nl {
            if let Some(s) = text.strip_suffix(nl) {
                text.truncate(s.len());
            }
        }
        if compact {
            let rest = text.strip_prefix(&pad)?;
            if rest.starts_with('#') || rest.starts_with(' ') {
                return None;
            }
            text = rest.to_string();
        }
        Some(Splice {
            start: bounds[0],
            end,
            text,
        })
    }

    /// Rebuilds a flow collection (every JSON object and array): each member keeps the
    /// whitespace (and YAML comments) before it; new members get the usual one.
    fn rewrite_flow(
        &self,
        n: &Node,
        members: &[(usize, usize)],
        pieces: Vec<Piece>,
        make: &dyn Fn(&Self, usize, &str, bool) -> String,
    ) -> Option<Splice> {
        let src = self.src;
        let b = src.as_bytes();
        let open = n.start;
        let close = n.end.checked_sub(1)?;
        if !matches!(b.get(open), Some(b'{' | b'[')) || !matches!(b.get(close), Some(b'}' | b']')) {
            return None;
        }
        let mut leads: Vec<&str> = Vec::with_capacity(members.len());
        let mut sep_end = open + 1;
        for (i, &(start, end)) in members.iter().enumerate() {
            if start < sep_end {
                return None;
            }
            leads.push(&src[sep_end..start]);
            if i + 1 < members.len() {
                let c = skip_space(src, end);
                if b.get(c) != Some(&b',') {
                    return None;
                }
                sep_end = c + 1;
            }
        }
        let last_end = members.last()?.1;
        let trail = &src[last_end..close];
        let multi = leads[0].contains('\n') || trail.contains('\n');
        let typical: String = if members.len() >= 2 {
            leads[1].to_string()
        } else if multi {
            leads[0].to_string()
        } else {
            " ".to_string()
        };
        let indent = match typical.rfind('\n') {
            Some(x) if typical[x + 1..].trim().is_empty() => typical[x + 1..].to_string(),
            _ => format!("{}{}", line_indent(src, open), self.st.json_unit),
        };
        let mut text = String::new();
        for (k, p) in pieces.into_iter().enumerate() {
            let (lead, body) = match p {
                Piece::Old { i, mut inner } => {
                    let lead = if k == 0 {
                        leads[0]
                    } else if i > 0 {
                        leads[i]
                    } else {
                        &typical
                    };
                    (lead, apply(src, members[i].0, members[i].1, &mut inner))
                }
                Piece::New(j) => (
                    if k == 0 { leads[0] } else { &typical },
                    make(self, j, &indent, multi),
                ),
            };
            if k > 0 {
                text.push(',');
            }
            text.push_str(lead);
            text.push_str(&body);
        }
        text.push_str(trail);
        Some(Splice {
            start: open + 1,
            end: close,
            text,
        })
    }

    fn content_col(&self, slot: Slot) -> usize {
        match slot {
            Slot::MapValue { key_col, .. } => key_col + self.st.unit,
            Slot::SeqItem { dash_col, .. } => dash_col + self.st.item_off,
            Slot::Root | Slot::Flow => self.st.unit,
        }
    }

    fn scalar(
        &mut self,
        n: &Node,
        style: ScalarStyle,
        slot: Slot,
        new: &Value,
        ptr: &str,
        out: &mut Vec<Splice>,
    ) {
        self.sites.push(ptr.to_string());
        let text = if self.json {
            emit::json_scalar(new)
        } else {
            let in_flow = matches!(slot, Slot::Flow);
            let block = match new {
                Value::String(s)
                    if !in_flow
                        && (matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
                            || s.contains('\n')) =>
                {
                    let indent = if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        // Keep the content's own indentation.
                        let first_content = next_line(self.src, n.start);
                        self.src[first_content..n.end.max(first_content)]
                            .lines()
                            .find(|l| !l.trim().is_empty())
                            .map(|l| l.len() - l.trim_start_matches(' ').len())
                            .filter(|&c| c > 0)
                            .unwrap_or_else(|| self.content_col(slot))
                    } else {
                        self.content_col(slot)
                    };
                    emit::block_scalar(s, style == ScalarStyle::Folded, indent, self.st)
                }
                _ => None,
            };
            match block {
                Some(b) => b,
                None => emit::scalar(new, style, in_flow, self.st),
            }
        };
        out.push(Splice {
            start: n.start,
            end: n.end,
            text,
        });
    }

    /// Writes `new` whole in place of `n`.
    fn replace(&mut self, n: &Node, slot: Slot, new: &Value, ptr: &str, out: &mut Vec<Splice>) {
        self.sites.push(ptr.to_string());
        let st = self.st;
        if self.json {
            let indent = line_indent(self.src, n.start).to_string();
            out.push(Splice {
                start: n.full_start,
                end: n.end,
                text: emit::json(new, &indent, st),
            });
            return;
        }
        let container = matches!(new, Value::Object(m) if !m.is_empty())
            || matches!(new, Value::Array(a) if !a.is_empty());
        let was_flow = matches!(
            n.kind,
            Kind::Map { flow: true, .. } | Kind::Seq { flow: true, .. }
        );
        if was_flow && container && !self.forced.contains(ptr) {
            out.push(Splice {
                start: n.start,
                end: n.end,
                text: emit::flow(new, st),
            });
            return;
        }
        let (start, text) = match slot {
            Slot::Root => {
                let col = column(self.src, n.full_start);
                let text = if container {
                    emit::block(new, col, st)[col..].to_string()
                } else {
                    match new {
                        Value::String(s) if s.contains('\n') => {
                            emit::block_scalar(s, false, col + st.unit, st)
                                .unwrap_or_else(|| emit::json_scalar(new))
                        }
                        _ => emit::scalar(new, ScalarStyle::Plain, false, st),
                    }
                };
                (n.full_start, text)
            }
            Slot::MapValue { key_col, colon_end } => (colon_end, emit::after_key(new, key_col, st)),
            Slot::SeqItem { dash, dash_col } => (dash + 1, emit::after_dash(new, dash_col, st)),
            Slot::Flow => (n.full_start, emit::flow(new, st)),
        };
        out.push(Splice {
            start,
            end: n.end.max(start),
            text,
        });
    }
}

/// Skips whitespace and YAML comments.
fn skip_space(src: &str, mut pos: usize) -> usize {
    let b = src.as_bytes();
    loop {
        match b.get(pos) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => pos += 1,
            Some(b'#') => pos = src[pos..].find('\n').map_or(src.len(), |i| pos + i),
            _ => return pos,
        }
    }
}

/// Drops whole lines of only whitespace at the end of `t` (which ends with a newline).
fn strip_trailing_blank_lines(t: &mut String) {
    while let Some(without) = t.strip_suffix('\n') {
        match without.rfind('\n') {
            Some(x) if without[x + 1..].trim().is_empty() => t.truncate(x + 1),
            _ => break,
        }
    }
}

fn ends_with_blank_line(t: &str) -> bool {
    let without = t.strip_suffix('\n').unwrap_or(t);
    without
        .rfind('\n')
        .is_some_and(|x| without[x + 1..].trim().is_empty())
}
