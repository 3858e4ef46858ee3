//! `stepwise validate`: every problem of every file, one line each (or JSON).

use crate::source::{LoadFailure, SourceArgs};
use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use serde_json::json;
use std::path::PathBuf;
use stepwise_asl::Diagnostic;

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
string also has \"range\": {\"start\", \"end\"}, characters of the string value.\n\nA SAM or CloudFormation template, a Terraform \
configuration (a .tf file or its folder) or a CDK template is checked machine by machine: each definition as it will be \
once its ${...} placeholders are substituted (DefinitionSubstitutions, Fn::Sub, templatefile variables; --sub and --subs \
win). A problem inside a template is named by its pointer in the template.\n\nExit status: 0 when every file is valid (warnings allowed), \
1 when any file has an error, 2 on usage or I/O errors.\n\nExamples:\n  stepwise validate order.asl.json\n  \
stepwise validate examples/*.asl.json --format json\n  stepwise validate template.yaml\n  \
stepwise validate statemachine/flow.asl.json --sub ProcessFunctionArn=arn:aws:lambda:us-east-1:123456789012:function:process"
)]
pub struct Args {
    /// Definition files (.json, .asl.json, .yaml, .yml), templates or Terraform configurations
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    source: SourceArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: &Args) -> u8 {
    let mut rows = Vec::new();
    let mut io_error = false;
    let (mut errors, mut warnings) = (0usize, 0usize);
    let mut machines = 0usize;
    for file in &args.files {
        let loaded = match args.source.load(file, true) {
            Ok(l) => l,
            Err(LoadFailure::Parse { label, diagnostic }) => {
                errors += 1;
                rows.push((label, String::new(), None, diagnostic));
                continue;
            }
            Err(e) => {
                eprintln!("stepwise: {}", e.message());
                io_error = true;
                continue;
            }
        };
        for l in loaded {
            machines += usize::from(l.machine.is_some());
            for d in &l.doc.diagnostics {
                if d.is_error() {
                    errors += 1;
                } else {
                    warnings += 1;
                }
                rows.push((
                    l.label.clone(),
                    l.prefix.clone(),
                    l.machine.clone(),
                    d.clone(),
                ));
            }
        }
    }
    match args.format {
        Format::Text => {
            for (file, prefix, _, d) in &rows {
                let mut d: Diagnostic = d.clone();
                d.pointer = format!("{prefix}{}", d.pointer);
                println!("{}", crate::problem_line(&file, &d));
            }
            let of_projects = if machines > 0 {
                format!(" ({machines} state machine(s) of projects)")
            } else {
                String::new()
            };
            eprintln!(
                "{} file(s) checked{of_projects}: {errors} error(s), {warnings} warning(s)",
                args.files.len()
            );
        }
        Format::Json => {
            let out: Vec<_> = rows
                .iter()
                .map(|(file, prefix, machine, d)| {
                    let mut row = json!({
                        "file": file,
                        "pointer": format!("{prefix}{}", d.pointer),
                        "severity": d.severity,
                        "code": d.code,
                        "message": d.message,
                    });
                    if let Some(m) = machine {
                        row["machine"] = json!(m);
                    }
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
