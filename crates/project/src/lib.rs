//! Where state machines live: SAM and CloudFormation templates, Terraform configurations and
//! the CDK's synthesized templates; each machine's definition, wherever it is written, and
//! what its `${...}` placeholders stand for.
//!
//! ```no_run
//! use stepwise_project::Project;
//! let project = Project::open(std::path::Path::new("template.yaml")).unwrap();
//! for m in &project.machines {
//!     let def = m.definition().unwrap();
//!     println!("{} ({} placeholders)", m.id, m.substitutions.0.len());
//!     // ... edit def.text, then:
//!     let written = m.save(&def, &def.text).unwrap();
//!     assert_eq!(written.text, std::fs::read_to_string(&written.path).unwrap());
//! }
//! ```
//!
//! Saving writes the definition back where it came from: the referenced file
//! (`DefinitionUri`, `templatefile()`, `file()`), or the template itself, where only the
//! definition's bytes change ([`stepwise_asl::preserve::patch_at`]).

pub mod aws;
pub mod cfn;
pub mod git;
mod save;
pub mod subst;
pub mod terraform;

use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_asl::SourceFormat;
use subst::Substitutions;
use thiserror::Error;

pub use save::Written;

/// What kind of project a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectKind {
    Sam,
    CloudFormation,
    Terraform,
    Cdk,
}

impl ProjectKind {
    pub fn label(self) -> &'static str {
        match self {
            ProjectKind::Sam => "SAM template",
            ProjectKind::CloudFormation => "CloudFormation template",
            ProjectKind::Terraform => "Terraform configuration",
            ProjectKind::Cdk => "CDK synthesized template",
        }
    }
}

/// A project and its state machines.
#[derive(Debug, Clone)]
pub struct Project {
    /// The file (template) or directory (Terraform) opened.
    pub path: PathBuf,
    pub kind: ProjectKind,
    pub machines: Vec<Machine>,
}

/// One state machine a project declares.
#[derive(Debug, Clone)]
pub struct Machine {
    /// The logical id (CloudFormation) or `aws_sfn_state_machine.<name>` (Terraform).
    pub id: String,
    /// The deployed name when the project gives one.
    pub name: Option<String>,
    /// `STANDARD` or `EXPRESS` when given.
    pub machine_type: Option<String>,
    pub resource_type: String,
    /// The file declaring it and the line of the declaration (1-based, 0 if unknown).
    pub file: PathBuf,
    pub line: usize,
    pub source: Source,
    pub substitutions: Substitutions,
}

/// Where a machine's definition is written.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file of its own: `DefinitionUri`, `templatefile()`, `file()`.
    File { path: PathBuf },
    /// An object inside the template (`Definition`), at `pointer`; the intrinsics in it are
    /// placeholders in `value`, written back as they were where unchanged.
    Inline {
        template: PathBuf,
        pointer: String,
        value: Value,
        intrinsics: Vec<(String, String)>,
        format: SourceFormat,
    },
    /// A string of the template (`DefinitionString`, literal or `Fn::Sub`), at `pointer`.
    Text {
        template: PathBuf,
        pointer: String,
        text: String,
        sub: bool,
    },
    /// Text put together from parts (`Fn::Join`, `jsonencode`): opened, never saved.
    Composed { text: String, reason: String },
    /// Any of the above, opened read-only (the CDK's output).
    ReadOnly {
        reason: String,
        definition: Box<Source>,
    },
    /// Elsewhere (S3): `candidates` are the project's ASL files that may be its source.
    Remote {
        location: String,
        candidates: Vec<PathBuf>,
    },
    /// No definition at all.
    Missing { reason: String },
}

impl Source {
    /// Why a definition from here opens read-only, when it does.
    pub fn read_only_reason(&self) -> Option<&str> {
        match self {
            Source::Composed { reason, .. } | Source::ReadOnly { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// A machine's definition as opened: the text an editor shows and how it is saved.
#[derive(Debug, Clone)]
pub struct Definition {
    pub text: String,
    pub format: SourceFormat,
    /// The file the text is saved to: the definition's own file, or the template.
    pub path: PathBuf,
    /// Why it cannot be saved, when it cannot.
    pub read_only: Option<String>,
}

/// Why a project or a definition could not be opened or saved.
#[derive(Debug, Error)]
pub enum ProjectError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
    #[error(
        "{0}: not a SAM or CloudFormation template (no Resources) nor a Terraform configuration"
    )]
    NotAProject(String),
    #[error("{file}: {reason}")]
    Terraform { file: String, reason: String },
    #[error("{machine}: {reason}")]
    NoDefinition { machine: String, reason: String },
    #[error("{machine}: read-only: {reason}")]
    ReadOnly { machine: String, reason: String },
    #[error("{file}{pointer}: {reason}")]
    Save {
        file: String,
        pointer: String,
        reason: String,
    },
    #[error("{0}: no state machine of that name; the project has {1}")]
    NoSuchMachine(String, String),
}

impl ProjectError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        ProjectError::Io {
            file: path.display().to_string(),
            source,
        }
    }
}

impl Project {
    /// Opens a template (`template.yaml`, `*.template.json`), a Terraform file or directory,
    /// or a directory holding one of them. [`ProjectError::NotAProject`] for anything else
    /// (a bare definition, say).
    pub fn open(path: &Path) -> Result<Project, ProjectError> {
        if path.is_dir() {
            if let Some(t) = cfn::template_in(path) {
                return Self::open(&t);
            }
            if terraform::has_tf(path) {
                return terraform::open(path);
            }
            return Err(ProjectError::NotAProject(path.display().to_string()));
        }
        if path.extension().is_some_and(|e| e == "tf") {
            return terraform::open(path.parent().unwrap_or(Path::new(".")));
        }
        let t = cfn::read::Template::read(path)?;
        match cfn::kind_of(path, &t) {
            Some(kind) => cfn::open(path, t, kind),
            None => Err(ProjectError::NotAProject(path.display().to_string())),
        }
    }

    /// Whether `path` looks like a project rather than a bare definition, without reading
    /// more than the file: a `.tf` file, a directory with a template or `.tf` files, or a
    /// JSON/YAML file with `Resources` and no `States`.
    pub fn is_project(path: &Path) -> bool {
        if path.is_dir() {
            return cfn::template_in(path).is_some() || terraform::has_tf(path);
        }
        if path.extension().is_some_and(|e| e == "tf") {
            return true;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            return false;
        };
        looks_like_template(&text)
    }

    /// The folder the project's relative paths start from: the one opened, or the
    /// template's.
    pub fn dir(&self) -> &Path {
        if self.path.is_dir() {
            &self.path
        } else {
            self.path.parent().unwrap_or(Path::new("."))
        }
    }

    /// The project's ASL files that no machine's definition names (a machine defined in
    /// code, or kept in S3), to open on their own.
    pub fn loose_files(&self) -> Vec<PathBuf> {
        let dir = self.dir();
        let used: Vec<PathBuf> = self
            .machines
            .iter()
            .filter_map(|m| match &m.source {
                Source::File { path } => path.canonicalize().ok(),
                _ => None,
            })
            .collect();
        local_candidates(dir)
            .into_iter()
            .filter(|p| p.canonicalize().is_ok_and(|c| !used.contains(&c)))
            .collect()
    }

    /// The machine named `id` (its logical id, `aws_sfn_state_machine.x` or just `x`, or
    /// its deployed name), or the only one when `id` is `None`.
    pub fn machine(&self, id: Option<&str>) -> Result<&Machine, ProjectError> {
        let list = || {
            if self.machines.is_empty() {
                "no state machine".to_string()
            } else {
                self.machines
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        match id {
            None if self.machines.len() == 1 => Ok(&self.machines[0]),
            None => Err(ProjectError::NoSuchMachine(
                format!("{}: choose a machine with --machine", self.path.display()),
                list(),
            )),
            Some(id) => self
                .machines
                .iter()
                .find(|m| {
                    m.id == id
                        || m.id.rsplit('.').next() == Some(id)
                        || m.name.as_deref() == Some(id)
                })
                .ok_or_else(|| ProjectError::NoSuchMachine(id.to_string(), list())),
        }
    }
}

/// A YAML or JSON text with top-level `Resources` and no `States`.
pub fn looks_like_template(text: &str) -> bool {
    // Most files are definitions: a scan for the word costs less than parsing a large one.
    if !text.contains("Resources") {
        return false;
    }
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        return serde_json::from_str::<serde_json::Map<String, Value>>(body)
            .is_ok_and(|m| m.contains_key("Resources") && !m.contains_key("States"));
    }
    let has_key = |k: &str| {
        text.lines().any(|l| {
            let l2 = l.trim_start();
            (l.starts_with(&format!("{k}:")) || l2.starts_with(&format!("\"{k}\"")))
                && (l.starts_with(k) || l.len() - l2.len() <= 4)
        })
    };
    has_key("Resources") && !has_key("States")
}

impl Machine {
    /// The definition's text, read from wherever it is written.
    pub fn definition(&self) -> Result<Definition, ProjectError> {
        self.definition_of(&self.source, None)
    }

    fn definition_of(
        &self,
        source: &Source,
        read_only: Option<String>,
    ) -> Result<Definition, ProjectError> {
        Ok(match source {
            Source::File { path } => {
                let text = std::fs::read_to_string(path).map_err(|e| ProjectError::io(path, e))?;
                Definition {
                    format: SourceFormat::from_path(path).unwrap_or(
                        if text.trim_start().starts_with('{') {
                            SourceFormat::Json
                        } else {
                            SourceFormat::Yaml
                        },
                    ),
                    text,
                    path: path.clone(),
                    read_only,
                }
            }
            Source::Inline {
                template,
                value,
                format,
                ..
            } => {
                let text = match format {
                    SourceFormat::Json => Ok(stepwise_asl::to_json_string(value)),
                    SourceFormat::Yaml => stepwise_asl::to_yaml_string(value),
                }
                .map_err(|e| ProjectError::Save {
                    file: template.display().to_string(),
                    pointer: String::new(),
                    reason: e.to_string(),
                })?;
                Definition {
                    text,
                    format: *format,
                    path: template.clone(),
                    read_only,
                }
            }
            Source::Text { template, text, .. } => Definition {
                text: text.clone(),
                format: if text.trim_start().starts_with('{') {
                    SourceFormat::Json
                } else {
                    SourceFormat::Yaml
                },
                path: template.clone(),
                read_only,
            },
            Source::Composed { text, reason } => Definition {
                text: text.clone(),
                format: SourceFormat::Json,
                path: self.file.clone(),
                read_only: Some(read_only.unwrap_or_else(|| reason.clone())),
            },
            Source::ReadOnly { reason, definition } => {
                return self.definition_of(definition, Some(reason.clone()))
            }
            Source::Remote {
                location,
                candidates,
            } => {
                return Err(ProjectError::NoDefinition {
                    machine: self.id.clone(),
                    reason: format!(
                        "the definition is at {location}, which Stepwise does not read{}",
                        if candidates.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "; local files that may be its source: {}",
                                candidates
                                    .iter()
                                    .map(|p| p.display().to_string())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        }
                    ),
                })
            }
            Source::Missing { reason } => {
                return Err(ProjectError::NoDefinition {
                    machine: self.id.clone(),
                    reason: reason.clone(),
                })
            }
        })
    }

    /// Writes `new_text` (the definition as edited, in `def.format`) back where the
    /// definition came from, atomically, and returns what was written.
    pub fn save(&self, def: &Definition, new_text: &str) -> Result<Written, ProjectError> {
        if let Some(reason) = &def.read_only {
            return Err(ProjectError::ReadOnly {
                machine: self.id.clone(),
                reason: reason.clone(),
            });
        }
        save::save(self, def, new_text)
    }

    /// The text [`Machine::save`] would write, without writing it.
    pub fn render(&self, def: &Definition, new_text: &str) -> Result<Written, ProjectError> {
        save::render(self, def, new_text)
    }
}

/// ASL files of a project directory (`*.asl.json`, `*.asl.yaml`, files under a
/// `statemachine(s)` folder), for a definition kept elsewhere.
pub fn local_candidates(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if p.is_dir() {
                if !name.starts_with('.') && name != "node_modules" && name != "cdk.out" {
                    stack.push(p);
                }
                continue;
            }
            let in_sm_dir = d
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("statemachine") || n.starts_with("state-machine"));
            let asl = name.ends_with(".asl.json")
                || name.ends_with(".asl.yaml")
                || name.ends_with(".asl.yml");
            let data = name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml");
            if asl || (in_sm_dir && data) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A JSON Pointer token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
