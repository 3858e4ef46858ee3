//! Rebuilding a mapping or sequence whose members were added, removed or moved (block and
//! flow style), and rewriting a changed scalar in place.

use super::{apply, Patcher, Piece, Slot, Splice};
use crate::preserve::emit::{self};
use crate::preserve::tree::{column, line_indent, line_start, next_line, Kind, Node, ScalarStyle};
use serde_json::Value;

impl Patcher<'_> {
    /// Rebuilds a block mapping or sequence from line-aligned chunks: each member owns its
    /// lines, the comment lines directly above it (at its indentation), and what follows
    /// up to the next member's chunk.
    pub(super) fn rewrite_block(
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
    pub(super) fn rewrite_flow(
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

    pub(super) fn content_col(&self, slot: Slot) -> usize {
        match slot {
            Slot::MapValue { key_col, .. } => key_col + self.st.unit,
            Slot::SeqItem { dash_col, .. } => dash_col + self.st.item_off,
            Slot::Root | Slot::Flow => self.st.unit,
        }
    }

    pub(super) fn scalar(
        &mut self,
        n: &Node,
        style: ScalarStyle,
        slot: Slot,
        new: &Value,
        ptr: &str,
        out: &mut Vec<Splice>,
    ) {
        self.sites.push(ptr.to_string());
        let mut end = n.end;
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
                Some(mut b) => {
                    // A block scalar ends at its line's end: spaces left after the old
                    // one-line scalar would become part of its last line, and a comment
                    // there moves to the block's header line (`key: | # comment`).
                    if !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        let rest = &self.src[end..];
                        let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                        let after = &rest[ws..];
                        if after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n")
                        {
                            end += ws;
                        } else if ws > 0 && after.starts_with('#') {
                            let len = after.find(['\r', '\n']).unwrap_or(after.len());
                            let header = b.find(self.st.nl).unwrap_or(b.len());
                            b.insert_str(header, &format!(" {}", after[..len].trim_end()));
                            end += ws + len;
                        }
                    }
                    b
                }
                None => emit::scalar(new, style, in_flow, self.st),
            }
        };
        out.push(Splice {
            start: n.start,
            end,
            text,
        });
    }

    /// Writes `new` whole in place of `n`.
    pub(super) fn replace(
        &mut self,
        n: &Node,
        slot: Slot,
        new: &Value,
        ptr: &str,
        out: &mut Vec<Splice>,
    ) {
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
