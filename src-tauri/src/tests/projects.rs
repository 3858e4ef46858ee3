//! Documents opened from projects: a SAM template's inline definition and a `DefinitionUri`
//! file (real published projects from `../shared/realworld/projects/`), saving back with
//! only the definition's bytes changed, read-only definitions, placeholders and runs.

use crate::project::{OriginKind, ProjectSource};
use crate::workspace::{open_path, Opening, Workspace, WorkspaceError};
use serde_json::json;
use std::path::{Path, PathBuf};
use stepwise_asl::edit::Edit;

/// A copy of a published project in a temp dir (saves must not touch the shared one).
fn project(name: &str) -> (tempfile::TempDir, PathBuf) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/realworld/projects")
        .join(name);
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&from, dir.path());
    let template = dir.path().join("template.yaml");
    (dir, template)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("the shared project is there") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn open(path: &Path, machine: Option<&str>) -> Workspace {
    match open_path(path, machine) {
        Opening::Document(ws) => *ws,
        Opening::Choose(p) => panic!("expected a document, got a choice of {:?}", p.machines),
    }
}

fn source(ws: &mut Workspace) -> ProjectSource {
    ws.view().project.expect("opened from a project")
}

/// The lines of `a` and `b` that differ, as (before, after), for files of as many lines.
fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    assert_eq!(
        a.lines().count(),
        b.lines().count(),
        "lines were added or removed"
    );
    a.lines()
        .zip(b.lines())
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn a_sam_templates_inline_definition_saves_back_with_only_the_edited_line_changed() {
    let (_dir, template) = project("tts-converter");
    let before = std::fs::read_to_string(&template).expect("read");
    let mut ws = open(&template, None);
    let v = ws.view();
    assert_eq!(v.error, None);
    assert_eq!(v.file_name, "template.yaml › TTSStateMachine");
    assert_eq!(v.title, "Stepwise — template.yaml › TTSStateMachine");
    assert!(v.states.iter().any(|s| s.name == "Wait"));
    assert_eq!(v.read_only, None);
    let src = source(&mut ws);
    assert_eq!(src.machine.location, "inline in template.yaml");
    assert_eq!(src.project.kind, "SAM template");
    assert_eq!(Path::new(&src.saved_to), template);

    ws.apply(&Edit::SetValue {
        pointer: "/States/Wait/Seconds".into(),
        value: Some(json!(15)),
    })
    .expect("edit");
    assert!(ws.is_dirty());
    ws.save().expect("save");
    assert!(!ws.is_dirty());
    let after = std::fs::read_to_string(&template).expect("read");
    assert_eq!(
        changed_lines(&before, &after),
        [(
            "            Seconds: 10".to_string(),
            "            Seconds: 15".to_string()
        )]
    );
    // Read again after the save: the document is the saved definition, not dirty.
    let v = ws.view();
    assert!(!v.dirty);
    assert!(v.text.contains("15"));
}

#[test]
fn a_definition_uri_machine_saves_to_its_own_file_and_shows_its_placeholders() {
    let (dir, template) = project("lambda-orchestration-sam");
    let asl = dir.path().join("statemachine/statemachine.asl.json");
    let template_before = std::fs::read(&template).expect("read");
    let mut ws = open(dir.path(), None);
    let v = ws.view();
    assert_eq!(v.error, None);
    assert_eq!(
        v.project.as_ref().map(|p| p.machine.location.as_str()),
        Some("statemachine/statemachine.asl.json")
    );
    assert_eq!(v.path.as_deref().map(Path::new), Some(asl.as_path()));

    // `"Resource": "${checkPriceFnArn}"` is the function `!GetAtt CheckPriceFunction.Arn` names.
    let row = v
        .substitutions
        .iter()
        .find(|r| r.name == "checkPriceFnArn")
        .expect("the placeholder is listed");
    assert_eq!(row.origin, OriginKind::Template);
    let r = row.resource.as_ref().expect("it links to the function");
    assert_eq!(r.id, "CheckPriceFunction");
    assert_eq!(r.file, "template.yaml");
    assert!(r.line > 0);
    assert!(row
        .value
        .as_deref()
        .is_some_and(|v| v.starts_with("arn:aws:lambda:")));
    let state = &row.pointers[0];
    let node = v
        .diagram
        .nodes
        .iter()
        .find(|n| format!("{}/Resource", n.id) == *state)
        .expect("the Task is drawn");
    assert_eq!(node.subtitle.as_deref(), Some("CheckPriceFunction"));
    // Checked as deployed: no problem about the placeholders.
    assert!(
        v.problems.iter().all(|p| !p.message.contains("${")),
        "{:?}",
        v.problems
    );

    ws.apply(&Edit::SetValue {
        pointer: "/Comment".into(),
        value: Some(json!("Edited in Stepwise")),
    })
    .expect("edit");
    ws.save().expect("save");
    assert!(std::fs::read_to_string(&asl)
        .expect("read")
        .contains("Edited in Stepwise"));
    assert_eq!(std::fs::read(&template).expect("read"), template_before);
}

#[test]
fn a_template_with_several_machines_lists_them_to_choose() {
    let (_dir, template) = project("inventory-management-sam");
    let Opening::Choose(info) = open_path(&template, None) else {
        panic!("three machines: the user chooses");
    };
    let ids: Vec<&str> = info.machines.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids.contains(&"ReserveStockStateMachine"));
    let reserve = &info.machines[ids
        .iter()
        .position(|i| *i == "ReserveStockStateMachine")
        .expect("listed")];
    assert_eq!(reserve.machine_type.as_deref(), Some("Express"));
    assert_eq!(
        reserve.location,
        "statemachine/reserve-stock-statemachine.asl.json"
    );
    let mut ws = open(&template, Some("CreatePurchaseOrderStateMachine"));
    assert_eq!(
        ws.view().file_name,
        "template.yaml › CreatePurchaseOrderStateMachine"
    );
    // The command line cannot ask: it opens the first machine.
    let mut first = crate::workspace::project::open_first(&template);
    assert!(first.view().project.is_some());
}

const JOINED: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Join
        - ""
        - - '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}'
"#;

#[test]
fn a_definition_put_together_with_fn_join_opens_read_only_and_refuses_edits_and_saves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let template = dir.path().join("template.yaml");
    std::fs::write(&template, JOINED).expect("write");
    let mut ws = open(&template, None);
    let v = ws.view();
    assert_eq!(v.error, None, "it opens");
    let reason = v.read_only.expect("read-only");
    assert!(reason.contains("Fn::Join"), "{reason}");
    let err = ws
        .apply(&Edit::SetValue {
            pointer: "/Comment".into(),
            value: Some(json!("no")),
        })
        .expect_err("refused");
    assert!(matches!(err, WorkspaceError::ReadOnly(_)));
    assert_eq!(
        crate::error::AppError::from(err).code(),
        crate::error::ErrorCode::ReadOnly
    );
    assert!(matches!(ws.save(), Err(WorkspaceError::ReadOnly(_))));
    assert_eq!(std::fs::read_to_string(&template).expect("read"), JOINED);
}

#[test]
fn a_change_of_the_template_on_disk_reloads_the_machine() {
    let (_dir, template) = project("tts-converter");
    let mut ws = open(&template, None);
    let changed = std::fs::read_to_string(&template)
        .expect("read")
        .replace("Seconds: 10", "Seconds: 30");
    std::fs::write(&template, &changed).expect("write");
    assert!(ws.disk_changed(changed.clone().into_bytes()));
    assert!(ws.value().pointer("/States/Wait/Seconds") == Some(&json!(30)));
    assert!(!ws.is_dirty());
    // The same bytes again (our watcher seeing it twice) change nothing.
    assert!(!ws.disk_changed(changed.into_bytes()));
}

#[test]
fn a_run_needs_a_number_for_a_placeholder_in_a_number_field() {
    let def = json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "${Delay}", "End": true}}});
    let mut subs = stepwise_project::subst::Substitutions::default();
    let err = crate::run::commands::substituted(&def, &subs).expect_err("no value");
    assert_eq!(err.code(), crate::error::ErrorCode::NotRunnable);
    assert_eq!(err.pointer().as_deref(), Some("/States/W/Seconds"));
    assert!(err.to_string().contains("${Delay}"), "{err}");
    subs.give("Delay", "3");
    let ok = crate::run::commands::substituted(&def, &subs).expect("a number");
    assert_eq!(ok.pointer("/States/W/Seconds"), Some(&json!(3)));
}

#[test]
fn a_terraform_templatefile_machine_opens_from_its_tf_file_with_its_variables_as_placeholders() {
    let (dir, _) = project("lambda-orchestration-tf");
    let mut ws = open(&dir.path().join("main.tf"), None);
    let v = ws.view();
    assert_eq!(v.error, None);
    let src = v.project.as_ref().expect("a project");
    assert_eq!(src.project.kind, "Terraform configuration");
    assert_eq!(src.machine.location, "statemachine/statemachine.asl.json");
    assert!(
        v.file_name
            .ends_with("› aws_sfn_state_machine.sample_state_machine"),
        "{}",
        v.file_name
    );
    let row = v
        .substitutions
        .iter()
        .find(|r| r.name == "checkPriceFnArn")
        .expect("templatefile's variable");
    let r = row.resource.as_ref().expect("it names the function");
    assert_eq!(r.id, "aws_lambda_function.check_price_function");
    assert_eq!(r.file, "main.tf");
    let before = std::fs::read(dir.path().join("main.tf")).expect("read");
    ws.apply(&Edit::SetValue {
        pointer: "/Comment".into(),
        value: Some(json!("From Stepwise")),
    })
    .expect("edit");
    ws.save().expect("save");
    assert!(
        std::fs::read_to_string(dir.path().join("statemachine/statemachine.asl.json"))
            .expect("read")
            .contains("From Stepwise")
    );
    assert_eq!(
        std::fs::read(dir.path().join("main.tf")).expect("read"),
        before
    );
}
