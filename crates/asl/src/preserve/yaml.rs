//! The YAML tree, built from `saphyr-parser`'s events: a YAML 1.2 parser that gives every
//! event its span. Spans are in characters; they are turned into byte offsets here. A few
//! spans need help: a block scalar's span starts at its first content line (its `|`/`>` is
//! found from the `:` or `-` before it), a block collection's span is empty (it starts at its
//! first key or dash), and a tagged or anchored node's span starts at the tag.

use super::tree::{Entry, Item, Kind, Node, ScalarStyle, MAX_DEPTH};
use super::PreserveError;
use saphyr_parser::{Event, Parser, ScalarStyle as Style, Span, StrInput};

pub(crate) fn parse_yaml(text: &str) -> Result<Node, PreserveError> {
    let offsets = (!text.is_ascii()).then(|| {
        let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        v.push(text.len());
        v
    });
    let mut b = Builder {
        text,
        offsets,
        parser: Parser::new_from_str(text),
    };
    let mut after = 0;
    loop {
        let (ev, span) = b.next()?;
        match ev {
            Event::StreamStart => {}
            Event::DocumentStart(explicit) => {
                if explicit {
                    // The node follows the `---`.
                    after = b.byte(span.end);
                }
                break;
            }
            _ => return Err(unmapped("the text does not start a YAML document")),
        }
    }
    let (ev, span) = b.next()?;
    let root = b.node(ev, span, after, 0)?;
    loop {
        match b.next()?.0 {
            Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(root),
            _ => return Err(unmapped("the file holds more than one YAML document")),
        }
    }
}

fn unmapped(what: &str) -> PreserveError {
    PreserveError::Unmapped(what.to_string())
}

struct Builder<'a> {
    text: &'a str,
    /// Byte offset of each character, for non-ASCII text.
    offsets: Option<Vec<usize>>,
    parser: Parser<'a, StrInput<'a>>,
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), PreserveError> {
        match self.parser.next_event() {
            Some(Ok(x)) => Ok(x),
            Some(Err(e)) => Err(PreserveError::Unmapped(format!("YAML: {e}"))),
            None => Err(unmapped("the YAML text ended early")),
        }
    }

    fn byte(&self, m: saphyr_parser::Marker) -> usize {
        match &self.offsets {
            None => m.index().min(self.text.len()),
            Some(o) => o.get(m.index()).copied().unwrap_or(self.text.len()),
        }
    }

    fn at(&self, pos: usize) -> u8 {
        self.text.as_bytes().get(pos).copied().unwrap_or(0)
    }

    /// Skips whitespace and comments.
    fn skip_space(&self, mut pos: usize) -> usize {
        loop {
            match self.at(pos) {
                b' ' | b'\t' | b'\r' | b'\n' => pos += 1,
                b'#' => {
                    pos = self.text[pos..]
                        .find('\n')
                        .map_or(self.text.len(), |i| pos + i)
                }
                _ => return pos,
            }
        }
    }

    /// Skips whitespace, comments, tags and anchors.
    fn skip_decorations(&self, mut pos: usize) -> usize {
        loop {
            pos = self.skip_space(pos);
            if matches!(self.at(pos), b'!' | b'&') {
                while !matches!(self.at(pos), b' ' | b'\t' | b'\r' | b'\n' | 0) {
                    pos += 1;
                }
            } else {
                return pos;
            }
        }
    }

    /// The end of a flow scalar starting at `start`: a quoted one ends at its closing quote
    /// (the parser's span may run on over spaces and a comment), a plain one at its last
    /// non-space character.
    fn scalar_end(&self, start: usize, span_end: usize, style: ScalarStyle) -> usize {
        let b = self.text.as_bytes();
        let mut i = start + 1;
        match style {
            ScalarStyle::Double => {
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 2,
                        b'"' => return i + 1,
                        _ => i += 1,
                    }
                }
                span_end
            }
            ScalarStyle::Single => {
                while i < b.len() {
                    if b[i] == b'\'' {
                        if b.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        return i + 1;
                    }
                    i += 1;
                }
                span_end
            }
            _ => {
                let mut end = span_end.max(start);
                while end > start && b[end - 1].is_ascii_whitespace() {
                    end -= 1;
                }
                end
            }
        }
    }

    fn node(
        &mut self,
        ev: Event<'a>,
        span: Span,
        after: usize,
        depth: usize,
    ) -> Result<Node, PreserveError> {
        if depth > MAX_DEPTH {
            return Err(unmapped("the YAML is nested too deeply"));
        }
        let s = self.byte(span.start);
        let e = self.byte(span.end);
        match ev {
            Event::Scalar(value, style, anchor, tag) => {
                let decorated = anchor != 0 || tag.is_some();
                let (start, end, style) = match style {
                    Style::Literal | Style::Folded => {
                        let start = self.skip_decorations(after);
                        if !matches!(self.at(start), b'|' | b'>') {
                            return Err(unmapped("a block scalar whose indicator was not found"));
                        }
                        let mut header_end = start + 1;
                        while matches!(self.at(header_end), b'-' | b'+' | b'0'..=b'9') {
                            header_end += 1;
                        }
                        let mut end = e.max(header_end);
                        while end > header_end && self.at(end - 1).is_ascii_whitespace() {
                            end -= 1;
                        }
                        let st = if style == Style::Literal {
                            ScalarStyle::Literal
                        } else {
                            ScalarStyle::Folded
                        };
                        (start, end, st)
                    }
                    other => {
                        let st = match other {
                            Style::SingleQuoted => ScalarStyle::Single,
                            Style::DoubleQuoted => ScalarStyle::Double,
                            _ => ScalarStyle::Plain,
                        };
                        if value.is_empty() && st == ScalarStyle::Plain && !decorated {
                            // An empty value (`Key:`) has no text of its own.
                            (after, after, st)
                        } else {
                            let start = if decorated {
                                self.skip_decorations(s)
                            } else {
                                s
                            };
                            (start, self.scalar_end(start, e, st), st)
                        }
                    }
                };
                let full_start = if decorated { s.min(start) } else { start };
                Ok(Node {
                    full_start,
                    start,
                    end,
                    anchor,
                    kind: Kind::Scalar(style),
                })
            }
            Event::Alias(id) => Ok(Node {
                full_start: s,
                start: s,
                end: e,
                anchor: 0,
                kind: Kind::Alias(id),
            }),
            Event::MappingStart(anchor, tag) => {
                let decorated = anchor != 0 || tag.is_some();
                let p = if decorated {
                    self.skip_decorations(s)
                } else {
                    s
                };
                let flow = self.at(p) == b'{';
                let mut entries = Vec::new();
                let end = loop {
                    let (kev, kspan) = self.next()?;
                    let (key, key_style) = match kev {
                        Event::MappingEnd => {
                            break if flow {
                                self.byte(kspan.end)
                            } else {
                                entries.last().map_or(p, |x: &Entry| x.value.end)
                            };
                        }
                        Event::Scalar(k, st, 0, None) => (k.into_owned(), st),
                        _ => return Err(unmapped("a key that is not a plain string")),
                    };
                    let key_style = match key_style {
                        Style::SingleQuoted => ScalarStyle::Single,
                        Style::DoubleQuoted => ScalarStyle::Double,
                        _ => ScalarStyle::Plain,
                    };
                    let key_start = self.byte(kspan.start);
                    let key_end = self.scalar_end(key_start, self.byte(kspan.end), key_style);
                    if key_end <= key_start {
                        return Err(unmapped("an empty key"));
                    }
                    let mut c = key_end;
                    while matches!(self.at(c), b' ' | b'\t')
                        || (flow && matches!(self.at(c), b'\r' | b'\n'))
                    {
                        c += 1;
                    }
                    if self.at(c) != b':' {
                        return Err(unmapped("a key without `:`"));
                    }
                    let colon_end = c + 1;
                    let (vev, vspan) = self.next()?;
                    let value = self.node(vev, vspan, colon_end, depth + 1)?;
                    entries.push(Entry {
                        key,
                        key_start,
                        key_end,
                        key_style,
                        colon_end,
                        value,
                    });
                };
                let start = if flow {
                    p
                } else {
                    entries.first().map_or(p, |x| x.key_start)
                };
                Ok(Node {
                    full_start: if decorated { s.min(start) } else { start },
                    start,
                    end,
                    anchor,
                    kind: Kind::Map { flow, entries },
                })
            }
            Event::SequenceStart(anchor, tag) => {
                let decorated = anchor != 0 || tag.is_some();
                let p = if decorated {
                    self.skip_decorations(s)
                } else {
                    s
                };
                let flow = self.at(p) == b'[';
                let mut items: Vec<Item> = Vec::new();
                let mut cursor = if flow { p + 1 } else { after };
                let end = loop {
                    let (iev, ispan) = self.next()?;
                    if let Event::SequenceEnd = iev {
                        break if flow {
                            self.byte(ispan.end)
                        } else {
                            items.last().map_or(p, |x| x.node.end)
                        };
                    }
                    let (dash, item_after) = if flow {
                        (None, cursor)
                    } else {
                        let d = self.skip_decorations(cursor);
                        let next = self.at(d + 1);
                        if self.at(d) != b'-' || !matches!(next, b' ' | b'\t' | b'\r' | b'\n' | 0) {
                            return Err(unmapped("a sequence item whose `-` was not found"));
                        }
                        (Some(d), d + 1)
                    };
                    let node = self.node(iev, ispan, item_after, depth + 1)?;
                    cursor = node.end;
                    items.push(Item { dash, node });
                };
                let start = if flow {
                    p
                } else {
                    items.first().and_then(|x| x.dash).unwrap_or(p)
                };
                Ok(Node {
                    full_start: if decorated { s.min(start) } else { start },
                    start,
                    end,
                    anchor,
                    kind: Kind::Seq { flow, items },
                })
            }
            _ => Err(unmapped("an unexpected YAML event")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'n>(n: &'n Node, key: &str) -> &'n Node {
        match &n.kind {
            Kind::Map { entries, .. } => {
                &entries
                    .iter()
                    .find(|e| e.key == key)
                    .expect("key present")
                    .value
            }
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn spans_cover_each_value() {
        let t = "# head\nA: \"q\"   # c\nB: !Ref x\nC: |\n  one\n  two\n\nD:\n  - a\n  - k: v\n    k2: 'w'\nE: {f: [1, 2]}\nF:\nG: &x é\n";
        let n = parse_yaml(t).expect("parses");
        let slice = |n: &Node| &t[n.start..n.end];
        assert_eq!(slice(get(&n, "A")), "\"q\"");
        let b = get(&n, "B");
        assert_eq!(slice(b), "x");
        assert_eq!(&t[b.full_start..b.end], "!Ref x");
        assert_eq!(slice(get(&n, "C")), "|\n  one\n  two");
        let d = get(&n, "D");
        assert_eq!(slice(d), "- a\n  - k: v\n    k2: 'w'");
        let Kind::Seq { items, .. } = &d.kind else {
            panic!("seq")
        };
        assert_eq!(items[1].dash.map(|x| &t[x..x + 3]), Some("- k"));
        assert_eq!(slice(get(&n, "E")), "{f: [1, 2]}");
        let f = get(&n, "F");
        assert_eq!(
            (f.start, f.end),
            (t.find("F:").expect("F") + 2, t.find("F:").expect("F") + 2)
        );
        assert_eq!(slice(get(&n, "G")), "é");
    }

    #[test]
    fn unsupported_shapes_are_errors() {
        assert!(parse_yaml("? [a]\n: 1\n").is_err());
        assert!(parse_yaml("a: 1\n---\nb: 2\n").is_err());
        assert!(parse_yaml("a: [1\n").is_err());
    }
}
