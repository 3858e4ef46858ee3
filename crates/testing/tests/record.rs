//! "Save as test" on real runs: every test of every example, run with its history kept,
//! turned back into a test from its history and the answers its Tasks got, must pass — the
//! recorded answers reproduce the run: Map iterations, Parallel branches, a Distributed
//! Map's ItemReader and child executions included.

use std::path::Path;
use stepwise_testing::load::{discover, load};
use stepwise_testing::record::test_from_recording;
use stepwise_testing::run::{run_all, run_test, Options, Verdict};

#[test]
fn every_example_run_replays_as_a_saved_test() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let sources = discover(&[examples]).expect("examples");
    let mut replayed = 0;
    for source in &sources {
        let suite = load(source).expect("suite");
        let keep = Options {
            keep_history: true,
            ..Options::default()
        };
        for run in run_all(std::slice::from_ref(&suite), &keep) {
            let outcome = run.outcome.expect("ran");
            let events: Vec<serde_json::Value> = outcome
                .events
                .iter()
                .map(|e| serde_json::to_value(e).expect("event"))
                .collect();
            let original = &suite.file.tests[run
                .result
                .pointer
                .trim_start_matches("/tests/")
                .parse::<usize>()
                .expect("index")];
            // The same name, so the replay runs as the same execution: outputs may hold its
            // name (a ResultWriter's MapRunArn and manifest key, `$$.Execution.Name`).
            let mut saved = test_from_recording(&run.result.name, &events, &run.trace.answers);
            // The seed is the runner's (a history does not say it), so UUIDs come out the same;
            // the start time comes from the history itself.
            saved.seed = original.seed;
            let mut replay = suite.clone();
            replay.file.tests = vec![saved];
            replay.mock_config = None;
            let r = run_test(&replay, 0, &Options::default());
            assert_eq!(
                r.result.verdict,
                Verdict::Passed,
                "{} › {}: {:#?}",
                suite.label(),
                run.result.name,
                r.result.failures
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 70, "only {replayed} runs replayed");
}
