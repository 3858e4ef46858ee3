use serde_json::{json, Value};

use super::*;

fn parse(text: &str) -> JsonPath {
    JsonPath::parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn segments(text: &str) -> Vec<Segment> {
    parse(text).segments
}

fn field(name: &str) -> Segment {
    Segment::Field(name.to_string())
}

fn error(text: &str) -> PathError {
    match JsonPath::parse(text) {
        Ok(p) => panic!("{text:?} should not parse, got {p:?}"),
        Err(e) => e,
    }
}

/// Asserts the error offset and that the message mentions `needle`.
fn assert_error(text: &str, offset: usize, needle: &str) {
    let e = error(text);
    assert_eq!(e.offset, offset, "offset for {text:?}: {e}");
    assert!(
        e.message.contains(needle),
        "message for {text:?} should mention {needle:?}: {e}"
    );
}

fn filter(text: &str) -> FilterExpr {
    match segments(text).pop() {
        Some(Segment::Filter(f)) => f,
        other => panic!("{text:?} should end in a filter, got {other:?}"),
    }
}

fn current(segments: Vec<Segment>) -> FilterPath {
    FilterPath {
        root: FilterRoot::Current,
        segments,
    }
}

// --- parsing: roots and simple segments ---------------------------------------------------

#[test]
fn roots() {
    assert_eq!(
        parse("$"),
        JsonPath {
            root: PathRoot::Input,
            segments: vec![]
        }
    );
    assert_eq!(
        parse("$$"),
        JsonPath {
            root: PathRoot::Context,
            segments: vec![]
        }
    );
    assert_eq!(
        parse("$$.Execution.Id").segments,
        vec![field("Execution"), field("Id")]
    );
    let var = parse("$orderId.items[0]");
    assert_eq!(var.root, PathRoot::Variable("orderId".into()));
    assert_eq!(var.segments, vec![field("items"), Segment::Index(0)]);
    assert_eq!(var.variable(), Some("orderId"));
    assert_eq!(parse("$_x1").root, PathRoot::Variable("_x1".into()));
    assert_eq!(parse("$größe").root, PathRoot::Variable("größe".into()));
    assert_eq!(parse("$.a").variable(), None);
}

#[test]
fn dot_and_bracket_names() {
    assert_eq!(segments("$.a.b"), vec![field("a"), field("b")]);
    assert_eq!(segments("$['a']"), vec![field("a")]);
    assert_eq!(segments("$[\"a\"]"), vec![field("a")]);
    assert_eq!(segments("$['a b']"), vec![field("a b")]);
    assert_eq!(segments("$.a-b_c9"), vec![field("a-b_c9")]);
    assert_eq!(segments("$.日本.ü"), vec![field("日本"), field("ü")]);
    assert_eq!(segments("$.0"), vec![field("0")]);
    assert_eq!(segments("$[ 'a' ]"), vec![field("a")]);
    // The AWS intrinsic-function guide writes `$.abc.['def ghi']`.
    assert_eq!(
        segments("$.abc.['def ghi']"),
        vec![field("abc"), field("def ghi")]
    );
}

#[test]
fn quoted_name_escapes() {
    assert_eq!(segments(r"$['it\'s']"), vec![field("it's")]);
    assert_eq!(segments(r#"$["say \"hi\""]"#), vec![field("say \"hi\"")]);
    // Only the enclosing quote is unescaped; AWS keeps `\` before the other one
    // (shared/conformance/cases/scenarios/escape_sequence_parsing__ESCAPE_SEQUENCES_JSONPATH).
    assert_eq!(segments(r#"$["it\'s"]"#), vec![field("it\\'s")]);
    assert_eq!(
        segments(r#"$['Test\""Name"']"#),
        vec![field("Test\\\"\"Name\"")]
    );
    assert_eq!(segments(r"$['back\\slash']"), vec![field("back\\slash")]);
    assert_eq!(segments(r"$['a\nb\t\/']"), vec![field("a\nb\t/")]);
    assert_eq!(segments(r"$['\u00e9\ud83d\ude00']"), vec![field("é😀")]);
    assert_eq!(segments("$['a.b[c]*']"), vec![field("a.b[c]*")]);
    assert_eq!(segments("$['']"), vec![field("")]);
}

#[test]
fn indexes_wildcards_and_descent() {
    assert_eq!(segments("$[0]"), vec![Segment::Index(0)]);
    assert_eq!(segments("$[-1]"), vec![Segment::Index(-1)]);
    assert_eq!(segments("$[-0]"), vec![Segment::Index(0)]);
    assert_eq!(segments("$[ 12 ]"), vec![Segment::Index(12)]);
    assert_eq!(segments("$.a[*]"), vec![field("a"), Segment::Wildcard]);
    assert_eq!(segments("$.*"), vec![Segment::Wildcard]);
    let descent = |s: Segment| Segment::RecursiveDescent(Box::new(s));
    assert_eq!(segments("$..a"), vec![descent(field("a"))]);
    assert_eq!(segments("$..*"), vec![descent(Segment::Wildcard)]);
    assert_eq!(segments("$..[0]"), vec![descent(Segment::Index(0))]);
    assert_eq!(
        segments("$..['a b'].c"),
        vec![descent(field("a b")), field("c")]
    );
    assert_eq!(
        segments("$..[?(@.x)]"),
        vec![descent(Segment::Filter(FilterExpr::Exists(current(vec![
            field("x")
        ]))))]
    );
}

#[test]
fn slices() {
    let slice = |start, end, step| Segment::Slice { start, end, step };
    assert_eq!(segments("$[1:3]"), vec![slice(Some(1), Some(3), None)]);
    assert_eq!(segments("$[:2]"), vec![slice(None, Some(2), None)]);
    assert_eq!(segments("$[-2:]"), vec![slice(Some(-2), None, None)]);
    assert_eq!(segments("$[::2]"), vec![slice(None, None, Some(2))]);
    assert_eq!(
        segments("$[5:1:-1]"),
        vec![slice(Some(5), Some(1), Some(-1))]
    );
    assert_eq!(segments("$[:]"), vec![slice(None, None, None)]);
    assert_eq!(segments("$[1:2:]"), vec![slice(Some(1), Some(2), None)]);
    assert_eq!(
        segments("$[ 1 : 2 : 3 ]"),
        vec![slice(Some(1), Some(2), Some(3))]
    );
}

#[test]
fn unions() {
    let name = |s: &str| UnionMember::Name(s.into());
    assert_eq!(
        segments("$['a','b']"),
        vec![Segment::Union(vec![name("a"), name("b")])]
    );
    assert_eq!(
        segments("$[ 'a' , \"b c\" ]"),
        vec![Segment::Union(vec![name("a"), name("b c")])]
    );
    assert_eq!(
        segments("$[0, -1,2]"),
        vec![Segment::Union(vec![
            UnionMember::Index(0),
            UnionMember::Index(-1),
            UnionMember::Index(2)
        ])]
    );
}

// --- parsing: filters ---------------------------------------------------------------------

#[test]
fn filter_comparison_and_logic() {
    let expr = filter("$.items[?(@.price < 10 && @.tag == 'x')]");
    assert_eq!(
        expr,
        FilterExpr::And(vec![
            FilterExpr::Compare {
                left: Operand::Path(current(vec![field("price")])),
                op: CompareOp::Lt,
                right: Operand::Value(json!(10)),
            },
            FilterExpr::Compare {
                left: Operand::Path(current(vec![field("tag")])),
                op: CompareOp::Eq,
                right: Operand::Value(json!("x")),
            },
        ])
    );
    assert_eq!(
        filter("$[?(@.isbn)]"),
        FilterExpr::Exists(current(vec![field("isbn")]))
    );
    assert_eq!(
        filter("$[?(!@.isbn)]"),
        FilterExpr::Not(Box::new(FilterExpr::Exists(current(vec![field("isbn")]))))
    );
}

#[test]
fn filter_precedence_and_parentheses() {
    let exists = |n: &str| FilterExpr::Exists(current(vec![field(n)]));
    // && binds tighter than ||.
    assert_eq!(
        filter("$[?(@.a || @.b && @.c)]"),
        FilterExpr::Or(vec![
            exists("a"),
            FilterExpr::And(vec![exists("b"), exists("c")])
        ])
    );
    assert_eq!(
        filter("$[?((@.a || @.b) && @.c)]"),
        FilterExpr::And(vec![
            FilterExpr::Or(vec![exists("a"), exists("b")]),
            exists("c")
        ])
    );
    assert_eq!(
        filter("$[?(@.a || @.b || @.c)]"),
        FilterExpr::Or(vec![exists("a"), exists("b"), exists("c")])
    );
    assert_eq!(
        filter("$[?(!(@.a && @.b))]"),
        FilterExpr::Not(Box::new(FilterExpr::And(vec![exists("a"), exists("b")])))
    );
    assert_eq!(filter("$[?( ( @.a ) )]"), exists("a"));
}

#[test]
fn filter_operators_and_literals() {
    let op_of = |text: &str| match filter(text) {
        FilterExpr::Compare { op, .. } => op,
        other => panic!("{text}: {other:?}"),
    };
    let cases = [
        ("==", CompareOp::Eq),
        ("!=", CompareOp::Ne),
        ("<", CompareOp::Lt),
        ("<=", CompareOp::Le),
        (">", CompareOp::Gt),
        (">=", CompareOp::Ge),
        ("in", CompareOp::In),
        ("nin", CompareOp::Nin),
        ("subsetof", CompareOp::SubsetOf),
        ("anyof", CompareOp::AnyOf),
        ("noneof", CompareOp::NoneOf),
        ("size", CompareOp::Size),
        ("empty", CompareOp::Empty),
        ("contains", CompareOp::Contains),
    ];
    for (text, op) in cases {
        assert_eq!(op_of(&format!("$[?(@.a {text} 1)]")), op, "{text}");
    }
    // No spaces needed around symbols.
    assert_eq!(op_of("$[?(@.price<=10)]"), CompareOp::Le);

    let right_of = |text: &str| match filter(text) {
        FilterExpr::Compare {
            right: Operand::Value(v),
            ..
        } => v,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(right_of("$[?(@.a == 'x')]"), json!("x"));
    assert_eq!(right_of("$[?(@.a == \"x\")]"), json!("x"));
    assert_eq!(right_of("$[?(@.a == -1.5e3)]"), json!(-1500.0));
    assert_eq!(right_of("$[?(@.a == 0)]"), json!(0));
    assert_eq!(right_of("$[?(@.a == true)]"), json!(true));
    assert_eq!(right_of("$[?(@.a == false)]"), json!(false));
    assert_eq!(right_of("$[?(@.a == null)]"), Value::Null);
    assert_eq!(right_of("$[?(@.size in ['S', 'M'])]"), json!(["S", "M"]));
    assert_eq!(
        right_of("$[?(@.a in [1, [2, 3], []])]"),
        json!([1, [2, 3], []])
    );

    // A literal on the left and a $-rooted path on the right.
    match filter("$[?(10 > @.price)]") {
        FilterExpr::Compare {
            left: Operand::Value(v),
            op: CompareOp::Gt,
            ..
        } => assert_eq!(v, json!(10)),
        other => panic!("{other:?}"),
    }
    match filter("$[?(@.price <= $.limits['max'])]") {
        FilterExpr::Compare {
            right: Operand::Path(p),
            ..
        } => {
            assert_eq!(
                p,
                FilterPath {
                    root: FilterRoot::Document,
                    segments: vec![field("limits"), field("max")]
                }
            )
        }
        other => panic!("{other:?}"),
    }
    // `@` alone, and nested filters.
    assert!(
        matches!(filter("$[?(@ > 2)]"), FilterExpr::Compare { left: Operand::Path(FilterPath { ref segments, .. }), .. } if segments.is_empty())
    );
    assert!(matches!(
        filter("$[?(@.tags[?(@ == 'a')])]"),
        FilterExpr::Exists(_)
    ));
}

#[test]
fn filter_regex() {
    let FilterExpr::Match { left, pattern } = filter("$[?(@.name =~ /^a.*z$/i)]") else {
        panic!("not a match")
    };
    assert_eq!(left, Operand::Path(current(vec![field("name")])));
    assert_eq!(pattern.source(), "^a.*z$");
    assert_eq!(pattern.flags(), "i");
    assert!(pattern.is_match("ABCZ"));
    assert!(!pattern.is_match("abc"));

    // `\/` is a slash in the pattern; other escapes reach the regex engine untouched.
    let FilterExpr::Match { pattern, .. } = filter(r"$[?(@.p =~ /a\/b\d/)]") else {
        panic!()
    };
    assert_eq!(pattern.source(), r"a\/b\d");
    assert!(pattern.is_match("a/b1"));

    // Whole-string match, as Java's Matcher.matches().
    let FilterExpr::Match { pattern, .. } = filter("$[?(@.p =~ /b/)]") else {
        panic!()
    };
    assert!(pattern.is_match("b"));
    assert!(!pattern.is_match("abc"));

    // An alternation cannot escape the anchors.
    let FilterExpr::Match { pattern, .. } = filter("$[?(@.p =~ /a|b/)]") else {
        panic!()
    };
    assert!(!pattern.is_match("ax"));
    assert!(pattern.is_match("b"));

    // An `x`-mode comment cannot swallow the anchors.
    let FilterExpr::Match { pattern, .. } = filter("$[?(@.p =~ /a # comment/x)]") else {
        panic!()
    };
    assert!(pattern.is_match("a"));
    assert!(!pattern.is_match("ab"));

    // Multi-line mode still matches the whole string.
    let FilterExpr::Match { pattern, .. } = filter("$[?(@.p =~ /a$/m)]") else {
        panic!()
    };
    assert!(!pattern.is_match("a\nb"));
}

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

// --- classification -----------------------------------------------------------------------

#[test]
fn reference_paths() {
    for text in [
        "$",
        "$.a",
        "$.a[0]['b c']",
        "$['a'][-1]",
        "$$.Execution.Id",
        "$var.a",
        "$$",
        "$.abc.['d e']",
    ] {
        let p = parse(text);
        assert!(p.is_reference_path(), "{text}");
        assert!(p.is_definite(), "{text}");
    }
    for text in [
        "$.a[*]",
        "$.*",
        "$..a",
        "$.a[1:2]",
        "$['a','b']",
        "$[0,1]",
        "$[?(@.x)]",
        "$$..Id",
        "$v[*]",
    ] {
        let p = parse(text);
        assert!(!p.is_reference_path(), "{text}");
        assert!(!p.is_definite(), "{text}");
    }
}

// --- canonical text -----------------------------------------------------------------------

#[test]
fn display_is_canonical() {
    let cases = [
        ("$", "$"),
        ("$$", "$$"),
        ("$v", "$v"),
        ("$[\"a\"]", "$.a"),
        ("$['a b']", "$['a b']"),
        ("$.abc.['d e']", "$.abc['d e']"),
        ("$.*", "$[*]"),
        ("$..['a']", "$..a"),
        ("$..[*]", "$..*"),
        ("$..['a b']", "$..['a b']"),
        ("$..[0]", "$..[0]"),
        ("$[ 1 : 2 ]", "$[1:2]"),
        ("$[::-1]", "$[::-1]"),
        ("$[:]", "$[:]"),
        ("$[ 'a' , \"b\" ]", "$['a','b']"),
        ("$[0, 1]", "$[0,1]"),
        (r"$['it\'s']", r"$['it\'s']"),
        (r#"$["q\"uote"]"#, r#"$['q"uote']"#),
        (r"$['a\nb']", r"$['a\nb']"),
        (r"$['\u0001']", r"$['\u0001']"),
        ("$['']", "$['']"),
        ("$[?(@.a<1&&@.b)]", "$[?(@.a < 1 && @.b)]"),
        ("$[?(@.a||@.b&&@.c)]", "$[?(@.a || @.b && @.c)]"),
        ("$[?((@.a||@.b)&&@.c)]", "$[?((@.a || @.b) && @.c)]"),
        ("$[?(@.a || (@.b || @.c))]", "$[?(@.a || (@.b || @.c))]"),
        ("$[?(!(@.a == 1))]", "$[?(!(@.a == 1))]"),
        ("$[?(!!@.a)]", "$[?(!!@.a)]"),
        ("$[?(@.s in [\"S\",'M'])]", "$[?(@.s in ['S', 'M'])]"),
        ("$[?(@.n =~ /a\\/b/i)]", "$[?(@.n =~ /a\\/b/i)]"),
        ("$[?(@ >= $.min)]", "$[?(@ >= $.min)]"),
        ("$[?(@['a b'] == 1.5)]", "$[?(@['a b'] == 1.5)]"),
        ("$[?(@.x == null)]", "$[?(@.x == null)]"),
    ];
    for (input, canonical) in cases {
        assert_eq!(parse(input).to_string(), canonical, "display of {input}");
    }
}

#[test]
fn display_round_trips() {
    let inputs = [
        "$.store.book[0].title",
        "$$.Map.Item.Value",
        "$order.items[-1]['unit price']",
        "$..book[?(@.price < 10 && @.category == 'fiction' || !@.isbn)].title",
        "$..*",
        "$.a[1:10:2]",
        "$.a[-3:]",
        "$['a','b c'].d",
        "$[?(@.tags anyof ['x', 'y'] && @.name =~ /^[a-z]+$/im)]",
        "$[?(@.a[?(@.b == 'x')] size 2)]",
        r"$['\\', '\'', '\t', 'é']",
        "$.-1.日本",
        "$[?(@.n == -0.5 || @.n == 1e3 || @.n == 18446744073709551615)]",
    ];
    for input in inputs {
        let first = parse(input);
        let text = first.to_string();
        let second = JsonPath::parse(&text)
            .unwrap_or_else(|e| panic!("{text:?} (from {input:?}) should parse: {e}"));
        assert_eq!(first, second, "{input} -> {text}");
        assert_eq!(second.to_string(), text);
    }
}

#[test]
fn large_and_long_numbers_print_as_text_that_parses_back_to_the_same_path() {
    // Found by fuzzing: these printed in shortest form, which read back one unit off.
    let inputs = [
        "$[0][?(222222222.22222222222222222222222222222222222<222222222222222222222222)]",
        "$[?(22222338855259322222222222222222222<2222)]",
        "$[0][?(22222222222222222222222E22<2222222222222222222222222222)]",
        "$[0][?(22222222222222222222222222222222222222222222222222222222.22222222227986395664694>9777222222222212222222222222222222222222.22222222222222)]",
    ];
    for input in inputs {
        let first = parse(input);
        let text = first.to_string();
        assert_eq!(parse(&text), first, "{input} prints as {text}");
    }
}

// --- evaluation ---------------------------------------------------------------------------

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

fn no_variables(_: &str) -> Option<Value> {
    None
}

fn eval(path: &str, input: &Value) -> Selection {
    parse(path)
        .evaluate(input, &Value::Null, &no_variables)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn many(path: &str, input: &Value) -> Vec<Value> {
    match eval(path, input) {
        Selection::Many(vs) => vs,
        other => panic!("{path} should select many, got {other:?}"),
    }
}

fn titles(path: &str) -> Vec<String> {
    many(path, &store())
        .into_iter()
        .map(|b| b["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn definite_paths() {
    let doc = store();
    assert_eq!(eval("$", &doc), Selection::One(doc.clone()));
    assert_eq!(
        eval("$.store.bicycle.color", &doc),
        Selection::One(json!("red"))
    );
    assert_eq!(
        eval("$['store']['book'][0]['author']", &doc),
        Selection::One(json!("Nigel Rees"))
    );
    assert_eq!(
        eval("$.store.book[-1].author", &doc),
        Selection::One(json!("J. R. R. Tolkien"))
    );
    assert_eq!(
        eval("$.store.book[-4].price", &doc),
        Selection::One(json!(8.95))
    );
    assert_eq!(eval("$.expensive", &doc), Selection::One(json!(10)));
    assert_eq!(
        eval("$.n", &json!({"n": null})),
        Selection::One(Value::Null)
    );
}

#[test]
fn definite_paths_not_found() {
    let doc = store();
    for path in [
        "$.missing",
        "$.store.missing.deeper",
        "$.store.book[4]",
        "$.store.book[-5]",
        "$.store.book[9].title",
        "$.store.bicycle.color.x",
        "$.store.bicycle[0]",
        "$.store.book.title",
        "$.expensive.x",
    ] {
        assert_eq!(eval(path, &doc), Selection::NotFound, "{path}");
    }
}

#[test]
fn wildcards_and_descent() {
    let doc = store();
    assert_eq!(
        many("$.store.book[*].author", &doc),
        vec![
            json!("Nigel Rees"),
            json!("Evelyn Waugh"),
            json!("Herman Melville"),
            json!("J. R. R. Tolkien")
        ]
    );
    assert_eq!(many("$..author", &doc).len(), 4);
    assert_eq!(
        many("$.store.*", &doc),
        vec![
            doc["store"]["book"].clone(),
            doc["store"]["bicycle"].clone()
        ]
    );
    // Parents before children, members in document order.
    assert_eq!(
        many("$.store..price", &doc),
        vec![
            json!(8.95),
            json!(12.99),
            json!(8.99),
            json!(22.99),
            json!(19.95)
        ]
    );
    assert_eq!(
        many("$..a", &json!({"a": {"a": 1}, "b": [{"a": 2}]})),
        vec![json!({"a": 1}), json!(1), json!(2)]
    );
    assert_eq!(titles("$..book[2]"), vec!["Moby Dick"]);
    assert_eq!(titles("$..book[-1]"), vec!["The Lord of the Rings"]);
    assert_eq!(
        titles("$..book[0,1]"),
        vec!["Sayings of the Century", "Sword of Honour"]
    );
    assert_eq!(
        titles("$..book[:2]"),
        vec!["Sayings of the Century", "Sword of Honour"]
    );
    assert_eq!(
        many("$..[0]", &json!({"x": [1, [2, 3]]})),
        vec![json!(1), json!(2)]
    );
    let everything = many("$..*", &doc);
    assert!(everything.contains(&json!("red")) && everything.contains(&json!(10)));
    assert_eq!(everything.len(), 28);
    // A scalar has nothing below it.
    assert_eq!(many("$.expensive..x", &doc), Vec::<Value>::new());
}

#[test]
fn indefinite_paths_skip_what_is_missing() {
    let doc = store();
    assert_eq!(
        many("$.store.book[*].isbn", &doc),
        vec![json!("0-553-21311-3"), json!("0-395-19395-8")]
    );
    assert_eq!(
        many("$.store.book[*].missing.deeper", &doc),
        Vec::<Value>::new()
    );
    assert_eq!(many("$.store.book[*][0]", &doc), Vec::<Value>::new());
    // Once the path has branched, a failed step is skipped rather than fatal.
    assert_eq!(many("$.store.bicycle[*].x.y", &doc), Vec::<Value>::new());
    assert_eq!(many("$[*].color", &doc["store"]), vec![json!("red")]);
    // An index out of range is skipped, even in the definite prefix.
    assert_eq!(many("$.store.book[9][*]", &doc), Vec::<Value>::new());
    // A wildcard on a scalar at the end selects nothing.
    assert_eq!(many("$.expensive[*]", &doc), Vec::<Value>::new());
    assert_eq!(many("$.a[*]", &json!({"a": []})), Vec::<Value>::new());
}

#[test]
fn failures_in_the_definite_prefix_are_not_found() {
    let doc = store();
    // Jayway throws while the path so far is definite, whatever follows.
    for path in [
        "$.missing[*]",
        "$.missing..x",
        "$.expensive[*].x",
        "$.expensive[0:1]",
        "$.expensive[?(@ > 1)]",
        "$.expensive['a','b']",
    ] {
        assert_eq!(eval(path, &doc), Selection::NotFound, "{path}");
    }
}

#[test]
fn a_miss_before_a_slice_is_an_empty_list() {
    // As Step Functions recorded it (shared/conformance/extra/base): `[]`, not a failure.
    for path in [
        "$.items[1:]",
        "$.items[:1]",
        "$.item.items[1:5]",
        "$.items[1:].itemValue",
    ] {
        assert_eq!(eval(path, &json!({})), Selection::Many(vec![]), "{path}");
    }
}

#[test]
fn slices_follow_rfc_9535() {
    let doc = json!([0, 1, 2, 3, 4, 5]);
    let cases: [(&str, Value); 14] = [
        ("$[1:3]", json!([1, 2])),
        ("$[-2:]", json!([4, 5])),
        ("$[:-4]", json!([0, 1])),
        ("$[:]", json!([0, 1, 2, 3, 4, 5])),
        ("$[::2]", json!([0, 2, 4])),
        ("$[1::2]", json!([1, 3, 5])),
        ("$[::-1]", json!([5, 4, 3, 2, 1, 0])),
        ("$[4:1:-1]", json!([4, 3, 2])),
        ("$[::0]", json!([])),
        ("$[10:]", json!([])),
        ("$[-100:2]", json!([0, 1])),
        ("$[3:1]", json!([])),
        (
            "$[-9223372036854775808:9223372036854775807]",
            json!([0, 1, 2, 3, 4, 5]),
        ),
        ("$[::-9223372036854775808]", json!([5])),
    ];
    for (path, expected) in cases {
        assert_eq!(Value::Array(many(path, &doc)), expected, "{path}");
    }
    assert_eq!(
        Value::Array(many("$[::9223372036854775807]", &doc)),
        json!([0])
    );
    assert_eq!(many("$[1:]", &json!([])), Vec::<Value>::new());
}

#[test]
fn union_evaluation() {
    let doc = store();
    // Jayway merges a trailing name union into one object.
    assert_eq!(
        eval("$.store.bicycle['color','price']", &doc),
        Selection::One(json!({"color": "red", "price": 19.95}))
    );
    assert_eq!(
        eval("$.store.bicycle['color','nope']", &doc),
        Selection::One(json!({"color": "red"}))
    );
    assert_eq!(
        many("$.store.book[0:2]['title','isbn']", &doc),
        vec![
            json!({"title": "Sayings of the Century"}),
            json!({"title": "Sword of Honour"})
        ]
    );
    // Not trailing: each name in turn, missing ones skipped.
    assert_eq!(
        many("$.store['bicycle','nope'].color", &doc),
        vec![json!("red")]
    );
    assert_eq!(
        many("$[0,2,9,-1]", &json!(["a", "b", "c", "d"])),
        vec![json!("a"), json!("c"), json!("d")]
    );
    assert_eq!(many("$..['color','author']", &doc).len(), 5);
}

#[test]
fn filters() {
    assert_eq!(
        titles("$..book[?(@.isbn)]"),
        vec!["Moby Dick", "The Lord of the Rings"]
    );
    assert_eq!(
        titles("$.store.book[?(!@.isbn)]"),
        vec!["Sayings of the Century", "Sword of Honour"]
    );
    assert_eq!(
        titles("$.store.book[?(@.price < 10)]"),
        vec!["Sayings of the Century", "Moby Dick"]
    );
    assert_eq!(
        titles("$..book[?(@.price <= $['expensive'])]"),
        vec!["Sayings of the Century", "Moby Dick"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category == 'fiction' && @.price > 20)]"),
        vec!["The Lord of the Rings"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category == 'reference' || @.price > 20)]"),
        vec!["Sayings of the Century", "The Lord of the Rings"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category in ['reference', 'poetry'])]"),
        vec!["Sayings of the Century"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category nin ['fiction'])]"),
        vec!["Sayings of the Century"]
    );
    assert_eq!(
        titles("$..book[?(@.author =~ /.*REES/i)]"),
        vec!["Sayings of the Century"]
    );
    // The regex must match the whole string.
    assert_eq!(
        titles("$..book[?(@.author =~ /REES/i)]"),
        Vec::<String>::new()
    );
    // A missing field is != anything.
    assert_eq!(
        titles("$.store.book[?(@.isbn != '0-553-21311-3')]").len(),
        3
    );
    assert_eq!(
        many("$.store.book[?(@.price > 20)].title", &store()),
        vec![json!("The Lord of the Rings")]
    );
}

#[test]
fn filter_on_objects_tests_the_object() {
    let doc = store();
    assert_eq!(
        many("$.store.bicycle[?(@.color == 'red')]", &doc),
        vec![doc["store"]["bicycle"].clone()]
    );
    assert_eq!(
        many("$.store.bicycle[?(@.color == 'blue')]", &doc),
        Vec::<Value>::new()
    );
    // During a descent only objects are tested, once each.
    assert_eq!(
        titles("$..[?(@.price > 20)]"),
        vec!["The Lord of the Rings"]
    );
    assert_eq!(many("$..[?(@.price > 19)]", &doc).len(), 2);
    // Jayway tests an array's elements during a scan only if the array itself passes.
    assert_eq!(many("$[?(@ > 2)]", &json!([1, 2, 3])), vec![json!(3)]);
    assert_eq!(
        many("$..[?(@ > 2)]", &json!([1, 2, 3])),
        Vec::<Value>::new()
    );
}

#[test]
fn filter_value_semantics() {
    let doc = json!([
        {"n": 1, "s": "a", "b": true, "t": ["x", "y"], "o": {"k": 1}},
        {"n": 1.0, "s": "b", "b": false, "t": [], "o": {"k": 1.0}},
        {"n": 2, "s": "c", "t": ["y"], "z": null},
        {"n": "1", "s": "ab"}
    ]);
    let count = |filter: &str| many(&format!("$[?({filter})]"), &doc).len();
    assert_eq!(
        count("@.n == 1"),
        2,
        "numbers compare by value, not by type of string"
    );
    assert_eq!(count("@.n == '1'"), 1);
    assert_eq!(count("@.n != 1"), 2);
    assert_eq!(count("@.n >= 1"), 3);
    assert_eq!(
        count("@.n < 'z'"),
        1,
        "only the string n is ordered against a string"
    );
    assert_eq!(count("@.s > 'a'"), 3, "strings compare lexically");
    assert_eq!(count("@.s <= 'ab'"), 2);
    assert_eq!(count("@.b == true"), 1);
    assert_eq!(count("@.b"), 2, "existence, whatever the value");
    assert_eq!(count("@.z == null"), 1);
    assert_eq!(count("@.z"), 1, "null exists");
    assert_eq!(
        count("@.missing == @.other"),
        4,
        "two missing values are equal"
    );
    assert_eq!(
        count("@.o == $[0].o"),
        2,
        "objects compare structurally, numbers by value"
    );
    assert_eq!(count("@.t == ['x', 'y']"), 1);
    assert_eq!(count("@.t size 2"), 1);
    assert_eq!(count("@.s size 2"), 1);
    assert_eq!(count("@.t empty true"), 1);
    assert_eq!(count("@.t empty false"), 2);
    assert_eq!(count("@.t contains 'y'"), 2);
    assert_eq!(count("@.s contains 'b'"), 2);
    assert_eq!(count("@.t subsetof ['x', 'y', 'z']"), 3);
    assert_eq!(count("@.t anyof ['x']"), 1);
    assert_eq!(count("@.t noneof ['x']"), 2);
    assert_eq!(count("@.n in [2, 3]"), 1);
    assert_eq!(count("@.n in [1]"), 2);
    assert_eq!(count("@.n =~ /1(\\.0)?/"), 3, "numbers match as their text");
    assert_eq!(
        count("@.t[*] size 2"),
        1,
        "an indefinite path compares as an array"
    );
    assert_eq!(count("@.t[?(@ == 'y')]"), 2);
    assert_eq!(count("!(@.n == 1) && @.s"), 2);
}

#[test]
fn big_integers_compare_exactly() {
    let doc = json!([{"n": 9007199254740993u64}, {"n": 9007199254740992u64}, {"n": 18446744073709551615u64}]);
    assert_eq!(
        many("$[?(@.n == 9007199254740993)]", &doc),
        vec![doc[0].clone()]
    );
    assert_eq!(many("$[?(@.n > -1)]", &doc).len(), 3);
    assert_eq!(many("$[?(@.n > 9007199254740992.5)]", &doc).len(), 1);
}

#[test]
fn roots_context_and_variables() {
    let input = json!({"a": 1});
    let context = json!({"Execution": {"Id": "arn:x"}, "Map": {"Item": {"Index": 2}}});
    let variables = |name: &str| match name {
        "order" => Some(json!({"items": [{"id": 7}, {"id": 8}]})),
        _ => None,
    };
    let run = |text: &str| parse(text).evaluate(&input, &context, &variables);
    assert_eq!(run("$.a"), Ok(Selection::One(json!(1))));
    assert_eq!(run("$$.Execution.Id"), Ok(Selection::One(json!("arn:x"))));
    assert_eq!(run("$$"), Ok(Selection::One(context.clone())));
    assert_eq!(run("$order.items[1].id"), Ok(Selection::One(json!(8))));
    assert_eq!(
        run("$order.items[*].id"),
        Ok(Selection::Many(vec![json!(7), json!(8)]))
    );
    assert_eq!(
        run("$order.items[?(@.id > $.items[0].id)].id"),
        Ok(Selection::Many(vec![json!(8)]))
    );
    assert_eq!(run("$order.nope"), Ok(Selection::NotFound));
    let err = run("$nope.x").unwrap_err();
    assert_eq!(err, EvalError::UndefinedVariable("nope".into()));
    assert_eq!(err.to_string(), "the variable $nope is not defined");
}

#[test]
fn selection_into_value() {
    assert_eq!(Selection::One(json!(1)).into_value(), Some(json!(1)));
    assert_eq!(
        Selection::Many(vec![json!(1), json!(2)]).into_value(),
        Some(json!([1, 2]))
    );
    assert_eq!(Selection::Many(vec![]).into_value(), Some(json!([])));
    assert_eq!(Selection::NotFound.into_value(), None);
}

#[test]
fn descent_does_not_recurse_on_deep_documents() {
    let mut doc = json!({"x": 1});
    for _ in 0..100_000 {
        doc = Value::Array(vec![doc]);
    }
    assert_eq!(many("$..x", &doc), vec![json!(1)]);
    // serde_json drops values recursively, which this depth would overflow.
    std::mem::forget(doc);
}
