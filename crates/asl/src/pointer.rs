//! JSON Pointers (RFC 6901), the location every diagnostic carries.

use std::fmt;

/// A JSON Pointer under construction. Cheap to extend: validators push one token per level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document (the empty string).
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// A child pointer: `self` followed by one reference token, escaped as RFC 6901 says.
    pub fn key(&self, token: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + token.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        for c in token.chars() {
            match c {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
        Pointer(s)
    }

    /// A child pointer for an array index.
    pub fn index(&self, i: usize) -> Self {
        Pointer(format!("{}/{}", self.0, i))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped reference tokens of this pointer.
    pub fn tokens(&self) -> Vec<String> {
        split(&self.0)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

/// Splits a pointer string into unescaped tokens (`"/a~1b/0"` → `["a/b", "0"]`).
pub fn split(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slash_and_tilde() {
        let p = Pointer::root().key("States").key("a/b~c").index(2);
        assert_eq!(p.as_str(), "/States/a~1b~0c/2");
        assert_eq!(p.tokens(), vec!["States", "a/b~c", "2"]);
    }

    #[test]
    fn root_is_empty() {
        assert_eq!(Pointer::root().as_str(), "");
        assert!(split("").is_empty());
    }
}

/// A location under construction that costs nothing until it is rendered: a chain of
/// references on the stack. The validator visits every field of every state but reports on
/// few, so it builds `Loc`s and renders a [`Pointer`] only for a diagnostic.
#[derive(Debug, Clone, Copy)]
pub enum Loc<'a> {
    /// An already rendered pointer (a scope's base).
    Base(&'a Pointer),
    Key(&'a Loc<'a>, &'a str),
    Index(&'a Loc<'a>, usize),
}

impl<'a> Loc<'a> {
    pub fn key(&'a self, token: &'a str) -> Loc<'a> {
        Loc::Key(self, token)
    }

    pub fn index(&'a self, i: usize) -> Loc<'a> {
        Loc::Index(self, i)
    }

    pub fn render(&self) -> Pointer {
        match self {
            Loc::Base(p) => (*p).clone(),
            Loc::Key(parent, token) => parent.render().key(token),
            Loc::Index(parent, i) => parent.render().index(*i),
        }
    }
}

#[cfg(test)]
mod loc_tests {
    use super::*;

    #[test]
    fn loc_renders_like_pointer() {
        let base = Pointer::root().key("States");
        let b = Loc::Base(&base);
        let s = b.key("a/b");
        let r = s.key("Retry");
        let i = r.index(1);
        assert_eq!(i.render().as_str(), "/States/a~1b/Retry/1");
    }
}
