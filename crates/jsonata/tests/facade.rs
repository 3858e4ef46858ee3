//! The facade the rest of Stepwise uses: values in and out, bindings, host functions, and
//! what an expression calls and reads.

use std::sync::Arc;

use serde_json::{json, Value};
use stepwise_jsonata::{builtin_arity, Call, Env, Error, Expression, VariableRead};

fn eval(source: &str, input: Value) -> Option<Value> {
    Expression::parse(source)
        .and_then(|e| e.evaluate(Some(&input), &Env::new()))
        .unwrap_or_else(|e| panic!("{source}: {e}"))
}

#[test]
fn values_come_back_as_jsonata_js_prints_them() {
    let table = [
        ("6 / 3", json!(2)),
        ("1 / 4", json!(0.25)),
        ("[1, 2.5, -0]", json!([1, 2.5, 0])),
        ("9007199254740993", json!(9007199254740992_i64)),
        ("1e300 * 10", json!(1e301)),
        ("{'b': 1, 'a': 2}", json!({"b": 1, "a": 2})),
        // Functions: left out of objects, null in arrays, "" alone.
        ("{'f': $sum, 'x': 1}", json!({"x": 1})),
        ("[$sum, 1]", json!([null, 1])),
        ("$sum", json!("")),
        ("a.b", json!([1, 2])),
        // jsonata-core alone says false: it looks `$` up as a variable.
        ("$exists($)", json!(true)),
    ];
    for (source, want) in table {
        assert_eq!(
            eval(source, json!({"a": [{"b": 1}, {"b": 2}]})),
            Some(want),
            "{source}"
        );
    }
    let keys = eval("$keys($)", json!({"z": 1, "y": 2, "x": 3}));
    assert_eq!(
        keys,
        Some(json!(["z", "y", "x"])),
        "input key order is kept"
    );
}

#[test]
fn undefined_is_none_in_and_out() {
    let e = Expression::parse("$type($)").expect("parses");
    assert_eq!(e.evaluate(None, &Env::new()), Ok(None));
    assert_eq!(
        e.evaluate(Some(&Value::Null), &Env::new()),
        Ok(Some(json!("null")))
    );
    let e = Expression::parse("nothing").expect("parses");
    assert_eq!(e.evaluate(Some(&json!({})), &Env::new()), Ok(None));
}

#[test]
fn bindings_are_variables_and_rebinding_replaces() {
    let e = Expression::parse("$states.input.n + $x").expect("parses");
    let mut env = Env::new();
    env.bind("states", json!({"input": {"n": 1}}));
    env.bind("x", json!(10));
    assert_eq!(e.evaluate(None, &env), Ok(Some(json!(11))));
    // Evaluated again with the same env (converted values reused), then after a change.
    assert_eq!(e.evaluate(None, &env), Ok(Some(json!(11))));
    let before = env.clone();
    env.bind("x", json!(20));
    assert_eq!(e.evaluate(None, &env), Ok(Some(json!(21))));
    assert_eq!(
        e.evaluate(None, &before),
        Ok(Some(json!(11))),
        "a clone keeps its own values"
    );
}

#[test]
fn envs_and_expressions_are_shared_across_threads() {
    let e = Expression::parse("$n * 2").expect("parses");
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let e = e.clone();
            let mut env = Env::new();
            env.bind("n", json!(i));
            std::thread::spawn(move || {
                (0..100)
                    .map(|_| e.evaluate(None, &env))
                    .collect::<Vec<_>>()
                    .pop()
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        assert_eq!(h.join().expect("thread"), Some(Ok(Some(json!(i * 2)))));
    }
}

#[test]
fn host_functions_take_and_give_values_and_errors() {
    let mut env = Env::new();
    env.bind_function(
        "partition",
        Arc::new(|args: &[Option<Value>]| {
            let items = args.first().cloned().flatten().unwrap_or(Value::Null);
            let size = args
                .get(1)
                .cloned()
                .flatten()
                .and_then(|s| s.as_u64())
                .unwrap_or(1) as usize;
            let items = items.as_array().cloned().unwrap_or_default();
            Ok(Some(Value::Array(
                items
                    .chunks(size.max(1))
                    .map(|c| Value::Array(c.to_vec()))
                    .collect(),
            )))
        }),
    );
    env.bind_function("nothing", Arc::new(|_: &[Option<Value>]| Ok(None)));
    env.bind_function(
        "refuse",
        Arc::new(|_: &[Option<Value>]| Err(Error::new("States.QueryEvaluationError", "refused"))),
    );
    // A built-in replaced.
    env.bind_function(
        "random",
        Arc::new(|_: &[Option<Value>]| Ok(Some(json!(0.5)))),
    );
    let run = |source: &str| Expression::parse(source).and_then(|e| e.evaluate(None, &env));
    assert_eq!(
        run("$partition([1,2,3], 2)"),
        Ok(Some(json!([[1, 2], [3]])))
    );
    assert_eq!(run("$nothing()"), Ok(None));
    assert_eq!(run("$random()"), Ok(Some(json!(0.5))));
    let e = run("1 + $refuse()").expect_err("refused");
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("States.QueryEvaluationError", "refused")
    );
}

#[test]
fn calls_say_name_arguments_place_and_whether_bound_inside() {
    let e = Expression::parse("$count(items) + $f(1, 2) ~> $max() ; x ~> $string").err();
    assert!(e.is_some(), "a top-level ; is a syntax error");
    let e = Expression::parse(
        "($f := function($a){ $a }; $count(items) + $f(1) + ($x ~> $substring(1, 2)))",
    )
    .expect("parses");
    let call = |name: &str, args, position, local| Call {
        name: name.into(),
        args,
        position,
        local,
    };
    assert_eq!(
        e.calls(),
        vec![
            call("count", 1, 33, false),
            call("f", 1, 45, true),
            call("substring", 3, 68, false)
        ]
    );
    let e = Expression::parse("items ~> $count").expect("parses");
    assert_eq!(e.calls(), vec![call("count", 1, 15, false)]);
}

#[test]
fn free_variables_are_reads_of_what_the_expression_does_not_bind() {
    let read = |name: &str, path: &[&str], position| VariableRead {
        name: name.into(),
        path: path.iter().map(|p| p.to_string()).collect(),
        position,
    };
    let table: &[(&str, Vec<VariableRead>)] = &[
        (
            "$states.result.x",
            vec![read("states", &["result", "x"], 7)],
        ),
        (
            "$states.input.items[0].name",
            vec![read("states", &["input", "items"], 7)],
        ),
        (
            "$total + $x",
            vec![read("total", &[], 6), read("x", &[], 11)],
        ),
        // Bound by `:=`, parameters, `@`/`#`: not free; built-ins named as values neither.
        ("($x := 1; $x + $y)", vec![read("y", &[], 17)]),
        ("function($a){ $a + $b }", vec![read("b", &[], 21)]),
        ("items@$i#$n.[$i, $n, $m]", vec![read("m", &[], 23)]),
        ("$map(xs, $string)", vec![]),
        // Before its `:=` has run, `$x` is the outside one.
        ("($x := $x + 1; $x)", vec![read("x", &[], 9)]),
        // A function body runs later, when the block has bound everything.
        (
            "($f := function(){ $g() }; $g := function(){ 1 }; $f())",
            vec![],
        ),
        ("$ + $$.a", vec![]),
    ];
    for (source, want) in table {
        let e = Expression::parse(source).expect(source);
        assert_eq!(&e.free_variables(), want, "{source}");
    }
}

#[test]
fn builtin_arities_cover_jsonata_2_0_6() {
    for name in [
        "sum",
        "formatNumber",
        "fromMillis",
        "sift",
        "each",
        "eval",
        "now",
        "millis",
        "clone",
    ] {
        assert!(builtin_arity(name).is_some(), "{name}");
    }
    for name in ["partition", "hash", "uuid", "parse", "range"] {
        assert_eq!(builtin_arity(name), None, "{name} is AWS's, not JSONata's");
    }
}

#[test]
fn a_host_function_may_evaluate_an_expression_itself() {
    let inner = Expression::parse("$n * 10").expect("parses");
    let mut env = Env::new();
    env.bind("n", json!(4));
    let mut inner_env = Env::new();
    inner_env.bind("n", json!(2));
    env.bind_function(
        "inner",
        Arc::new(move |_: &[Option<Value>]| inner.evaluate(None, &inner_env)),
    );
    let outer = Expression::parse("$inner() + $n").expect("parses");
    assert_eq!(outer.evaluate(None, &env), Ok(Some(json!(24))));
    assert_eq!(outer.evaluate(None, &env), Ok(Some(json!(24))));
}

#[test]
fn an_evaluation_after_a_timeout_runs_normally() {
    let mut env = Env::new();
    env.set_limits(stepwise_jsonata::Limits {
        max_depth: None,
        timeout: Some(std::time::Duration::from_millis(50)),
    });
    let endless = Expression::parse("($f := function(){ $f() }; $f())").expect("parses");
    assert_eq!(
        endless.evaluate(None, &env).expect_err("times out").code,
        "U1001"
    );
    let quick = Expression::parse("1 + 1").expect("parses");
    assert_eq!(quick.evaluate(None, &env), Ok(Some(json!(2))));
}
