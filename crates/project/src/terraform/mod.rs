//! Terraform: the `aws_sfn_state_machine` resources of a configuration (every `.tf` file of
//! one directory) and where their `definition` comes from: `templatefile("x.json", {...})`
//! (its variables are the placeholders), `file(...)`, a `data "template_file"`'s
//! `rendered`, a `local`, or `jsonencode({...})` / a heredoc written in the `.tf` itself
//! (opened read-only: the definition is HCL there, not ASL text).

use crate::aws::{ACCOUNT, REGION};
use crate::subst::{Binding, Origin, ResourceLink, Substitutions};
use crate::{Machine, Project, ProjectError, ProjectKind, Source};
mod shape;

use hcl::{Block, Body, Expression, ObjectKey, TemplateExpr, TraversalOperator};
use shape::shape;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether a directory holds `.tf` files.
pub fn has_tf(dir: &Path) -> bool {
    tf_files(dir).is_ok_and(|f| !f.is_empty())
}

fn tf_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file())
        .collect();
    out.sort();
    Ok(out)
}

fn tfvars_files(dir: &Path) -> Vec<PathBuf> {
    let mut auto: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".auto.tfvars"))
        })
        .collect();
    auto.sort();
    let main = dir.join("terraform.tfvars");
    main.is_file()
        .then_some(main)
        .into_iter()
        .chain(auto)
        .collect()
}

/// One configuration's blocks, by what they declare.
struct Config {
    dir: PathBuf,
    locals: HashMap<String, Expression>,
    variables: HashMap<String, Option<Expression>>,
    /// `(type, name)` → (block, file, line), for `resource` and `data` blocks.
    resources: HashMap<(String, String), (Block, PathBuf, usize)>,
    data: HashMap<(String, String), Block>,
    machines: Vec<(String, Block, PathBuf, usize)>,
}

pub fn open(dir: &Path) -> Result<Project, ProjectError> {
    let files = tf_files(dir).map_err(|e| ProjectError::io(dir, e))?;
    if files.is_empty() {
        return Err(ProjectError::NotAProject(dir.display().to_string()));
    }
    let mut c = Config {
        dir: dir.to_path_buf(),
        locals: HashMap::new(),
        variables: HashMap::new(),
        resources: HashMap::new(),
        data: HashMap::new(),
        machines: Vec::new(),
    };
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| ProjectError::io(f, e))?;
        let body: Body = hcl::parse(&text).map_err(|e| ProjectError::Terraform {
            file: f.display().to_string(),
            reason: e.to_string(),
        })?;
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels().iter().map(|l| l.as_str()).collect();
            match (block.identifier(), labels.as_slice()) {
                ("locals", _) => {
                    for a in block.body().attributes() {
                        c.locals.insert(a.key().to_string(), a.expr().clone());
                    }
                }
                ("variable", [name]) => {
                    let default = block
                        .body()
                        .attributes()
                        .find(|a| a.key() == "default")
                        .map(|a| a.expr().clone());
                    c.variables.insert(name.to_string(), default);
                }
                ("resource", [ty, name]) => {
                    let line = line_of(&text, &format!("resource \"{ty}\" \"{name}\""));
                    if *ty == "aws_sfn_state_machine" {
                        c.machines.push((
                            format!("aws_sfn_state_machine.{name}"),
                            block.clone(),
                            f.clone(),
                            line,
                        ));
                    }
                    c.resources.insert(
                        (ty.to_string(), name.to_string()),
                        (block.clone(), f.clone(), line),
                    );
                }
                // A module made for state machines (terraform-aws-modules/step-functions)
                // takes the same `definition`.
                ("module", [name])
                    if attr(block, "definition").is_some()
                        && attr(block, "source")
                            .and_then(|e| match e {
                                Expression::String(s) => {
                                    Some(s.contains("step-function") || s.contains("sfn"))
                                }
                                _ => None,
                            })
                            .unwrap_or(false) =>
                {
                    let line = line_of(&text, &format!("module \"{name}\""));
                    c.machines
                        .push((format!("module.{name}"), block.clone(), f.clone(), line));
                }
                ("data", [ty, name]) => {
                    c.data
                        .insert((ty.to_string(), name.to_string()), block.clone());
                }
                _ => {}
            }
        }
    }
    // Values given to variables the way `terraform plan` reads them without -var flags:
    // terraform.tfvars, then *.auto.tfvars in name order, each overriding the defaults.
    for f in tfvars_files(dir) {
        let text = std::fs::read_to_string(&f).map_err(|e| ProjectError::io(&f, e))?;
        let body: Body = hcl::parse(&text).map_err(|e| ProjectError::Terraform {
            file: f.display().to_string(),
            reason: e.to_string(),
        })?;
        for a in body.attributes() {
            c.variables
                .insert(a.key().to_string(), Some(a.expr().clone()));
        }
    }
    let machines = c
        .machines
        .iter()
        .map(|(name, block, file, line)| c.machine(name, block, file, *line))
        .collect();
    Ok(Project {
        path: dir.to_path_buf(),
        kind: ProjectKind::Terraform,
        machines,
    })
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .map_or(0, |i| i + 1)
}

fn attr<'a>(block: &'a Block, key: &str) -> Option<&'a Expression> {
    block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| a.expr())
}

impl Config {
    fn machine(&self, name: &str, block: &Block, file: &Path, line: usize) -> Machine {
        let mut subs = Substitutions::default();
        let source = match attr(block, "definition") {
            Some(e) => self.source(e, &mut subs, 0),
            None => Source::Missing {
                reason: "the resource has no definition".into(),
            },
        };
        Machine {
            id: name.to_string(),
            name: attr(block, "name").and_then(|e| self.text(e, 0)),
            machine_type: attr(block, "type")
                .and_then(|e| self.text(e, 0))
                .map(|t| t.to_ascii_uppercase()),
            resource_type: name.split('.').next().unwrap_or_default().to_string(),
            file: file.to_path_buf(),
            line,
            source,
            substitutions: subs,
        }
    }

    fn source(&self, e: &Expression, subs: &mut Substitutions, depth: usize) -> Source {
        if depth > 16 {
            return missing("the definition's references go too deep");
        }
        match e {
            Expression::FuncCall(f) => match (f.name.name.as_str(), f.args.as_slice()) {
                ("templatefile", [path, vars, ..]) => {
                    self.vars(vars, subs);
                    self.file_source(path)
                }
                ("file", [path]) => self.file_source(path),
                ("jsonencode", [value]) => Source::Composed {
                    text: serde_json::to_string_pretty(&self.json(value, subs))
                        .unwrap_or_default(),
                    reason: "the definition is written in HCL with jsonencode(); edit it in the .tf file (an exact ASL edit of HCL is not possible)".into(),
                },
                (other, _) => missing(&format!(
                    "the definition is computed by {other}(), which Stepwise does not evaluate"
                )),
            },
            Expression::Traversal(t) => {
                let path = traversal_path(t);
                match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                    ["local", name, ..] => match self.locals.get(*name) {
                        Some(e) => self.source(e, subs, depth + 1),
                        None => missing(&format!("local.{name} is not declared")),
                    },
                    ["data", "template_file", name, "rendered"] => {
                        match self.data.get(&("template_file".to_string(), name.to_string())) {
                            Some(b) => {
                                if let Some(v) = attr(b, "vars") {
                                    self.vars(v, subs);
                                }
                                match attr(b, "template") {
                                    Some(t) => self.source(t, subs, depth + 1),
                                    None => missing("the template_file has no template"),
                                }
                            }
                            None => missing(&format!("data.template_file.{name} is not declared")),
                        }
                    }
                    _ => missing(&format!(
                        "the definition is {}, which Stepwise does not follow",
                        path.join(".")
                    )),
                }
            }
            Expression::TemplateExpr(t) => {
                let raw = match t.as_ref() {
                    TemplateExpr::QuotedString(s) => s.clone(),
                    TemplateExpr::Heredoc(h) => h.template.clone(),
                };
                for n in crate::subst::names(&raw).map(str::to_string).collect::<Vec<_>>() {
                    if !subs.0.contains_key(&n) {
                        let b = self.binding_of_name(&n);
                        subs.insert(n, b);
                    }
                }
                Source::Composed {
                    text: raw,
                    reason: "the definition is written inline in the .tf file; edit it there".into(),
                }
            }
            Expression::String(s) => Source::Composed {
                text: s.clone(),
                reason: "the definition is written inline in the .tf file; edit it there".into(),
            },
            _ => missing("the definition is an expression Stepwise does not evaluate"),
        }
    }

    fn file_source(&self, path: &Expression) -> Source {
        match self.text(path, 0) {
            Some(p) if !p.contains("${") => Source::File {
                path: self.dir.join(p.strip_prefix("./").unwrap_or(&p)),
            },
            Some(p) => missing(&format!("the definition's path {p:?} cannot be resolved")),
            None => missing("the definition's path cannot be resolved"),
        }
    }

    fn vars(&self, vars: &Expression, subs: &mut Substitutions) {
        if let Expression::Object(o) = vars {
            for (k, v) in o {
                let key = match k {
                    ObjectKey::Identifier(i) => i.to_string(),
                    ObjectKey::Expression(e) => match self.text(e, 0) {
                        Some(s) => s,
                        None => continue,
                    },
                    _ => continue,
                };
                subs.insert(key, self.binding(v));
            }
        }
    }

    /// What a templatefile variable stands for.
    fn binding(&self, e: &Expression) -> Binding {
        let value = self.text(e, 0);
        let origin = match e {
            Expression::Traversal(t) => {
                let path = traversal_path(t);
                match path.first().map(String::as_str) {
                    Some("var") => Origin::Parameter {
                        name: path.get(1).cloned().unwrap_or_default(),
                    },
                    _ => Origin::Template {
                        expression: path.join("."),
                        resource: self.link(&path),
                    },
                }
            }
            other => Origin::Template {
                expression: show(other),
                resource: None,
            },
        };
        Binding { value, origin }
    }

    fn binding_of_name(&self, name: &str) -> Binding {
        let path: Vec<String> = name.split('.').map(str::to_string).collect();
        Binding {
            value: self.traversal_value(&path, 0),
            origin: Origin::Template {
                expression: name.to_string(),
                resource: self.link(&path),
            },
        }
    }

    fn link(&self, path: &[String]) -> Option<ResourceLink> {
        let (ty, name) = (path.first()?, path.get(1)?);
        let (_, file, line) = self.resources.get(&(ty.clone(), name.clone()))?;
        Some(ResourceLink {
            id: format!("{ty}.{name}"),
            resource_type: ty.clone(),
            file: file.display().to_string(),
            line: *line,
        })
    }

    /// The text an expression gives in a local run, or `None` when it cannot be known.
    fn text(&self, e: &Expression, depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        match e {
            Expression::String(s) => Some(s.clone()),
            Expression::Number(n) => Some(n.to_string()),
            Expression::Bool(b) => Some(b.to_string()),
            Expression::TemplateExpr(t) => {
                let raw = match t.as_ref() {
                    TemplateExpr::QuotedString(s) => s.clone(),
                    TemplateExpr::Heredoc(h) => h.template.clone(),
                };
                Some(crate::subst::render(&raw, |n| {
                    let path: Vec<String> = n.split('.').map(str::to_string).collect();
                    self.traversal_value(&path, depth + 1)
                }))
            }
            Expression::Traversal(t) => self.traversal_value(&traversal_path(t), depth + 1),
            Expression::Parenthesis(e) => self.text(e, depth + 1),
            _ => None,
        }
    }

    fn traversal_value(&self, path: &[String], depth: usize) -> Option<String> {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        match p.as_slice() {
            ["path", "module" | "root" | "cwd"] => Some(".".into()),
            ["var", name, ..] => self
                .variables
                .get(*name)?
                .as_ref()
                .and_then(|e| self.text(e, depth + 1)),
            ["local", name, ..] => self.text(self.locals.get(*name)?, depth + 1),
            ["data", "aws_region", _, "name" | "id" | "region"] => Some(REGION.into()),
            ["data", "aws_caller_identity", _, "account_id"] => Some(ACCOUNT.into()),
            ["data", "aws_partition", _, "partition" | "id"] => Some("aws".into()),
            ["data", "aws_partition", _, "dns_suffix"] => Some("amazonaws.com".into()),
            [ty, name, attr_name] if ty.starts_with("aws_") => {
                let (block, _, _) = self.resources.get(&(ty.to_string(), name.to_string()))?;
                Some(shape(ty, &self.name_of(block, name, depth), attr_name))
            }
            _ => None,
        }
    }

    fn name_of(&self, block: &Block, fallback: &str, depth: usize) -> String {
        ["function_name", "name", "bucket", "name_prefix"]
            .iter()
            .find_map(|k| attr(block, k).and_then(|e| self.text(e, depth + 1)))
            .filter(|n| !n.contains("${"))
            .unwrap_or_else(|| fallback.to_string())
    }

    /// An HCL value as JSON; references become placeholders.
    fn json(&self, e: &Expression, subs: &mut Substitutions) -> serde_json::Value {
        use serde_json::Value;
        match e {
            Expression::Null => Value::Null,
            Expression::Bool(b) => Value::Bool(*b),
            Expression::Number(n) => serde_json::to_value(n).unwrap_or(Value::Null),
            Expression::String(s) => Value::String(s.clone()),
            Expression::Array(a) => Value::Array(a.iter().map(|x| self.json(x, subs)).collect()),
            Expression::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            ObjectKey::Identifier(i) => i.to_string(),
                            ObjectKey::Expression(e) => self.text(e, 0).unwrap_or_else(|| show(e)),
                            _ => String::new(),
                        };
                        (key, self.json(v, subs))
                    })
                    .collect(),
            ),
            Expression::Traversal(t) => {
                let path = traversal_path(t).join(".");
                if !subs.0.contains_key(&path) {
                    subs.insert(path.clone(), self.binding(e));
                }
                Value::String(format!("${{{path}}}"))
            }
            Expression::TemplateExpr(_) => {
                let raw = match e {
                    Expression::TemplateExpr(t) => match t.as_ref() {
                        TemplateExpr::QuotedString(s) => s.clone(),
                        TemplateExpr::Heredoc(h) => h.template.clone(),
                    },
                    _ => String::new(),
                };
                for n in crate::subst::names(&raw)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
                {
                    if !subs.0.contains_key(&n) {
                        let b = self.binding_of_name(&n);
                        subs.insert(n, b);
                    }
                }
                Value::String(raw)
            }
            other => Value::String(format!("${{{}}}", show(other))),
        }
    }
}

fn missing(reason: &str) -> Source {
    Source::Missing {
        reason: reason.to_string(),
    }
}

fn traversal_path(t: &hcl::Traversal) -> Vec<String> {
    let mut out = match &t.expr {
        Expression::Variable(v) => vec![v.to_string()],
        other => vec![show(other)],
    };
    for op in &t.operators {
        match op {
            TraversalOperator::GetAttr(i) => out.push(i.to_string()),
            TraversalOperator::LegacyIndex(i) => out.push(i.to_string()),
            TraversalOperator::Index(Expression::Number(n)) => out.push(n.to_string()),
            _ => out.push("*".into()),
        }
    }
    out
}

fn show(e: &Expression) -> String {
    hcl::format::to_string(e).unwrap_or_else(|_| "(expression)".into())
}
