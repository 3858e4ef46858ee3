//! The validator. It reads the raw JSON value, not the typed model, so that it can report
//! every problem at once (a wrong type in one state does not hide a bad `Next` in another),
//! each with a JSON Pointer to the most specific value at fault.
//!
//! The rules are AWS's: what the Step Functions API rejects with `InvalidDefinition`
//! (checked against the AWS developer guide and the ASL specification), and what the
//! validators statelint and asl-validator reject.

mod arn;
mod choice;
mod errors;
mod fields;
pub use fields::fields_of;
mod graph;
mod jsonata;
mod path_text;
mod payload;
mod state;
mod variables;

use crate::diagnostic::{Code, Diagnostic, TextRange};
use crate::model::QueryLanguage;
use crate::pointer::{Loc, Pointer};
use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map, Value};

pub use jsonata::forget_expressions;

/// AWS's limit on the size of a state machine definition (1 MiB).
pub const MAX_DEFINITION_BYTES: usize = 1024 * 1024;
/// AWS's limit on the length of a state name.
pub const MAX_STATE_NAME_CHARS: usize = 80;
/// The largest value AWS accepts for TimeoutSeconds, HeartbeatSeconds and IntervalSeconds.
pub const MAX_SECONDS: u64 = 99_999_999;

pub fn too_large(len: usize) -> Diagnostic {
    Diagnostic::error(
        Code::DefinitionTooLarge,
        "",
        format!("the definition is {len} bytes; AWS accepts at most {MAX_DEFINITION_BYTES} bytes"),
    )
}

/// Validates a definition given as a JSON value and returns every problem found, in document
/// order. An empty list means AWS would accept the definition.
pub fn validate(value: &Value) -> Vec<Diagnostic> {
    let mut ctx = Ctx::default();
    let root_ptr = Pointer::root();
    let root = Loc::Base(&root_ptr);
    let Value::Object(machine) = value else {
        ctx.wrong_type(&root, "The definition", "a JSON object", value);
        return ctx.diags;
    };
    ctx.machine_lang = match member(machine, "QueryLanguage") {
        Some(Value::String(s)) if s == "JSONata" => QueryLanguage::Jsonata,
        _ => QueryLanguage::JsonPath,
    };
    for (key, v) in machine {
        let ptr = root.key(key);
        match key.as_str() {
            "Comment" | "Version" if !v.is_string() => ctx.wrong_type(&ptr, key, "a string", v),
            "Version" if v.as_str() != Some("1.0") => ctx.error(
                Code::InvalidValue,
                &ptr,
                "Version must be \"1.0\", the only ASL version",
            ),
            "QueryLanguage" => state::check_query_language_value(&mut ctx, &ptr, v),
            "TimeoutSeconds" => {
                ctx.integer_in(&ptr, key, v, (1, MAX_SECONDS), Code::InvalidTimeout);
            }
            k if !fields::MACHINE_FIELDS.contains(&k) => {
                ctx.unknown_field(&ptr, k, "the state machine")
            }
            _ => {}
        }
    }
    let mut scopes = Vec::new();
    validate_scope(
        &mut ctx,
        machine,
        root_ptr,
        fields::MACHINE_FIELDS,
        "the state machine",
        false,
        &mut scopes,
    );
    // Name resolution needs every scope's names first: a Next into another branch is
    // "out of scope", not "not found".
    for scope in &scopes {
        graph::check_transitions(&mut ctx, scope);
    }
    // Reads need every scope's assignments first: a loop reads what a later state assigns.
    ctx.vars.report_undefined(&mut ctx.diags);
    ctx.diags
}

/// One list of states with its own StartAt: the machine, a Parallel branch, a Map processor.
pub(crate) struct Scope<'a> {
    pub ptr: Pointer,
    pub start_at: Option<&'a str>,
    pub states: Vec<(&'a str, &'a Map<String, Value>)>,
}

impl Scope<'_> {
    /// The pointer of one of this scope's states.
    pub fn state_pointer(&self, name: &str) -> Pointer {
        self.ptr.key("States").key(name)
    }
}

#[derive(Default)]
pub(crate) struct Ctx<'a> {
    pub diags: Vec<Diagnostic>,
    pub machine_lang: QueryLanguage,
    /// Every state name of the machine with the scope (index into `scope_ptrs`) of its
    /// first definition.
    pub names: HashMap<&'a str, usize>,
    pub scope_ptrs: Vec<Pointer>,
    /// The scope whose states are being validated (index into `scope_ptrs`).
    pub scope: usize,
    /// Workflow variables assigned and read, per scope.
    pub vars: variables::Variables,
}

impl Ctx<'_> {
    /// Where a state name was first defined.
    pub fn first_definition(&self, name: &str) -> Option<Pointer> {
        let scope = *self.names.get(name)?;
        Some(self.scope_ptrs[scope].key("States").key(name))
    }

    pub fn error(&mut self, code: Code, ptr: &Loc<'_>, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(code, ptr.render(), message));
    }

    pub fn warning(&mut self, code: Code, ptr: &Loc<'_>, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(code, ptr.render(), message));
    }

    /// A state of the current scope assigns the workflow variable `name`.
    pub fn assign_variable(&mut self, name: &str) {
        self.vars.assign(self.scope, name);
    }

    /// A field at `ptr` reads the workflow variable `name` (`range`: where in the string).
    pub fn read_variable(&mut self, ptr: &Loc<'_>, name: &str, range: Option<TextRange>) {
        self.vars.read(self.scope, name, ptr.render(), range);
    }

    pub fn wrong_type(&mut self, ptr: &Loc<'_>, field: &str, expected: &str, got: &Value) {
        self.error(
            Code::WrongType,
            ptr,
            format!("{field} must be {expected}, not {}", describe(got)),
        );
    }

    pub fn missing(&mut self, ptr: &Loc<'_>, field: &str, owner: &str) {
        self.error(
            Code::MissingField,
            ptr,
            format!("{owner} is missing the required field {field}"),
        );
    }

    pub fn unknown_field(&mut self, ptr: &Loc<'_>, field: &str, owner: &str) {
        self.error(
            Code::UnknownField,
            ptr,
            format!("{field} is not a field of {owner}"),
        );
    }

    /// An integer in `[min, max]`; reports and returns `None` otherwise.
    pub fn integer(
        &mut self,
        ptr: &Loc<'_>,
        field: &str,
        v: &Value,
        min: u64,
        max: u64,
    ) -> Option<u64> {
        self.integer_in(ptr, field, v, (min, max), Code::InvalidValue)
    }

    /// [`Ctx::integer`] reporting an out-of-range value with `range_code`.
    pub fn integer_in(
        &mut self,
        ptr: &Loc<'_>,
        field: &str,
        v: &Value,
        (min, max): (u64, u64),
        range_code: Code,
    ) -> Option<u64> {
        if is_placeholder(v) {
            return None;
        }
        let Value::Number(n) = v else {
            self.wrong_type(ptr, field, "an integer", v);
            return None;
        };
        match (n.as_u64(), n.as_i64()) {
            (Some(x), _) if (min..=max).contains(&x) => Some(x),
            (Some(_), _) | (None, Some(_)) => {
                self.error(
                    range_code,
                    ptr,
                    format!("{field} must be between {min} and {max}, not {n}"),
                );
                None
            }
            _ => {
                self.wrong_type(ptr, field, "an integer", v);
                None
            }
        }
    }

    /// A number in JSONPath states; in JSONata states also a `{% %}` expression.
    pub fn integer_or_expr(
        &mut self,
        ptr: &Loc<'_>,
        field: &str,
        v: &Value,
        min: u64,
        max: u64,
        jsonata: bool,
    ) -> Option<u64> {
        self.integer_or_expr_in(ptr, field, v, (min, max), jsonata, Code::InvalidValue)
    }

    /// [`Ctx::integer_or_expr`] reporting an out-of-range value with `range_code`.
    pub fn integer_or_expr_in(
        &mut self,
        ptr: &Loc<'_>,
        field: &str,
        v: &Value,
        range: (u64, u64),
        jsonata: bool,
        range_code: Code,
    ) -> Option<u64> {
        if is_placeholder(v) {
            return None;
        }
        if jsonata {
            if let Value::String(s) = v {
                if jsonata::is_meant_as_expression(s) {
                    jsonata::check_string(self, ptr, s, jsonata::StatesFields::Plain);
                } else {
                    self.wrong_type(
                        ptr,
                        field,
                        "an integer or a JSONata expression {% ... %}",
                        v,
                    );
                }
                return None;
            }
        }
        self.integer_in(ptr, field, v, range, range_code)
    }

    pub fn string<'v>(&mut self, ptr: &Loc<'_>, field: &str, v: &'v Value) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(ptr, field, "a string", other);
                None
            }
        }
    }
}

/// Looks a field up by walking the object. Definition objects are small, and comparing a
/// handful of keys is cheaper than hashing the name (serde_json's ordered maps use SipHash).
pub(crate) fn member<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    if obj.len() > 16 {
        return obj.get(key);
    }
    obj.iter().find_map(|(k, v)| (k == key).then_some(v))
}

/// A string made of one `${Name}` placeholder: in a field that takes a number or a boolean,
/// CloudFormation's DefinitionSubstitutions or Terraform's templatefile() put the value
/// there, so the field is checked as "some value of the right type".
pub(crate) fn is_placeholder(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| crate::placeholder::is_placeholder_only(s).is_some())
}

/// "a number (5)", "an object", ... for messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) if s.chars().count() > 40 => "a string".into(),
        Value::String(s) => format!("a string ({s:?})"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Validates a machine, branch or processor body and, recursively, its states. Pushes one
/// [`Scope`] per body into `scopes` for the transition checks that run afterwards. An
/// `isolated` body (a Distributed Map's processor) cannot read the variables around it.
fn validate_scope<'a>(
    ctx: &mut Ctx<'a>,
    body: &'a Map<String, Value>,
    base: Pointer,
    allowed: &[&str],
    owner: &str,
    isolated: bool,
    scopes: &mut Vec<Scope<'a>>,
) {
    let scope_id = ctx.scope_ptrs.len();
    ctx.scope_ptrs.push(base.clone());
    let outer = ctx.scope;
    ctx.vars
        .open_scope(scope_id, (scope_id > 0).then_some(outer), isolated);
    ctx.scope = scope_id;
    let ptr = Loc::Base(&base);
    if !std::ptr::eq(allowed, fields::MACHINE_FIELDS) {
        for (key, v) in body {
            let p = ptr.key(key);
            if !allowed.contains(&key.as_str()) {
                ctx.unknown_field(&p, key, owner);
            } else if key == "Comment" && !v.is_string() {
                ctx.wrong_type(&p, key, "a string", v);
            }
        }
    }
    let start_at = match member(body, "StartAt") {
        None => {
            ctx.missing(&ptr, "StartAt", owner);
            None
        }
        Some(v) => ctx.string(&ptr.key("StartAt"), "StartAt", v),
    };
    let mut scope = Scope {
        ptr: base.clone(),
        start_at,
        states: Vec::new(),
    };
    let states_ptr = ptr.key("States");
    match member(body, "States") {
        None => ctx.missing(&ptr, "States", owner),
        Some(Value::Object(states)) if states.is_empty() => ctx.error(
            Code::EmptyStates,
            &states_ptr,
            format!("States of {owner} is empty; it needs at least one state"),
        ),
        Some(Value::Object(states)) => {
            for (name, state) in states {
                let sp = states_ptr.key(name);
                check_state_name(ctx, name, &sp, scope_id);
                match state {
                    Value::Object(obj) => {
                        scope.states.push((name.as_str(), obj));
                        let children = state::validate_state(ctx, name, obj, &sp);
                        for child in children {
                            validate_scope(
                                ctx,
                                child.body,
                                child.ptr,
                                child.allowed,
                                &child.owner,
                                child.isolated,
                                scopes,
                            );
                        }
                    }
                    other => ctx.wrong_type(&sp, &format!("State {name:?}"), "an object", other),
                }
            }
        }
        Some(other) => ctx.wrong_type(&states_ptr, "States", "an object", other),
    }
    scopes.push(scope);
    ctx.scope = outer;
}

fn check_state_name<'a>(ctx: &mut Ctx<'a>, name: &'a str, ptr: &Loc<'_>, scope_id: usize) {
    if let Some(first) = ctx.first_definition(name) {
        let msg = format!("the state name {name:?} is already used at {first}; names must be unique in the whole machine, branches and processors included");
        ctx.error(Code::DuplicateStateName, ptr, msg);
    } else {
        ctx.names.insert(name, scope_id);
    }
    let len = name.chars().count();
    if len == 0 {
        ctx.error(Code::InvalidStateName, ptr, "a state name cannot be empty");
    } else if len > MAX_STATE_NAME_CHARS {
        ctx.error(
            Code::StateNameTooLong,
            ptr,
            format!("the state name is {len} characters long; AWS allows at most {MAX_STATE_NAME_CHARS}"),
        );
    }
    if name.chars().any(char::is_control) {
        ctx.error(
            Code::InvalidStateName,
            ptr,
            "a state name cannot contain control characters",
        );
    }
}
