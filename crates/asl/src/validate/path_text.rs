//! How the validator reads a path string as AWS will: with `${Name}` placeholders standing
//! for whatever a substitution puts there, and with the bare words in filter comparisons
//! (`[?(@.lang==es)]`) that CreateStateMachine lets through.

use crate::path::{JsonPath, PathError};
use crate::placeholder;

/// A path string as the validator reads it.
pub(crate) enum Reading {
    /// A path (with stand-ins for its placeholders, if any).
    Path(JsonPath),
    /// A path whose filter compares with unquoted words (listed): AWS accepts the definition,
    /// but its JSONPath library cannot evaluate the filter (see [`quote_bare_words`]).
    BareWords(JsonPath, Vec<String>),
    /// Not a path, however the placeholders are filled in.
    Invalid(PathError),
}

/// What a placeholder can stand for inside a path: a name (`$.${Field}`), an index
/// (`$.items[${I}]`) or a whole path (`"${InputPath}"`). The path is accepted when one of
/// them makes it parse: the substitution is not known yet.
const STAND_INS: &[fn(&str) -> String] = &[
    |name| name.replace(|c: char| !(c.is_ascii_alphanumeric() || c == '_'), "_"),
    |_| "0".to_string(),
    |_| "$".to_string(),
];

pub(crate) fn read(text: &str) -> Reading {
    if !placeholder::has_placeholder(text) {
        return read_filled(text);
    }
    let mut first_error = None;
    for stand_in in STAND_INS {
        let filled = fill(text, *stand_in);
        match read_filled(&filled) {
            Reading::Invalid(e) => {
                first_error.get_or_insert(e);
            }
            reading => return reading,
        }
    }
    match first_error {
        Some(e) => Reading::Invalid(e),
        None => read_filled(text),
    }
}

fn fill(text: &str, stand_in: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for p in placeholder::placeholders(text) {
        out.push_str(&text[last..p.range.start]);
        out.push_str(&stand_in(p.name));
        last = p.range.end;
    }
    out.push_str(&text[last..]);
    out
}

fn read_filled(text: &str) -> Reading {
    match JsonPath::parse(text) {
        Ok(path) => Reading::Path(path),
        Err(e) => match quote_bare_words(text, &e) {
            Some((path, words)) => Reading::BareWords(path, words),
            None => Reading::Invalid(e),
        },
    }
}

/// At most this many bare words are quoted in one path before giving up.
const MAX_BARE_WORDS: usize = 16;

/// AWS's CreateStateMachine accepts `$[?(@.TargetLanguageCode==es)]` (published samples
/// deploy with it), but Jayway JsonPath, the library behind AWS's JSONPath, reads a bare
/// literal as a number (FilterCompiler.readLiteral falls through to readNumberLiteral, and
/// `new BigDecimal("e")` fails), so the filter cannot be evaluated at run time. The path is
/// read with the words quoted (what the author meant) and the words are returned.
fn quote_bare_words(text: &str, first: &PathError) -> Option<(JsonPath, Vec<String>)> {
    let mut chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut err = first.clone();
    while words.len() < MAX_BARE_WORDS {
        let at = err.offset;
        let word: String = chars
            .get(at..)?
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        let starts_alpha = word.chars().next().is_some_and(char::is_alphabetic);
        if !starts_alpha || matches!(word.as_str(), "true" | "false" | "null") {
            return None;
        }
        let before: String = chars[..at].iter().collect();
        let before = before.trim_end();
        if !["==", "!=", "<", ">", "<=", ">="]
            .iter()
            .any(|op| before.ends_with(op))
        {
            return None;
        }
        let end = at + word.chars().count();
        chars.insert(end, '\'');
        chars.insert(at, '\'');
        words.push(word);
        let quoted: String = chars.iter().collect();
        match JsonPath::parse(&quoted) {
            Ok(path) => return Some((path, words)),
            Err(e) if e.offset > at => err = e,
            Err(_) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> &'static str {
        match read(text) {
            Reading::Path(_) => "path",
            Reading::BareWords(..) => "bare",
            Reading::Invalid(_) => "invalid",
        }
    }

    #[test]
    fn placeholders_and_bare_words() {
        let table = [
            ("$.a.b", "path"),
            ("$.${Key}", "path"),
            ("$.items[${Index}]", "path"),
            ("${InputPath}", "path"),
            ("$.${AWS::Region}.x", "path"),
            ("$[?(@.TargetLanguageCode==es)].TranslatedText", "bare"),
            ("$[?(@.a == es && @.b != fr)]", "bare"),
            ("$[?(@.a=='es')]", "path"),
            ("$.a b", "invalid"),
            ("$[?(@.a==es", "invalid"),
            ("$.${Key}[", "invalid"),
            ("$['unclosed", "invalid"),
        ];
        for (text, want) in table {
            assert_eq!(kind(text), want, "{text}");
        }
        match read("$[?(@.a == es && @.b != fr)]") {
            Reading::BareWords(_, words) => assert_eq!(words, ["es", "fr"]),
            _ => panic!("expected bare words"),
        }
    }
}
