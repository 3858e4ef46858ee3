//! The commands on machines that live in projects: SAM/CloudFormation templates (inline
//! `Definition`, `DefinitionUri`, `DefinitionString` with `!Sub`), Terraform
//! (`templatefile`), and `${...}` placeholders given with `--sub` / `--subs`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stepwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(args)
        .output()
        .expect("run stepwise")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, text).expect("write fixture");
    p
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const TEMPLATE: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
# The order workflow and its function.
Resources:
  ProcessFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
  Inline:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Process
        States:
          Process:
            Type: Task
            Resource: !GetAtt ProcessFunction.Arn
            Next: Wait
          Wait:
            Type: Wait
            Seconds: 5
            End: true
  FromFile:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions:
        ProcessFunctionArn: !GetAtt ProcessFunction.Arn
  AsString:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          "StartAt": "Call",
          "States": {
            "Call": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "${ProcessFunction.Arn}"}, "End": true}
          }
        }
"#;

const FLOW: &str = r#"{
  "StartAt": "Process",
  "States": {
    "Process": {"Type": "Task", "Resource": "${ProcessFunctionArn}", "TimeoutSeconds": "${Timeout}", "End": true}
  }
}"#;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "template.yaml", TEMPLATE);
    write(dir.path(), "statemachine/flow.asl.json", FLOW);
    dir
}

#[test]
fn validate_checks_every_machine_of_a_template() {
    let dir = project();
    let t = dir.path().join("template.yaml");
    let o = stepwise(&["validate", t.to_str().unwrap(), "--format", "json"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout.trim(), "[]");
}

#[test]
fn a_problem_inside_a_template_is_named_by_its_pointer_in_the_template() {
    let dir = project();
    let broken = TEMPLATE.replace("            Next: Wait\n", "            Next: Nowhere\n");
    let t = write(dir.path(), "template.yaml", &broken);
    let o = stepwise(&["validate", t.to_str().unwrap(), "--format", "json"]);
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(1));
    let rows: Value = serde_json::from_str(&stdout).unwrap();
    let pointers: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["severity"] == "error")
        .map(|r| r["pointer"].as_str().unwrap())
        .collect();
    assert!(
        pointers.contains(&"/Resources/Inline/Properties/Definition/States/Process/Next"),
        "{stdout}"
    );
    assert!(rows[0]["machine"] == "Inline", "{stdout}");
}

#[test]
fn a_placeholder_in_a_number_field_needs_a_value_to_run() {
    let dir = project();
    let t = dir.path().join("template.yaml");
    let mocks = write(
        dir.path(),
        "mocks.json",
        r#"{"StateMachines": {"FromFile": {"TestCases": {"Ok": {"Process": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": {"done": true}}}}}"#,
    );
    let base = [
        "run",
        t.to_str().unwrap(),
        "--machine",
        "FromFile",
        "--mock-config",
        mocks.to_str().unwrap(),
        "--test-case",
        "Ok",
    ];
    let o = stepwise(&base);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/States/Process/TimeoutSeconds") && stderr.contains("--sub Timeout="),
        "{stderr}"
    );
    let mut with = base.to_vec();
    with.extend(["--sub", "Timeout=30"]);
    let o = stepwise(&with);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap(),
        serde_json::json!({"done": true})
    );
}

#[test]
fn several_machines_need_one_chosen_to_run_or_lay_out() {
    let dir = project();
    let t = dir.path().join("template.yaml");
    let o = stepwise(&["layout", t.to_str().unwrap(), "--stats"]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr.contains("Inline, FromFile, AsString"), "{stderr}");
    let o = stepwise(&[
        "layout",
        t.to_str().unwrap(),
        "--machine",
        "AsString",
        "--stats",
    ]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("nodes=3 edges=2 "), "{stdout}");
}

#[test]
fn substitutions_come_from_sub_and_subs_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "flow.asl.json",
        r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "${Delay}", "Next": "T"},
           "T": {"Type": "Task", "Resource": "${Fn}", "End": true}}}"#,
    );
    let subs = write(
        dir.path(),
        "subs.env",
        "Fn=arn:aws:lambda:us-east-1:123456789012:function:f:\n",
    );
    // The value of a placeholder is checked once substituted: a Lambda ARN's qualifier
    // cannot be empty.
    let o = stepwise(&["validate", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let o = stepwise(&[
        "validate",
        f.to_str().unwrap(),
        "--subs",
        subs.to_str().unwrap(),
        "--sub",
        "Delay=abc",
    ]);
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("/States/W/Seconds"), "{stdout}");
    assert!(
        stdout.contains("/States/T/Resource: error[invalid-resource]"),
        "{stdout}"
    );
    let o = stepwise(&["validate", f.to_str().unwrap(), "--sub", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("NAME=VALUE"));
}

#[test]
fn terraform_templatefile_variables_are_substitutions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"
resource "aws_lambda_function" "process" {
  function_name = "process-order"
}
resource "aws_sfn_state_machine" "orders" {
  name       = "orders"
  definition = templatefile("${path.module}/statemachine/flow.asl.json", {
    ProcessFunctionArn = aws_lambda_function.process.arn
    Timeout            = 30
  })
}
"#,
    );
    write(dir.path(), "statemachine/flow.asl.json", FLOW);
    let o = stepwise(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let mocks = write(
        dir.path(),
        "mocks.json",
        r#"{"StateMachines": {"orders": {"TestCases": {"Ok": {"Process": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": 7}}}}"#,
    );
    let o = stepwise(&[
        "run",
        dir.path().join("main.tf").to_str().unwrap(),
        "--mock-config",
        mocks.to_str().unwrap(),
        "--test-case",
        "Ok",
        "--state-machine",
        "orders",
        "--history",
        dir.path().join("h.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{:?}", out(&o));
    let h = std::fs::read_to_string(dir.path().join("h.json")).unwrap();
    assert!(
        h.contains("arn:aws:lambda:us-east-1:123456789012:function:process-order"),
        "the Task ran with the function's ARN"
    );
}

#[test]
fn every_published_sam_and_terraform_project_validates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld/projects");
    assert!(root.is_dir(), "{} is not here", root.display());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let failed: Vec<String> = dirs
        .iter()
        .filter_map(|p| {
            let o = stepwise(&["validate", p.to_str().unwrap()]);
            (o.status.code() != Some(0)).then(|| format!("{}: {:?}", p.display(), out(&o)))
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert_eq!(dirs.len(), 56);
}

#[test]
fn test_runs_a_templates_machines_with_their_substitutions() {
    let dir = project();
    write(
        dir.path(),
        "statemachine/flow.tests.json",
        r#"{"tests": [{"name": "processes", "mocks": {"Process": {"0": {"Return": {"ok": 1}}}},
            "expect": {"output": {"ok": 1}}}]}"#,
    );
    let t = dir.path().join("template.yaml");
    let o = stepwise(&["test", t.to_str().unwrap()]);
    let (stdout, stderr) = out(&o);
    // Timeout has no value in the template: the machine cannot run until it is given one.
    assert_eq!(o.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("${Timeout} must be a number"), "{stderr}");
    let o = stepwise(&["test", t.to_str().unwrap(), "--sub", "Timeout=10"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("1 passed, 0 failed"), "{stdout}");
}
