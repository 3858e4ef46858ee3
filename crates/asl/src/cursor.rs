//! The character cursor both text parsers (JSONPath, intrinsic calls) walk with. They work
//! on `char`s so that error offsets are character offsets, and an intrinsic call hands its
//! path arguments to the path parser over the same characters, so offsets line up.

pub(crate) struct Cursor<'a> {
    pub chars: &'a [char],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(chars: &'a [char], pos: usize) -> Self {
        Cursor { chars, pos }
    }

    pub fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    pub fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    pub fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    pub fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    pub fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let start = self.pos;
        while self.peek().is_some_and(&keep) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }
}

/// Declares a parser type: a [`Cursor`] (reached through `Deref`) plus how deeply the parser
/// is nested, which both grammars cap. Each grammar gets its own type so that their methods
/// do not clash.
macro_rules! nested_parser {
    ($name:ident) => {
        struct $name<'a> {
            cur: $crate::cursor::Cursor<'a>,
            depth: usize,
        }

        impl<'a> $name<'a> {
            fn new(chars: &'a [char], pos: usize) -> Self {
                $name {
                    cur: $crate::cursor::Cursor::new(chars, pos),
                    depth: 0,
                }
            }
        }

        impl<'a> std::ops::Deref for $name<'a> {
            type Target = $crate::cursor::Cursor<'a>;
            fn deref(&self) -> &Self::Target {
                &self.cur
            }
        }

        impl std::ops::DerefMut for $name<'_> {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.cur
            }
        }
    };
}
pub(crate) use nested_parser;
