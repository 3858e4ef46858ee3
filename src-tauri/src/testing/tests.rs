//! The Tests panel's operations without a window, on the real engine and the order example.

use super::state::unique_name;
use super::*;
use crate::run::files::Origin;
use crate::run::ipc::{RunOrigin, RunStatus};
use crate::run::manager::{runnable, Runs, Subject};
use ipc::TestsHome;
use serde_json::{json, Value};
use stepwise_testing::run::Verdict;
use stepwise_testing::spec::{ExpectedStatus, TestFile};

const ORDER: &str = include_str!("../../../examples/order-processing.asl.json");
const ORDER_MOCKS: &str = include_str!("../../../examples/run/order-processing.mocks.json");

fn order() -> Value {
    serde_json::from_str(ORDER).expect("example")
}

/// Tests of the order example's bundled tests file.
const HAPPY: &str = "Happy path: the charge succeeds on its second attempt";
const DECLINED: &str = "A declined card releases the inventory";
const GATEWAY: &str =
    "A gateway that never answers is retried four times, then the inventory is released";

fn example() -> Origin {
    Origin::Example("order-processing.asl.json".into())
}

fn machine() -> stepwise_asl::model::StateMachine {
    runnable(&order()).expect("runnable")
}

/// The order example saved in a folder of its own with its mock config, no tests file.
fn on_disk() -> (tempfile::TempDir, Origin) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("order-processing.asl.json");
    std::fs::write(&path, ORDER).expect("write machine");
    std::fs::write(dir.path().join("order-processing.mocks.json"), ORDER_MOCKS)
        .expect("write mocks");
    (dir, Origin::File(path))
}

#[test]
fn every_example_brings_its_tests_and_they_pass_covering_every_transition() {
    for example in crate::examples::EXAMPLES {
        let origin = Origin::Example(example.file.into());
        let tests = Tests::default();
        let view = tests.load(&origin);
        assert_eq!(view.home, TestsHome::Memory, "{}", example.file);
        assert_eq!(view.error, None, "{}", example.file);
        assert!(!view.file.tests.is_empty(), "{} has tests", example.file);
        let definition = crate::examples::load(example.file).expect("example");
        let run = tests
            .run(&origin, runnable(&definition).expect("runnable"), None)
            .expect("run");
        for r in &run.results {
            assert_eq!(r.verdict, Verdict::Passed, "{}: {r:?}", example.file);
        }
        assert_eq!(
            run.coverage.summary.transitions_percent,
            100.0,
            "{}: {:?}",
            example.file,
            run.coverage.untaken().collect::<Vec<_>>()
        );
    }
}

#[test]
fn without_a_tests_file_the_mock_config_cases_are_the_tests_with_the_kept_input() {
    let (dir, origin) = on_disk();
    std::fs::write(
        dir.path().join("order-processing.input.json"),
        include_str!("../../../examples/run/order-processing.input.json"),
    )
    .expect("write input");
    let view = Tests::default().load(&origin);
    assert_eq!(view.home, TestsHome::MockConfig);
    let names: Vec<&str> = view.file.tests.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "HappyPath",
            "PaymentDeclined",
            "GatewayDown",
            "ConfirmationDenied"
        ]
    );
    assert_eq!(view.test_cases, names);
    assert!(view.file.tests.iter().all(|t| t.input.is_some()));
}

#[test]
fn running_all_gives_results_in_file_order_and_the_suite_coverage() {
    let tests = Tests::default();
    tests.load(&example());
    let run = tests.run(&example(), machine(), None).expect("run");
    assert!(run.all);
    let names: Vec<&str> = run.results.iter().map(|r| r.name.as_str()).collect();
    let file = tests.load(&example()).file;
    let want: Vec<&str> = file.tests.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, want);
    let s = &run.coverage.summary;
    assert!(s.transitions_taken > 0 && s.transitions_taken <= s.transitions_total);
    assert_eq!(s.states_total, run.coverage.states.len());
    // Each test's execution is kept for the canvas.
    let events = tests.history(&example(), HAPPY).expect("history");
    assert_eq!(events[0]["type"], "ExecutionStarted");
}

#[test]
fn running_one_test_runs_only_it_and_an_unknown_name_is_refused() {
    let tests = Tests::default();
    let run = tests
        .run(&example(), machine(), Some(vec![GATEWAY.into()]))
        .expect("run");
    assert!(!run.all);
    assert_eq!(run.results.len(), 1);
    assert_eq!(run.results[0].pointer, "/tests/2");
    let err = tests
        .run(&example(), machine(), Some(vec!["Nope".into()]))
        .expect_err("no such test");
    assert!(err.to_string().contains("\"Nope\""), "{err}");
    let err = tests.history(&example(), HAPPY).expect_err("not run");
    assert!(err.to_string().contains("has not run yet"), "{err}");
}

#[test]
fn an_unmet_expectation_fails_with_the_differences() {
    let tests = Tests::default();
    let mut file = tests.load(&example()).file;
    file.tests[0].expect.output_matches = Some(json!({"orderId": "nope"}));
    tests.save(&example(), file).expect("kept in memory");
    let run = tests
        .run(&example(), machine(), Some(vec![HAPPY.into()]))
        .expect("run");
    let r = &run.results[0];
    assert_eq!(r.verdict, Verdict::Failed);
    let f = &r.failures[0];
    assert_eq!(f.pointer, "/tests/0/expect/outputMatches");
    assert!(!f.differences.is_empty(), "{f:?}");
}

#[test]
fn tests_made_for_an_example_are_written_next_to_it_once_it_is_saved() {
    let tests = Tests::default();
    tests.load(&example());
    let before = tests.load(&example()).file.tests.len();
    let test = stepwise_testing::spec::TestDef::named(HAPPY);
    let (view, index) = tests.add(&example(), test).expect("added");
    assert_eq!(view.file.tests[index as usize].name, format!("{HAPPY} 2"));
    assert_eq!(view.home, TestsHome::Memory);
    // Saved as a file: the tests go next to it.
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = Origin::File(dir.path().join("order-processing.asl.json"));
    std::fs::write(dir.path().join("order-processing.asl.json"), ORDER).expect("write");
    let view = tests.load(&saved);
    assert_eq!(view.home, TestsHome::File);
    let written = dir.path().join("order-processing.tests.json");
    let file: TestFile =
        serde_json::from_str(&std::fs::read_to_string(&written).expect("written")).expect("json");
    assert_eq!(file.tests.len(), before + 1);
}

#[test]
fn a_document_on_disk_gets_its_tests_file_on_first_save() {
    let (dir, origin) = on_disk();
    let tests = Tests::default();
    let view = tests.load(&origin);
    assert_eq!(view.home, TestsHome::MockConfig);
    assert_eq!(view.file.tests.len(), 4);
    let path = dir.path().join("order-processing.tests.json");
    assert_eq!(view.path.as_deref(), Some(path.to_string_lossy().as_ref()));
    assert!(!path.exists());
    let view = tests.save(&origin, view.file).expect("saved");
    assert_eq!(view.home, TestsHome::File);
    let again = Tests::default().load(&origin);
    assert_eq!(again.file, view.file);
}

#[test]
fn names_must_be_given_and_unique() {
    let tests = Tests::default();
    let mut file = tests.load(&example()).file;
    file.tests[1].name = HAPPY.into();
    let err = tests.save(&example(), file.clone()).expect_err("duplicate");
    assert!(err.to_string().contains("unique"), "{err}");
    file.tests[1].name = " ".into();
    let err = tests.save(&example(), file).expect_err("empty");
    assert!(err.to_string().contains("no name"), "{err}");
}

#[test]
fn a_free_name_is_found_by_counting() {
    let mut file = TestFile::default();
    for (name, want) in [
        ("a", "a"),
        ("a", "a 2"),
        ("a", "a 3"),
        ("", "test"),
        ("  b ", "b"),
    ] {
        let got = unique_name(&file, name);
        assert_eq!(got, want);
        file.tests.push(stepwise_testing::spec::TestDef::named(got));
    }
}

#[test]
fn a_kept_run_becomes_a_test_that_passes_and_its_run_opens_for_the_canvas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let runs = Runs::default();
    runs.set_data_dir(dir.path().to_path_buf());
    let tests = Tests::default();
    // A test's execution, kept as a run.
    tests
        .run(&example(), machine(), Some(vec![DECLINED.into()]))
        .expect("run");
    let events = tests.history(&example(), DECLINED).expect("history");
    let def = order();
    let subject = || Subject {
        origin: example(),
        definition: &def,
    };
    let record = runs
        .keep_test_run(subject(), DECLINED, events.clone())
        .expect("kept");
    assert_eq!(record.summary.origin, RunOrigin::Test);
    assert_eq!(record.summary.name, DECLINED);
    assert_ne!(record.summary.status, RunStatus::Running);
    assert!(!record.events.is_empty());
    // Opened again, it replaces the one kept before.
    let again = runs
        .keep_test_run(subject(), DECLINED, events)
        .expect("kept");
    assert_eq!(again.summary.id, record.summary.id);
    assert_eq!(runs.list(&example()).expect("list").len(), 1);
    // Saved as a test: the answers its Tasks got become mocks, and it passes.
    let history = runs.history_events(&record.summary.id).expect("events");
    let test = stepwise_testing::record::test_from_history("declined again", &history);
    assert!(!test.mocks.is_empty());
    let (_, index) = tests.add(&example(), test).expect("added");
    let run = tests
        .run(&example(), machine(), Some(vec!["declined again".into()]))
        .expect("run");
    assert_eq!(run.results[0].pointer, format!("/tests/{index}"));
    assert_eq!(
        run.results[0].verdict,
        Verdict::Passed,
        "{:?}",
        run.results[0]
    );
    let expected = match record.summary.status {
        RunStatus::Succeeded => ExpectedStatus::Succeeded,
        _ => ExpectedStatus::Failed,
    };
    let file = tests.load(&example()).file;
    assert_eq!(file.tests[index as usize].expect.status(), expected);
}

#[test]
fn the_happy_path_covers_the_retry_its_gateway_timeout_fired() {
    let tests = Tests::default();
    let run = tests
        .run(&example(), machine(), Some(vec![HAPPY.into()]))
        .expect("run");
    assert_eq!(
        run.results[0].verdict,
        Verdict::Passed,
        "{:?}",
        run.results[0]
    );
    let retries: Vec<(String, u64)> = run
        .coverage
        .transitions
        .iter()
        .filter(|t| t.kind == stepwise_testing::coverage::TransitionKind::Retry)
        .map(|t| (t.from.clone(), t.taken))
        .collect();
    assert!(
        retries.contains(&("Charge Payment".to_string(), 1)),
        "{retries:?}"
    );
}
