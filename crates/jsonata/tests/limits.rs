//! No input hangs, crashes or overflows the stack: each of these gives a clear error (a
//! depth or time limit, as jsonata's own harness imposes them) or a fast answer.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use stepwise_jsonata::{Env, Expression, Limits, DEFAULT_TIMEOUT};

fn run(
    source: &str,
    input: Option<&Value>,
    env: &Env,
) -> Result<Option<Value>, stepwise_jsonata::Error> {
    Expression::parse(source)?.evaluate(input, env)
}

#[test]
fn parentheses_100000_deep_are_refused_while_parsing() {
    let source = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let e = Expression::parse(&source).expect_err("too deep");
    assert_eq!(e.code, "U1002", "{e}");
    let source = format!("{}1", "[".repeat(100_000));
    assert!(Expression::parse(&source).is_err());
}

#[test]
fn recursion_without_end_hits_the_depth_limit() {
    let started = Instant::now();
    let e = run(
        "($f := function($x){ $f($x) + 1 }; $f(1))",
        None,
        &Env::new(),
    )
    .expect_err("runaway");
    assert_eq!(e.code, "U1001", "{e}");
    assert!(e.message.starts_with("Stack overflow error"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_set_depth_is_the_limit() {
    let mut env = Env::new();
    env.set_limits(Limits {
        max_depth: Some(50),
        timeout: None,
    });
    let deep = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(200))";
    assert_eq!(
        run(deep, None, &env).expect_err("deeper than 50").code,
        "U1001"
    );
    assert_eq!(
        run(deep, None, &Env::new()).expect("within the default"),
        Some(json!(200))
    );
}

#[test]
fn a_tail_loop_without_end_hits_the_time_limit() {
    let mut env = Env::new();
    env.set_limits(Limits {
        max_depth: None,
        timeout: Some(Duration::from_millis(200)),
    });
    let started = Instant::now();
    let e = run("($f := function(){ $f() }; $f())", None, &env).expect_err("endless");
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "U1001",
            "Expression evaluation timeout: Check for infinite loop"
        )
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn without_limits_given_a_tail_loop_still_ends() {
    let started = Instant::now();
    let e = run("($f := function(){ $f() }; $f())", None, &Env::new()).expect_err("endless");
    assert_eq!(e.code, "U1001");
    assert!(started.elapsed() < DEFAULT_TIMEOUT + Duration::from_secs(3));
}

#[test]
fn a_regex_built_to_backtrack_answers_fast() {
    // Catastrophic for a backtracking engine; the regex crate matches in linear time.
    let input = json!(format!("{}!", "a".repeat(50_000)));
    let started = Instant::now();
    let got = run("$match($, /(a+)+$/)", Some(&input), &Env::new()).expect("matches or not");
    assert_eq!(got, None);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_50_mb_input_is_read_and_counted() {
    let item =
        json!({"id": "0123456789", "price": 12.5, "tags": ["a", "b", "c"], "note": "x".repeat(40)});
    let size = serde_json::to_string(&item).expect("json").len();
    let n = 50 * 1024 * 1024 / size;
    let input = json!({"items": vec![item; n]});
    let got = run("$count(items[price > 10])", Some(&input), &Env::new()).expect("counts");
    assert_eq!(got, Some(json!(n)));
    let got = run("items[0].tags[2]", Some(&input), &Env::new()).expect("reads");
    assert_eq!(got, Some(json!("c")));
}

#[test]
fn a_deeply_nested_value_goes_in_and_out() {
    let mut deep = json!(1);
    for _ in 0..2_000 {
        deep = Value::Array(vec![deep]);
    }
    let got = run("$", Some(&deep), &Env::new()).expect("returns it");
    let mut depth = 0;
    let mut v = got.as_ref().expect("defined");
    while let Value::Array(items) = v {
        depth += 1;
        v = &items[0];
    }
    assert_eq!(depth, 2_000);
}

#[test]
fn a_result_nested_too_deep_is_refused() {
    // Dropping a serde_json value this deep would overflow the caller's stack.
    let source = "$reduce([1..20000], function($acc, $x){ {'a': $acc} }, 1)";
    let e = run(source, None, &Env::new()).expect_err("too deep to hand over");
    assert_eq!(e.code, "U1001", "{e}");
    let source = "$reduce([1..1000], function($acc, $x){ {'a': $acc} }, 1)";
    let got = run(source, None, &Env::new())
        .expect("builds it")
        .expect("defined");
    let mut depth = 0;
    let mut v = &got;
    while let Some(inner) = v.get("a") {
        depth += 1;
        v = inner;
    }
    assert_eq!(depth, 1000);
}

#[test]
fn time_limits_hold_on_many_threads_at_once() {
    let endless = Expression::parse("($f := function(){ $f() }; $f())").expect("parses");
    let started = Instant::now();
    let handles: Vec<_> = [100u64, 200, 300, 400]
        .into_iter()
        .map(|ms| {
            let endless = endless.clone();
            std::thread::spawn(move || {
                let mut env = Env::new();
                env.set_limits(Limits {
                    max_depth: None,
                    timeout: Some(Duration::from_millis(ms)),
                });
                let t = Instant::now();
                let e = endless.evaluate(None, &env).expect_err("times out");
                (e.code, t.elapsed())
            })
        })
        .collect();
    for h in handles {
        let (code, took) = h.join().expect("thread");
        assert_eq!(code, "U1001");
        assert!(took < Duration::from_secs(3), "{took:?}");
    }
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn an_endless_evaluation_inside_a_host_function_is_stopped_too() {
    let endless = Expression::parse("($f := function(){ $f() }; $f())").expect("parses");
    let mut inner = Env::new();
    inner.set_limits(Limits {
        max_depth: None,
        timeout: Some(Duration::from_millis(100)),
    });
    let mut env = Env::new();
    env.bind_function(
        "spin",
        std::sync::Arc::new(move |_: &[Option<Value>]| endless.evaluate(None, &inner)),
    );
    let started = Instant::now();
    let e = run("1 + $spin()", None, &env).expect_err("the inner one times out");
    assert_eq!(e.code, "U1001");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(run("1 + 1", None, &env), Ok(Some(json!(2))));
}

#[test]
fn a_panic_inside_jsonata_core_is_an_error_not_a_crash() {
    // Found by fuzzing: each of these panics inside jsonata-core 2.2.13.
    let env = Env::new();
    for source in [
        "$fromMillis(1521801216617, '[D#1,2]/[M1,2]/[Y0001,212]')",
        "$fromMillis(152180101216617, '[D#1,2]/[,2]/[Y0001,2-2]')",
        "$parseInteger('１２３４弐', '###０')",
    ] {
        let e = run(source, None, &env).expect_err(source);
        assert_eq!(e.code, "D0000", "{source}: {e}");
        assert!(e.message.contains("internal error"), "{source}: {e}");
        // The thread and the Env still evaluate.
        assert_eq!(
            run("1 + 1", None, &env),
            Ok(Some(json!(2))),
            "after {source}"
        );
    }
}
