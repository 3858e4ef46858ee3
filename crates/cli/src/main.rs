//! `stepwise`: validate, run and export AWS Step Functions state machines, and try JSONata
//! expressions, from the command line.

mod aws;
mod coverage_overlay;
mod diff;
mod diff_svg;
mod export;
mod jsonata;
mod layout;
mod run;
mod serve;
mod source;
mod test;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes: 0 all good, 1 a definition has errors, 2 usage or I/O error.
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A problem as every command prints it: `FILE:POINTER: severity[code]: message`.
pub fn problem_line(file: &dyn std::fmt::Display, d: &stepwise_asl::Diagnostic) -> String {
    format!(
        "{file}:{}: {}[{}]: {}",
        d.pointer, d.severity, d.code, d.message
    )
}

#[derive(Parser)]
#[command(
    name = "stepwise",
    version,
    about = "Design, validate, run and export AWS Step Functions state machines (Amazon States Language)",
    after_help = "Examples:\n  stepwise validate examples/*.asl.json\n  stepwise run examples/order-processing.asl.json --input '{\"orderId\": \"42\"}' --mock-config mocks.json --test-case HappyPath\n  stepwise diff HEAD:flow.asl.json flow.asl.json\n  stepwise export flow.yaml --format json -o flow.asl.json\n  stepwise test examples --junit junit.xml --coverage\n  stepwise jsonata '$sum(orders.price)' --input '{\"orders\": [{\"price\": 2}]}'"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    Diff(diff::Args),
    Export(export::Args),
    Layout(layout::Args),
    Run(run::Args),
    Test(test::Args),
    Serve(serve::Args),
    Jsonata(jsonata::Args),
    Aws(aws::Args),
}

fn main() -> ExitCode {
    // `stepwise run ... | head` must end quietly when the reader goes away, as other Unix
    // tools do; Rust ignores SIGPIPE, which turns the closed pipe into a panic in `println!`.
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; restores the default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Layout(args) => layout::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Jsonata(args) => jsonata::run(&args),
        Command::Aws(args) => aws::run(&args),
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap checks a command's arguments (unique names, valid `requires`) only when it is
    /// parsed: this parses none, so a clash fails here and not in a user's hands.
    #[test]
    fn every_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
