//! `stepwise export`: a definition out as ASL JSON or YAML.

use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use stepwise_asl::fsutil::write_atomic;
use stepwise_asl::{Document, ExportFormat, SourceFormat};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Yaml,
}

/// Write a definition as ASL JSON (what AWS deploys) or YAML, keeping its field order.
#[derive(clap::Args)]
#[command(
    after_help = "Without --format, the format follows the extension of -o (JSON otherwise).\n\
A definition with errors is not exported unless --allow-invalid is given.\n\nExamples:\n  \
stepwise export flow.yaml > flow.asl.json\n  stepwise export flow.asl.json --format yaml -o flow.yaml"
)]
pub struct Args {
    /// The definition to export (.json, .asl.json, .yaml, .yml)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Export even when the definition has errors
    #[arg(long)]
    allow_invalid: bool,
}

pub fn run(args: &Args) -> u8 {
    let doc = match Document::load(&args.file) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("stepwise: {e}");
            return EXIT_USAGE;
        }
    };
    let file = args.file.display();
    for d in &doc.diagnostics {
        eprintln!("{}", crate::problem_line(&file, d));
    }
    if doc.has_errors() && !args.allow_invalid {
        eprintln!(
            "stepwise: {file} has errors; not exported (use --allow-invalid to export anyway)"
        );
        return EXIT_INVALID;
    }
    let format = match (
        args.format,
        args.output.as_deref().and_then(extension_format),
    ) {
        (Some(Format::Yaml), _) | (None, Some(SourceFormat::Yaml)) => ExportFormat::Yaml,
        _ => ExportFormat::Json,
    };
    let text = match doc.export(format) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("stepwise: {e}");
            return EXIT_INVALID;
        }
    };
    match &args.output {
        None => {
            print!("{text}");
            0
        }
        Some(out) => match write_atomic(out, text.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("stepwise: cannot write {}: {e}", out.display());
                EXIT_USAGE
            }
        },
    }
}

fn extension_format(path: &Path) -> Option<SourceFormat> {
    SourceFormat::from_path(path)
}
