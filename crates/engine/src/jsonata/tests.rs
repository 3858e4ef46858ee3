use super::*;
use serde_json::json;

fn scope_with<'a>(input: &'a Value, variables: &'a Map<String, Value>) -> Scope<'a> {
    Scope {
        input,
        result: None,
        error_output: None,
        context: &Context::Ready(&Value::Null),
        variables,
        seed: &|| 1,
    }
}

#[test]
fn which_strings_are_expressions() {
    for (s, text) in [
        ("{% $x %}", Some("$x")),
        ("{%$x%}", Some("$x")),
        ("{%  1 + 2\n %}", Some("1 + 2")),
        ("{% %}", Some("")),
        (" {% $x %}", None),
        ("{% $x %} ", None),
        ("a {% $x %}", None),
        ("{%}", None),
        ("$.x", None),
    ] {
        assert_eq!(expression_text(s), text, "{s:?}");
    }
}

#[test]
fn field_names_as_aws_writes_them() {
    for (field, path, name) in [
        ("Output", vec![], "Output"),
        (
            "Output",
            vec![Segment::Key("a"), Segment::Key("b"), Segment::Index(0)],
            "Output/a/b[0]",
        ),
        ("Assign", vec![Segment::Key("x")], "Assign/x"),
        (
            "Choices[1]/Output",
            vec![Segment::Key("v")],
            "Choices[1]/Output/v",
        ),
        (
            "Items",
            vec![Segment::Index(2), Segment::Index(0)],
            "Items[2][0]",
        ),
    ] {
        assert_eq!(field_name(field, &path), name);
    }
}

#[test]
fn templates_evaluate_every_nested_expression_and_keep_the_rest() {
    let input = json!({"n": 2, "s": "x"});
    let mut vars = Map::new();
    vars.insert("v".into(), json!([1, 2]));
    let scope = scope_with(&input, &vars);
    for (template, want) in [
        (json!("{% $states.input.n %}"), json!(2)),
        (json!("literal"), json!("literal")),
        (json!(null), json!(null)),
        (
            json!({"a": {"b": ["{% $v %}", "{% $states.input.s %}", 3]}}),
            json!({"a": {"b": [[1, 2], "x", 3]}}),
        ),
        (
            json!({"keep": "$.n", "key.$": "$.n"}),
            json!({"keep": "$.n", "key.$": "$.n"}),
        ),
        (
            json!("{% $states.input.n > 1 ? 'big' : 'small' %}"),
            json!("big"),
        ),
        (json!("{% null %}"), json!(null)),
    ] {
        assert_eq!(
            evaluate_template(&template, "Output", &scope).ok(),
            Some(want),
            "{template}"
        );
    }
}

#[test]
fn assign_evaluates_against_the_variables_before_the_state() {
    let input = json!({});
    let mut vars = Map::new();
    vars.insert("a".into(), json!(1));
    vars.insert("b".into(), json!(2));
    let scope = scope_with(&input, &vars);
    let assigned = evaluate_assign(&json!({"a": "{% $b %}", "b": "{% $a %}"}), "Assign", &scope);
    assert_eq!(
        assigned.ok().map(Value::Object),
        Some(json!({"a": 2, "b": 1}))
    );
    let not_object = evaluate_assign(&json!([1]), "Assign", &scope);
    assert_eq!(
        not_object.err().map(|e| e.error),
        Some("States.Runtime".to_string())
    );
}

#[test]
fn typed_fields_check_the_jsonata_type() {
    let input = json!({"items": [1], "flag": true});
    let vars = Map::new();
    let scope = scope_with(&input, &vars);
    let cases = [
        (json!("{% $states.input.items %}"), "array", Ok(json!([1]))),
        (json!([1, "{% $states.input.flag %}"]), "array", Ok(json!([1, true]))),
        (
            json!("{% $states.input.flag %}"),
            "array",
            Err("The JSONata expression '$states.input.flag' specified for the field 'F' returned an unexpected result type. Expected 'array', but was 'boolean' for value: true"),
        ),
        (json!("{% $states.input.flag %}"), "boolean", Ok(json!(true))),
        (
            json!("{% $states.input.missing %}"),
            "boolean",
            Err("The JSONata expression '$states.input.missing' specified for the field 'F' returned nothing (undefined)."),
        ),
    ];
    for (value, expected, want) in cases {
        let got =
            evaluate_typed(&value, "F", expected, &scope).map_err(|e| e.cause.unwrap_or_default());
        assert_eq!(got, want.map_err(str::to_string), "{value}");
    }
}

#[test]
fn only_what_an_expression_reads_is_bound() {
    let compiled =
        Compiled::new("$states.input.a & $x & $states.context.State.Name & $hash('a', 'MD5')")
            .ok()
            .map(|c| {
                let m = c.states.flatten().unwrap_or_default();
                (
                    m.input,
                    m.result,
                    m.error_output,
                    m.context,
                    c.variables.clone(),
                )
            });
    assert_eq!(
        compiled,
        Some((
            true,
            false,
            false,
            true,
            vec!["x".to_string(), "hash".to_string()]
        ))
    );
    // `$states` read whole binds every member there is.
    let whole = Compiled::new("$keys($states)").ok().map(|c| c.states);
    assert!(matches!(whole, Some(Some(None))));
    let input = json!({"a": 1});
    let vars = Map::new();
    let scope = scope_with(&input, &vars);
    assert_eq!(
        evaluate("$keys($states)", &scope).ok().flatten(),
        Some(json!(["input", "context"]))
    );
}

#[test]
fn aws_functions() {
    let input = json!({});
    let vars = Map::new();
    let scope = scope_with(&input, &vars);
    let cases: Vec<(&str, Option<Value>)> = vec![
        ("$partition([1, 2, 3], 2)", Some(json!([[1, 2], [3]]))),
        ("$partition([1, 2, 3], 2.9)", Some(json!([[1, 2], [3]]))),
        ("$partition([1, 2, 3], 0)", None),
        ("$partition([], 2)", None),
        ("$range(0, 9, 3)", Some(json!([0, 3, 6, 9]))),
        ("$range(1, 9, 9)", Some(json!(1))),
        ("$range(9, 1, -4)", Some(json!([9, 5, 1]))),
        ("$range(-1.7, 2, 1)", Some(json!([-1, 0, 1, 2]))),
        ("$range(1, 9, -1)", None),
        ("$range(1, 9, 0)", None),
        ("$range(1, 9)", None),
        (
            "$hash('input data', 'MD5')",
            Some(json!("812f45842bc6d66ee14572ce20db8e86")),
        ),
        ("$hash('input data')", None),
        (
            "$parse('[1, {\"a\": null}]')",
            Some(json!([1, {"a": null}])),
        ),
        ("$parse('1.1')", Some(json!(1.1))),
        ("$random(7) = $random(7)", Some(json!(true))),
        ("$random() < 1", Some(json!(true))),
        ("$length($uuid())", Some(json!(36))),
    ];
    for (expr, want) in cases {
        assert_eq!(evaluate(expr, &scope), Ok(want), "{expr}");
    }
    for (expr, code) in [
        ("$hash('a', 'sha256')", "D3137"),
        ("$hash(1, 'MD5')", "T0410"),
        ("$parse('{')", "D3140"),
        ("$parse(1)", "T0410"),
        ("$range('0', 4, 1)", "T0410"),
        ("$range(0, 4, 1, 2)", "T0410"),
        ("$uuid(1)", "T0410"),
        ("$eval('1 + 1')", "T1006"),
    ] {
        assert_eq!(
            evaluate(expr, &scope).map_err(|e| e.code),
            Err(code.to_string()),
            "{expr}"
        );
    }
}

#[test]
fn the_2_1_operators_are_refused_as_aws_refuses_them() {
    let input = json!({});
    let vars = Map::new();
    let scope = scope_with(&input, &vars);
    for expr in ["$x ?? 1", "$x ?: 1"] {
        let e = evaluate_template(&json!(format!("{{% {expr} %}}")), "Output", &scope)
            .err()
            .and_then(|e| e.cause)
            .unwrap_or_default();
        assert!(
            e.starts_with(&format!(
                "The JSONata expression '{expr}' specified for the field 'Output' threw an error during evaluation. S0"
            )),
            "{e}"
        );
    }
}

/// The shortcut answers exactly what the evaluator answers, or steps aside.
#[test]
fn the_shortcut_agrees_with_the_evaluator() {
    let input = json!({"n": 3, "f": 2.0, "s": "ab", "t": true, "z": null, "o": {"a": {"b": 1.5}},
        "arr": [1, 2], "empty": [], "big": 9007199254740993u64, "u": "é"});
    let mut vars = Map::new();
    vars.insert("x".into(), json!(10));
    vars.insert("name".into(), json!("Ann"));
    vars.insert("obj".into(), json!({"k": [1, {"v": 2}]}));
    let scope = scope_with(&input, &vars);
    let inside = [
        "$states.input.n",
        "$states.input.f",
        "$states.input.o",
        "$states.input.o.a.b",
        "$states.input.missing",
        "$states.input.o.missing.deeper",
        "$states.input.z",
        "$states.input.arr",
        "$states.input.big",
        "$states.result",
        "$x",
        "$obj.k",
        "$states.input.n + 1",
        "$states.input.n % 2 = 0",
        "$states.input.n % 2 = 1 and $x > 5",
        "$states.input.n >= 3 or false",
        "-$states.input.n * 2",
        "(1 + 2) * 3 - 4 / 8",
        "$x - 3 - 2",
        "10 / 4",
        "$name & ' ' & $states.input.s",
        "$states.input.s < 'b'",
        "$states.input.t = true",
        "$states.input.z = null",
        "$states.input.n != 3",
        "'a' = 'a'",
        "1.5 + 1.5",
        "0.1 + 0.2",
        "7 % -3",
        "-7 % 3",
        // These step aside, and the evaluator answers.
        "$states.input.arr.x",
        "$states.input.s + 1",
        "$states.input.missing + 1",
        "$states.input.n = 'x'",
        "$states.input.u < 'z'",
        "$x / 0",
        "$states",
        "$nothing",
        "$states.input.n & 'x'",
        "$states.input.t and 1",
    ];
    for text in inside {
        let fast = fast::compile(text);
        assert!(fast.is_some(), "{text} is inside the shortcut's grammar");
        let slow = compile(text)
            .map(|c| c.expression.evaluate(None, &c.env(&scope)))
            .ok();
        let quick = fast
            .as_ref()
            .and_then(|f| fast::evaluate(f, &|n, fs| lookup(&scope, n, fs)).ok());
        if let Some(quick) = quick {
            assert_eq!(Some(Ok(quick)), slow, "{text}");
        }
    }
    for text in [
        "$states.input.arr[0]",
        "$sum($states.input.arr)",
        "$x ? 1 : 2",
        "$states.input.'n'",
        "`n`",
        "n",
        "$",
        "$$",
        "1..2",
        "/* c */ 1",
        "1e3",
        "01",
        "'a\\'b'",
        "$x.",
        "$x ~> $string()",
        "[1, 2]",
        "{'a': 1}",
        "$x in [1]",
        "$x := 1",
    ] {
        assert_eq!(fast::compile(text), None, "{text} is outside the grammar");
    }
}
