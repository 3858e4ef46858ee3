//! A coverage report (`stepwise test --coverage`) as marks on a laid-out diagram: which
//! nodes to fade and which edges to dash.

use std::path::Path;
use stepwise_layout::{diagram::EdgeKind, Diagram, Overlay};
use stepwise_testing::coverage::{CoverageReport, MachineCoverage, TransitionKind};

pub fn overlay(report_path: &Path, machine_file: &Path, d: &Diagram) -> Result<Overlay, String> {
    let text = std::fs::read_to_string(report_path)
        .map_err(|e| format!("cannot read {}: {e}", report_path.display()))?;
    let report: CoverageReport = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a coverage report: {e}", report_path.display()))?;
    let m = machine_of(&report, machine_file).ok_or_else(|| {
        format!(
            "{} has no coverage for {} (it covers: {})",
            report_path.display(),
            machine_file.display(),
            report
                .machines
                .iter()
                .map(|m| m.machine.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    Ok(marks(m, d))
}

/// The report's entry for this file: the same path, else the same file name, else the only
/// entry.
fn machine_of<'r>(report: &'r CoverageReport, file: &Path) -> Option<&'r MachineCoverage> {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let want = canonical(file);
    report
        .machines
        .iter()
        .find(|m| want.is_some() && canonical(Path::new(&m.machine)) == want)
        .or_else(|| {
            report
                .machines
                .iter()
                .find(|m| Path::new(&m.machine).file_name() == file.file_name())
        })
        .or(match report.machines.as_slice() {
            [only] => Some(only),
            _ => None,
        })
}

pub fn marks(m: &MachineCoverage, d: &Diagram) -> Overlay {
    let mut overlay = Overlay::default();
    let name_of = |id: &str| {
        d.nodes
            .iter()
            .find(|n| n.id == id && !n.kind.is_marker())
            .map(|n| n.name.as_str())
    };
    for n in &d.nodes {
        if n.kind.is_marker() {
            continue;
        }
        if m.states.iter().any(|s| s.name == n.name && s.entered == 0) {
            overlay.faded.insert(n.id.clone());
        }
    }
    for e in &d.edges {
        let kind = match e.kind {
            EdgeKind::Next => TransitionKind::Next,
            EdgeKind::Choice => TransitionKind::Rule,
            EdgeKind::Default => TransitionKind::Default,
            EdgeKind::Catch => TransitionKind::Catch,
            EdgeKind::Start | EdgeKind::End => continue,
        };
        let Some(from) = name_of(&e.source) else {
            continue;
        };
        let index = match kind {
            TransitionKind::Rule | TransitionKind::Catch => e.rule,
            _ => None,
        };
        let untaken = m
            .transitions
            .iter()
            .any(|t| t.from == from && t.kind == kind && t.index == index && t.taken == 0);
        if untaken {
            overlay.untaken.insert(e.id.clone());
        }
    }
    overlay
}
