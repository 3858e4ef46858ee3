use super::math::JavaRandom;
use super::*;
use serde_json::json;

fn run_with(text: &str, input: Value) -> Result<Value, StatesError> {
    let context = json!({"StateMachine": {"Name": "My-Machine-Name"}});
    let env = PathEnv::new(&input, &context, &super::super::no_variables);
    evaluate_text(text, &env, &mut Random::seeded(1))
}

fn run(text: &str) -> Result<Value, StatesError> {
    run_with(text, json!({}))
}

fn ok(text: &str) -> Value {
    match run(text) {
        Ok(v) => v,
        Err(e) => panic!("{text}: {e}"),
    }
}

fn invalid(text: &str, name: &str) {
    let err = run(text).expect_err(text);
    assert_eq!(err.error, "States.Runtime", "{text}");
    assert_eq!(
        err.cause.as_deref(),
        Some(
            format!("The function '{text}' had the following error: Invalid arguments in {name}")
                .as_str()
        ),
        "{text}"
    );
}

#[test]
fn format_renders_values_as_java_does() {
    assert_eq!(ok("States.Format('a {} b {}', 1, 'x')"), json!("a 1 b x"));
    assert_eq!(ok("States.Format('{}', 1.5)"), json!("1.5"));
    assert_eq!(ok("States.Format('{}', null)"), json!("null"));
    assert_eq!(ok("States.Format('{}', true)"), json!("true"));
    assert_eq!(
        ok("States.Format('\\{\\} {} \\\\', 'v')"),
        json!("{} v \\"),
        "escaped braces and backslash are literal"
    );
    assert_eq!(
        run_with(
            "States.Format('x={}', $.o)",
            json!({"o": {"Arg1": 1, "Arg2": [1, "s"]}})
        )
        .ok(),
        Some(json!("x={Arg1=1, Arg2=[1, s]}"))
    );
}

#[test]
fn format_template_from_a_path() {
    let input = json!({"t": "Hello, my name is {}.", "name": "Arnav"});
    assert_eq!(
        run_with("States.Format($.t, $.name)", input).ok(),
        Some(json!("Hello, my name is Arnav."))
    );
    invalid("States.Format(1, 2)", "States.Format");
    let err = run_with("States.Format($.t, 1, 2)", json!({"t": "{}"})).expect_err("count");
    assert!(err
        .cause
        .as_deref()
        .is_some_and(|c| c.ends_with("Invalid arguments in States.Format")));
}

#[test]
fn literal_template_arity_is_checked() {
    let err = run("States.Format('{} {}', 1)").expect_err("arity");
    assert_eq!(err.error, "States.Runtime");
    assert!(err
        .cause
        .as_deref()
        .is_some_and(|c| c.starts_with("The function 'States.Format('{} {}', 1)' had the following error: States.Format template has 2")));
}

#[test]
fn string_to_json_and_back() {
    assert_eq!(
        ok("States.StringToJson('{\"a\": [1, 2]}')"),
        json!({"a": [1, 2]})
    );
    assert_eq!(ok("States.StringToJson('')"), Value::Null);
    assert_eq!(ok("States.StringToJson(' ')"), Value::Null);
    assert_eq!(ok("States.StringToJson('-0')"), json!(0));
    assert_eq!(ok("States.StringToJson('1.1')"), json!(1.1));
    invalid("States.StringToJson('{nope')", "States.StringToJson");
    invalid("States.StringToJson(1)", "States.StringToJson");
    assert_eq!(
        run_with(
            "States.JsonToString($.v)",
            json!({"v": {"Arg1": 1, "Arg2": []}})
        )
        .ok(),
        Some(json!("{\"Arg1\":1,\"Arg2\":[]}"))
    );
    assert_eq!(
        ok("States.JsonToString('HelloWorld')"),
        json!("\"HelloWorld\"")
    );
}

#[test]
fn arrays() {
    assert_eq!(ok("States.Array()"), json!([]));
    assert_eq!(
        ok("States.Array(1, 'a', null, true)"),
        json!([1, "a", null, true])
    );
    assert_eq!(
        run_with(
            "States.ArrayPartition($.a, 2)",
            json!({"a": [1, 2, 3, 4, 5]})
        )
        .ok(),
        Some(json!([[1, 2], [3, 4], [5]]))
    );
    assert_eq!(
        run_with("States.ArrayPartition($.a, 2.9)", json!({"a": [1, 2, 3]})).ok(),
        Some(json!([[1, 2], [3]]))
    );
    assert_eq!(
        run_with("States.ArrayPartition($.a, 3)", json!({"a": []})).ok(),
        Some(json!([]))
    );
    invalid(
        "States.ArrayPartition(States.Array(1), 0)",
        "States.ArrayPartition",
    );
    invalid(
        "States.ArrayPartition(States.Array(1), 0.49)",
        "States.ArrayPartition",
    );
    invalid("States.ArrayPartition('x', 1)", "States.ArrayPartition");
    invalid(
        "States.ArrayPartition(States.Array(1), 'x')",
        "States.ArrayPartition",
    );

    assert_eq!(
        ok("States.ArrayContains(States.Array(1, 2, 3), 2)"),
        json!(true)
    );
    assert_eq!(
        ok("States.ArrayContains(States.Array(1, 2, 3), 4)"),
        json!(false)
    );
    assert_eq!(
        run_with(
            "States.ArrayContains($.a, $.v)",
            json!({"a": [{"x": 1, "y": [2]}], "v": {"y": [2], "x": 1}})
        )
        .ok(),
        Some(json!(true)),
        "objects compare as maps"
    );
    invalid("States.ArrayContains('abc', 'a')", "States.ArrayContains");

    assert_eq!(ok("States.ArrayLength(States.Array(1, 2))"), json!(2));
    invalid("States.ArrayLength('ab')", "States.ArrayLength");

    assert_eq!(
        run_with(
            "States.ArrayUnique($.a)",
            json!({"a": [1, 1, "a", null, null, {"b": 1}, {"b": 1}, [1], 2]})
        )
        .ok(),
        Some(json!([1, "a", null, {"b": 1}, [1], 2]))
    );
    invalid("States.ArrayUnique(1)", "States.ArrayUnique");
}

#[test]
fn array_range() {
    assert_eq!(ok("States.ArrayRange(1, 9, 2)"), json!([1, 3, 5, 7, 9]));
    assert_eq!(ok("States.ArrayRange(0, 10, 3)"), json!([0, 3, 6, 9]));
    assert_eq!(ok("States.ArrayRange(5, 1, -2)"), json!([5, 3, 1]));
    assert_eq!(ok("States.ArrayRange(3, 3, -1)"), json!([3]));
    assert_eq!(ok("States.ArrayRange(5, 1, 1)"), json!([]));
    assert_eq!(ok("States.ArrayRange(1.6, 1.4, 1)"), json!([1]));
    assert_eq!(ok("States.ArrayRange(5.4, -0.6, -2.4)"), json!([5, 3, 1]));
    let thousand = ok("States.ArrayRange(1, 1000, 1)");
    assert_eq!(thousand.as_array().map(Vec::len), Some(1000));
    invalid("States.ArrayRange(1, 1001, 1)", "States.ArrayRange");
    invalid("States.ArrayRange(1001, 1, -1)", "States.ArrayRange");
    invalid("States.ArrayRange(1, 10, 0)", "States.ArrayRange");
    invalid("States.ArrayRange(1, 10, 0.49)", "States.ArrayRange");
    invalid("States.ArrayRange('a', 5, 1)", "States.ArrayRange");
}

#[test]
fn array_get_item() {
    assert_eq!(
        run_with(
            "States.ArrayGetItem($.inputArray, $.index)",
            json!({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5})
        )
        .ok(),
        Some(json!(6))
    );
    invalid(
        "States.ArrayGetItem(States.Array(1, 2), 2)",
        "States.ArrayGetItem",
    );
    invalid(
        "States.ArrayGetItem(States.Array(1, 2), -1)",
        "States.ArrayGetItem",
    );
    invalid(
        "States.ArrayGetItem(States.Array(1, 2), 'a')",
        "States.ArrayGetItem",
    );
    invalid("States.ArrayGetItem('ab', 0)", "States.ArrayGetItem");
}

#[test]
fn base64() {
    assert_eq!(
        ok("States.Base64Encode('Data to encode')"),
        json!("RGF0YSB0byBlbmNvZGU=")
    );
    assert_eq!(ok("States.Base64Encode('')"), json!(""));
    assert_eq!(
        ok("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"),
        json!("Data to encode")
    );
    assert_eq!(
        ok("States.Base64Decode('RGF0YSB0byBlbmNvZGU')"),
        json!("Data to encode")
    );
    assert_eq!(ok("States.Base64Decode('')"), json!(""));
    invalid("States.Base64Decode('!!!')", "States.Base64Decode");
    invalid("States.Base64Encode(1)", "States.Base64Encode");
    let long = json!({"s": "a".repeat(10_001)});
    let err = run_with("States.Base64Encode($.s)", long).expect_err("too long");
    assert!(err
        .cause
        .as_deref()
        .is_some_and(|c| c.ends_with("Invalid arguments in States.Base64Encode")));
    let limit = json!({"s": "a".repeat(10_000)});
    assert!(run_with("States.Base64Encode($.s)", limit).is_ok());
}

#[test]
fn hashes() {
    assert_eq!(
        ok("States.Hash('input data', 'MD5')"),
        json!("812f45842bc6d66ee14572ce20db8e86")
    );
    assert_eq!(
        ok("States.Hash('input data', 'SHA-1')"),
        json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
    );
    assert_eq!(
        ok("States.Hash('abc', 'SHA-256')"),
        json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert_eq!(
        ok("States.Hash('abc', 'SHA-384')"),
        json!("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    );
    assert_eq!(
        ok("States.Hash('abc', 'SHA-512')"),
        json!("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    );
    invalid("States.Hash('abc', 'sha-256')", "States.Hash");
    invalid("States.Hash(1, 'MD5')", "States.Hash");
}

#[test]
fn json_merge_is_shallow() {
    let input = json!({
        "a": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
        "b": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}
    });
    assert_eq!(
        run_with("States.JsonMerge($.a, $.b, false)", input.clone()).ok(),
        Some(json!({"a": {"a3": 1, "a4": 2}, "b": 2, "d": 4, "c": 3}))
    );
    let err = run_with("States.JsonMerge($.a, $.b, true)", input.clone()).expect_err("deep");
    assert!(err
        .cause
        .as_deref()
        .is_some_and(|c| c.ends_with("Invalid arguments in States.JsonMerge")));
    invalid("States.JsonMerge(1, 2, false)", "States.JsonMerge");
}

#[test]
fn math_add_rounds_as_recorded_on_aws() {
    let cases = [
        (json!(-9), json!(3), -6),
        (json!(1.49), json!(1.5), 3),
        (json!(1.5), json!(1.51), 4),
        (json!(-1.49), json!(-1.5), -2),
        (json!(-1.5), json!(-1.51), -3),
        (json!(1.49), json!(-1.49), 0),
        (json!(0.5), json!(0), 1),
        (json!(2.5), json!(0), 3),
        (json!(-0.5), json!(0.5), 1),
        (json!(-0.5), json!(0), 0),
        (json!(-1.5), json!(0), -1),
        (json!(-2.5), json!(0), -2),
        (json!(-3.5), json!(0), -3),
        (json!(0.49999999999999994), json!(0), 0),
    ];
    for (a, b, sum) in cases {
        let got = run_with("States.MathAdd($.a, $.b)", json!({"a": a, "b": b})).ok();
        assert_eq!(got, Some(json!(sum)), "{a} + {b}");
    }
    invalid("States.MathAdd('1', 2)", "States.MathAdd");
    invalid("States.MathAdd(9223372036854775807, 1)", "States.MathAdd");
}

#[test]
fn math_random_ranges_and_seeds() {
    for _ in 0..50 {
        let v = run_with(
            "States.MathRandom($.s, $.e)",
            json!({"s": 12.5, "e": 44.51}),
        )
        .ok()
        .and_then(|v| v.as_i64());
        assert!(v.is_some_and(|v| (12..44).contains(&v)), "{v:?}");
    }
    let seeded = ok("States.MathRandom(0, 999, 3)");
    assert_eq!(seeded, ok("States.MathRandom(0, 999, 3)"));
    // `new java.util.Random(3).nextInt(999)`, by the JDK's documented algorithm.
    assert_eq!(seeded, json!(239));
    assert_eq!(ok("States.MathRandom(5, 6)"), json!(5));
    invalid("States.MathRandom(1.4, 1.6)", "States.MathRandom");
    invalid("States.MathRandom(5, 5)", "States.MathRandom");
    invalid("States.MathRandom('a', 5)", "States.MathRandom");
}

#[test]
fn java_random_matches_the_jdk() {
    // `new Random(42).nextInt()` is the well-known -1170105035.
    assert_eq!(JavaRandom::new(42).next(32), -1_170_105_035);
    let mut r = JavaRandom::new(42);
    assert_eq!(r.next_int(10), 0);
    assert_eq!(r.next_int(100), 63);
    let mut r = JavaRandom::new(0);
    assert_eq!(r.next_int(16), 11, "power-of-two bound");
}

#[test]
fn string_split_uses_each_delimiter_character() {
    assert_eq!(
        ok("States.StringSplit('1,2,3,4,5', ',')"),
        json!(["1", "2", "3", "4", "5"])
    );
    assert_eq!(
        ok("States.StringSplit('This.is+a,test=string', '.+,=')"),
        json!(["This", "is", "a", "test", "string"])
    );
    assert_eq!(ok("States.StringSplit(',,,,', ',')"), json!([]));
    assert_eq!(ok("States.StringSplit(', , ,', ',')"), json!([" ", " "]));
    assert_eq!(ok("States.StringSplit('abc', '')"), json!(["abc"]));
    assert_eq!(ok("States.StringSplit('', ',')"), json!([]));
    invalid("States.StringSplit(1, ',')", "States.StringSplit");
}

#[test]
fn uuid_comes_from_the_rng() {
    let a = ok("States.UUID()");
    let b = ok("States.UUID()");
    assert_eq!(a, b, "same seed, same UUID");
    assert!(a.as_str().is_some_and(|s| s.len() == 36));
}

#[test]
fn nested_calls() {
    assert_eq!(
        ok("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))"),
        json!("Name")
    );
}

#[test]
fn missing_path_argument_names_the_whole_expression() {
    let err = run_with("States.Format('{}', $.nope)", json!({"other": 1})).expect_err("miss");
    assert_eq!(err.error, "States.Runtime");
    assert_eq!(
        err.cause.as_deref(),
        Some("The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'")
    );
    let err = run_with(
        "States.Format('{}', States.Format('{}', $$.Nope.Deep))",
        json!({"other": 1}),
    )
    .expect_err("context miss");
    assert_eq!(
        err.cause.as_deref(),
        Some("The function 'States.Format('{}', States.Format('{}', $$.Nope.Deep))' had the following error: The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'")
    );
    assert_eq!(
        run_with(
            "States.ArrayLength($.items[*].nope)",
            json!({"items": [1, 2]})
        )
        .ok(),
        Some(json!(0)),
        "an empty wildcard match is an empty array"
    );
    assert_eq!(
        run_with("States.Format('{}', $.n)", json!({"n": null})).ok(),
        Some(json!("null")),
        "a null argument is present"
    );
}

#[test]
fn canonical_text_when_only_the_call_is_given() {
    let call = syntax::parse("States.MathAdd($.a,1)").expect("parses");
    let input = json!({"a": "x"});
    let context = json!({});
    let env = PathEnv::new(&input, &context, &super::super::no_variables);
    let err = evaluate_intrinsic(&call, &env, &mut Random::seeded(0)).expect_err("bad");
    assert_eq!(
        err.cause.as_deref(),
        Some("The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in States.MathAdd")
    );
}

#[test]
fn unknown_function_fails_at_run_time() {
    let err = run("States.Nope(1)").expect_err("unknown");
    assert_eq!(err.error, "States.Runtime");
    assert!(err
        .cause
        .as_deref()
        .is_some_and(|c| c.contains("unknown intrinsic function States.Nope")));
}
