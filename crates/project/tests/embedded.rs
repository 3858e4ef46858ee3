//! Every published definition of `../shared/realworld/` embedded the ways projects hold one
//! (an inline `Definition` in a SAM template, a `DefinitionString: !Sub |` block, a JSON
//! template's escaped `DefinitionString`, a Terraform `templatefile`): it opens as it was
//! written, an edit saves back into the template with the template's other lines unchanged,
//! and the template then reads back as the edited definition.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use stepwise_asl::{preserve, SourceFormat};
use stepwise_project::{Project, Source};

fn definitions() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld");
    assert!(root.is_dir(), "{} is not here", root.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| SourceFormat::from_path(p).is_some())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let (v, _) = stepwise_asl::parse_value(&bytes, SourceFormat::from_path(&p)).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect()
}

fn indent(text: &str, by: usize) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{}{l}", " ".repeat(by))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const HEAD: &str = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n# kept as it is\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: app.handler}   # kept\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n";
const TAIL: &str = "      Policies:\n        - LambdaInvokePolicy: {FunctionName: !Ref Fn}\nOutputs:\n  Arn: {Value: !Ref Machine}\n";

/// The template texts holding `def` one way each, with the file name to write it as.
fn embeddings(def: &Value) -> Vec<(&'static str, &'static str, String)> {
    let yaml = stepwise_asl::to_yaml_string(def).unwrap();
    let json_text = stepwise_asl::to_json_string(def);
    vec![
        (
            "inline Definition",
            "template.yaml",
            format!("{HEAD}      Definition:\n{}\n{TAIL}", indent(&yaml, 8)),
        ),
        (
            "DefinitionString !Sub block",
            "template.yaml",
            format!(
                "{HEAD}      DefinitionString: !Sub |\n{}\n{TAIL}",
                indent(&json_text, 8)
            ),
        ),
        (
            "JSON template DefinitionString",
            "stack.template.json",
            serde_json::to_string_pretty(&json!({
                "Resources": {
                    "Machine": {
                        "Type": "AWS::StepFunctions::StateMachine",
                        "Properties": {"DefinitionString": json_text}
                    },
                    "Other": {"Type": "AWS::SNS::Topic"}
                }
            }))
            .unwrap(),
        ),
    ]
}

#[test]
fn every_published_definition_embedded_opens_edits_and_saves_in_place() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, def) in definitions() {
        for (how, file, template) in embeddings(&def) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(file);
            std::fs::write(&path, &template).unwrap();
            let fail = |what: String| format!("{name} ({how}): {what}");
            let project = match Project::open(&path) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(fail(e.to_string()));
                    continue;
                }
            };
            let m = project.machine(Some("Machine")).unwrap();
            assert!(!matches!(m.source, Source::File { .. }));
            let opened = m.definition().unwrap();
            let (value, _) =
                stepwise_asl::parse_value(opened.text.as_bytes(), Some(opened.format)).unwrap();
            if value != def {
                failures.push(fail("opens as another definition".into()));
                continue;
            }
            // The edit the app makes: one field of the first state, written into the text the
            // editor holds with the format-preserving writer.
            let first = def["StartAt"].as_str().unwrap().to_string();
            let mut edited = def.clone();
            edited["States"][&first]["Comment"] = json!("edited in Stepwise");
            let new_text = preserve::patch(&opened.text, opened.format, &value, &edited)
                .unwrap()
                .text;
            if let Err(e) = m.save(&opened, &new_text) {
                failures.push(fail(e.to_string()));
                continue;
            }
            let after = std::fs::read_to_string(&path).unwrap();
            // Outside the definition, no line changed.
            let (b, a): (Vec<&str>, Vec<&str>) =
                (template.lines().collect(), after.lines().collect());
            let same_head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
            let same_tail = b
                .iter()
                .rev()
                .zip(a.iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
            let def_lines = match file {
                "template.yaml" => b.len() - HEAD.lines().count() - TAIL.lines().count(),
                _ => 1,
            };
            if same_head + same_tail + def_lines < b.len() {
                failures.push(fail(format!(
                    "lines outside the definition changed (same head {same_head}, tail {same_tail})"
                )));
            }
            let again = Project::open(&path).unwrap();
            let reopened = again
                .machine(Some("Machine"))
                .unwrap()
                .definition()
                .unwrap();
            let (v2, _) =
                stepwise_asl::parse_value(reopened.text.as_bytes(), Some(reopened.format)).unwrap();
            if v2 != edited {
                failures.push(fail("reads back as another definition".into()));
            }
            checked += 1;
        }
    }
    println!("{checked} embedded definitions opened, edited and saved");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 300, "{checked}");
}
