//! `stepwise layout`: a definition as a laid-out diagram (JSON or SVG), and its figures.

use crate::source::SourceArgs;
use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::time::Instant;
use stepwise_asl::fsutil::write_atomic;
use stepwise_layout::{layout, to_svg, to_svg_with, Stats};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The diagram: positioned nodes, containers and routed edges
    Json,
    /// A drawing like the app's, to paste into docs
    Svg,
    /// The unpositioned graph with node sizes, for other layout engines
    Graph,
}

/// Lay out a definition: states top to bottom, Parallel and Map as containers, labelled edges.
#[derive(clap::Args)]
#[command(
    after_help = "Without --format, the format follows the extension of -o (.svg, else JSON).\n\
With --stats alone, only the figures line is printed; with a diagram on standard output the\n\
figures go to standard error:\n  \
nodes=N edges=E crossings=C edge_length=L width=W height=H bends=B stacked_ends=S \\\n    \
edge_node_hits=K label_overlaps=O empty_area=P ms=T\n\
bends: corners of all edges; stacked_ends: edge ends within 4 px of another edge's end on\n\
the same state (edges merged into one trunk share theirs); edge_node_hits: edges through or\n\
within 4 px of a box they do not connect (the containers around an edge do not count);\n\
label_overlaps: labels over boxes, other edges or labels; empty_area: percent of the\n\
containers' lanes outside their content.\n\n\
Exit codes: 0 laid out, 1 the definition has errors, 2 usage or I/O error.\n\nExamples:\n  \
stepwise layout flow.asl.json -o flow.svg\n  \
stepwise layout flow.asl.json --stats\n  \
stepwise layout flow.yaml --format json > flow.layout.json"
)]
pub struct Args {
    /// The definition to lay out (.json, .asl.json, .yaml, .yml), or a template or Terraform
    /// configuration holding it (with --machine when it holds several)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    source: SourceArgs,
    /// Output format
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Print one line of figures: nodes, edges, crossings, edge length, size, the quality
    /// figures (bends, stacked ends, edge/box hits, label overlaps, empty container area),
    /// milliseconds
    #[arg(long)]
    stats: bool,
    /// Lay out even when the definition has errors (broken transitions are left out)
    #[arg(long)]
    allow_invalid: bool,
    /// Draw the coverage in this report (`stepwise test --coverage`): states never entered
    /// faded, transitions never taken dashed red (SVG only)
    #[arg(long, value_name = "REPORT")]
    coverage: Option<PathBuf>,
}

pub fn run(args: &Args) -> u8 {
    let loaded = match args.source.load(&args.file, false) {
        Ok(mut l) if !l.is_empty() => l.remove(0),
        Ok(_) => {
            eprintln!("stepwise: {}: no state machine", args.file.display());
            return EXIT_USAGE;
        }
        Err(e) => {
            eprintln!("stepwise: {}", e.message());
            return EXIT_USAGE;
        }
    };
    let doc = &loaded.doc;
    let file = &loaded.label;
    if doc.has_errors() {
        for d in &doc.diagnostics {
            eprintln!("{}", loaded.problem_line(d));
        }
    }
    let Some(machine) = doc.machine() else {
        eprintln!("stepwise: {file} is not a state machine that can be drawn");
        return EXIT_INVALID;
    };
    if doc.has_errors() && !args.allow_invalid {
        eprintln!("stepwise: {file} has errors; not laid out (use --allow-invalid to anyway)");
        return EXIT_INVALID;
    }

    if args.coverage.is_some()
        && args.format != Some(Format::Svg)
        && !args.output.as_deref().is_some_and(is_svg)
    {
        eprintln!("stepwise: --coverage draws on an SVG: add --format svg (or -o FILE.svg)");
        return EXIT_USAGE;
    }
    let started = Instant::now();
    let diagram = layout(machine);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let stats = Stats::of(&diagram, ms);

    let format = args.format.or_else(|| {
        args.output
            .as_deref()
            .map(|o| if is_svg(o) { Format::Svg } else { Format::Json })
    });
    let text = match format {
        None if args.stats => None,
        None | Some(Format::Json) => Some(json_text(&diagram)),
        Some(Format::Svg) => match &args.coverage {
            None => Some(to_svg(&diagram)),
            Some(report) => match crate::coverage_overlay::overlay(report, &args.file, &diagram) {
                Ok(overlay) => Some(to_svg_with(&diagram, &overlay)),
                Err(message) => {
                    eprintln!("stepwise: {message}");
                    return EXIT_USAGE;
                }
            },
        },
        Some(Format::Graph) => Some(json_text(&stepwise_layout::interchange::graph_json(
            machine,
        ))),
    };
    match (&text, &args.output) {
        (Some(t), None) => {
            print!("{t}");
            if args.stats {
                eprintln!("{stats}");
            }
        }
        (Some(t), Some(out)) => {
            if let Err(e) = write_atomic(out, t.as_bytes()) {
                eprintln!("stepwise: cannot write {}: {e}", out.display());
                return EXIT_USAGE;
            }
            if args.stats {
                println!("{stats}");
            }
        }
        (None, _) => println!("{stats}"),
    }
    0
}

fn json_text<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_string_pretty(v) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        // Plain data with string keys always serialises; keep the command total anyway.
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

fn is_svg(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}
