//! Layout time on synthetic machines shaped like real ones (chains with Catch, Choice
//! fan-outs that rejoin, polling loops, Parallel and Map nested three deep).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use stepwise_asl::StateMachine;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for n in [20usize, 200, 2000] {
        let v = stepwise_layout::synth::machine(n);
        let m = StateMachine::from_value(&v).expect("synthetic machine builds");
        let states = m.walk().len();
        group.bench_with_input(BenchmarkId::new("states", states), &m, |b, m| {
            b.iter(|| stepwise_layout::layout(black_box(m)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
