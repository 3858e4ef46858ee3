//! JSONata's own test suite, version 2.0.6 (`shared/jsonata-suite/`): every case runs
//! through the facade. The cases that cannot pass are listed in [`CANNOT_PASS`] with the
//! reason; the test fails if one of them starts passing (so the list cannot rot) or if any
//! other case fails.

mod common;

use common::cases::{load, same, Case, Expect};
use stepwise_jsonata::Expression;

/// Cases that cannot pass, and why.
const CANNOT_PASS: &[(&str, &str)] = &[
    (
        "function-encodeUrl/case002.json#0",
        "its input is a lone surrogate (\\ud800), which a Rust string (and serde_json) cannot hold",
    ),
    (
        "function-encodeUrlComponent/case002.json#0",
        "its input is a lone surrogate (\\ud800), which a Rust string (and serde_json) cannot hold",
    ),
];

/// What went wrong with one case, or `None` if it passed.
fn failure(case: &Case) -> Option<String> {
    if let Expect::Unreadable(e) = &case.expect {
        return Some(format!("case file unreadable: {e}"));
    }
    let outcome = std::panic::catch_unwind(|| {
        Expression::parse(&case.expr).and_then(|e| e.evaluate(case.input.as_ref(), &case.env()))
    });
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(_) => return Some("panicked".to_string()),
    };
    match (&case.expect, outcome) {
        (Expect::Result(want), Ok(Some(got))) if same(want, &got) => None,
        (Expect::Undefined, Ok(None)) => None,
        (
            Expect::Error {
                code,
                token,
                message,
            },
            Err(e),
        ) if *code == e.code
            && token.as_ref().is_none_or(|t| Some(t) == e.token.as_ref())
            && message.as_ref().is_none_or(|m| *m == e.message) =>
        {
            None
        }
        (want, got) => Some(format!("expected {want:?}, got {got:?}")),
    }
}

#[test]
fn jsonata_suite_passes() {
    let cases = load();
    let mut unexpected = Vec::new();
    let mut passed = 0;
    for case in &cases {
        let listed = CANNOT_PASS.iter().find(|(id, _)| *id == case.id);
        match (failure(case), listed) {
            (None, None) => passed += 1,
            (None, Some(_)) => {
                unexpected.push(format!("{}: passes now, take it off CANNOT_PASS", case.id))
            }
            (Some(_), Some(_)) => {}
            (Some(why), None) => unexpected.push(format!(
                "{}: {}\n    {}",
                case.id,
                case.expr.chars().take(200).collect::<String>(),
                why.chars().take(600).collect::<String>()
            )),
        }
    }
    for (id, _) in CANNOT_PASS {
        assert!(
            cases.iter().any(|c| c.id == *id),
            "{id} is listed but not in the suite"
        );
    }
    println!(
        "JSONata suite: {passed}/{} cases pass ({} listed as cannot pass)",
        cases.len(),
        CANNOT_PASS.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} cases:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

/// Over every expression of the suite: each call and each free variable read is placed just
/// after its `$name` in the source.
#[test]
fn calls_and_reads_are_placed_at_their_names() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for case in load() {
        let Ok(e) = Expression::parse(&case.expr) else {
            continue;
        };
        let chars: Vec<char> = case.expr.chars().collect();
        let named_at = |name: &str, position: usize| {
            let written: Vec<char> = format!("${name}").chars().collect();
            position >= written.len() && chars[position - written.len()..position] == written[..]
        };
        for call in e.calls() {
            checked += 1;
            if !named_at(&call.name, call.position) {
                wrong.push(format!("{}: call {call:?} in {}", case.id, case.expr));
            }
        }
        for read in e.free_variables() {
            checked += 1;
            if !named_at(&read.name, read.position) {
                wrong.push(format!("{}: read {read:?} in {}", case.id, case.expr));
            }
        }
    }
    println!("{checked} calls and reads placed");
    assert!(checked > 1000, "only {checked}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
