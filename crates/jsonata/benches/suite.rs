//! JSONata's own suite as a benchmark, against jsonata-js 2.0.6 in node (`bench/jsonata/`):
//! every case's expression parsed once and evaluated (`evaluate/suite`), and parsed
//! (`parse/suite`). One iteration runs every case once; ns per case is the time divided by
//! the number of cases (printed first). `bench/jsonata/compare.sh` runs both sides.
//!
//! The cases are those jsonata-js evaluates without error (its bench writes their ids to
//! `bench/jsonata/cases.json`); without that file, those this crate evaluates without error.
//! Either way the suite's stress cases (run under a time or depth limit) are left out.

#[path = "../tests/common/cases.rs"]
mod cases;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use stepwise_jsonata::{Env, Expression, Value};

struct Prepared {
    source: String,
    expression: Expression,
    input: Option<Value>,
    env: Env,
}

fn prepare() -> Vec<Prepared> {
    let listed: Option<Vec<String>> = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/jsonata/cases.json"),
    )
    .ok()
    .and_then(|text| serde_json::from_str(&text).ok());
    let mut out = Vec::new();
    for case in cases::load() {
        if case.limits.max_depth.is_some() || case.limits.timeout.is_some() {
            continue;
        }
        if listed.as_ref().is_some_and(|ids| !ids.contains(&case.id)) {
            continue;
        }
        let Ok(expression) = Expression::parse(&case.expr) else {
            continue;
        };
        let env = case.env();
        if expression.evaluate(case.input.as_ref(), &env).is_err() {
            continue;
        }
        out.push(Prepared {
            source: case.expr.clone(),
            expression,
            input: case.input.clone(),
            env,
        });
    }
    out
}

fn suite(c: &mut Criterion) {
    let cases = prepare();
    println!("suite cases: {}", cases.len());
    c.bench_function("evaluate/suite", |b| {
        b.iter(|| {
            for case in &cases {
                let _ =
                    std::hint::black_box(case.expression.evaluate(case.input.as_ref(), &case.env));
            }
        })
    });
    c.bench_function("parse/suite", |b| {
        b.iter(|| {
            for case in &cases {
                let _ = std::hint::black_box(Expression::parse(&case.source));
            }
        })
    });
}

/// What a Step Functions state costs: a small expression over `$states`, evaluated with an
/// `Env` bound once (the engine binds per state and evaluates a few expressions).
fn state_sized(c: &mut Criterion) {
    let mut env = Env::new();
    env.bind(
        "states",
        serde_json::json!({"input": {"order": {"id": "o-1", "items": [{"price": 10, "qty": 2}, {"price": 5, "qty": 1}]}},
                           "context": {"Execution": {"Id": "x"}}}),
    );
    let output = Expression::parse(
        "{'id': $states.input.order.id, 'total': $sum($states.input.order.items.(price * qty))}",
    )
    .expect("parses");
    let condition = Expression::parse("$states.input.order.id = 'o-1'").expect("parses");
    c.bench_function("evaluate/state_output", |b| {
        b.iter(|| std::hint::black_box(output.evaluate(None, &env)))
    });
    c.bench_function("evaluate/state_condition", |b| {
        b.iter(|| std::hint::black_box(condition.evaluate(None, &env)))
    });
    c.bench_function("parse/state_output", |b| {
        b.iter(|| std::hint::black_box(Expression::parse(output.source())))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = suite, state_sized
}
criterion_main!(benches);
