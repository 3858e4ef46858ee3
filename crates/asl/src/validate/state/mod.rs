//! One state: its type, its fields (per type and query language), and the rules of each type.

use super::fields::{self, FieldRule, Lang};
use super::jsonata::{self, StatesFields};
use super::member;
use super::payload::{self, PathKind};
use super::{choice, errors, Ctx};
use crate::diagnostic::Code;
use crate::model::{QueryLanguage, StateType};
use crate::pointer::{Loc, Pointer};
use serde_json::{Map, Value};

mod fail;
mod map;
mod parallel;
mod task;
mod wait;

use fail::check_fail;
use map::check_map;
use parallel::check_parallel;
use task::check_task;
use wait::check_wait;

/// A nested body (Parallel branch, Map processor) to validate as a scope of its own.
pub(crate) struct ChildScope<'a> {
    pub body: &'a Map<String, Value>,
    pub ptr: Pointer,
    pub allowed: &'static [&'static str],
    pub owner: String,
    /// A Distributed Map's processor: it cannot read the variables around it.
    pub isolated: bool,
}

/// The fields of a state as the checks below read them.
struct St<'a, 'l> {
    name: &'a str,
    obj: &'a Map<String, Value>,
    ptr: Loc<'l>,
    ty: StateType,
    ql: QueryLanguage,
    /// Fields the table accepts here; only these get their values checked, so a misplaced
    /// field is reported once (as misplaced), not twice.
    allowed: Vec<&'a str>,
}

impl<'a> St<'a, '_> {
    fn get<'s>(&'s self, field: &'s str) -> Option<(&'a Value, Loc<'s>)> {
        if !self.allowed.contains(&field) {
            return None;
        }
        member(self.obj, field).map(|v| (v, self.ptr.key(field)))
    }

    fn jsonata(&self) -> bool {
        self.ql == QueryLanguage::Jsonata
    }

    /// What `$states` holds in this state's Output and Assign: the result of a Task, Parallel
    /// or Map; nothing more for the other types.
    fn output_fields(&self) -> StatesFields {
        match self.ty {
            StateType::Task | StateType::Parallel | StateType::Map => StatesFields::Result,
            _ => StatesFields::Plain,
        }
    }

    fn owner(&self) -> String {
        format!("{} state {:?}", self.ty, self.name)
    }
}

pub(crate) fn check_query_language_value(ctx: &mut Ctx, ptr: &Loc<'_>, v: &Value) {
    match v.as_str() {
        Some("JSONPath") | Some("JSONata") => {}
        _ => ctx.error(
            Code::InvalidQueryLanguage,
            ptr,
            format!(
                "QueryLanguage must be \"JSONPath\" or \"JSONata\", not {}",
                super::describe(v)
            ),
        ),
    }
}

/// Validates one state and returns the bodies nested in it.
pub(crate) fn validate_state<'a>(
    ctx: &mut Ctx,
    name: &'a str,
    obj: &'a Map<String, Value>,
    ptr: &Loc<'_>,
) -> Vec<ChildScope<'a>> {
    let ty = match member(obj, "Type") {
        None => {
            ctx.missing(ptr, "Type", &format!("State {name:?}"));
            return Vec::new();
        }
        Some(Value::String(s)) => match StateType::parse(s) {
            Some(t) => t,
            None => {
                ctx.error(
                    Code::InvalidStateType,
                    &ptr.key("Type"),
                    format!("{s:?} is not a state type; use one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map"),
                );
                return Vec::new();
            }
        },
        Some(other) => {
            ctx.wrong_type(&ptr.key("Type"), "Type", "a string", other);
            return Vec::new();
        }
    };
    let ql = state_query_language(ctx, obj, ptr);
    let mut allowed = Vec::new();
    for key in obj.keys() {
        let fp = ptr.key(key);
        match fields::state_field(ty, ql, key) {
            FieldRule::Allowed => allowed.push(key.as_str()),
            FieldRule::Unknown => ctx.unknown_field(&fp, key, &format!("a {ty} state")),
            FieldRule::OtherType => {
                let on: Vec<&str> = fields::types_accepting(key)
                    .iter()
                    .map(|t| t.as_str())
                    .collect();
                ctx.error(
                    Code::FieldNotAllowed,
                    &fp,
                    format!(
                        "{key} is not allowed on a {ty} state (only on {})",
                        on.join(", ")
                    ),
                );
            }
            FieldRule::OtherLanguage(lang) => {
                let hint = match lang {
                    Lang::JsonPath => "; JSONata states use Arguments and Output instead of InputPath, Parameters, ResultSelector, ResultPath and OutputPath",
                    _ => "",
                };
                ctx.error(
                    Code::FieldNotInQueryLanguage,
                    &fp,
                    format!("{key} is not allowed in a {ql} state{hint}"),
                );
            }
        }
    }
    let st = St {
        name,
        obj,
        ptr: *ptr,
        ty,
        ql,
        allowed,
    };
    check_common(ctx, &st);
    match ty {
        StateType::Task => check_task(ctx, &st),
        StateType::Pass => {}
        StateType::Choice => choice::check_choice_state(ctx, &st.ptr, st.obj, st.jsonata()),
        StateType::Wait => check_wait(ctx, &st),
        StateType::Succeed => {}
        StateType::Fail => check_fail(ctx, &st),
        StateType::Parallel => return check_parallel(ctx, &st),
        StateType::Map => return check_map(ctx, &st),
    }
    Vec::new()
}

/// The state's own QueryLanguage, else the machine's. A JSONPath state in a JSONata machine
/// is rejected by AWS ("a state cannot use JSONPath when the top level uses JSONata").
fn state_query_language(ctx: &mut Ctx, obj: &Map<String, Value>, ptr: &Loc<'_>) -> QueryLanguage {
    match member(obj, "QueryLanguage") {
        None => ctx.machine_lang,
        Some(v) => {
            let qp = ptr.key("QueryLanguage");
            check_query_language_value(ctx, &qp, v);
            match v.as_str() {
                Some("JSONata") => QueryLanguage::Jsonata,
                Some("JSONPath") if ctx.machine_lang == QueryLanguage::Jsonata => {
                    ctx.error(
                        Code::InvalidQueryLanguage,
                        &qp,
                        "a state cannot use JSONPath when the state machine's QueryLanguage is JSONata",
                    );
                    QueryLanguage::JsonPath
                }
                Some("JSONPath") => QueryLanguage::JsonPath,
                _ => ctx.machine_lang,
            }
        }
    }
}

fn check_common(ctx: &mut Ctx, st: &St) {
    if let Some((v, p)) = st.get("Comment") {
        ctx.string(&p, "Comment", v);
    }
    check_transition(ctx, st);
    for field in ["InputPath", "OutputPath"] {
        if let Some((v, p)) = st.get(field) {
            payload::check_nullable_path(ctx, &p, v, PathKind::Any, field);
        }
    }
    if let Some((v, p)) = st.get("ResultPath") {
        payload::check_nullable_path(ctx, &p, v, PathKind::ResultPath, "ResultPath");
    }
    if let Some((v, p)) = st.get("Parameters") {
        payload::check_payload_template(ctx, &p, v);
    }
    if let Some((v, p)) = st.get("ResultSelector") {
        if v.is_object() {
            payload::check_payload_template(ctx, &p, v);
        } else {
            ctx.wrong_type(&p, "ResultSelector", "an object", v);
        }
    }
    if let Some((v, p)) = st.get("Arguments") {
        jsonata::check_value(ctx, &p, v, StatesFields::Plain);
    }
    if let Some((v, p)) = st.get("Output") {
        jsonata::check_value(ctx, &p, v, st.output_fields());
    }
    if let Some((v, p)) = st.get("Assign") {
        let fields = st.jsonata().then(|| st.output_fields());
        payload::check_assign(ctx, &p, v, fields);
    }
    if let Some((v, p)) = st.get("Retry") {
        errors::check_retry(ctx, &p, v);
    }
    if let Some((v, p)) = st.get("Catch") {
        errors::check_catch(ctx, &p, v, st.ql);
    }
}

/// Exactly one of `Next` and `End: true` on Task, Pass, Wait, Parallel and Map.
fn check_transition(ctx: &mut Ctx, st: &St) {
    if !matches!(
        st.ty,
        StateType::Task | StateType::Pass | StateType::Wait | StateType::Parallel | StateType::Map
    ) {
        return;
    }
    let next = st.get("Next").and_then(|(v, p)| ctx.string(&p, "Next", v));
    let end = match st.get("End") {
        Some((Value::Bool(b), _)) => *b,
        // `${Name}`: the substitution decides; neither outcome is reported before it.
        Some((v, _)) if super::is_placeholder(v) => return,
        Some((v, p)) => {
            ctx.wrong_type(&p, "End", "a boolean", v);
            false
        }
        None => false,
    };
    let next_present = st.get("Next").is_some();
    if next_present && end {
        ctx.error(
            Code::NextAndEnd,
            &st.ptr,
            format!(
                "{} has both Next and End; it must have exactly one",
                st.owner()
            ),
        );
    } else if next.is_none() && !next_present && !end {
        ctx.error(
            Code::MissingTransition,
            &st.ptr,
            format!("{} needs either Next or \"End\": true", st.owner()),
        );
    }
}

fn mutually_exclusive(ctx: &mut Ctx, st: &St, a: &str, b: &str) {
    if st.get(a).is_some() && st.get(b).is_some() {
        ctx.error(
            Code::MutuallyExclusive,
            &st.ptr,
            format!("{} has both {a} and {b}; use one of them", st.owner()),
        );
    }
}
