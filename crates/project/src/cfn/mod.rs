//! SAM and CloudFormation templates (and the CDK's synthesized ones): their state machines,
//! where each one's definition is, and what its placeholders stand for.

pub mod read;
pub mod resolve;

use crate::subst::{Binding, Substitutions};
use crate::{Machine, Project, ProjectError, ProjectKind, Source};
use read::Template;
use resolve::Scope;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

const MACHINE_TYPES: &[&str] = &[
    "AWS::Serverless::StateMachine",
    "AWS::StepFunctions::StateMachine",
];

/// Whether a parsed file is a template (it has `Resources`), and which kind.
pub fn kind_of(path: &Path, t: &Template) -> Option<ProjectKind> {
    // A skeleton template (`Resources:` with nothing under it) is still a template.
    let empty = Map::new();
    let resources = match t.value.get("Resources")? {
        Value::Object(m) => m,
        Value::Null => &empty,
        _ => return None,
    };
    let cdk = path.components().any(|c| c.as_os_str() == "cdk.out")
        || resources
            .values()
            .any(|r| r.pointer("/Metadata/aws:cdk:path").is_some());
    let sam = match t.value.get("Transform") {
        Some(Value::String(s)) => s.starts_with("AWS::Serverless"),
        Some(Value::Array(a)) => a
            .iter()
            .any(|x| x.as_str().is_some_and(|s| s.starts_with("AWS::Serverless"))),
        _ => false,
    };
    Some(if cdk {
        ProjectKind::Cdk
    } else if sam {
        ProjectKind::Sam
    } else {
        ProjectKind::CloudFormation
    })
}

/// Opens a template's state machines.
pub fn open(path: &Path, t: Template, kind: ProjectKind) -> Result<Project, ProjectError> {
    let empty = Map::new();
    let resources = t
        .value
        .get("Resources")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let parameters = t
        .value
        .get("Parameters")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let file = path.display().to_string();
    let line_of = |id: &str| t.line_of(id);
    let scope = Scope {
        resources,
        parameters,
        file: &file,
        line_of: &line_of,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut machines = Vec::new();
    for (id, r) in resources {
        let Some(ty) = r.get("Type").and_then(Value::as_str) else {
            continue;
        };
        if !MACHINE_TYPES.contains(&ty) {
            continue;
        }
        let props = r
            .get("Properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let base = format!("/Resources/{}/Properties", crate::escape(id));
        let mut subs = Substitutions::default();
        if let Some(Value::Object(given)) = props.get("DefinitionSubstitutions") {
            for (name, expr) in given {
                subs.insert(name.clone(), scope.binding(expr));
            }
        }
        let source = source_of(&scope, props, &base, dir, &t, &mut subs);
        let source = match (kind, source) {
            (ProjectKind::Cdk, Source::File { path })
            | (ProjectKind::Cdk, Source::Inline { template: path, .. }) => Source::ReadOnly {
                reason: cdk_reason(),
                definition: Box::new(Source::File { path }),
            },
            (ProjectKind::Cdk, s @ (Source::Text { .. } | Source::Composed { .. })) => {
                Source::ReadOnly {
                    reason: cdk_reason(),
                    definition: Box::new(s),
                }
            }
            (_, s) => s,
        };
        let name = props
            .get("Name")
            .or_else(|| props.get("StateMachineName"))
            .and_then(|n| scope.value(n, 0));
        let machine_type = props
            .get("Type")
            .or_else(|| props.get("StateMachineType"))
            .and_then(Value::as_str)
            .map(str::to_string);
        machines.push(Machine {
            id: id.clone(),
            name,
            machine_type,
            resource_type: ty.to_string(),
            file: path.to_path_buf(),
            line: t.line_of(id),
            source,
            substitutions: subs,
        });
    }
    Ok(Project {
        path: path.to_path_buf(),
        kind,
        machines,
    })
}

fn cdk_reason() -> String {
    "this template was synthesized by the CDK: the definition comes from code; change the code and run `cdk synth`".into()
}

fn source_of(
    scope: &Scope,
    props: &Map<String, Value>,
    base: &str,
    dir: &Path,
    t: &Template,
    subs: &mut Substitutions,
) -> Source {
    if let Some(def) = props.get("Definition") {
        let mut intrinsics = Vec::new();
        let value =
            placeholders_for_intrinsics(scope, def, &mut String::new(), &mut intrinsics, subs);
        return Source::Inline {
            template: scope.file.into(),
            pointer: format!("{base}/Definition"),
            value,
            intrinsics,
            format: t.format,
        };
    }
    if let Some(uri) = props.get("DefinitionUri") {
        return match uri {
            Value::String(s) if !s.starts_with("s3://") => Source::File { path: dir.join(s) },
            other => remote(other, dir),
        };
    }
    if let Some(loc) = props.get("DefinitionS3Location") {
        return remote(loc, dir);
    }
    if let Some(ds) = props.get("DefinitionString") {
        let ptr = format!("{base}/DefinitionString");
        return match ds {
            Value::String(s) => Source::Text {
                template: scope.file.into(),
                pointer: ptr,
                text: s.clone(),
                sub: false,
            },
            Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Sub") => {
                let (text, vars) = match &m["Fn::Sub"] {
                    Value::String(s) => (s.clone(), None),
                    Value::Array(a) => (
                        a.first()
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        a.get(1).and_then(Value::as_object),
                    ),
                    _ => (String::new(), None),
                };
                for name in crate::subst::names(&text) {
                    let binding = match vars.and_then(|v| v.get(name)) {
                        Some(e) => scope.binding(e),
                        None => sub_binding(scope, name),
                    };
                    if !subs.0.contains_key(name) {
                        subs.insert(name.to_string(), binding);
                    }
                }
                Source::Text {
                    template: scope.file.into(),
                    pointer: ptr,
                    text,
                    sub: true,
                }
            }
            other => {
                let mut text = String::new();
                join_text(scope, other, &mut text, subs);
                Source::Composed {
                    text,
                    reason: "the definition is put together in the template with Fn::Join; edit it there".into(),
                }
            }
        };
    }
    Source::Missing {
        reason: "the resource has no Definition, DefinitionUri, DefinitionString or DefinitionS3Location".into(),
    }
}

/// What `${Name}` in an `Fn::Sub` text stands for with no variable map: a parameter, a
/// resource (`Ref`) or one of its attributes (`Name.Attr`).
fn sub_binding(scope: &Scope, name: &str) -> Binding {
    let expr = match name.split_once('.') {
        Some((id, attr)) if !name.starts_with("AWS::") => {
            serde_json::json!({"Fn::GetAtt": [id, attr]})
        }
        _ => serde_json::json!({"Ref": name}),
    };
    scope.binding(&expr)
}

fn remote(loc: &Value, dir: &Path) -> Source {
    let location = match loc {
        Value::String(s) => s.clone(),
        Value::Object(m) => format!(
            "s3://{}/{}",
            m.get("Bucket").and_then(Value::as_str).unwrap_or("?"),
            m.get("Key").and_then(Value::as_str).unwrap_or("?")
        ),
        other => other.to_string(),
    };
    Source::Remote {
        location,
        candidates: crate::local_candidates(dir),
    }
}

/// An intrinsic inside an inline `Definition` becomes a placeholder string the editor and
/// the validator understand; `intrinsics` keeps what to write back where it is unchanged.
fn placeholders_for_intrinsics(
    scope: &Scope,
    v: &Value,
    ptr: &mut String,
    intrinsics: &mut Vec<(String, String)>,
    subs: &mut Substitutions,
) -> Value {
    match v {
        Value::Object(m) if is_intrinsic(m) => {
            let (k, arg) = m.iter().next().expect("one key");
            let text = match (k.as_str(), arg) {
                ("Ref", Value::String(id)) => {
                    subs.0.entry(id.clone()).or_insert_with(|| scope.binding(v));
                    format!("${{{id}}}")
                }
                ("Fn::GetAtt", Value::Array(a)) => {
                    let name = a
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(".");
                    subs.0
                        .entry(name.clone())
                        .or_insert_with(|| scope.binding(v));
                    format!("${{{name}}}")
                }
                ("Fn::Sub", Value::String(s)) => {
                    for name in crate::subst::names(s) {
                        if !subs.0.contains_key(name) {
                            subs.insert(name.to_string(), sub_binding(scope, name));
                        }
                    }
                    s.clone()
                }
                _ => {
                    let name = format!("{}.{}", k, intrinsics.len() + 1);
                    subs.0
                        .entry(name.clone())
                        .or_insert_with(|| scope.binding(v));
                    format!("${{{name}}}")
                }
            };
            intrinsics.push((ptr.clone(), text.clone()));
            Value::String(text)
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let r = crate::subst::with_token(ptr, k, |ptr| {
                        placeholders_for_intrinsics(scope, x, ptr, intrinsics, subs)
                    });
                    (k.clone(), r)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, x)| {
                    crate::subst::with_token(ptr, &i.to_string(), |ptr| {
                        placeholders_for_intrinsics(scope, x, ptr, intrinsics, subs)
                    })
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn is_intrinsic(m: &Map<String, Value>) -> bool {
    m.len() == 1
        && m.keys()
            .next()
            .is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

/// The text of an `Fn::Join` (or other expression) building a definition string, with each
/// intrinsic part as a placeholder.
fn join_text(scope: &Scope, v: &Value, out: &mut String, subs: &mut Substitutions) {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Join") => {
            let a = m["Fn::Join"].as_array();
            let sep = a
                .and_then(|a| a.first())
                .and_then(Value::as_str)
                .unwrap_or("");
            let parts = a.and_then(|a| a.get(1)).and_then(Value::as_array);
            for (i, p) in parts.into_iter().flatten().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                join_text(scope, p, out, subs);
            }
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Sub") => {
            if let Some(s) = m["Fn::Sub"].as_str().or_else(|| {
                m["Fn::Sub"]
                    .as_array()
                    .and_then(|a| a.first())
                    .and_then(Value::as_str)
            }) {
                for name in crate::subst::names(s) {
                    if !subs.0.contains_key(name) {
                        subs.insert(name.to_string(), sub_binding(scope, name));
                    }
                }
                out.push_str(s);
            }
        }
        other => {
            let mut ignored = Vec::new();
            if let Value::String(s) =
                placeholders_for_intrinsics(scope, other, &mut String::new(), &mut ignored, subs)
            {
                out.push_str(&s);
            }
        }
    }
}

/// Where a template file of this directory is, if there is one.
pub fn template_in(dir: &Path) -> Option<PathBuf> {
    ["template.yaml", "template.yml", "template.json"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}
