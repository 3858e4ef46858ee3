//! Saving an edited definition back into its template changes the definition's bytes and
//! nothing else: comments, tags, key order and the other resources stay as they were.

use std::path::Path;
use stepwise_project::{Project, Source};

const INLINE: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  # The function the machine calls.
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: app.handler}
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        Comment: orders   # kept
        StartAt: Call
        States:
          Call:
            Type: Task
            Resource: !GetAtt Fn.Arn
            Next: Pause
          Pause:
            Type: Wait
            Seconds: 5
            End: true
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Fn}
"#;

const SUB_STRING: &str = r#"Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt [Role, Arn]
      DefinitionString:
        !Sub
        - |-
          {
            "StartAt": "Call",
            "States": {
              "Call": {"Type": "Task", "Resource": "${FnArn}", "End": true}
            }
          }
        - FnArn: !GetAtt Fn.Arn
  Fn:
    Type: AWS::Lambda::Function
"#;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Lines of `before` that `after` does not have, and the other way round.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    (
        b.iter()
            .filter(|l| !a.contains(l))
            .map(|l| l.to_string())
            .collect(),
        a.iter()
            .filter(|l| !b.contains(l))
            .map(|l| l.to_string())
            .collect(),
    )
}

#[test]
fn an_inline_definition_keeps_its_tags_and_everything_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "template.yaml", INLINE);
    let project = Project::open(&t).unwrap();
    let m = project.machine(Some("Machine")).unwrap();
    assert!(matches!(m.source, Source::Inline { .. }));
    let def = m.definition().unwrap();
    // The intrinsic is a placeholder in the editor, standing for the function's ARN.
    assert!(def.text.contains("Resource: ${Fn.Arn}"), "{}", def.text);
    assert_eq!(
        m.substitutions.value("Fn.Arn"),
        Some("arn:aws:lambda:us-east-1:123456789012:function:Fn")
    );
    let edited = def.text.replace("Seconds: 5", "Seconds: 30");
    let w = m.save(&def, &edited).unwrap();
    let after = std::fs::read_to_string(&t).unwrap();
    assert_eq!(w.text, after);
    let (gone, added) = changed_lines(INLINE, &after);
    assert_eq!(gone, ["            Seconds: 5"]);
    assert_eq!(added, ["            Seconds: 30"]);
}

#[test]
fn renaming_a_state_in_an_inline_definition_touches_only_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "template.yaml", INLINE);
    let project = Project::open(&t).unwrap();
    let m = project.machine(None).unwrap();
    let def = m.definition().unwrap();
    let edited = def
        .text
        .replace("Pause:", "Rest:")
        .replace("Next: Pause", "Next: Rest");
    m.save(&def, &edited).unwrap();
    let after = std::fs::read_to_string(&t).unwrap();
    let (gone, added) = changed_lines(INLINE, &after);
    assert_eq!(gone, ["            Next: Pause", "          Pause:"]);
    assert_eq!(added, ["            Next: Rest", "          Rest:"]);
    assert!(after.contains("Resource: !GetAtt Fn.Arn"));
}

#[test]
fn a_definition_string_is_edited_inside_its_block() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "template.yaml", SUB_STRING);
    let project = Project::open(&t).unwrap();
    let m = project.machine(None).unwrap();
    assert!(matches!(m.source, Source::Text { sub: true, .. }));
    assert_eq!(
        m.substitutions.value("FnArn"),
        Some("arn:aws:lambda:us-east-1:123456789012:function:Fn")
    );
    let def = m.definition().unwrap();
    let edited = def
        .text
        .replace("\"End\": true", "\"TimeoutSeconds\": 9, \"End\": true");
    m.save(&def, &edited).unwrap();
    let after = std::fs::read_to_string(&t).unwrap();
    let (gone, added) = changed_lines(SUB_STRING, &after);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(
        added,
        ["              \"Call\": {\"Type\": \"Task\", \"Resource\": \"${FnArn}\", \"TimeoutSeconds\": 9, \"End\": true}"]
    );
    // Read back, the template gives the edited definition.
    let again = Project::open(&t).unwrap();
    assert_eq!(again.machines[0].definition().unwrap().text, edited);
}

#[test]
fn a_json_templates_definition_string_is_written_as_one_escaped_string() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
  "Resources": {
    "Machine": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {"DefinitionString": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"}
    }
  }
}
"#;
    let t = write(dir.path(), "stack.template.json", text);
    let project = Project::open(&t).unwrap();
    let m = project.machine(None).unwrap();
    let def = m.definition().unwrap();
    let edited = def
        .text
        .replace("Pass", "Succeed")
        .replace(",\"End\":true", "");
    m.save(&def, &edited).unwrap();
    let after = std::fs::read_to_string(&t).unwrap();
    assert_eq!(
        after,
        text.replace(r#"\"Pass\",\"End\":true"#, r#"\"Succeed\""#)
    );
}

#[test]
fn what_cannot_be_saved_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let join = r#"Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Join ["", ['{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "', !GetAtt Fn.Arn, '", "End": true}}}']]
  Fn:
    Type: AWS::Lambda::Function
"#;
    let t = write(dir.path(), "template.yaml", join);
    let project = Project::open(&t).unwrap();
    let m = project.machine(None).unwrap();
    let def = m.definition().unwrap();
    assert!(
        def.text.contains("\"Resource\": \"${Fn.Arn}\""),
        "{}",
        def.text
    );
    let reason = def.read_only.clone().unwrap();
    assert!(reason.contains("Fn::Join"), "{reason}");
    assert!(m.save(&def, &def.text).is_err());

    let cdk = dir.path().join("cdk.out");
    std::fs::create_dir(&cdk).unwrap();
    let t = write(
        &cdk,
        "App.template.json",
        r#"{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Metadata": {"aws:cdk:path": "App/M/Resource"},
            "Properties": {"DefinitionString": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"}}}}"#,
    );
    let project = Project::open(&t).unwrap();
    assert_eq!(project.kind, stepwise_project::ProjectKind::Cdk);
    let def = project.machines[0].definition().unwrap();
    assert!(def.read_only.as_deref().unwrap().contains("from code"));
}

#[test]
fn terraform_jsonencode_opens_read_only_with_its_references_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"
variable "worker" {
  default = "worker"
}
resource "aws_lambda_function" "fn" {
  function_name = var.worker
}
resource "aws_sfn_state_machine" "inline" {
  name     = "inline"
  type     = "express"
  definition = jsonencode({
    StartAt = "Call"
    States = {
      Call = { Type = "Task", Resource = aws_lambda_function.fn.arn, End = true }
    }
  })
}
"#,
    );
    let project = Project::open(dir.path()).unwrap();
    let m = project.machine(Some("inline")).unwrap();
    assert_eq!(m.machine_type.as_deref(), Some("EXPRESS"));
    let def = m.definition().unwrap();
    assert!(def.read_only.as_deref().unwrap().contains("jsonencode"));
    let v: serde_json::Value = serde_json::from_str(&def.text).unwrap();
    assert_eq!(
        v["States"]["Call"]["Resource"],
        "${aws_lambda_function.fn.arn}"
    );
    assert_eq!(
        m.substitutions.value("aws_lambda_function.fn.arn"),
        Some("arn:aws:lambda:us-east-1:123456789012:function:worker")
    );
    let link = match &m
        .substitutions
        .get("aws_lambda_function.fn.arn")
        .unwrap()
        .origin
    {
        stepwise_project::subst::Origin::Template { resource, .. } => resource.clone().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(link.line, 5);
    // terraform.tfvars gives variables their values, as `terraform plan` reads them.
    write(dir.path(), "terraform.tfvars", "worker = \"from-tfvars\"\n");
    let project = Project::open(dir.path()).unwrap();
    assert_eq!(
        project.machines[0]
            .substitutions
            .value("aws_lambda_function.fn.arn"),
        Some("arn:aws:lambda:us-east-1:123456789012:function:from-tfvars")
    );
}
