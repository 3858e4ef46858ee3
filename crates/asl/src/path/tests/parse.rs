//! Parsing: roots, simple segments and filters.

use super::*;

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
