//! Over 500 lines because it is one table of cases per intrinsic function, AWS's examples first.

use serde_json::Number;

use super::*;
use crate::path::{PathRoot, Segment};

fn call(text: &str) -> Call {
    parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn assert_error(text: &str, offset: usize, needle: &str) {
    match parse(text) {
        Ok(c) => panic!("{text:?} should not parse, got {c:?}"),
        Err(e) => {
            assert_eq!(e.offset, offset, "offset for {text:?}: {e}");
            assert!(
                e.message.contains(needle),
                "message for {text:?} should mention {needle:?}: {e}"
            );
        }
    }
}

fn number(text: &str) -> Arg {
    Arg::Number(text.parse::<Number>().unwrap())
}

fn string_arg(arg: &Arg) -> &StringLiteral {
    match arg {
        Arg::String(s) => s,
        other => panic!("not a string: {other:?}"),
    }
}

fn path_arg(arg: &Arg) -> &JsonPath {
    match arg {
        Arg::Path(p) => p,
        other => panic!("not a path: {other:?}"),
    }
}

// --- parsing ------------------------------------------------------------------------------

#[test]
fn nested_format() {
    let text = "States.Format('Hello {}, you are {}', $.name, States.MathAdd($.age, 1))";
    let c = call(text);
    assert_eq!(c.name, "States.Format");
    assert_eq!(c.offset, 0);
    assert_eq!(c.args.len(), 3);
    assert_eq!(string_arg(&c.args[0]).value, "Hello {}, you are {}");
    assert_eq!(path_arg(&c.args[1]).to_string(), "$.name");
    let Arg::Call(inner) = &c.args[2] else {
        panic!("not a call")
    };
    assert_eq!(inner.name, "States.MathAdd");
    assert_eq!(inner.args[1], number("1"));
    // Offsets are character offsets in the whole text.
    assert_eq!(c.arg_offsets, vec![14, 38, 46]);
    assert_eq!(inner.offset, 46);
    assert_eq!(inner.arg_offsets, vec![61, 68]);
    assert_eq!(text.chars().nth(inner.arg_offsets[0]), Some('$'));
}

#[test]
fn argument_kinds_and_whitespace() {
    let c = call("States.Array( 1 , 'a' ,true,false,null , -2.5, 0, 0.125 ,$)");
    assert_eq!(
        c.args,
        vec![
            number("1"),
            Arg::String(StringLiteral {
                value: "a".into(),
                raw: "a".into()
            }),
            Arg::Bool(true),
            Arg::Bool(false),
            Arg::Null,
            number("-2.5"),
            number("0"),
            number("0.125"),
            Arg::Path(JsonPath::parse("$").unwrap()),
        ]
    );
    assert!(call("States.UUID()").args.is_empty());
    assert!(call("States.Array(  )").args.is_empty());
    let multiline = call("States.Array(\n  1,\n  2\n)");
    assert_eq!(multiline.args.len(), 2);
}

#[test]
fn path_arguments() {
    let c = call(
        "States.Array($.a['b c'][0], $$.Execution.Id, $myVar.x, $.list[?(@.tag == 'x, y)')].id)",
    );
    assert_eq!(
        path_arg(&c.args[0]).segments,
        vec![
            Segment::Field("a".into()),
            Segment::Field("b c".into()),
            Segment::Index(0)
        ]
    );
    assert_eq!(path_arg(&c.args[1]).root, PathRoot::Context);
    assert_eq!(
        path_arg(&c.args[2]).root,
        PathRoot::Variable("myVar".into())
    );
    // A comma or parenthesis inside brackets and quotes does not end the path.
    assert_eq!(
        path_arg(&c.args[3]).to_string(),
        "$.list[?(@.tag == 'x, y)')].id"
    );
    let offsets: Vec<usize> = c.paths().iter().map(|(o, _)| *o).collect();
    assert_eq!(offsets, c.arg_offsets);
}

#[test]
fn string_escapes() {
    let c = call(r"States.Format('it\'s \{\} a \\ b {}', 1)");
    let s = string_arg(&c.args[0]);
    assert_eq!(s.value, r"it's {} a \ b {}");
    assert_eq!(s.raw, r"it\'s \{\} a \\ b {}");
    assert_eq!(
        s.template(),
        vec![
            TemplatePiece::Text(r"it's {} a \ b ".into()),
            TemplatePiece::Placeholder
        ]
    );
    assert_eq!(s.placeholders(), 1);
    let t = string_arg(&call("States.Format('{}{} and {')").args[0]).clone();
    assert_eq!(
        t.template(),
        vec![
            TemplatePiece::Placeholder,
            TemplatePiece::Placeholder,
            TemplatePiece::Text(" and {".into())
        ]
    );
    assert_eq!(
        string_arg(&call("States.Format('')").args[0]).template(),
        vec![]
    );
    // Non-ASCII and double quotes need no escaping.
    assert_eq!(
        string_arg(&call("States.Format('é \"q\"')").args[0]).value,
        "é \"q\""
    );
}

#[test]
fn the_aws_nine_call_example() {
    // Verbatim from the AWS guide, where it is called "nine nested intrinsic functions".
    let text = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    let c = call(text);
    assert_eq!(count_calls(&c), 9);
    assert!(count_calls(&c) <= MAX_CALLS_PER_FIELD);
    // The guide's example has three placeholders but only two values; the same guide says
    // there must be one argument per `{}`.
    assert_eq!(
        problems(text),
        vec![(
            CallProblemKind::Arity,
            0,
            "States.Format template has 3 {} placeholders, so it takes 4 arguments, got 3"
                .to_string()
        )]
    );
    assert_eq!(c.paths().len(), 2);
    assert_eq!(c.to_string(), text);
}

// --- parse errors -------------------------------------------------------------------------

#[test]
fn rejects_bad_calls() {
    assert_error("", 0, "empty");
    assert_error("Foo(1)", 0, "starts with 'States.'");
    assert_error(" States.UUID()", 0, "starts with 'States.'");
    assert_error("states.UUID()", 0, "starts with 'States.'");
    assert_error("States.(1)", 7, "expected a function name");
    assert_error("States.Format", 13, "expected '('");
    assert_error("States.Format.X(1)", 13, "expected '('");
    assert_error("States.Format (1)", 13, "no space");
    assert_error("States.Format(1", 13, "never closed");
    assert_error("States.Format('a', ", 13, "never closed");
    assert_error("States.Format(1,)", 16, "expected an argument");
    assert_error("States.Format(,1)", 14, "expected an argument");
    assert_error("States.Format(1 2)", 16, "expected ',' or ')'");
    assert_error("States.Format(1) ", 16, "whitespace after");
    assert_error("States.Format(1)x", 16, "after the closing ')'");
    assert_error("States.Format(1))", 16, "after the closing ')'");
}

#[test]
fn rejects_bad_arguments() {
    assert_error("States.Format(\"x\")", 14, "single-quoted");
    assert_error("States.Format(abc)", 14, "strings are single-quoted: 'abc'");
    assert_error("States.Format(True)", 14, "strings are single-quoted");
    assert_error("States.Array(Foo.Bar(1))", 13, "start with 'States.'");
    assert_error("States.Array(#)", 13, "unexpected '#'");
    assert_error("States.Format('abc", 14, "unterminated string");
    assert_error(r"States.Format('a\nb')", 16, "invalid escape '\\n'");
    assert_error(r"States.Format('a\", 14, "unterminated string");
    assert_error("States.MathAdd(01, 1)", 15, "leading zeros");
    assert_error("States.MathAdd(1., 1)", 17, "after '.'");
    assert_error("States.MathAdd(.5, 1)", 15, "unexpected '.'");
    assert_error("States.MathAdd(1e3, 1)", 16, "in a number");
    assert_error("States.MathAdd(--1, 1)", 16, "expected a digit");
    assert_error("States.MathAdd(-, 1)", 16, "expected a digit");
    assert_error("States.MathAdd(1.2.3, 1)", 18, "in a number");
}

#[test]
fn path_errors_keep_their_offsets() {
    assert_error("States.Format($.a.)", 17, "ends with '.'");
    assert_error("States.Format($.a b)", 18, "expected ',' or ')'");
    assert_error("States.Format($['a)", 16, "unterminated string");
    assert_error("States.Format($$x)", 16, "after '$$'");
    assert_error("States.Array($.日本.)", 17, "ends with '.'");
    assert_error(
        "States.Array($.a.length())",
        23,
        "functions such as length()",
    );
}

#[test]
fn nesting_is_capped() {
    let deep = format!("{}{}", "States.Array(".repeat(10_000), ")".repeat(10_000));
    match parse(&deep) {
        Ok(_) => panic!("should fail"),
        Err(e) => {
            assert!(e.message.contains("nested more than 64"), "{e}");
            assert_eq!(e.offset, "States.Array(".len() * MAX_NESTING);
        }
    }
    let ok = format!(
        "{}{}",
        "States.Array(".repeat(MAX_NESTING),
        ")".repeat(MAX_NESTING)
    );
    let c = call(&ok);
    assert_eq!(count_calls(&c), MAX_NESTING);
    // A deep filter inside a path argument is capped by the path parser.
    let filter = format!(
        "States.Array($[?({}@.a{})])",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert!(parse(&filter).is_err());
}

#[test]
fn never_panics_on_prefixes() {
    let text =
        r"States.Format('a\'{}\\', $.x[?(@.y == 'z')], States.MathRandom(-1, 2.5, $v), true, null)";
    let chars: Vec<char> = text.chars().collect();
    for end in 0..chars.len() {
        let prefix: String = chars[..end].iter().collect();
        assert!(parse(&prefix).is_err(), "{prefix:?}");
    }
    assert!(parse(text).is_ok());
}

// --- cheap detection ----------------------------------------------------------------------

#[test]
fn detects_calls_cheaply() {
    for yes in [
        "States.Format('x')",
        "States.UUID()",
        "States.Nope(",
        "States.Array_2(",
    ] {
        assert!(is_intrinsic_call(yes), "{yes}");
    }
    for no in [
        "States.(",
        "States.Format",
        "States.Format (1)",
        "$.a",
        " States.UUID()",
        "states.UUID()",
        "States",
        "",
    ] {
        assert!(!is_intrinsic_call(no), "{no}");
    }
}

// --- signatures and checks ----------------------------------------------------------------

#[test]
fn signatures_match_the_aws_guide() {
    assert_eq!(FUNCTIONS.len(), 18);
    let mut names: Vec<&str> = FUNCTIONS.iter().map(|s| s.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 18);
    let arity = |name: &str| signature(name).map(|s| (s.min_args, s.max_args));
    assert_eq!(arity("States.Format"), Some((1, None)));
    assert_eq!(arity("States.StringToJson"), Some((1, Some(1))));
    assert_eq!(arity("States.JsonToString"), Some((1, Some(1))));
    assert_eq!(arity("States.Array"), Some((0, None)));
    assert_eq!(arity("States.ArrayPartition"), Some((2, Some(2))));
    assert_eq!(arity("States.ArrayContains"), Some((2, Some(2))));
    assert_eq!(arity("States.ArrayRange"), Some((3, Some(3))));
    assert_eq!(arity("States.ArrayGetItem"), Some((2, Some(2))));
    assert_eq!(arity("States.ArrayLength"), Some((1, Some(1))));
    assert_eq!(arity("States.ArrayUnique"), Some((1, Some(1))));
    assert_eq!(arity("States.Base64Encode"), Some((1, Some(1))));
    assert_eq!(arity("States.Base64Decode"), Some((1, Some(1))));
    assert_eq!(arity("States.Hash"), Some((2, Some(2))));
    assert_eq!(arity("States.JsonMerge"), Some((3, Some(3))));
    assert_eq!(arity("States.MathRandom"), Some((2, Some(3))));
    assert_eq!(arity("States.MathAdd"), Some((2, Some(2))));
    assert_eq!(arity("States.StringSplit"), Some((2, Some(2))));
    assert_eq!(arity("States.UUID"), Some((0, Some(0))));
    assert_eq!(signature("States.format"), None);
    assert_eq!(signature("Format"), None);
}

fn problems(text: &str) -> Vec<(CallProblemKind, usize, String)> {
    check(&call(text))
        .into_iter()
        .map(|p| (p.kind, p.offset, p.message))
        .collect()
}

#[test]
fn check_reports_unknown_names() {
    assert_eq!(
        problems("States.Nope(1)"),
        vec![(
            CallProblemKind::Unknown,
            0,
            "unknown intrinsic function States.Nope".to_string()
        )]
    );
    assert_eq!(
        problems("States.format('x')"),
        vec![(
            CallProblemKind::Unknown,
            0,
            "unknown intrinsic function States.format; did you mean States.Format?".to_string()
        )]
    );
}

#[test]
fn check_reports_arity() {
    let arity = |text: &str| {
        let p = problems(text);
        assert_eq!(p.len(), 1, "{text}: {p:?}");
        assert_eq!(p[0].0, CallProblemKind::Arity);
        p[0].2.clone()
    };
    assert_eq!(
        arity("States.MathAdd(1, 2, 3)"),
        "States.MathAdd takes 2 arguments, got 3"
    );
    assert_eq!(
        arity("States.MathAdd(1)"),
        "States.MathAdd takes 2 arguments, got 1"
    );
    assert_eq!(
        arity("States.ArrayLength()"),
        "States.ArrayLength takes 1 argument, got 0"
    );
    assert_eq!(
        arity("States.UUID(1)"),
        "States.UUID takes no arguments, got 1"
    );
    assert_eq!(
        arity("States.MathRandom(1)"),
        "States.MathRandom takes 2 or 3 arguments, got 1"
    );
    assert_eq!(
        arity("States.MathRandom(1, 2, 3, 4)"),
        "States.MathRandom takes 2 or 3 arguments, got 4"
    );
    assert_eq!(
        arity("States.Format()"),
        "States.Format takes at least 1 argument, got 0"
    );
    assert_eq!(
        arity("States.JsonMerge($.a, $.b)"),
        "States.JsonMerge takes 3 arguments, got 2"
    );
    for fine in [
        "States.MathRandom(1, 10)",
        "States.MathRandom(1, 10, 42)",
        "States.Array()",
        "States.Array(1, 2, 3, 4, 5)",
        "States.UUID()",
        "States.JsonMerge($.a, $.b, false)",
        "States.Hash($.data, 'SHA-256')",
        "States.ArrayRange(1, 9, 2)",
    ] {
        assert!(problems(fine).is_empty(), "{fine}");
    }
}

#[test]
fn check_counts_format_placeholders() {
    assert_eq!(
        problems("States.Format('{} and {}', $.a)"),
        vec![(
            CallProblemKind::Arity,
            0,
            "States.Format template has 2 {} placeholders, so it takes 3 arguments, got 2"
                .to_string()
        )]
    );
    assert_eq!(
        problems("States.Format('plain', $.a)")[0].2,
        "States.Format template has 0 {} placeholders, so it takes 1 argument, got 2"
    );
    assert_eq!(
        problems("States.Format('{}')")[0].2,
        "States.Format template has 1 {} placeholder, so it takes 2 arguments, got 1"
    );
    // Escaped braces are not placeholders; a template from a path cannot be checked.
    assert!(problems(r"States.Format('\{\} {}', $.a)").is_empty());
    assert!(problems("States.Format($.template, $.a, $.b)").is_empty());
    assert!(problems("States.Format('x')").is_empty());
}

#[test]
fn check_recurses_in_text_order() {
    let text = "States.Array(States.Nope(), States.MathAdd(1), States.Array(States.UUID(2)))";
    let found = problems(text);
    let kinds: Vec<_> = found.iter().map(|(k, o, _)| (*k, *o)).collect();
    assert_eq!(
        kinds,
        vec![
            (CallProblemKind::Unknown, 13),
            (CallProblemKind::Arity, 28),
            (CallProblemKind::Arity, 60),
        ]
    );
    assert_eq!(text.chars().nth(60), Some('S'));
    assert_eq!(count_calls(&call(text)), 5);
}

// --- canonical text -----------------------------------------------------------------------

#[test]
fn display_is_canonical_and_stable() {
    let cases = [
        ("States.UUID()", "States.UUID()"),
        (
            "States.Array( 1 ,'a',true , null,-2.50 )",
            "States.Array(1, 'a', true, null, -2.5)",
        ),
        (
            r"States.Format('it\'s \{\}', $['a b'])",
            r"States.Format('it\'s \{\}', $['a b'])",
        ),
        (
            "States.MathAdd(States.ArrayLength($.x),-1)",
            "States.MathAdd(States.ArrayLength($.x), -1)",
        ),
        (
            "States.Array($$.Map.Item.Value,$v[0])",
            "States.Array($$.Map.Item.Value, $v[0])",
        ),
    ];
    for (input, canonical) in cases {
        let c = call(input);
        assert_eq!(c.to_string(), canonical, "{input}");
        let again = call(canonical);
        assert_eq!(again.to_string(), canonical);
        assert_eq!(again.args.len(), c.args.len());
    }
    let parsed: Call = "States.UUID()".parse().unwrap();
    assert_eq!(parsed.name, "States.UUID");
    assert_eq!(
        "States.UUID(".parse::<Call>().unwrap_err().to_string(),
        "at character 11: the '(' of States.UUID is never closed; expected ')'"
    );
}

#[test]
fn numbers_too_large_for_an_integer_print_without_an_exponent_and_parse_back() {
    // Found by fuzzing: these printed as `9.223372036854776e19`, which the grammar rejects.
    let cases = [
        (
            "States.MathAdd($.a, 92233720368547755807)",
            "States.MathAdd($.a, 92233720368547760000)",
        ),
        (
            "States.ArrayRange(1111111111111112111111,5,1)",
            "States.ArrayRange(1111111111111112100000, 5, 1)",
        ),
        (
            "States.MathAdd(383525716666666666666666666666666666, 1)",
            "States.MathAdd(383525716666666600000000000000000000, 1)",
        ),
        (
            "States.MathAdd(0.0000001, -0.5)",
            "States.MathAdd(0.0000001, -0.5)",
        ),
        (
            "States.MathAdd(-123456789012345678901234.5, 0.000000000000000000012)",
            "States.MathAdd(-123456789012345690000000, 0.000000000000000000012)",
        ),
    ];
    for (input, canonical) in cases {
        let first = call(input);
        assert_eq!(first.to_string(), canonical, "{input}");
        let again = call(canonical);
        assert_eq!(again.to_string(), canonical);
        assert_eq!(again.args, first.args, "{input}");
    }
}
