//! The shape of a source text: every value with the byte range it occupies, so a patch can
//! rewrite one value and leave the bytes around it alone. Built from JSON by a small scanner
//! here and from YAML by `saphyr-parser`'s events (see `yaml.rs`).

use super::PreserveError;

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScalarStyle {
    /// Unquoted: YAML plain scalars, JSON numbers, `true`, `false`, `null`.
    Plain,
    Single,
    Double,
    /// YAML `|`.
    Literal,
    /// YAML `>`.
    Folded,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Where the node starts, its tag and anchor included.
    pub full_start: usize,
    /// Where the value itself starts: the quote, the block indicator, the bracket, the first
    /// key or dash of a block collection.
    pub start: usize,
    /// Just past its last byte (a block collection ends with its last child).
    pub end: usize,
    /// The YAML anchor id (`&name`) it defines, 0 for none.
    pub anchor: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Scalar(ScalarStyle),
    /// A YAML alias (`*name`) of the node with this anchor id.
    Alias(usize),
    Map {
        flow: bool,
        entries: Vec<Entry>,
    },
    Seq {
        flow: bool,
        items: Vec<Item>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The decoded key.
    pub key: String,
    pub key_start: usize,
    pub key_end: usize,
    pub key_style: ScalarStyle,
    /// Just past the `:` after the key.
    pub colon_end: usize,
    pub value: Node,
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The `-` of a block sequence item.
    pub dash: Option<usize>,
    pub node: Node,
}

/// Deeper than any definition; the parsers of the app stop at 128.
pub(crate) const MAX_DEPTH: usize = 256;

/// Parses JSON text into its tree. Anything that is not strict JSON is an error.
pub(crate) fn parse_json(text: &str) -> Result<Node, PreserveError> {
    let mut p = JsonScan {
        b: text.as_bytes(),
        text,
        pos: 0,
    };
    p.ws();
    if p.b[p.pos..].starts_with("\u{feff}".as_bytes()) {
        p.pos += 3;
        p.ws();
    }
    let node = p.value(0)?;
    p.ws();
    if p.pos != p.b.len() {
        return Err(p.err("text after the JSON value"));
    }
    Ok(node)
}

struct JsonScan<'a> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl JsonScan<'_> {
    fn err(&self, what: &str) -> PreserveError {
        PreserveError::Unmapped(format!("JSON at byte {}: {what}", self.pos))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Result<(), PreserveError> {
        if self.b.get(self.pos) == Some(&c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err(&format!("expected `{}`", c as char)))
        }
    }

    fn string(&mut self) -> Result<(String, usize, usize), PreserveError> {
        let start = self.pos;
        self.expect(b'"')?;
        loop {
            match self.b.get(self.pos) {
                Some(b'"') => break,
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
                None => return Err(self.err("unterminated string")),
            }
        }
        self.pos += 1;
        let raw = self
            .text
            .get(start..self.pos)
            .ok_or_else(|| self.err("bad string"))?;
        let decoded: String =
            serde_json::from_str(raw).map_err(|e| self.err(&format!("bad string: {e}")))?;
        Ok((decoded, start, self.pos))
    }

    fn value(&mut self, depth: usize) -> Result<Node, PreserveError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        let start = self.pos;
        let kind = match self.b.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                let mut entries = Vec::new();
                self.ws();
                if self.b.get(self.pos) != Some(&b'}') {
                    loop {
                        self.ws();
                        let (key, key_start, key_end) = self.string()?;
                        self.ws();
                        self.expect(b':')?;
                        let colon_end = self.pos;
                        self.ws();
                        let value = self.value(depth + 1)?;
                        entries.push(Entry {
                            key,
                            key_start,
                            key_end,
                            key_style: ScalarStyle::Double,
                            colon_end,
                            value,
                        });
                        self.ws();
                        if self.b.get(self.pos) == Some(&b',') {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                }
                self.expect(b'}')?;
                Kind::Map {
                    flow: true,
                    entries,
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.pos) != Some(&b']') {
                    loop {
                        self.ws();
                        let node = self.value(depth + 1)?;
                        items.push(Item { dash: None, node });
                        self.ws();
                        if self.b.get(self.pos) == Some(&b',') {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                }
                self.expect(b']')?;
                Kind::Seq { flow: true, items }
            }
            Some(b'"') => {
                self.string()?;
                Kind::Scalar(ScalarStyle::Double)
            }
            Some(_) => {
                while let Some(c) = self.b.get(self.pos) {
                    if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.') {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                if self.pos == start {
                    return Err(self.err("expected a value"));
                }
                Kind::Scalar(ScalarStyle::Plain)
            }
            None => return Err(self.err("unexpected end")),
        };
        Ok(Node {
            full_start: start,
            start,
            end: self.pos,
            anchor: 0,
            kind,
        })
    }
}

/// Byte offset of the start of the line holding `pos`.
pub(crate) fn line_start(src: &str, pos: usize) -> usize {
    src[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Byte offset just past the newline ending the line holding `pos` (or the text's end).
pub(crate) fn next_line(src: &str, pos: usize) -> usize {
    src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1)
}

/// The column (in characters) of `pos`.
pub(crate) fn column(src: &str, pos: usize) -> usize {
    src[line_start(src, pos)..pos].chars().count()
}

/// The leading whitespace of the line holding `pos`.
pub(crate) fn line_indent(src: &str, pos: usize) -> &str {
    let ls = line_start(src, pos);
    let line = &src[ls..];
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    &src[ls..ls + n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_tree_has_spans() {
        let t = "{\n  \"a\": [1, \"x\"],\n  \"b\\u0041\": {}\n}";
        let n = parse_json(t).expect("parses");
        let Kind::Map { entries, .. } = &n.kind else {
            panic!("map")
        };
        assert_eq!(entries[0].key, "a");
        assert_eq!(
            &t[entries[0].value.start..entries[0].value.end],
            "[1, \"x\"]"
        );
        assert_eq!(entries[1].key, "bA");
        assert_eq!(&t[entries[1].key_start..entries[1].key_end], "\"b\\u0041\"");
        assert!(parse_json("{\"a\": 1} x").is_err());
        assert!(parse_json(&"[".repeat(1000)).is_err());
    }
}
