//! JSONata as Step Functions runs it: `{% %}` strings in a state's fields, evaluated with
//! `$states` (`input`, `result`, `errorOutput`, `context`) and the workflow variables bound,
//! AWS's added functions, and AWS's wording when an expression fails.
//!
//! The language itself is `stepwise-jsonata`'s; this module only decides what an expression
//! sees and what its value must be. AWS guide, "Transforming data with JSONata in Step
//! Functions": <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>
//!
//! Every expression is parsed once per thread and kept (keyed by its text), with what it
//! reads: only the `$states` members and variables an expression names are bound when it
//! runs, so a Map's `ItemSelector` that reads `$states.context.Map.Item.Value` does not copy
//! the Map's whole input for every item.

mod errors;
mod fast;
mod functions;

pub(crate) use errors::{location_of, out_of_range, wrong_type};
pub use functions::bind_step_functions;

use crate::error::StatesError;
use serde_json::{Map, Value};
use std::rc::Rc;
use stepwise_jsonata::{Env, Expression};

/// The expression of a string that is entirely `{% ... %}`, trimmed; `None` for any other
/// string, which is a literal (AWS guide: "JSONata syntax: `"{% <JSONata expression> %}"`").
pub fn expression_text(s: &str) -> Option<&str> {
    s.strip_prefix("{%")?.strip_suffix("%}").map(str::trim)
}

/// What an expression can read: AWS's `$states` members (each only where AWS provides it)
/// and the workflow variables as they were when the state was entered.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub input: &'a Value,
    pub result: Option<&'a Value>,
    pub error_output: Option<&'a Value>,
    /// The context object; `Null` when the state does not read it (see `Shared::reads_context`).
    pub context: &'a Context<'a>,
    pub variables: &'a Map<String, Value>,
    /// Draws a seed from the execution's generator, for `$random()` and `$uuid()`.
    pub seed: &'a dyn Fn() -> u64,
}

impl<'a> Scope<'a> {
    pub fn with_result(self, result: &'a Value) -> Scope<'a> {
        Scope {
            result: Some(result),
            ..self
        }
    }
}

/// The context object (`$states.context`), built or to be built.
pub(crate) enum Context<'a> {
    Ready(&'a Value),
    /// A Map iteration's: built on first read, except that `Map.Item.Value` and
    /// `Map.Item.Index` read alone are answered from the item (most ItemSelectors read only
    /// them, and building the object for each of 10,000 items costs).
    Item {
        built: std::cell::OnceCell<Value>,
        build: &'a dyn Fn() -> Value,
        index: Value,
        value: &'a Value,
    },
}

impl Context<'_> {
    pub fn get(&self) -> &Value {
        match self {
            Context::Ready(v) => v,
            Context::Item { built, build, .. } => built.get_or_init(build),
        }
    }
}

/// Where a value sits in a state's field, for AWS's causes: `Output/a/b[0]`, `Assign/x`,
/// `Choices[1]/Condition`. Built into text only when an error names it.
#[derive(Clone, Copy)]
pub(crate) enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

pub(crate) fn field_name(field: &str, path: &[Segment]) -> String {
    let mut out = field.to_string();
    for seg in path {
        match seg {
            Segment::Key(k) => {
                out.push('/');
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Evaluates a field's value: a JSONata string is replaced by its value, objects and arrays
/// are walked so that `{% %}` strings nested anywhere are evaluated too, everything else is
/// kept (AWS guide: "Any string value, including those inside objects or arrays, will be
/// evaluated as JSONata if surrounded by {% %} characters"). An expression that returns
/// nothing fails the state, naming where it sits.
pub(crate) fn evaluate_template(
    template: &Value,
    field: &str,
    scope: &Scope,
) -> Result<Value, StatesError> {
    let mut path = Vec::new();
    walk(template, field, &mut path, scope)
}

fn walk<'t>(
    template: &'t Value,
    field: &str,
    path: &mut Vec<Segment<'t>>,
    scope: &Scope,
) -> Result<Value, StatesError> {
    match template {
        Value::String(s) => match expression_text(s) {
            Some(text) => required(text, scope, || field_name(field, path)),
            None => Ok(template.clone()),
        },
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                path.push(Segment::Key(k));
                let value = walk(v, field, path, scope);
                path.pop();
                out.insert(k.clone(), value?);
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                let value = walk(v, field, path, scope);
                path.pop();
                out.push(value?);
            }
            Ok(Value::Array(out))
        }
        other => Ok(other.clone()),
    }
}

/// `Assign`: each key a variable, each value a template, all evaluated against the values
/// variables had when the state was entered (AWS guide, "Passing data between states with
/// variables": the assignments of one state do not see each other).
pub(crate) fn evaluate_assign(
    assign: &Value,
    field: &str,
    scope: &Scope,
) -> Result<Map<String, Value>, StatesError> {
    let Value::Object(map) = assign else {
        return Err(StatesError::runtime(format!(
            "The value of the field '{field}' must be a JSON object, not {}",
            crate::dataflow::render::json_text(assign)
        )));
    };
    let mut out = Map::with_capacity(map.len());
    let mut path = Vec::with_capacity(4);
    for (k, v) in map {
        path.push(Segment::Key(k));
        let value = walk(v, field, &mut path, scope);
        path.pop();
        out.insert(k.clone(), value?);
    }
    Ok(out)
}

/// Evaluates a field that holds one value of JSONata type `expected` (`array`, `number`,
/// `string`, `boolean`): an expression, or a literal (whose nested `{% %}` strings are
/// evaluated). AWS's cause for another type (recorded,
/// shared/conformance/extra/scenarios/map_state_items_eval_jsonata_fail__*): `The JSONata
/// expression 'true' specified for the field 'Items' returned an unexpected result type.
/// Expected 'array', but was 'boolean' for value: true`.
pub(crate) fn evaluate_typed(
    value: &Value,
    field: &str,
    expected: &str,
    scope: &Scope,
) -> Result<Value, StatesError> {
    let v = evaluate_template(value, field, scope)?;
    if type_name(&v) == expected {
        return Ok(v);
    }
    let shown = match value {
        Value::String(s) => expression_text(s).unwrap_or(s).to_string(),
        other => crate::dataflow::render::json_text(other),
    };
    Err(wrong_type(&shown, field, expected, &v))
}

/// One expression text, which must give a value.
fn required(
    text: &str,
    scope: &Scope,
    field: impl FnOnce() -> String,
) -> Result<Value, StatesError> {
    match evaluate(text, scope) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(errors::undefined(text, &field())),
        Err(e) => Err(errors::threw(text, &field(), &e)),
    }
}

/// Evaluates one expression text: `Ok(None)` is JSONata's `undefined`.
pub(crate) fn evaluate(
    text: &str,
    scope: &Scope,
) -> Result<Option<Value>, stepwise_jsonata::Error> {
    let compiled = compile(text)?;
    if let Some(f) = &compiled.fast {
        if let Ok(v) = fast::evaluate(f, &|name, fields| lookup(scope, name, fields)) {
            return Ok(v);
        }
    }
    let env = compiled.env(scope);
    compiled.expression.evaluate(None, &env)
}

/// `$name.fields...` for the shortcut: `$states` members, then bound variables; a name that
/// is neither (a function, a variable never assigned) is left to the evaluator.
fn lookup<'a>(
    scope: &Scope<'a>,
    name: &str,
    fields: &[String],
) -> Result<Option<(&'a Value, usize)>, ()> {
    if name == "states" {
        let member = match fields.first().map(String::as_str) {
            Some("input") => Some(scope.input),
            Some("result") => scope.result,
            Some("errorOutput") => scope.error_output,
            Some("context") => {
                if let Context::Item { index, value, .. } = scope.context {
                    let item = |f: usize| fields.get(f).map(String::as_str);
                    if (item(1), item(2)) == (Some("Map"), Some("Item")) {
                        match item(3) {
                            Some("Value") => return Ok(Some((value, 4))),
                            Some("Index") => return Ok(Some((index, 4))),
                            _ => {}
                        }
                    }
                }
                Some(scope.context.get())
            }
            _ => return Err(()),
        };
        return Ok(member.map(|v| (v, 1)));
    }
    if functions::is_host(name) {
        return Err(());
    }
    match scope.variables.get(name) {
        Some(v) => Ok(Some((v, 0))),
        None => Err(()),
    }
}

/// An expression with what it reads, worked out once.
struct Compiled {
    expression: Expression,
    /// The shortcut, for an expression inside its grammar.
    fast: Option<fast::Fast>,
    /// `None`: `$states` is not read; `Some(None)`: read whole; else the members read.
    states: Option<Option<StatesMembers>>,
    /// Names of free variables other than `states` (workflow variables, or AWS functions).
    variables: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct StatesMembers {
    input: bool,
    result: bool,
    error_output: bool,
    context: bool,
}

impl Compiled {
    fn new(text: &str) -> Result<Compiled, stepwise_jsonata::Error> {
        let expression = Expression::parse(text)?;
        let mut states: Option<Option<StatesMembers>> = None;
        let mut variables: Vec<String> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for read in expression.free_variables() {
            if read.name == "states" {
                let members = states.get_or_insert(Some(StatesMembers::default()));
                match (members.as_mut(), read.path.first().map(String::as_str)) {
                    (None, _) => {}
                    (Some(_), None) => *members = None,
                    (Some(m), Some("input")) => m.input = true,
                    (Some(m), Some("result")) => m.result = true,
                    (Some(m), Some("errorOutput")) => m.error_output = true,
                    (Some(m), Some("context")) => m.context = true,
                    (Some(_), Some(_)) => {}
                }
            } else {
                names.push(read.name);
            }
        }
        names.extend(
            expression
                .calls()
                .into_iter()
                .filter(|c| !c.local)
                .map(|c| c.name),
        );
        for name in names {
            if !variables.contains(&name) {
                variables.push(name);
            }
        }
        Ok(Compiled {
            fast: fast::compile(text),
            expression,
            states,
            variables,
        })
    }

    /// The bindings this expression reads, and nothing else.
    fn env(&self, scope: &Scope) -> Env {
        let mut env = Env::new();
        if let Some(members) = self.states {
            let all = members.is_none();
            let m = members.unwrap_or_default();
            let mut states = Map::new();
            if all || m.input {
                states.insert("input".into(), scope.input.clone());
            }
            if all || m.context {
                states.insert("context".into(), scope.context.get().clone());
            }
            if let Some(r) = scope.result.filter(|_| all || m.result) {
                states.insert("result".into(), r.clone());
            }
            if let Some(e) = scope.error_output.filter(|_| all || m.error_output) {
                states.insert("errorOutput".into(), e.clone());
            }
            env.bind("states", Value::Object(states));
        }
        for name in &self.variables {
            if let Some(f) = functions::host(name, scope) {
                env.bind_function(name, f);
            } else if let Some(v) = scope.variables.get(name) {
                env.bind(name, v.clone());
            }
        }
        env
    }
}

/// Parses `text` once per thread; later calls share the parsed expression. Runs are on one
/// thread per runtime (a virtual-clock run entirely on one), so no lock is taken.
fn compile(text: &str) -> Result<Rc<Compiled>, stepwise_jsonata::Error> {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<rustc_hash::FxHashMap<Box<str>, Rc<Compiled>>> = RefCell::default();
    }
    // Enough for the expressions of any real definition; cleared rather than grown past it.
    const CAPACITY: usize = 4096;
    if let Some(hit) = CACHE.with(|c| c.borrow().get(text).cloned()) {
        return Ok(hit);
    }
    let compiled = Rc::new(Compiled::new(text)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CAPACITY {
            c.clear();
        }
        c.insert(text.into(), compiled.clone());
    });
    Ok(compiled)
}

/// The JSONata type name of a value, as AWS's causes name it.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests;
