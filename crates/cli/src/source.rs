//! Where a command's definition comes from: a definition file, or a state machine of a SAM /
//! CloudFormation template, a Terraform configuration or a CDK output; with its `${...}`
//! placeholders replaced by what the project, `--sub` and `--subs` give them.

use std::path::{Path, PathBuf};
use stepwise_asl::{Diagnostic, Document, LoadError};
use stepwise_project::subst::{self, Substitutions};
use stepwise_project::{Project, ProjectError, Source};

/// The options every command that reads a definition shares.
#[derive(clap::Args, Clone, Default)]
pub struct SourceArgs {
    /// Give a `${Name}` placeholder a value (repeatable); wins over the template's
    #[arg(long = "sub", value_name = "NAME=VALUE")]
    pub sub: Vec<String>,
    /// A file of placeholder values: a JSON or YAML object, or NAME=VALUE lines
    #[arg(long = "subs", value_name = "FILE")]
    pub subs: Option<PathBuf>,
    /// In a template or Terraform configuration: the state machine (logical id, Terraform
    /// resource name or deployed name); default: the only one, or all for validate
    #[arg(long, value_name = "ID")]
    pub machine: Option<String>,
}

/// A definition read and substituted, and how to name where its problems are.
pub struct Loaded {
    /// `statemachine/x.asl.json`, or `template.yaml` for a definition inside the template.
    pub label: String,
    /// Put before a problem's pointer: the definition's place in the template
    /// (`/Resources/M/Properties/Definition`); empty for a file of its own.
    pub prefix: String,
    /// The machine's id when the definition came from a project.
    pub machine: Option<String>,
    pub doc: Document,
    pub applied: subst::Applied,
}

impl Loaded {
    /// A problem as every command prints it, with the pointer into the file it is in.
    pub fn problem_line(&self, d: &Diagnostic) -> String {
        let mut d = d.clone();
        if !self.prefix.is_empty() {
            d.pointer = format!("{}{}", self.prefix, d.pointer);
        }
        crate::problem_line(&self.label, &d)
    }

    /// Where placeholders nothing gave a value are used, one line each.
    pub fn unresolved_lines(&self) -> Vec<String> {
        self.applied
            .unresolved
            .iter()
            .map(|p| {
                format!(
                    "{}: ${{{}}} has no value (used at {}); give it with --sub {}=...",
                    self.label,
                    p.name,
                    p.pointers.join(", "),
                    p.name
                )
            })
            .collect()
    }
}

/// Why a definition could not be read.
pub enum LoadFailure {
    /// The file is not JSON/YAML: reported as a problem of the file, as `validate` does.
    Parse {
        label: String,
        diagnostic: Diagnostic,
    },
    Other(String),
}

impl From<ProjectError> for LoadFailure {
    fn from(e: ProjectError) -> Self {
        LoadFailure::Other(e.to_string())
    }
}

impl LoadFailure {
    pub fn message(&self) -> String {
        match self {
            LoadFailure::Parse { label, diagnostic } => crate::problem_line(label, diagnostic),
            LoadFailure::Other(m) => m.clone(),
        }
    }
}

impl SourceArgs {
    /// The user's values, from `--subs` then each `--sub`.
    pub fn given(&self) -> Result<Substitutions, LoadFailure> {
        let mut subs = match &self.subs {
            Some(p) => subst::read_file(p).map_err(|e| LoadFailure::Other(e.to_string()))?,
            None => Substitutions::default(),
        };
        for pair in &self.sub {
            let (k, v) = subst::parse_pair(pair).map_err(|e| LoadFailure::Other(e.to_string()))?;
            subs.give(k, v);
        }
        Ok(subs)
    }

    /// Every definition `file` names: one for a definition file, the chosen machine (or, with
    /// `all`, every machine) of a project.
    pub fn load(&self, file: &Path, all: bool) -> Result<Vec<Loaded>, LoadFailure> {
        let given = self.given()?;
        if !Project::is_project(file) {
            if self.machine.is_some() {
                return Err(LoadFailure::Other(format!(
                    "{}: --machine needs a template or Terraform configuration",
                    file.display()
                )));
            }
            return Ok(vec![load_file(file, None, &given)?]);
        }
        let project = Project::open(file)?;
        let machines: Vec<_> = match (&self.machine, all) {
            (None, true) => project.machines.iter().collect(),
            (id, _) => vec![project.machine(id.as_deref())?],
        };
        if machines.is_empty() {
            // A machine defined in code (a CDK app before `cdk synth`): its ASL files are
            // what there is to check.
            let loose = project.loose_files();
            if loose.is_empty() || !all {
                return Err(LoadFailure::Other(format!(
                    "{}: the {} declares no state machine{}",
                    file.display(),
                    project.kind.label(),
                    list_of(", its ASL files: ", &loose)
                )));
            }
            eprintln!(
                "stepwise: note: {}: the {} declares no state machine; checking its ASL files",
                file.display(),
                project.kind.label()
            );
            return loose.iter().map(|f| load_file(f, None, &given)).collect();
        }
        let mut out = Vec::new();
        for m in machines {
            // Kept in S3: the project's own ASL file stands in when it is the only one (or,
            // for validate, each of them).
            if let Source::Remote {
                location,
                candidates,
            } = &m.source
            {
                if candidates.len() == 1 || (all && !candidates.is_empty()) {
                    eprintln!(
                        "stepwise: note: {}: the definition is at {location}; using {}",
                        m.id,
                        candidates
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    let mut subs = m.substitutions.clone();
                    subs.overlay(&given);
                    for c in candidates {
                        out.push(load_file(c, Some(m.id.clone()), &subs)?);
                    }
                    continue;
                }
            }
            let def = m.definition()?;
            let (label, prefix) = match &m.source {
                Source::Inline { pointer, .. } => (def.path.display().to_string(), pointer.clone()),
                Source::Text { .. } | Source::Composed { .. } => {
                    (format!("{} ({})", def.path.display(), m.id), String::new())
                }
                _ => (def.path.display().to_string(), String::new()),
            };
            let doc = Document::parse(def.text.as_bytes(), Some(def.format)).map_err(|e| {
                LoadFailure::Parse {
                    label: label.clone(),
                    diagnostic: Diagnostic::from(&e),
                }
            })?;
            let mut subs = m.substitutions.clone();
            subs.overlay(&given);
            out.push(substituted(label, prefix, Some(m.id.clone()), doc, &subs));
        }
        Ok(out)
    }
}

fn list_of(lead: &str, files: &[PathBuf]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    format!("{lead}{}", names.join(", "))
}

/// A definition file of its own, substituted.
fn load_file(
    file: &Path,
    machine: Option<String>,
    subs: &Substitutions,
) -> Result<Loaded, LoadFailure> {
    let doc = Document::load(file).map_err(|e| match e {
        LoadError::Parse { source, .. } => LoadFailure::Parse {
            label: file.display().to_string(),
            diagnostic: Diagnostic::from(&source),
        },
        other => LoadFailure::Other(other.to_string()),
    })?;
    Ok(substituted(
        file.display().to_string(),
        String::new(),
        machine,
        doc,
        subs,
    ))
}

fn substituted(
    label: String,
    prefix: String,
    machine: Option<String>,
    doc: Document,
    subs: &Substitutions,
) -> Loaded {
    let applied = subst::apply(&doc.value, subs);
    let doc = if applied.definition == doc.value {
        doc
    } else {
        let len = serde_json::to_vec(&applied.definition).map_or(0, |v| v.len());
        Document::from_value(applied.definition.clone(), doc.format, len)
    };
    Loaded {
        label,
        prefix,
        machine,
        doc,
        applied,
    }
}
