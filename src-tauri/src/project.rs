//! Projects as the window sees them: a template or Terraform configuration, its state
//! machines (for the picker), the machine a document was opened from, and the `${...}`
//! placeholders of a definition with what they stand for. Everything here is data made from
//! `stepwise_project`; the rules stay in that crate.

use crate::ipc::DocumentView;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;
use stepwise_project::subst::{self, Origin, Substitutions};
use stepwise_project::{Machine, Project, Source};
use ts_rs::TS;

/// One state machine of a project, as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct MachineInfo {
    /// The logical id (`OrderStateMachine`) or `aws_sfn_state_machine.<name>`: what
    /// `open_document` takes as `machine`.
    pub id: String,
    /// The deployed name when the project gives one.
    pub name: Option<String>,
    /// "Standard" or "Express" when the project says.
    pub machine_type: Option<String>,
    /// `AWS::Serverless::StateMachine`, `aws_sfn_state_machine`, ...
    pub resource_type: String,
    /// Where the definition is written: "statemachine/x.asl.json", "inline in template.yaml",
    /// "DefinitionString in template.yaml", ...
    pub location: String,
    /// The declaring file relative to the project, and its 1-based line (0 if unknown).
    pub file: String,
    pub line: u32,
    /// Why the definition opens read-only, when it does.
    pub read_only: Option<String>,
    /// Why the definition cannot be opened at all (kept in S3, missing).
    pub unavailable: Option<String>,
}

/// A project and its state machines: `open_document`'s answer when the user must choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ProjectInfo {
    /// The file or folder opened, absolute: what `open_document` takes again.
    pub path: String,
    /// Its last component ("template.yaml").
    pub file_name: String,
    /// "SAM template", "Terraform configuration", ...
    pub kind: String,
    pub machines: Vec<MachineInfo>,
}

/// The machine a document was opened from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ProjectSource {
    pub project: ProjectInfo,
    /// This document's machine (one of `project.machines`).
    pub machine: MachineInfo,
    /// The file Save writes: the template, or the definition's own file.
    pub saved_to: String,
}

/// What opening a path gave: a document, or a project whose machine the user must choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(tag = "kind", rename_all = "kebab-case")]
pub enum Opened {
    Document { view: Box<DocumentView> },
    Choose { project: ProjectInfo },
}

/// A resource of the template a placeholder names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct ResourceRef {
    pub id: String,
    pub resource_type: String,
    /// The declaring file's name and the 1-based line ("template.yaml", 42).
    pub file: String,
    pub line: u32,
}

/// Where a placeholder's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename_all = "kebab-case")]
pub enum OriginKind {
    /// Nothing gives it a value: the run panel asks.
    None,
    Given,
    Pseudo,
    Template,
    Parameter,
}

/// One `${Name}` placeholder of the definition and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SubstitutionRow {
    pub name: String,
    /// The value a run uses unless the user gives another; `null` when nothing gives one.
    pub value: Option<String>,
    pub origin: OriginKind,
    /// The template's expression (`!GetAtt ProcessFunction.Arn`), or the parameter's name.
    pub expression: Option<String>,
    pub resource: Option<ResourceRef>,
    /// Where the definition uses it (JSON Pointers); empty when declared but not used.
    pub pointers: Vec<String>,
    /// It stands alone in a field that takes a number: its value must be a number.
    pub numeric: bool,
}

fn file_label(project_dir: &Path, file: &Path) -> String {
    file.strip_prefix(project_dir)
        .unwrap_or(file)
        .display()
        .to_string()
}

fn machine_type(t: &str) -> String {
    match t.to_ascii_uppercase().as_str() {
        "STANDARD" => "Standard".into(),
        "EXPRESS" => "Express".into(),
        _ => t.to_string(),
    }
}

fn location(dir: &Path, source: &Source) -> String {
    match source {
        Source::File { path } => file_label(dir, path),
        Source::Inline { template, .. } => format!("inline in {}", file_label(dir, template)),
        Source::Text { template, sub, .. } => format!(
            "{} in {}",
            if *sub {
                "DefinitionString (Fn::Sub)"
            } else {
                "DefinitionString"
            },
            file_label(dir, template)
        ),
        Source::Composed { .. } => "put together in the project".into(),
        Source::ReadOnly { definition, .. } => location(dir, definition),
        Source::Remote { location, .. } => location.clone(),
        Source::Missing { .. } => "no definition".into(),
    }
}

impl MachineInfo {
    pub fn new(project: &Project, m: &Machine) -> MachineInfo {
        let dir = project.dir();
        let unavailable = match &m.source {
            Source::Remote { .. } | Source::Missing { .. } => {
                m.definition().err().map(|e| e.to_string())
            }
            _ => None,
        };
        MachineInfo {
            id: m.id.clone(),
            name: m.name.clone(),
            machine_type: m.machine_type.as_deref().map(machine_type),
            resource_type: m.resource_type.clone(),
            location: location(dir, &m.source),
            file: file_label(dir, &m.file),
            line: u32::try_from(m.line).unwrap_or(0),
            read_only: m.source.read_only_reason().map(str::to_string),
            unavailable,
        }
    }
}

impl ProjectInfo {
    pub fn new(project: &Project) -> ProjectInfo {
        ProjectInfo {
            path: project.path.display().to_string(),
            file_name: crate::ipc::file_name(&project.path),
            kind: project.kind.label().to_string(),
            machines: project
                .machines
                .iter()
                .map(|m| MachineInfo::new(project, m))
                .collect(),
        }
    }
}

/// The placeholders of `definition`, with what `subs` says of each, in order of first use,
/// then those declared and not used.
pub fn rows(definition: &Value, subs: &Substitutions) -> Vec<SubstitutionRow> {
    let used = subst::find(definition);
    if used.is_empty() && subs.is_empty() {
        return Vec::new();
    }
    let numeric = subst::apply(definition, &Substitutions::default()).unresolved_numbers;
    let mut out: Vec<SubstitutionRow> = used
        .iter()
        .map(|p| row(&p.name, p.pointers.clone(), subs))
        .collect();
    for name in subs.0.keys() {
        if !used.iter().any(|p| &p.name == name) {
            out.push(row(name, Vec::new(), subs));
        }
    }
    for r in &mut out {
        r.numeric = numeric.iter().any(|p| p.name == r.name);
    }
    out
}

fn row(name: &str, pointers: Vec<String>, subs: &Substitutions) -> SubstitutionRow {
    let binding = subs.get(name);
    let (origin, expression, resource) = match binding.map(|b| &b.origin) {
        None if subst::pseudo(name).is_some() => (OriginKind::Pseudo, None, None),
        None => (OriginKind::None, None, None),
        Some(Origin::Given) => (OriginKind::Given, None, None),
        Some(Origin::Pseudo) => (OriginKind::Pseudo, None, None),
        Some(Origin::Parameter { name }) => (OriginKind::Parameter, Some(name.clone()), None),
        Some(Origin::Template {
            expression,
            resource,
        }) => (
            OriginKind::Template,
            Some(expression.clone()),
            resource.as_ref().map(|r| ResourceRef {
                id: r.id.clone(),
                resource_type: r.resource_type.clone(),
                file: crate::ipc::file_name(Path::new(&r.file)),
                line: u32::try_from(r.line).unwrap_or(0),
            }),
        ),
    };
    SubstitutionRow {
        name: name.to_string(),
        value: subs.value(name).map(str::to_string),
        origin,
        expression,
        resource,
        pointers,
        numeric: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use stepwise_project::subst::{Binding, ResourceLink};

    #[test]
    fn rows_say_what_each_placeholder_stands_for_and_where_it_is_used() {
        let def = json!({"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "${FnArn}", "Next": "W"},
            "W": {"Type": "Wait", "Seconds": "${Delay}", "End": true}}});
        let mut subs = Substitutions::default();
        subs.insert(
            "FnArn",
            Binding {
                value: Some("arn:aws:lambda:us-east-1:123456789012:function:Fn".into()),
                origin: Origin::Template {
                    expression: "!GetAtt Fn.Arn".into(),
                    resource: Some(ResourceLink {
                        id: "Fn".into(),
                        resource_type: "AWS::Serverless::Function".into(),
                        file: "/p/template.yaml".into(),
                        line: 42,
                    }),
                },
            },
        );
        subs.insert(
            "Unused",
            Binding {
                value: Some("x".into()),
                origin: Origin::Given,
            },
        );
        let rows = rows(&def, &subs);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["FnArn", "Delay", "Unused"]);
        assert_eq!(rows[0].pointers, ["/States/A/Resource"]);
        assert_eq!(rows[0].origin, OriginKind::Template);
        assert_eq!(rows[0].expression.as_deref(), Some("!GetAtt Fn.Arn"));
        let r = rows[0].resource.as_ref().expect("resource");
        assert_eq!((r.file.as_str(), r.line), ("template.yaml", 42));
        assert!(!rows[0].numeric);
        assert_eq!(rows[1].origin, OriginKind::None);
        assert_eq!(rows[1].value, None);
        assert!(rows[1].numeric, "Seconds takes a number");
        assert!(rows[2].pointers.is_empty());
    }

    #[test]
    fn a_pseudo_parameter_has_the_local_runs_value() {
        let def = json!({"Comment": "${AWS::Region}"});
        let rows = rows(&def, &Substitutions::default());
        assert_eq!(rows[0].origin, OriginKind::Pseudo);
        assert_eq!(rows[0].value.as_deref(), Some("us-east-1"));
    }
}
