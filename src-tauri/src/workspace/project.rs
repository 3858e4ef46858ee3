//! A document opened from a project: a state machine of a SAM or CloudFormation template, a
//! Terraform configuration or the CDK's output. The document is the machine's definition
//! text (`stepwise_project::Definition`); Save writes it back where it came from
//! (`Machine::save`: the definition's own file, or the template with only the definition's
//! bytes changed) and reads it again; the watcher follows the file saved to.

use super::{Workspace, WorkspaceError};
use crate::project::{MachineInfo, ProjectInfo, ProjectSource};
use std::path::{Path, PathBuf};
use stepwise_asl::SourceFormat;
use stepwise_project::subst::Substitutions;
use stepwise_project::{Definition, Machine, Project};

/// The machine a workspace holds, and how its definition was read.
#[derive(Debug)]
pub(crate) struct Held {
    /// The path the project was opened with (template, `.tf` folder).
    project_path: PathBuf,
    machine: Machine,
    /// `None` when the definition could not be read (the view's error says why).
    definition: Option<Definition>,
    pub(crate) source: ProjectSource,
    /// The bytes of the file saved to, as last read or written: a watcher event with these
    /// bytes is our own save.
    file: Option<Vec<u8>>,
}

impl Held {
    /// "template.yaml › OrderMachine": the document's name in the title and dialogs.
    pub(crate) fn display_name(&self) -> String {
        format!("{} › {}", self.source.project.file_name, self.machine.id)
    }
}

/// What opening a path gives: a workspace, or a project whose machine the user must choose.
#[derive(Debug)]
pub enum Opening {
    Document(Box<Workspace>),
    Choose(ProjectInfo),
}

/// Opens `path`: a bare definition as before; a project's machine `machine` (its only one
/// when `None`); with several and no choice, the list to choose from. A project that cannot
/// be read, or a machine that is not there, opens with the reason in the view's error.
pub fn open_path(path: &Path, machine: Option<&str>) -> Opening {
    if machine.is_none() && !Project::is_project(path) {
        return Opening::Document(Box::new(Workspace::open(path)));
    }
    let project = match Project::open(path) {
        Ok(p) => p,
        Err(e) => return Opening::Document(Box::new(Workspace::failed(path, e.to_string()))),
    };
    if machine.is_none() && project.machines.len() > 1 {
        return Opening::Choose(ProjectInfo::new(&project));
    }
    match project.machine(machine) {
        Ok(m) => Opening::Document(Box::new(Workspace::open_machine(&project, m))),
        Err(e) => Opening::Document(Box::new(Workspace::failed(path, e.to_string()))),
    }
}

/// The first machine of `path` whose definition can be opened (the app's command line: it
/// cannot ask before the window is up; the banner's picker switches to another).
pub fn open_first(path: &Path) -> Workspace {
    match open_path(path, None) {
        Opening::Document(ws) => *ws,
        Opening::Choose(info) => {
            let id = info
                .machines
                .iter()
                .find(|m| m.unavailable.is_none())
                .or(info.machines.first())
                .map(|m| m.id.clone());
            match open_path(path, id.as_deref()) {
                Opening::Document(ws) => *ws,
                Opening::Choose(_) => Workspace::failed(path, "no state machine to open".into()),
            }
        }
    }
}

/// The project and machine read again from disk (after a save, or a change on disk).
fn reread(project_path: &Path, id: &str) -> Result<(ProjectInfo, Machine, MachineInfo), String> {
    let project = Project::open(project_path).map_err(|e| e.to_string())?;
    let m = project.machine(Some(id)).map_err(|e| e.to_string())?;
    Ok((
        ProjectInfo::new(&project),
        m.clone(),
        MachineInfo::new(&project, m),
    ))
}

impl Workspace {
    /// Opens machine `m` of `project`: its definition's text is the document.
    pub fn open_machine(project: &Project, m: &Machine) -> Workspace {
        let info = ProjectInfo::new(project);
        let machine_info = MachineInfo::new(project, m);
        let (mut ws, definition) = match m.definition() {
            Ok(def) => {
                let ws = Workspace::from_bytes_as(
                    Some(&def.path),
                    def.text.as_bytes(),
                    Some(def.format),
                )
                .unwrap_or_else(|e| Workspace::failed(&def.path, e.to_string()));
                (ws, Some(def))
            }
            Err(e) => (Workspace::failed(&m.file, e.to_string()), None),
        };
        let saved_to = definition
            .as_ref()
            .map_or_else(|| m.file.clone(), |d| d.path.clone());
        let file = std::fs::read(&saved_to).ok();
        ws.project = Some(Held {
            project_path: project.path.clone(),
            machine: m.clone(),
            definition,
            source: ProjectSource {
                project: info,
                machine: machine_info,
                saved_to: saved_to.display().to_string(),
            },
            file,
        });
        ws.changed();
        ws
    }

    /// The project path and machine id of a document opened from a project.
    pub fn project_machine(&self) -> Option<(&Path, &str)> {
        self.project
            .as_ref()
            .map(|h| (h.project_path.as_path(), h.machine.id.as_str()))
    }

    /// Why the document cannot be changed, when it cannot.
    pub fn read_only(&self) -> Option<&str> {
        let held = self.project.as_ref()?;
        held.definition
            .as_ref()
            .and_then(|d| d.read_only.as_deref())
            .or(held.source.machine.read_only.as_deref())
    }

    pub fn refuse_if_read_only(&self) -> Result<(), WorkspaceError> {
        match self.read_only() {
            Some(reason) => Err(WorkspaceError::ReadOnly(reason.to_string())),
            None => Ok(()),
        }
    }

    /// What the project says the definition's placeholders stand for (none for a file of
    /// its own).
    pub fn substitutions(&self) -> &Substitutions {
        static NONE: std::sync::OnceLock<Substitutions> = std::sync::OnceLock::new();
        match &self.project {
            Some(h) => &h.machine.substitutions,
            None => NONE.get_or_init(Substitutions::default),
        }
    }

    /// The format the definition's text is read in: the project's definition's, else the
    /// file's extension's.
    pub(super) fn format_hint(&self) -> Option<SourceFormat> {
        match self.project.as_ref().and_then(|h| h.definition.as_ref()) {
            Some(d) => Some(d.format),
            None => self.path.as_deref().and_then(SourceFormat::from_path),
        }
    }

    /// Saves the definition back into the project, then reads it again.
    pub(super) fn save_project(&mut self) -> Result<(), WorkspaceError> {
        self.refuse_if_read_only()?;
        let bytes = self.save_bytes()?;
        let text = String::from_utf8(bytes)
            .map_err(|e| WorkspaceError::Project(format!("the definition is not UTF-8: {e}")))?;
        let held = self.project.as_mut().ok_or(WorkspaceError::NoPath)?;
        let def = held.definition.as_ref().ok_or_else(|| {
            WorkspaceError::Project(format!(
                "{}: the definition could not be read",
                held.machine.id
            ))
        })?;
        let written = held
            .machine
            .save(def, &text)
            .map_err(|e| WorkspaceError::Project(e.to_string()))?;
        held.file = Some(written.text.into_bytes());
        let mut disk = text.into_bytes();
        match reread(&held.project_path, &held.machine.id) {
            Ok((info, m, machine_info)) => {
                if let Ok(d) = m.definition() {
                    disk = d.text.clone().into_bytes();
                    held.definition = Some(d);
                }
                held.machine = m;
                held.source.project = info;
                held.source.machine = machine_info;
            }
            Err(e) => eprintln!("stepwise: saved, but could not read the project again: {e}"),
        }
        self.disk = Some(disk);
        self.disk_format = self.format;
        self.saved_id = Some(self.current().id);
        self.conflict = None;
        self.changed();
        Ok(())
    }

    /// The file saved to changed on disk: the machine's definition is read again from the
    /// project and taken (or held as a conflict) as a definition file's change is.
    pub(super) fn project_file_changed(&mut self, bytes: Vec<u8>) -> bool {
        let Some(held) = self.project.as_mut() else {
            return false;
        };
        if held.file.as_deref() == Some(bytes.as_slice()) {
            return false;
        }
        held.file = Some(bytes);
        let (info, m, machine_info) = match reread(&held.project_path, &held.machine.id) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("stepwise: the project changed and cannot be read: {e}");
                return false;
            }
        };
        let def = match m.definition() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("stepwise: the project changed; its definition cannot be read: {e}");
                return false;
            }
        };
        let text = def.text.clone().into_bytes();
        held.definition = Some(def);
        held.machine = m;
        held.source.project = info;
        held.source.machine = machine_info;
        self.changed();
        self.definition_changed(text);
        true
    }
}
