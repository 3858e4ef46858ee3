//! `stepwise diff`: what changed between two versions of a state machine, state by state.
//! Either side is a file (a definition, or a template or Terraform configuration with
//! `--machine`), or `REV:PATH`, the file as git has it at a revision (`HEAD:flow.asl.json`,
//! `main:template.yaml`), read from the folder of PATH at that revision with `git archive`.

use crate::source::{Loaded, SourceArgs};
use crate::EXIT_USAGE;
use clap::ValueEnum;
use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_asl::diff::{diff, Change, FieldChange, MachineDiff};
use stepwise_asl::fsutil::write_atomic;
use stepwise_project::git::at_revision;

/// Exit code when the versions differ (as diff(1) and `git diff --exit-code` do).
const EXIT_DIFFERENT: u8 = 1;

#[derive(Clone, Copy, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    /// The new version's diagram with the changes coloured (removed states as ghosts)
    Svg,
}

/// Compare two versions of a state machine: states added, removed, renamed (same body under
/// a new name), changed (the fields that changed), moved into another branch; transitions
/// added and removed.
#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when nothing changed, 1 when something did, 2 on an error.\n\n\
Examples:\n  stepwise diff HEAD:flow.asl.json flow.asl.json\n  \
stepwise diff old.asl.json new.asl.yaml --format json\n  \
stepwise diff HEAD:flow.asl.json flow.asl.json --format svg -o changes.svg\n  \
stepwise diff main:template.yaml template.yaml --machine OrderFlow"
)]
pub struct Args {
    /// The old version: a file, or REV:PATH for the file at a git revision
    #[arg(value_name = "OLD")]
    old: String,
    /// The new version: a file, or REV:PATH
    #[arg(value_name = "NEW")]
    new: String,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write here (atomically) instead of standard output
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    source: SourceArgs,
}

pub fn run(args: &Args) -> u8 {
    let (old, new) = match (side(&args.old, &args.source), side(&args.new, &args.source)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("stepwise: {e}");
            return EXIT_USAGE;
        }
    };
    let d = diff(&old, &new);
    let out = match args.format {
        Format::Json => match serde_json::to_string_pretty(&d) {
            Ok(text) => text + "\n",
            Err(e) => {
                eprintln!("stepwise: {e}");
                return EXIT_USAGE;
            }
        },
        Format::Text => text(&d, &args.old, &args.new),
        Format::Svg => crate::diff_svg::svg(&old, &new, &d),
    };
    match &args.output {
        None => print!("{out}"),
        Some(path) => {
            if let Err(e) = write_atomic(path, out.as_bytes()) {
                eprintln!("stepwise: cannot write {}: {e}", path.display());
                return EXIT_USAGE;
            }
        }
    }
    if d.is_empty() {
        0
    } else {
        EXIT_DIFFERENT
    }
}

/// One side's definition, as JSON.
fn side(spec: &str, source: &SourceArgs) -> Result<Value, String> {
    let on_disk = Path::new(spec);
    if on_disk.exists() {
        return definition(on_disk, source, spec);
    }
    let Some((rev, path)) = spec.split_once(':') else {
        return Err(format!("{spec}: no such file"));
    };
    let checkout = at_revision(rev, Path::new(path)).map_err(|e| e.to_string())?;
    definition(&checkout.file, source, spec)
}

fn definition(file: &Path, source: &SourceArgs, spec: &str) -> Result<Value, String> {
    let loaded: Vec<Loaded> = source
        .load(file, false)
        .map_err(|e| format!("{spec}: {}", e.message()))?;
    match loaded.into_iter().next() {
        Some(l) => Ok(l.doc.value),
        None => Err(format!("{spec}: no state machine in it")),
    }
}

/// The changes as lines a person reads.
pub(crate) fn text(d: &MachineDiff, old: &str, new: &str) -> String {
    if d.is_empty() {
        return format!("{old} and {new}: no change\n");
    }
    let mut out = format!("--- {old}\n+++ {new}\n");
    if !d.machine.is_empty() {
        out.push_str("~ (machine)\n");
        fields(&mut out, &d.machine);
    }
    for c in &d.changes {
        match c {
            Change::Added {
                state,
                pointer,
                state_type,
            } => out.push_str(&format!("+ {state} ({state_type}) added at {pointer}\n")),
            Change::Removed {
                state,
                pointer,
                state_type,
            } => out.push_str(&format!(
                "- {state} ({state_type}) removed from {pointer}\n"
            )),
            Change::Renamed {
                from,
                to,
                fields: f,
                ..
            } => {
                out.push_str(&format!("> {from} renamed to {to}\n"));
                fields(&mut out, f);
            }
            Change::Changed {
                state,
                pointer,
                moved_from,
                fields: f,
            } => {
                match moved_from {
                    Some(from) => {
                        out.push_str(&format!("~ {state} moved from {from} to {pointer}\n"))
                    }
                    None => out.push_str(&format!("~ {state}\n")),
                }
                fields(&mut out, f);
            }
        }
    }
    let edge = |e: &stepwise_asl::diff::Edge| {
        format!(
            "{} -> {} ({})",
            e.from.as_deref().unwrap_or("(start)"),
            e.to,
            e.kind
        )
    };
    for e in &d.edges_added {
        out.push_str(&format!("  + transition {}\n", edge(e)));
    }
    for e in &d.edges_removed {
        out.push_str(&format!("  - transition {}\n", edge(e)));
    }
    out.push_str(&format!(
        "{} state(s) changed, {} transition(s) added, {} removed\n",
        d.changes.len(),
        d.edges_added.len(),
        d.edges_removed.len()
    ));
    out
}

fn fields(out: &mut String, fields: &[FieldChange]) {
    for f in fields {
        let show = |v: &Option<Value>| match v {
            Some(v) => short(v),
            None => "(none)".to_string(),
        };
        out.push_str(&format!(
            "    {}: {} -> {}\n",
            if f.pointer.is_empty() {
                "/"
            } else {
                &f.pointer
            },
            show(&f.before),
            show(&f.after)
        ));
    }
}

/// Compact JSON, cut to a line's worth.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(72) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}
