//! Every error case of JSONata's suite against what jsonata-js 2.0.6 reports for it
//! (`jsonata-js-errors.json`, made by `bench/jsonata/errors.js` in node): the same code
//! always; the same message, and for syntax errors the same position, except where listed
//! below with the reason; the function or operator named (`token`) in at least as many cases
//! as now.

mod common;

use common::cases::load;
use serde_json::Value;
use stepwise_jsonata::Expression;

/// Cases whose message differs from jsonata-js's, and why.
const WORDING_GAPS: &[(&str, &str)] = &[
    (
        "comparison-operators/case008.json#0",
        "jsonata-core's T2009 does not carry the two values",
    ),
    (
        "errors/case004.json#0",
        "jsonata-core's D1002 does not carry the value",
    ),
    (
        "function-eval/case007.json#0",
        "the inner syntax error of $eval is worded by jsonata-core",
    ),
    (
        "function-signatures/case028.json#0",
        "jsonata-core's lambda count mismatch does not say which function",
    ),
    (
        "range-operator/case022.json#0",
        "jsonata-core's D2014 does not carry the size",
    ),
    (
        "range-operator/case023.json#0",
        "jsonata-core's D2014 does not carry the size",
    ),
    (
        "sorting/case011.json#0",
        "jsonata-core's T2007 does not carry the two values",
    ),
    (
        "transforms/case009.json#0",
        "jsonata-core's T2011 does not carry the value",
    ),
    (
        "transforms/case010.json#0",
        "jsonata-core's T2012 does not carry the value",
    ),
    (
        "transforms/case012.json#0",
        "jsonata-core's T2011 does not carry the value",
    ),
];

/// Syntax errors placed elsewhere than jsonata-js places them, and why.
const POSITION_GAPS: &[(&str, &str)] = &[
    (
        "function-signatures/case034.json#0",
        "a signature's inner error: placed at the signature's end",
    ),
    (
        "parent-operator/errors.json#0",
        "jsonata-core does not say which step's parent is missing",
    ),
    (
        "parent-operator/errors.json#5",
        "jsonata-core does not say which step's parent is missing",
    ),
    (
        "parent-operator/errors.json#8",
        "jsonata-core does not say which step's parent is missing",
    ),
    (
        "parent-operator/errors.json#9",
        "jsonata-core does not say which step's parent is missing",
    ),
    (
        "parent-operator/errors.json#11",
        "jsonata-core does not say which step's parent is missing",
    ),
];

/// The cases where the token matches jsonata-js's; it may only grow.
const TOKENS_MATCHING: usize = 206;

#[test]
fn errors_are_worded_and_placed_as_jsonata_js_does() {
    let text = include_str!("jsonata-js-errors.json");
    let js: Value = serde_json::from_str(text).expect("the fixture is JSON");
    let mut problems = Vec::new();
    let (mut compared, mut tokens) = (0, 0);
    for case in load() {
        let Some(want) = js.get(&case.id).filter(|w| w.get("code").is_some()) else {
            continue;
        };
        if case.expr.is_empty() {
            continue; // a case file serde_json cannot read (the suite test lists them)
        }
        compared += 1;
        let outcome = Expression::parse(&case.expr)
            .and_then(|e| e.evaluate(case.input.as_ref(), &case.env()));
        let Err(got) = outcome else {
            problems.push(format!("{}: no error, jsonata-js says {want}", case.id));
            continue;
        };
        let code = want["code"].as_str().unwrap_or_default();
        if got.code != code {
            problems.push(format!(
                "{}: code {} where jsonata-js says {code}",
                case.id, got.code
            ));
            continue;
        }
        let message = want["message"].as_str().unwrap_or_default();
        let listed = WORDING_GAPS.iter().any(|(id, _)| *id == case.id);
        match (got.message == message, listed) {
            (true, true) => {
                problems.push(format!("{}: worded as jsonata-js now, unlist it", case.id))
            }
            (false, false) => problems.push(format!(
                "{}: {}\n    jsonata-js: {message}\n    here:       {}",
                case.id, case.expr, got.message
            )),
            _ => {}
        }
        let position = want["position"].as_u64().map(|p| p as usize);
        if !code.starts_with('S') && got.position.is_some() && got.position != position {
            // Evaluation errors are placed only where the expression leaves no doubt.
            problems.push(format!(
                "{}: {} placed at {:?}, jsonata-js at {position:?}",
                case.id, case.expr, got.position
            ));
        }
        if code.starts_with('S') {
            let listed = POSITION_GAPS.iter().any(|(id, _)| *id == case.id);
            match (got.position == position, listed) {
                (true, true) => {
                    problems.push(format!("{}: placed as jsonata-js now, unlist it", case.id))
                }
                (false, false) => problems.push(format!(
                    "{}: {} at {:?}, jsonata-js at {position:?}",
                    case.id, case.expr, got.position
                )),
                _ => {}
            }
        }
        if got.token.as_deref() == want["token"].as_str() {
            tokens += 1;
        }
    }
    println!("{compared} error cases; token as jsonata-js's in {tokens}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        tokens >= TOKENS_MATCHING,
        "tokens match in {tokens} cases, fewer than {TOKENS_MATCHING}"
    );
}
