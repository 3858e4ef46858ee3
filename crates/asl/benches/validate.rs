//! Parse + validate a generated 2,000-state machine (goal: under 5 ms), and a 2,000-state JSONata
//! machine whose every state has expressions to parse and check.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use stepwise_asl::Document;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_validate");
    for n in [200usize, 2000] {
        let text = stepwise_asl::synth::machine(n).to_string();
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{n}_states"), |b| {
            b.iter(|| {
                Document::parse(black_box(text.as_bytes()), None).map(|d| d.diagnostics.len())
            })
        });
    }
    // Every state's expressions differ, as in a real machine. From cold, each is parsed; warm
    // is the app's case: the document validated again after an edit, expressions unchanged.
    let text = jsonata_machine(2000).to_string();
    group.throughput(criterion::Throughput::Bytes(text.len() as u64));
    group.bench_function("2000_jsonata_states_cold", |b| {
        b.iter_batched(
            stepwise_asl::validate::forget_expressions,
            |()| Document::parse(black_box(text.as_bytes()), None).map(|d| d.diagnostics.len()),
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("2000_jsonata_states_warm", |b| {
        b.iter(|| Document::parse(black_box(text.as_bytes()), None).map(|d| d.diagnostics.len()))
    });
    group.finish();
}

/// A chain of `n` JSONata Pass states, each with Output and Assign expressions reading
/// `$states.input`, a workflow variable and built-in functions, all unique.
fn jsonata_machine(n: usize) -> serde_json::Value {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let mut state = serde_json::json!({
            "Type": "Pass",
            "Output": {"total": format!("{{% $sum($states.input.items.(price * quantity)) + $count * {i} %}}"),
                       "name": format!("{{% $uppercase($states.input.customer.name) & ' #{i}' & $string($count) %}}")},
            "Assign": {"count": format!("{{% $count + {i} %}}")},
        });
        if i + 1 < n {
            state["Next"] = format!("S{}", i + 1).into();
        } else {
            state["End"] = true.into();
        }
        states.insert(format!("S{i}"), state);
    }
    serde_json::json!({"QueryLanguage": "JSONata", "StartAt": "S0", "States": states})
}

criterion_group!(benches, bench);
criterion_main!(benches);
