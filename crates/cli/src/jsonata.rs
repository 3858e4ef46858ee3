//! `stepwise jsonata`: evaluate one JSONata expression, as AWS Step Functions (jsonata 2.0.6)
//! would, and print its value.

use crate::{EXIT_INVALID, EXIT_USAGE};
use clap::ValueEnum;
use serde_json::{json, Value};
use stepwise_jsonata::{Env, Error, Expression};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// The value as JSON (nothing when undefined); an error as code, message and place on stderr
    Text,
    /// One object: {"result": ...} ({} when undefined) or {"error": {"code", "message", "position", "token"}}
    Json,
}

/// Evaluate a JSONata expression (the language of JSONata states, version 2.0.6 as AWS runs
/// it) and print the result as JSON. An undefined result prints nothing.
#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when the expression evaluated, 1 on a JSONata error \
(printed as its code, message and character position), 2 on a usage or I/O error.\n\n\
Examples:\n  \
stepwise jsonata '$sum(orders.price)' --input '{\"orders\": [{\"price\": 2}, {\"price\": 3}]}'\n  \
stepwise jsonata '$states.input.name' --bindings '{\"states\": {\"input\": {\"name\": \"x\"}}}'\n  \
stepwise jsonata 'items[price > 10]' --input file://input.json"
)]
pub struct Args {
    /// The JSONata expression (without `{% %}`)
    #[arg(value_name = "EXPR")]
    expr: String,
    /// The input (`$`): JSON text, or file://PATH to read it from a file; none when left out
    #[arg(long, value_name = "JSON")]
    input: Option<String>,
    /// Variables: a JSON object of name → value (`{"x": 1}` binds `$x`), or file://PATH
    #[arg(long, value_name = "JSON")]
    bindings: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: &Args) -> u8 {
    let prepared = read_json(args.input.as_deref(), "--input").and_then(|input| {
        let env = environment(read_json(args.bindings.as_deref(), "--bindings")?)?;
        Ok((input, env))
    });
    let (input, env) = match prepared {
        Ok(p) => p,
        Err(message) => {
            eprintln!("stepwise: {message}");
            return EXIT_USAGE;
        }
    };
    let outcome = Expression::parse(&args.expr).and_then(|e| e.evaluate(input.as_ref(), &env));
    match (args.format, outcome) {
        (Format::Text, Ok(Some(value))) => println!("{value}"),
        (Format::Text, Ok(None)) => {}
        (Format::Json, Ok(value)) => {
            let out = value.map_or_else(|| json!({}), |v| json!({ "result": v }));
            println!("{out}");
        }
        (Format::Text, Err(e)) => {
            eprint!("{}", describe(&args.expr, &e));
            return EXIT_INVALID;
        }
        (Format::Json, Err(e)) => {
            let error = json!({"code": e.code, "message": e.message, "position": e.position, "token": e.token});
            println!("{}", json!({ "error": error }));
            return EXIT_INVALID;
        }
    }
    0
}

/// `--input` or `--bindings`: JSON text, or `file://PATH`.
fn read_json(text: Option<&str>, option: &str) -> Result<Option<Value>, String> {
    let Some(text) = text else {
        return Ok(None);
    };
    let (source, raw) = match text.strip_prefix("file://") {
        Some(path) => (
            path.to_string(),
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {option} {path}: {e}"))?,
        ),
        None => (option.to_string(), text.to_string()),
    };
    serde_json::from_str(&raw)
        .map(Some)
        .map_err(|e| format!("{source} is not valid JSON: {e}"))
}

fn environment(bindings: Option<Value>) -> Result<Env, String> {
    let mut env = Env::new();
    match bindings {
        None => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                env.bind(name.strip_prefix('$').unwrap_or(&name), value);
            }
        }
        Some(_) => {
            return Err("--bindings must be a JSON object of variable names to values".into())
        }
    }
    Ok(env)
}

/// The error with its place marked under the expression:
/// ```text
/// error[S0202]: Expected ")", got "b"
///   $f(a b)
///        ^ at 6
/// ```
/// jsonata-js places an error just after the token at fault; the mark covers the token.
fn describe(expr: &str, e: &Error) -> String {
    let mut out = format!("error[{}]: {}\n", e.code, e.message);
    if let Some(position) = e.position {
        let single_line = !expr.contains(['\n', '\r']);
        let width = e
            .token
            .as_deref()
            .filter(|t| *t != "(end)")
            .map_or(1, |t| t.chars().count().clamp(1, position.max(1)));
        if single_line {
            let start = position.saturating_sub(width);
            out.push_str(&format!(
                "  {expr}\n  {}{} at {position}\n",
                " ".repeat(start),
                "^".repeat(width.max(1))
            ));
        } else {
            out.push_str(&format!("  at character {position}\n"));
        }
    }
    out
}
