//! Parsing: what is rejected, and where.

use super::*;

// --- parsing: errors ----------------------------------------------------------------------

#[test]
fn rejects_bad_starts() {
    assert_error("", 0, "empty");
    assert_error("a.b", 0, "starts with '$'");
    assert_error(" $.a", 0, "starts with '$'");
    assert_error("@.a", 0, "starts with '$'");
    assert_error("$$x", 2, "after '$$'");
    assert_error("$$$", 2, "after '$$'");
    assert_error("$1", 1, "cannot start with a digit");
    assert_error("$order-id", 6, "variable name");
}

#[test]
fn rejects_bad_dots() {
    assert_error("$.", 1, "ends with '.'");
    assert_error("$.a.", 3, "ends with '.'");
    assert_error("$.a..", 3, "'..' must be followed");
    assert_error("$..", 1, "'..' must be followed");
    assert_error("$...a", 3, "too many dots");
    assert_error("$.a b", 3, "whitespace");
    assert_error("$.a ", 3, "whitespace");
    assert_error("$. a", 2, "cannot start a field name");
    assert_error("$.a$", 3, "unexpected '$'");
    assert_error("$.a.length()", 10, "functions such as length()");
}

#[test]
fn rejects_bad_brackets() {
    assert_error("$.a[", 3, "unterminated '['");
    assert_error("$.a[0", 3, "unterminated '['");
    assert_error("$[]", 1, "empty brackets");
    assert_error("$[ ]", 1, "empty brackets");
    assert_error("$['a'", 1, "unterminated '['");
    assert_error("$['a", 2, "unterminated string");
    assert_error("$[\"a']", 2, "unterminated string");
    assert_error(r"$['a\'", 2, "unterminated string");
    assert_error(r"$['a\x']", 4, "invalid escape");
    assert_error(r"$['\u12']", 3, "\\u escape");
    assert_error(r"$['\ud83d']", 3, "unpaired surrogate");
    assert_error("$[a]", 2, "must be quoted, like ['a']");
    assert_error("$[01]", 2, "leading zeros");
    assert_error("$[1.5]", 2, "whole number");
    assert_error("$[1a]", 3, "in a number");
    assert_error("$[-]", 3, "expected a digit");
    assert_error("$[99999999999999999999]", 2, "too large");
    assert_error("$['a',0]", 6, "cannot mix names and indexes");
    assert_error("$[0,'a']", 4, "cannot mix indexes and names");
    assert_error("$['a',]", 6, "expected a quoted name");
    assert_error("$[0,]", 4, "expected an index");
    assert_error("$[1:2:3:4]", 7, "at most three parts");
    assert_error("$['a' 'b']", 6, "expected ']'");
    assert_error("$[*x]", 3, "expected ']'");
    assert_error("$[#]", 2, "unexpected '#'");
}

#[test]
fn rejects_bad_filters() {
    assert_error("$[?@.a]", 3, "[?(condition)]");
    assert_error("$[?(@.a]", 7, "expected ')'");
    assert_error("$[?(@.a", 3, "unterminated '('");
    assert_error("$[?(@.a)", 1, "unterminated '['");
    assert_error("$[?()]", 4, "expected a condition");
    assert_error("$[?(@.a = 1)]", 8, "use '=='");
    assert_error("$[?(@.a === 1)]", 8, "'===' is not supported");
    assert_error("$[?(@.a & @.b)]", 8, "use '&&'");
    assert_error("$[?(@.a | @.b)]", 8, "use '||'");
    assert_error("$[?(@.a like 1)]", 8, "unknown operator 'like'");
    assert_error("$[?(@.a == abc)]", 11, "strings must be quoted");
    assert_error("$[?('x')]", 4, "a literal on its own");
    assert_error("$[?(@.a =~ 'x')]", 11, "must be followed by a /regex/");
    assert_error("$[?(@.a == /x/)]", 11, "can only follow '=~'");
    assert_error("$[?(@.a =~ /x)]", 11, "unterminated regex");
    assert_error("$[?(@.a =~ /(/)]", 11, "invalid regex: unclosed group");
    assert_error("$[?(@.a =~ /x/g)]", 14, "unsupported regex flag 'g'");
    assert_error("$[?(@.a =~ /(?<=a)b/)]", 11, "invalid regex");
    assert_error("$[?($$.x == 1)]", 4, "not $$ or variables");
    assert_error("$[?($v == 1)]", 4, "not $$ or variables");
    assert_error("$[?(@.a == 1 @.b)]", 13, "expected ')', '&&' or '||'");
    assert_error("$[?(@.a in [1, 2)]", 16, "expected ',' or ']'");
    assert_error("$[?(@.a in [1, 2", 11, "unterminated '['");
    assert_error("$[?(@.a == 01)]", 11, "leading zeros");
    assert_error("$[?(@.a == 1.)]", 13, "after '.'");
    assert_error("$[?(@.a == 1e999)]", 11, "out of range");
    assert_error("$[?(@.a == 'x)]", 11, "unterminated string");
    assert_error("$[?(@.a. == 1)]", 8, "cannot start a field name");
}

#[test]
fn nesting_is_capped() {
    for (open, close) in [("(", ")"), ("!(", ")")] {
        let deep = format!("$[?({}@.a{})]", open.repeat(10_000), close.repeat(10_000));
        let e = error(&deep);
        assert!(e.message.contains("nested more than 64 levels"), "{e}");
    }
    let bangs = format!("$[?({}@.a)]", "!".repeat(10_000));
    assert!(error(&bangs).message.contains("nested more than 64"));

    let mut filters = "$".to_string();
    for _ in 0..1_000 {
        filters.push_str("[?(@.a");
    }
    filters.push_str(&")]".repeat(1_000));
    assert!(error(&filters).message.contains("nested more than 64"));

    let arrays = format!("$[?(@.a in {}{})]", "[".repeat(10_000), "]".repeat(10_000));
    assert!(error(&arrays).message.contains("nested more than 64"));

    // The filter itself is one level, so 63 parentheses inside it still parse.
    let ok = format!(
        "$[?({}@.a{})]",
        "(".repeat(MAX_NESTING - 1),
        ")".repeat(MAX_NESTING - 1)
    );
    assert!(JsonPath::parse(&ok).is_ok());
    let too_deep = format!(
        "$[?({}@.a{})]",
        "(".repeat(MAX_NESTING),
        ")".repeat(MAX_NESTING)
    );
    assert_eq!(error(&too_deep).offset, 4 + MAX_NESTING - 1);
}

#[test]
fn never_panics_on_prefixes_of_valid_paths() {
    let text =
        r#"$..book[?(@.price < 10 && @.tag in ['a', "b"] || !@.x =~ /a\/b/i)]['x y',"z"][1:-1:2]"#;
    let chars: Vec<char> = text.chars().collect();
    let mut complete = Vec::new();
    for end in 0..=chars.len() {
        let prefix: String = chars[..end].iter().collect();
        match JsonPath::parse(&prefix) {
            Ok(_) => complete.push(prefix),
            // Every error points into the text it was given, or just past its end.
            Err(e) => assert!(e.offset <= end && !e.message.is_empty(), "{prefix:?}: {e}"),
        }
    }
    // Only the prefixes that end a whole segment are paths.
    let filter = r#"$..book[?(@.price < 10 && @.tag in ['a', "b"] || !@.x =~ /a\/b/i)]"#;
    let union = format!(r#"{filter}['x y',"z"]"#);
    assert_eq!(
        complete,
        ["$", "$..b", "$..bo", "$..boo", "$..book", filter, &union, text]
    );
    for junk in [
        "$[",
        "$[?(",
        "$[?(@",
        "$['\\",
        "$[?(@.a =~ /\\",
        "$[?(@.a in [",
        "$[-",
        "$[?(@.a == -",
        "$\u{0}",
    ] {
        assert!(JsonPath::parse(junk).is_err(), "{junk:?}");
    }
}

#[test]
fn error_display_and_from_str() {
    let e = error("$.a.");
    assert_eq!(
        e.to_string(),
        "at character 3: the path ends with '.'; a field name must follow"
    );
    // Offsets count characters, not bytes.
    assert_eq!(error("$.日本 x").offset, 4);
    let p: JsonPath = "$.a".parse().unwrap();
    assert_eq!(p, parse("$.a"));
    assert!("$.".parse::<JsonPath>().is_err());
}
