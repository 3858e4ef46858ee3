//! `stepwise test`'s engine room: 1,000 tests of the order-processing example (its tests
//! file, repeated), run in parallel on every core, as the figure asks.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use stepwise_testing::load::{load, Source, Suite};
use stepwise_testing::run::{run_all, Options, Verdict};

fn thousand() -> Suite {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/order-processing.tests.json");
    let mut suite = load(&Source::TestsFile(path)).expect("the example's tests load");
    let one = suite.file.tests.clone();
    suite.file.tests = (0..1000)
        .map(|i| {
            let mut t = one[i % one.len()].clone();
            t.name = format!("{} #{i}", t.name);
            t
        })
        .collect();
    suite
}

fn bench(c: &mut Criterion) {
    let suites = [thousand()];
    let options = Options::default();
    let runs = run_all(&suites, &options);
    assert!(runs.iter().all(|r| r.result.verdict == Verdict::Passed));
    let mut g = c.benchmark_group("stepwise_test");
    g.sample_size(10);
    g.bench_function("order_processing_1000_tests", |b| {
        b.iter(|| run_all(&suites, &options))
    });
    let keep = Options {
        keep_history: true,
        ..Options::default()
    };
    g.bench_function("order_processing_1000_tests_with_history", |b| {
        b.iter(|| run_all(&suites, &keep))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
