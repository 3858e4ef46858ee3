//! Where JSON Pointers land in JSON text: the code view marks the value a diagnostic or a
//! selected state points at. One scan over the text answers any number of pointers, and
//! text that is invalid or cut short still answers for what comes before the damage.
//!
//! Offsets are byte offsets into the text; [`Utf16Index`] turns them into the UTF-16 offsets
//! editors such as CodeMirror use.

use std::collections::{HashMap, HashSet};

/// For each pointer, the byte range `(start, end)` of the value it addresses in the JSON
/// `text`: for an object member the value only (not `"key":`), for `""` the whole top value.
/// `None` for a pointer the text does not reach (or reaches only past invalid text).
///
/// Member names are compared decoded (`"a\u002Fb"` is the member `a/b`, pointer `/a~1b`). When
/// an object repeats a member name, the last one wins, as parsers do.
pub fn locate_spans(text: &str, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut out = vec![None; pointers.len()];
    let mut wanted: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut prefixes: HashSet<&str> = HashSet::new();
    for (i, p) in pointers.iter().enumerate() {
        wanted.entry(p).or_default().push(i);
        for (at, _) in p.match_indices('/') {
            prefixes.insert(&p[..at]);
        }
    }
    if !pointers.is_empty() {
        Scan {
            b: text.as_bytes(),
            text,
            pos: 0,
            wanted: &wanted,
            prefixes: &prefixes,
            out: &mut out,
        }
        .run();
    }
    out
}

/// An open object or array and the pointer length it was opened at.
struct Frame {
    is_object: bool,
    /// Length of the current pointer for the container itself.
    base: usize,
    start: usize,
    index: usize,
}

enum Step {
    Value,
    Key,
    After,
}

struct Scan<'a, 'w> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
    wanted: &'w HashMap<&'w str, Vec<usize>>,
    /// Pointers of containers some wanted pointer lies strictly inside: only these are
    /// entered; any other container is skipped by bracket counting.
    prefixes: &'w HashSet<&'w str>,
    out: &'w mut Vec<Option<(usize, usize)>>,
}

impl Scan<'_, '_> {
    fn skip_ws(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
            } else if self.b[self.pos..].starts_with("\u{feff}".as_bytes()) {
                self.pos += 3;
            } else {
                break;
            }
        }
    }

    fn record(&mut self, pointer: &str, start: usize, end: usize) {
        if let Some(slots) = self.wanted.get(pointer) {
            for &i in slots {
                self.out[i] = Some((start, end));
            }
        }
    }

    /// With `pos` on an opening quote: the offset just past the closing quote.
    fn string_end(&self, from: usize) -> Option<usize> {
        let mut i = from + 1;
        while let Some(&c) = self.b.get(i) {
            match c {
                b'"' => return Some(i + 1),
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        None
    }

    /// With `pos` on `{` or `[`: the offset just past its matching close.
    fn container_end(&self, from: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut i = from;
        while let Some(&c) = self.b.get(i) {
            match c {
                b'"' => {
                    i = self.string_end(i)?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// A literal or number: up to the next delimiter.
    fn scalar_end(&self, from: usize) -> usize {
        let mut i = from;
        while let Some(&c) = self.b.get(i) {
            if matches!(
                c,
                b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r' | b'"'
            ) {
                break;
            }
            i += 1;
        }
        i
    }

    fn run(&mut self) {
        let mut pointer = String::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut step = Step::Value;
        loop {
            self.skip_ws();
            let Some(&c) = self.b.get(self.pos) else {
                return;
            };
            match step {
                Step::Value => {
                    let start = self.pos;
                    match c {
                        b'{' | b'[' if !self.prefixes.contains(pointer.as_str()) => {
                            let Some(end) = self.container_end(start) else {
                                return;
                            };
                            self.pos = end;
                            step = Step::After;
                        }
                        b'{' | b'[' => {
                            let is_object = c == b'{';
                            stack.push(Frame {
                                is_object,
                                base: pointer.len(),
                                start,
                                index: 0,
                            });
                            self.pos += 1;
                            self.skip_ws();
                            let close = if is_object { b'}' } else { b']' };
                            if self.b.get(self.pos) == Some(&close) {
                                self.pos += 1;
                                stack.pop();
                                self.record(&pointer, start, self.pos);
                                step = Step::After;
                            } else if is_object {
                                step = Step::Key;
                            } else {
                                pointer.push_str("/0");
                                step = Step::Value;
                            }
                            continue;
                        }
                        b'"' => {
                            let Some(end) = self.string_end(start) else {
                                return;
                            };
                            self.pos = end;
                            step = Step::After;
                        }
                        _ => {
                            let end = self.scalar_end(start);
                            if end == start {
                                return;
                            }
                            self.pos = end;
                            step = Step::After;
                        }
                    }
                    self.record(&pointer, start, self.pos);
                }
                Step::Key => {
                    let Some(frame) = stack.last() else {
                        return;
                    };
                    if c == b'}' {
                        // A trailing comma: close the object anyway.
                        step = Step::After;
                        continue;
                    }
                    if c != b'"' {
                        return;
                    }
                    let Some(end) = self.string_end(self.pos) else {
                        return;
                    };
                    pointer.truncate(frame.base);
                    pointer.push('/');
                    push_escaped(&mut pointer, &decode(&self.text[self.pos + 1..end - 1]));
                    self.pos = end;
                    self.skip_ws();
                    if self.b.get(self.pos) != Some(&b':') {
                        return;
                    }
                    self.pos += 1;
                    step = Step::Value;
                }
                Step::After => {
                    let Some(frame) = stack.last_mut() else {
                        return;
                    };
                    let close = if frame.is_object { b'}' } else { b']' };
                    if c == b',' {
                        self.pos += 1;
                        if frame.is_object {
                            step = Step::Key;
                        } else {
                            self.skip_ws();
                            if self.b.get(self.pos) == Some(&b']') {
                                continue;
                            }
                            frame.index += 1;
                            pointer.truncate(frame.base);
                            pointer.push('/');
                            pointer.push_str(&frame.index.to_string());
                            step = Step::Value;
                        }
                    } else if c == close {
                        self.pos += 1;
                        let (base, start) = (frame.base, frame.start);
                        stack.pop();
                        pointer.truncate(base);
                        self.record(&pointer, start, self.pos);
                        step = Step::After;
                    } else {
                        return;
                    }
                }
            }
        }
    }
}

/// Appends a member name to a pointer, escaped as RFC 6901 says.
fn push_escaped(pointer: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The text of a JSON string's contents (between the quotes), escapes decoded. A bad escape
/// decodes to U+FFFD.
fn decode(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let Some(hi) = hex4(&mut chars) else {
                    out.push(char::REPLACEMENT_CHARACTER);
                    continue;
                };
                if (0xD800..0xDC00).contains(&hi) {
                    let mut ahead = chars.clone();
                    let lo = match (ahead.next(), ahead.next()) {
                        (Some('\\'), Some('u')) => hex4(&mut ahead),
                        _ => None,
                    };
                    match lo {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            chars = ahead;
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                        }
                        _ => out.push(char::REPLACEMENT_CHARACTER),
                    }
                } else {
                    out.push(char::from_u32(hi).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
            }
            _ => out.push(char::REPLACEMENT_CHARACTER),
        }
    }
    out
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}

/// For each diagnostic, the byte range of `text` to mark: the characters its `range` names
/// inside its string value when it has one (and the value is a JSON string), else the whole
/// value its pointer addresses, as [`locate_spans`] finds it. One scan of the text.
pub fn locate_diagnostics(
    text: &str,
    diagnostics: &[crate::diagnostic::Diagnostic],
) -> Vec<Option<(usize, usize)>> {
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    locate_spans(text, &pointers)
        .into_iter()
        .zip(diagnostics)
        .map(|(span, d)| {
            let span = span?;
            Some(
                d.range
                    .and_then(|r| locate_in_string(text, span, r))
                    .unwrap_or(span),
            )
        })
        .collect()
}

/// The byte range of characters `range` of a JSON string value (counted in characters of the
/// decoded string, as [`crate::diagnostic::TextRange`] counts them) whose literal sits at
/// `value` (a span from [`locate_spans`], quotes included). Escapes count as the one character
/// they stand for: `"a\nb"` has character 2 at bytes 4..5. `None` when `value` is not a
/// double-quoted string in `text`; a range past the string's end is clamped to it.
pub fn locate_in_string(
    text: &str,
    value: (usize, usize),
    range: crate::diagnostic::TextRange,
) -> Option<(usize, usize)> {
    let literal = text.get(value.0..value.1)?;
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let base = value.0 + 1;
    let (mut start, mut end) = (None, None);
    let mut index = 0;
    let mut rest = body.char_indices();
    while let Some((at, c)) = rest.next() {
        if index == range.start {
            start = Some(base + at);
        }
        if index == range.end {
            end = Some(base + at);
            break;
        }
        if c == '\\' {
            // `\uD83D\uDE00` is one character: skip a low surrogate escape after a high one.
            let escaped = rest.next().map(|(_, e)| e);
            if escaped == Some('u') {
                let unit = |from: usize| {
                    body.get(from..from + 4)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                for _ in 0..4 {
                    rest.next();
                }
                let high = unit(at + 2).is_some_and(|v| (0xD800..0xDC00).contains(&v));
                let low_follows = body.get(at + 6..at + 8) == Some("\\u")
                    && unit(at + 8).is_some_and(|v| (0xDC00..0xE000).contains(&v));
                if high && low_follows {
                    for _ in 0..6 {
                        rest.next();
                    }
                }
            }
        }
        index += 1;
    }
    let close = base + body.len();
    let start = start.unwrap_or(close);
    Some((start, end.unwrap_or(close).max(start)))
}

/// The UTF-16 offset of byte offset `byte` in `text` (a byte inside a character counts as
/// the character's start; past the end, the end). Walks the text up to `byte`: for many
/// offsets into one text, build a [`Utf16Index`] once.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().map(char::len_utf16).sum()
}

/// Converts byte offsets of one text to UTF-16 offsets, each in O(log n) after one walk.
/// ASCII text costs nothing to index.
#[derive(Debug, Clone, Default)]
pub struct Utf16Index {
    /// One entry per non-ASCII character: its byte range and how many more bytes than
    /// UTF-16 units the text has before and after it.
    marks: Vec<Mark>,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    before: usize,
    after: usize,
}

impl Utf16Index {
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut delta = 0;
        for (i, c) in text.char_indices() {
            let (l8, l16) = (c.len_utf8(), c.len_utf16());
            if l8 != l16 {
                let after = delta + l8 - l16;
                marks.push(Mark {
                    start: i,
                    end: i + l8,
                    before: delta,
                    after,
                });
                delta = after;
            }
        }
        Utf16Index {
            marks,
            len: text.len(),
        }
    }

    /// The UTF-16 offset of a byte offset (see [`utf16_offset`]).
    pub fn offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let n = self.marks.partition_point(|m| m.start < byte);
        match n.checked_sub(1).map(|i| self.marks[i]) {
            None => byte,
            Some(m) if byte < m.end => m.start - m.before,
            Some(m) => byte - m.after,
        }
    }

    /// Both ends of a byte range.
    pub fn span(&self, (start, end): (usize, usize)) -> (usize, usize) {
        (self.offset(start), self.offset(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_surrogates() {
        assert_eq!(decode(r"a\/b\u007e"), "a/b~");
        assert_eq!(decode(r"\ud83d\ude00"), "😀");
        assert_eq!(decode(r"\ud83d"), "\u{fffd}");
        assert_eq!(decode(r"\x"), "\u{fffd}");
    }

    #[test]
    fn index_matches_direct_count() {
        let text = "a😀é\u{20ac}z\"x\"";
        let index = Utf16Index::new(text);
        for b in 0..=text.len() + 2 {
            assert_eq!(index.offset(b), utf16_offset(text, b), "byte {b}");
        }
        assert_eq!(index.offset(1), 1);
        assert_eq!(index.offset(5), 3);
        assert_eq!(index.offset(3), 1, "inside the emoji: its start");
    }
}
