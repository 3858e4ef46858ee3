//! `stepwise validate`: every problem of every file, one line each (or JSON).

use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use serde_json::json;
use std::path::PathBuf;
use stepwise_asl::{Diagnostic, Document, LoadError};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Check state machine definitions (JSON or YAML) and report every problem.
#[derive(clap::Args)]
#[command(
    after_help = "Each problem is printed as FILE:POINTER: SEVERITY[CODE]: MESSAGE, where POINTER is a JSON \
Pointer into the definition (empty for the whole file). A JSONata syntax error ends with `at N`: N counts the \
characters of the expression between {% and %}, as jsonata-js reports it. With --format json, a problem inside a \
string also has \"range\": {\"start\", \"end\"}, characters of the string value.\n\nExit status: 0 when every file is valid (warnings allowed), \
1 when any file has an error, 2 on usage or I/O errors.\n\nExamples:\n  stepwise validate order.asl.json\n  \
stepwise validate examples/*.asl.json --format json"
)]
pub struct Args {
    /// Definition files (.json, .asl.json, .yaml, .yml)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: &Args) -> u8 {
    let mut rows = Vec::new();
    let mut io_error = false;
    let (mut errors, mut warnings) = (0usize, 0usize);
    for file in &args.files {
        let diagnostics: Vec<Diagnostic> = match Document::load(file) {
            Ok(doc) => doc.diagnostics,
            Err(LoadError::Parse { source, .. }) => vec![Diagnostic::from(&source)],
            Err(e @ LoadError::Io { .. }) => {
                eprintln!("stepwise: {e}");
                io_error = true;
                continue;
            }
        };
        for d in diagnostics {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            rows.push((file.display().to_string(), d));
        }
    }
    match args.format {
        Format::Text => {
            for (file, d) in &rows {
                println!("{}", crate::problem_line(&file, d));
            }
            eprintln!(
                "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
                args.files.len()
            );
        }
        Format::Json => {
            let out: Vec<_> = rows
                .iter()
                .map(|(file, d)| {
                    let mut row = json!({
                        "file": file,
                        "pointer": d.pointer,
                        "severity": d.severity,
                        "code": d.code,
                        "message": d.message,
                    });
                    if let Some(range) = d.range {
                        row["range"] = json!(range);
                    }
                    row
                })
                .collect();
            println!("{}", serde_json::Value::Array(out));
        }
    }
    if io_error {
        EXIT_USAGE
    } else if errors > 0 {
        EXIT_INVALID
    } else {
        0
    }
}
