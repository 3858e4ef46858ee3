//! JSONata 2.0.6 for Stepwise: parse an expression once, evaluate it against JSON values,
//! and inspect it (the functions it calls, the variables it reads) for static checks.
//!
//! ```
//! use stepwise_jsonata::{Env, Expression, Value};
//!
//! let expr = Expression::parse("$sum(orders.(price * quantity)) * $rate").unwrap();
//! let input: Value = serde_json::json!({"orders": [
//!     {"price": 2.5, "quantity": 4},
//!     {"price": 10, "quantity": 1}
//! ]});
//! let mut env = Env::new();
//! env.bind("rate", serde_json::json!(2));
//! assert_eq!(expr.evaluate(Some(&input), &env).unwrap(), Some(serde_json::json!(40)));
//!
//! // Errors carry jsonata-js's code, wording and character position.
//! let err = Expression::parse("$f(a b)").unwrap_err();
//! assert_eq!(err.code, "S0202");
//! assert_eq!(err.message, r#"Expected ")", got "b""#);
//! assert_eq!(err.position, Some(6)); // just after the token at fault, as jsonata-js counts
//! ```
//!
//! # Why a wrapper
//!
//! The evaluation itself is the published crate `jsonata-core`, which passes JSONata's own
//! test suite. This crate stands between it and the rest of Stepwise so that:
//! - errors read as jsonata-js's do (AWS runs jsonata-js 2.0.6): its codes, its wording,
//!   and the character position of the token at fault, which `jsonata-core` does not track
//!   ([`lexer`] and the probing in `syntax` recover it);
//! - the language is 2.0.6's: the 2.1 operators `??` and `?:` are refused as 2.0.6 refuses them;
//! - no input can hang or overflow the stack: evaluation always runs under a depth and a
//!   time limit ([`Limits`]);
//! - values are plain `serde_json::Value`s and the types are `Send + Sync` (`jsonata-core`'s
//!   values are reference counted with `Rc`);
//! - static checks get what they need without knowing the syntax tree: [`Expression::calls`],
//!   [`Expression::free_variables`], [`builtin_arity`].
//!
//! # Modules
//!
//! - [`lexer`]: jsonata-js's tokenizer, with places;
//! - `syntax`: parsing, and the place and wording of syntax errors;
//! - `analysis`: calls and free variable reads, with their places;
//! - `convert`: values in and out, and the per-thread evaluator;
//! - `errors`, `reword`: evaluation errors as jsonata-js words and places them;
//! - `watchdog`: the time limit;
//! - `builtins`: the built-in functions' argument counts.

mod analysis;
mod builtins;
mod convert;
mod errors;
pub mod lexer;
mod reword;
mod syntax;
mod watchdog;

use std::sync::Arc;
use std::time::Duration;

use jsonata_core::ast::AstNode;

pub use builtins::builtin_arity;
pub use serde_json::Value;

/// A parsed JSONata expression. Cheap to clone (shared), `Send + Sync`.
#[derive(Clone)]
pub struct Expression {
    inner: Arc<Parsed>,
}

struct Parsed {
    source: String,
    /// The tree, or the error evaluating it will give (see `syntax::parse`).
    ast: Result<AstNode, Error>,
    calls: Vec<Call>,
    free_variables: Vec<VariableRead>,
    /// For placing evaluation errors.
    tokens: Vec<lexer::Token>,
}

impl std::fmt::Debug for Expression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Expression").field(&self.source()).finish()
    }
}

impl Expression {
    /// Parses `source`. A syntax error has jsonata-js's code (`S0xxx`), message and position.
    pub fn parse(source: &str) -> Result<Expression, Error> {
        let (ast, tokens) = syntax::parse(source)?;
        let (calls, free_variables) = match &ast {
            Ok(ast) => analysis::analyse(ast, &tokens),
            Err(_) => (Vec::new(), Vec::new()),
        };
        Ok(Expression {
            inner: Arc::new(Parsed {
                source: source.to_string(),
                ast,
                calls,
                free_variables,
                tokens,
            }),
        })
    }

    /// The text this expression was parsed from.
    pub fn source(&self) -> &str {
        &self.inner.source
    }

    /// Evaluates against `input` (`None`: no input, JSONata's `undefined`) with the values,
    /// functions and limits of `env`. `Ok(None)` is JSONata's `undefined`.
    pub fn evaluate(&self, input: Option<&Value>, env: &Env) -> Result<Option<Value>, Error> {
        match &self.inner.ast {
            Ok(ast) => convert::evaluate(ast, input, env).map_err(|e| {
                let e = reword::reword(e, &self.inner.calls, &self.inner.tokens);
                reword::place(e, &self.inner.calls, &self.inner.tokens)
            }),
            Err(e) => Err(e.clone()),
        }
    }

    /// Every function call in the expression written `$name(args)`, in source order.
    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls.clone()
    }

    /// Every `$variable` read that is not bound inside the expression (by `:=`, a lambda
    /// parameter, `@`/`#` bindings), in source order, with the field path that follows it.
    /// `$` and `$$` (the input) are not variables, nor is a built-in function named as a
    /// value (`$string` in `$map(xs, $string)`); a call `$f()` is in [`Expression::calls`].
    pub fn free_variables(&self) -> Vec<VariableRead> {
        self.inner.free_variables.clone()
    }
}

/// A call `$name(args)` in an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The function's name, without `$`.
    pub name: String,
    /// How many arguments the function gets: those written (a `?` placeholder counts), plus
    /// one when it is applied by `~>` (`$x ~> $f(a)` calls `$f($x, a)`).
    pub args: usize,
    /// Where the call is: the character offset just after its `$name` token (jsonata-js
    /// places a token at the end of it).
    pub position: usize,
    /// `$name` is bound inside the expression (`:=`, a parameter): not a built-in or host one.
    pub local: bool,
}

/// A read of a variable the expression does not bind itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariableRead {
    /// The variable's name, without `$`.
    pub name: String,
    /// The field names that follow it: `$states.result.x` → `["result", "x"]`.
    pub path: Vec<String>,
    /// Where the read is: the character offset just after its `$name` token.
    pub position: usize,
}

/// A function the host provides to expressions as `$name(...)`. Arguments that are
/// `undefined` are `None`; returning `Ok(None)` returns `undefined`.
pub type HostFn = Arc<dyn Fn(&[Option<Value>]) -> Result<Option<Value>, Error> + Send + Sync>;

/// What an expression sees besides its input: bound values, host functions, limits.
///
/// Cloning is cheap (shared until changed). Bound values are converted to the evaluator's
/// representation once per thread and reused by every evaluation with the same `Env`.
#[derive(Clone, Default)]
pub struct Env {
    inner: Arc<EnvInner>,
}

#[derive(Clone, Default)]
pub(crate) struct EnvInner {
    /// Changes with every modification: the key of the per-thread cache of converted values.
    pub(crate) generation: u64,
    pub(crate) values: Vec<(String, Value)>,
    pub(crate) functions: Vec<(String, HostFn)>,
    pub(crate) limits: Limits,
}

impl Env {
    pub fn new() -> Env {
        Env::default()
    }

    /// Binds `$name` (`name` without `$`), replacing an earlier binding of the same name.
    pub fn bind(&mut self, name: &str, value: Value) {
        let inner = self.modify();
        match inner.values.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => inner.values.push((name.to_string(), value)),
        }
    }

    /// Provides `$name(...)`; it may replace a built-in function of the same name.
    pub fn bind_function(&mut self, name: &str, f: HostFn) {
        let inner = self.modify();
        match inner.functions.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = f,
            None => inner.functions.push((name.to_string(), f)),
        }
    }

    pub fn set_limits(&mut self, limits: Limits) {
        self.modify().limits = limits;
    }

    /// The limits set, as given (see [`Limits`] for what applies when one is `None`).
    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    fn modify(&mut self) -> &mut EnvInner {
        let inner = Arc::make_mut(&mut self.inner);
        inner.generation = convert::next_generation();
        inner
    }

    pub(crate) fn inner(&self) -> &EnvInner {
        &self.inner
    }
}

/// Bounds on one evaluation. `None` takes the default: depth [`DEFAULT_MAX_DEPTH`], time
/// [`DEFAULT_TIMEOUT`]; there is always a limit, so no expression can hang or overflow the
/// stack. Going deeper fails with `U1001` "Stack overflow error: Check for non-terminating
/// recursive function. ...", running longer with `U1001` "Expression evaluation timeout:
/// Check for infinite loop": jsonata-js itself has no limits, and these are the code and
/// words of the limits jsonata's own test harness imposes (its suite expects them).
/// `max_depth` counts evaluation levels (a non-tail recursive call costs about three).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    pub max_depth: Option<usize>,
    pub timeout: Option<Duration>,
}

/// The evaluation depth allowed when none is given: about 3,000 nested non-tail calls, the
/// order of what jsonata-js manages before node's stack runs out.
pub const DEFAULT_MAX_DEPTH: usize = 10_000;

/// The evaluation time allowed when none is given: a tail-recursive loop (`$f := function()
/// { $f() }`) runs in constant space, so only a clock stops it. Generous, so that it only
/// ever stops a runaway.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// jsonata-js's error: its code (`S0201`, `T2001`, `D3001`, ...), its message wording, the
/// character position where its lexer stood after the token at fault, and that token.
///
/// Positions count characters (Unicode scalar values) from 0; jsonata-js counts UTF-16
/// units, the same except after a character beyond the Basic Multilingual Plane (an emoji).
/// Syntax errors always have a position (S0217 aside, which jsonata-js places nowhere
/// either). `jsonata-core` does not say where an evaluation error happened: one has a
/// position only where the expression leaves no doubt (an operator's type error when the
/// expression has one such operator, a signature error of a function called once).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct Error {
    pub code: String,
    pub message: String,
    pub position: Option<usize>,
    pub token: Option<String>,
}

impl Error {
    pub fn new(code: &str, message: impl Into<String>) -> Error {
        Error {
            code: code.to_string(),
            message: message.into(),
            position: None,
            token: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_types_cross_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Expression>();
        send_sync::<Env>();
        send_sync::<Error>();
    }
}
