//! JUnit XML, which CI systems read: one `<testsuite>` per suite, one `<testcase>` per test,
//! a `<failure>` with every unmet expectation and its differences.

use crate::diff::describe;
use crate::run::{TestRun, Verdict};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::time::Duration;

pub fn report(runs: &[TestRun]) -> Result<String, quick_junit::SerializeError> {
    let mut report = Report::new("stepwise test");
    let mut suites: Vec<TestSuite> = Vec::new();
    for run in runs {
        let r = &run.result;
        let suite = match suites.iter_mut().position(|s| s.name.as_str() == r.suite) {
            Some(i) => &mut suites[i],
            None => {
                suites.push(TestSuite::new(r.suite.clone()));
                suites.last_mut().expect("just pushed")
            }
        };
        let status = match r.verdict {
            Verdict::Passed => TestCaseStatus::success(),
            Verdict::Failed | Verdict::Error => {
                let kind = if r.verdict == Verdict::Failed {
                    NonSuccessKind::Failure
                } else {
                    NonSuccessKind::Error
                };
                let mut status = TestCaseStatus::non_success(kind);
                if let Some(first) = r.failures.first() {
                    status.set_message(first.message.clone());
                }
                status.set_description(details(run));
                status
            }
        };
        let mut case = TestCase::new(r.name.clone(), status);
        case.set_classname(r.suite.clone());
        case.set_time(Duration::from_secs_f64(r.millis / 1000.0));
        suite.add_test_case(case);
    }
    for s in suites {
        report.add_test_suite(s);
    }
    report.to_string()
}

/// Every failure with its pointer and differences, one per line.
pub fn details(run: &TestRun) -> String {
    let mut out = String::new();
    for f in &run.result.failures {
        out.push_str(&format!("{}: {}\n", f.pointer, f.message));
        for d in &f.differences {
            out.push_str(&format!("    {}\n", describe(d)));
        }
    }
    out
}
