//! Parse + validate a generated 2,000-state machine (goal: under 5 ms).

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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
