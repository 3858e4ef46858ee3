//! `stepwise jsonata EXPR` as a user runs it: the value printed as JSON, nothing for
//! undefined, errors with code, message and place, and the exit codes.

use serde_json::{json, Value};
use std::process::{Command, Output};

fn stepwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(args)
        .output()
        .expect("run stepwise")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn values_print_as_json() {
    let table: &[(&[&str], &str)] = &[
        (
            &[
                "$sum(orders.price)",
                "--input",
                r#"{"orders": [{"price": 2}, {"price": 3.5}]}"#,
            ],
            "5.5\n",
        ),
        (
            &[
                "orders.price",
                "--input",
                r#"{"orders": [{"price": 2}, {"price": 3}]}"#,
            ],
            "[2,3]\n",
        ),
        (&["{'n': $count($)}", "--input", "[1, 2, 3]"], "{\"n\":3}\n"),
        (
            &["$x & '-' & $y", "--bindings", r#"{"x": "a", "$y": "b"}"#],
            "\"a-b\"\n",
        ),
        (
            &[
                "$states.input.id",
                "--bindings",
                r#"{"states": {"input": {"id": 7}}}"#,
            ],
            "7\n",
        ),
        (&["6 / 3"], "2\n"),
        // No input: `$` is undefined.
        (&["$"], ""),
        (&["missing", "--input", "{}"], ""),
    ];
    for (args, want) in table {
        let mut all = vec!["jsonata"];
        all.extend_from_slice(args);
        let o = stepwise(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), *want, "{args:?}");
    }
}

#[test]
fn input_and_bindings_come_from_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("input.json");
    let bindings = dir.path().join("bindings.json");
    std::fs::write(&input, r#"{"items": [{"p": 12}, {"p": 4}]}"#).expect("write");
    std::fs::write(&bindings, r#"{"min": 10}"#).expect("write");
    let input = format!("file://{}", input.display());
    let bindings = format!("file://{}", bindings.display());
    let o = stepwise(&[
        "jsonata",
        "items[p > $min].p",
        "--input",
        &input,
        "--bindings",
        &bindings,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "12\n");
}

#[test]
fn errors_give_code_message_and_place_with_exit_one() {
    let o = stepwise(&["jsonata", "$f(a b)"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "error[S0202]: Expected \")\", got \"b\"\n  $f(a b)\n       ^ at 6\n"
    );
    // The 2.1 operator AWS does not accept.
    let o = stepwise(&["jsonata", "a ?? b"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .starts_with("error[S0211]: The symbol \"?\" cannot be used as a unary operator\n"),
        "{}",
        stderr(&o)
    );
    let o = stepwise(&["jsonata", "'x' + 1"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error[T2001]: The left side of the \"+\" operator must evaluate to a number\n  'x' + 1\n      ^ at 5\n"
    );
}

#[test]
fn json_format_for_scripts() {
    let o = stepwise(&["jsonata", "1 +", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v,
        json!({"error": {"code": "S0207", "message": "Unexpected end of expression", "position": 3, "token": "(end)"}})
    );
    let o = stepwise(&["jsonata", "[1, 2][0]", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).expect("json"),
        json!({"result": 1})
    );
    let o = stepwise(&["jsonata", "nothing", "--format", "json", "--input", "{}"]);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).expect("json"),
        json!({})
    );
}

#[test]
fn bad_input_is_a_usage_error() {
    for args in [
        &["jsonata", "1", "--input", "{"][..],
        &["jsonata", "1", "--bindings", "[1]"],
        &["jsonata", "1", "--input", "file:///nonexistent/input.json"],
        &["jsonata"],
    ] {
        let o = stepwise(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}
