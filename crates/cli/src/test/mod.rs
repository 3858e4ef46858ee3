//! `stepwise test`: run the tests files (and mock configs) of state machines, report each
//! test, the differences of the failing ones, coverage, and JUnit XML for CI.

mod projects;

use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use serde_json::json;
use std::path::PathBuf;
use std::time::Instant;
use stepwise_asl::fsutil::write_atomic;
use stepwise_testing::coverage::CoverageReport;
use stepwise_testing::diff::describe;
use stepwise_testing::load::{self, Suite};
use stepwise_testing::run::{self, Options, TestRun, Verdict};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per test, the differences of failures, a summary
    Text,
    /// One JSON object: results, summary and (with --coverage) coverage
    Json,
}

/// Run state machine tests: every test in `<machine>.tests.json` / `.yaml` files, and every
/// test case of a mock config next to a machine that has no tests file. Runs in parallel, in
/// virtual time (Waits and retry backoffs take no real time).
#[derive(clap::Args)]
#[command(
    after_help = "PATHS are tests files, machines (their tests file, else their mock config \
next to them: <name>.mocks.json, run/<name>.mocks.json, MockConfigFile.json) or folders, searched \
for both, or SAM/CloudFormation templates and Terraform configurations, whose machines' definition files are \
tested with the placeholders the project gives them. Default: the current folder.\n\n\
Exit status: 0 when every test passed (and coverage reached --min-coverage), 1 when a test failed \
or could not run or coverage is too low, 2 on a usage error or a file that cannot be read.\n\n\
Examples:\n  \
stepwise test\n  \
stepwise test examples/order-processing.tests.json --filter declined\n  \
stepwise test examples --junit junit.xml --coverage --min-coverage 90\n  \
stepwise layout flow.asl.json --coverage stepwise-coverage.json -o coverage.svg"
)]
pub struct Args {
    /// Tests files, machines or folders
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// Only tests whose name (or `suite/name`) contains this text
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Write a JUnit XML report here
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Measure coverage, print it and write the JSON report (default stepwise-coverage.json)
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "stepwise-coverage.json")]
    coverage: Option<PathBuf>,
    /// Fail unless every machine's transition coverage is at least this percentage
    #[arg(long, value_name = "PERCENT")]
    min_coverage: Option<f64>,
    /// Tests to run at once (default: one per core)
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Give a `${Name}` placeholder of the machines a value (repeatable)
    #[arg(long = "sub", value_name = "NAME=VALUE")]
    sub: Vec<String>,
    /// A file of placeholder values: a JSON or YAML object, or NAME=VALUE lines
    #[arg(long = "subs", value_name = "FILE")]
    subs: Option<PathBuf>,
    /// A folder standing in for S3 (s3://BUCKET/KEY is DIR/BUCKET/KEY): Distributed Maps'
    /// ItemReaders read from it and their ResultWriters write into it
    #[arg(long, value_name = "DIR")]
    s3_dir: Option<PathBuf>,
}

pub fn run(args: &Args) -> u8 {
    match execute(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("stepwise: {message}");
            EXIT_USAGE
        }
    }
}

fn execute(args: &Args) -> Result<u8, String> {
    if let Some(min) = args.min_coverage {
        if !(0.0..=100.0).contains(&min) {
            return Err(format!(
                "--min-coverage must be a percentage from 0 to 100, not {min}"
            ));
        }
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let given = crate::source::SourceArgs {
        sub: args.sub.clone(),
        subs: args.subs.clone(),
        machine: None,
    }
    .given()
    .map_err(|e| e.message())?;
    let (paths, project_subs) = projects::expand(&paths).map_err(|e| e.to_string())?;
    let sources = load::discover(&paths).map_err(|e| e.to_string())?;
    if sources.is_empty() {
        return Err(format!(
            "no tests found in {} (tests files are named <machine>.tests.json or .yaml)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let suites: Vec<Suite> = sources
        .iter()
        .map(|src| projects::load_substituted(src, &project_subs, &given))
        .collect::<Result<_, _>>()?;
    let options = Options {
        keep_history: false,
        filter: args.filter.clone(),
        s3_dir: args.s3_dir.clone(),
    };
    let started = Instant::now();
    let runs = match args.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| e.to_string())?
            .install(|| run::run_all(&suites, &options)),
        None => run::run_all(&suites, &options),
    };
    let elapsed = started.elapsed();
    let wants_coverage = args.coverage.is_some() || args.min_coverage.is_some();
    let coverage = wants_coverage.then(|| coverage_of(&suites, &runs));
    let counts = Counts::of(&runs);
    match args.format {
        Format::Text => {
            print_text(&runs);
            println!(
                "\n{} passed, {} failed, {} could not run ({} tests in {} suite(s), {:.0} ms)",
                counts.passed,
                counts.failed,
                counts.errors,
                runs.len(),
                suites.len(),
                elapsed.as_secs_f64() * 1000.0
            );
            if let Some(c) = &coverage {
                print_coverage(c);
            }
        }
        Format::Json => {
            let results: Vec<_> = runs.iter().map(|r| &r.result).collect();
            let mut out = json!({
                "summary": {
                    "passed": counts.passed,
                    "failed": counts.failed,
                    "errors": counts.errors,
                    "tests": runs.len(),
                    "suites": suites.len(),
                    "millis": (elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
                },
                "results": results,
            });
            if let Some(c) = &coverage {
                out["coverage"] = serde_json::to_value(c).map_err(|e| e.to_string())?;
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
        }
    }
    if let Some(path) = &args.junit {
        let xml = stepwise_testing::junit::report(&runs).map_err(|e| e.to_string())?;
        write_report(path, xml.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let (Some(path), Some(c)) = (&args.coverage, &coverage) {
        let text = serde_json::to_string_pretty(c).map_err(|e| e.to_string())?;
        write_report(path, format!("{text}\n").as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut code = if counts.failed + counts.errors > 0 {
        EXIT_INVALID
    } else {
        0
    };
    if runs.is_empty() {
        eprintln!("stepwise: no test matches the filter");
        code = EXIT_INVALID;
    }
    if let (Some(min), Some(c)) = (args.min_coverage, &coverage) {
        let lowest = c.lowest_percent();
        if lowest < min {
            eprintln!("stepwise: transition coverage {lowest:.1}% is below --min-coverage {min}%");
            code = EXIT_INVALID;
        }
    }
    Ok(code)
}

struct Counts {
    passed: usize,
    failed: usize,
    errors: usize,
}

impl Counts {
    fn of(runs: &[TestRun]) -> Self {
        let n = |v: Verdict| runs.iter().filter(|r| r.result.verdict == v).count();
        Counts {
            passed: n(Verdict::Passed),
            failed: n(Verdict::Failed),
            errors: n(Verdict::Error),
        }
    }
}

fn print_text(runs: &[TestRun]) {
    for run in runs {
        let r = &run.result;
        let tag = match r.verdict {
            Verdict::Passed => "PASS ",
            Verdict::Failed => "FAIL ",
            Verdict::Error => "ERROR",
        };
        println!("{tag} {} › {} ({:.1} ms)", r.suite, r.name, r.millis);
        for f in &r.failures {
            println!("      {} {}", f.pointer, f.message);
            for d in &f.differences {
                println!("        {}", describe(d));
            }
        }
    }
}

fn coverage_of(suites: &[Suite], runs: &[TestRun]) -> CoverageReport {
    let mut report = CoverageReport::default();
    // Every machine tested appears, even one whose tests were all filtered out.
    for s in suites {
        report.machine_mut(&s.machine_path.display().to_string(), &s.machine);
    }
    for run in runs {
        let s = &suites[run.suite];
        report
            .machine_mut(&s.machine_path.display().to_string(), &s.machine)
            .add(&run.trace);
    }
    report
}

fn print_coverage(report: &CoverageReport) {
    println!("\nCoverage:");
    for m in &report.machines {
        let s = &m.summary;
        println!(
            "  {}  states {}/{} ({:.1}%)  transitions {}/{} ({:.1}%)",
            m.machine,
            s.states_entered,
            s.states_total,
            s.states_percent,
            s.transitions_taken,
            s.transitions_total,
            s.transitions_percent
        );
        for st in m.unentered() {
            println!("    never entered: {}", st.name);
        }
        for t in m.untaken() {
            println!("    never taken: {}", t.describe());
        }
    }
}

/// Writes a report atomically, making its folder first (CI reports go to fresh folders).
fn write_report(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(path, bytes)
}
