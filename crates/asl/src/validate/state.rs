//! One state: its type, its fields (per type and query language), and the rules of each type.

use super::fields::{self, FieldRule, Lang};
use super::jsonata::{self, StatesFields};
use super::member;
use super::payload::{self, PathKind};
use super::{choice, errors, Ctx, MAX_SECONDS};
use crate::diagnostic::Code;
use crate::model::{QueryLanguage, StateType};
use crate::pointer::{Loc, Pointer};
use crate::timestamp;
use serde_json::{Map, Value};

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

fn check_task(ctx: &mut Ctx, st: &St) {
    match st.get("Resource") {
        None => ctx.missing(&st.ptr, "Resource", &st.owner()),
        Some((v, p)) => {
            if let Some(r) = ctx.string(&p, "Resource", v) {
                if !looks_like_arn(r) {
                    ctx.error(
                        Code::InvalidValue,
                        &p,
                        format!("Resource must be an ARN (arn:partition:service:...), not {r:?}"),
                    );
                }
            }
        }
    }
    if let Some((v, p)) = st.get("Credentials") {
        if v.is_object() {
            if st.jsonata() {
                jsonata::check_value(ctx, &p, v, StatesFields::Plain);
            } else {
                payload::check_payload_template(ctx, &p, v);
            }
        } else {
            ctx.wrong_type(&p, "Credentials", "an object", v);
        }
    }
    mutually_exclusive(ctx, st, "TimeoutSeconds", "TimeoutSecondsPath");
    mutually_exclusive(ctx, st, "HeartbeatSeconds", "HeartbeatSecondsPath");
    let timeout = st.get("TimeoutSeconds").and_then(|(v, p)| {
        ctx.integer_or_expr_in(
            &p,
            "TimeoutSeconds",
            v,
            (1, MAX_SECONDS),
            st.jsonata(),
            Code::InvalidTimeout,
        )
    });
    let heartbeat = st.get("HeartbeatSeconds").and_then(|(v, p)| {
        ctx.integer_or_expr_in(
            &p,
            "HeartbeatSeconds",
            v,
            (1, MAX_SECONDS),
            st.jsonata(),
            Code::InvalidTimeout,
        )
    });
    for field in ["TimeoutSecondsPath", "HeartbeatSecondsPath"] {
        if let Some((v, p)) = st.get(field) {
            payload::check_path_field(ctx, &p, v, PathKind::Reference, field);
        }
    }
    if let (Some(t), Some(h)) = (timeout, heartbeat) {
        if h >= t {
            ctx.error(
                Code::InvalidTimeout,
                &st.ptr.key("HeartbeatSeconds"),
                format!("HeartbeatSeconds ({h}) must be smaller than TimeoutSeconds ({t})"),
            );
        }
    }
}

fn looks_like_arn(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() >= 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty()
}

fn check_wait(ctx: &mut Ctx, st: &St) {
    let timing = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];
    let present: Vec<&str> = timing
        .iter()
        .copied()
        .filter(|f| member(st.obj, f).is_some())
        .collect();
    if present.len() != 1 {
        let msg = if present.is_empty() {
            format!(
                "{} needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath",
                st.owner()
            )
        } else {
            format!(
                "{} has {}; it must have exactly one timing field",
                st.owner(),
                present.join(" and ")
            )
        };
        ctx.error(Code::WaitTiming, &st.ptr, msg);
    }
    if let Some((v, p)) = st.get("Seconds") {
        ctx.integer_or_expr(&p, "Seconds", v, 0, MAX_SECONDS, st.jsonata());
    }
    if let Some((v, p)) = st.get("Timestamp") {
        if let Some(s) = ctx.string(&p, "Timestamp", v) {
            if st.jsonata() && jsonata::is_meant_as_expression(s) {
                jsonata::check_string(ctx, &p, s, StatesFields::Plain);
            } else if !timestamp::is_valid(s) {
                ctx.error(
                    Code::InvalidTimestamp,
                    &p,
                    format!("Timestamp must be RFC 3339 with an uppercase T and Z, like 2026-01-31T12:00:00Z; not {s:?}"),
                );
            }
        }
    }
    for field in ["SecondsPath", "TimestampPath"] {
        if let Some((v, p)) = st.get(field) {
            payload::check_path_field(ctx, &p, v, PathKind::Reference, field);
        }
    }
}

fn check_fail(ctx: &mut Ctx, st: &St) {
    mutually_exclusive(ctx, st, "Error", "ErrorPath");
    mutually_exclusive(ctx, st, "Cause", "CausePath");
    for field in ["Error", "Cause"] {
        if let Some((v, p)) = st.get(field) {
            if let Some(s) = ctx.string(&p, field, v) {
                if st.jsonata() {
                    jsonata::check_string(ctx, &p, s, StatesFields::Plain);
                }
            }
        }
    }
    for field in ["ErrorPath", "CausePath"] {
        if let Some((v, p)) = st.get(field) {
            payload::check_dynamic_value(ctx, &p, v, field);
        }
    }
}

fn check_parallel<'a>(ctx: &mut Ctx, st: &St<'a, '_>) -> Vec<ChildScope<'a>> {
    let mut out = Vec::new();
    match st.get("Branches") {
        None => ctx.missing(&st.ptr, "Branches", &st.owner()),
        Some((Value::Array(branches), p)) if branches.is_empty() => ctx.error(
            Code::InvalidValue,
            &p,
            "Branches must contain at least one branch",
        ),
        Some((Value::Array(branches), p)) => {
            for (i, b) in branches.iter().enumerate() {
                let bp = p.index(i);
                match b {
                    Value::Object(body) => out.push(ChildScope {
                        body,
                        ptr: bp.render(),
                        allowed: fields::BRANCH_FIELDS,
                        owner: format!("branch {i} of Parallel state {:?}", st.name),
                        isolated: false,
                    }),
                    other => ctx.wrong_type(&bp, "A branch", "an object", other),
                }
            }
        }
        Some((other, p)) => ctx.wrong_type(&p, "Branches", "an array", other),
    }
    out
}

/// Fields only a Distributed Map accepts. Not the ToleratedFailure fields: AWS accepts (and
/// ignores) them on an inline Map, as recorded executions show (localstack's
/// `test_base_map[TOLERATED_FAILURE_PERCENTAGE]`, in `../shared/conformance/extra/`).
const DISTRIBUTED_ONLY: &[&str] = &["ItemReader", "ItemBatcher", "ResultWriter", "Label"];

fn check_map<'a>(ctx: &mut Ctx, st: &St<'a, '_>) -> Vec<ChildScope<'a>> {
    let mut out = Vec::new();
    let mut distributed = false;
    match (st.get("ItemProcessor"), st.get("Iterator")) {
        (None, None) => ctx.missing(&st.ptr, "ItemProcessor", &st.owner()),
        (Some(_), Some(_)) => mutually_exclusive(ctx, st, "ItemProcessor", "Iterator"),
        (Some((Value::Object(body), p)), None) => {
            distributed = check_processor_config(ctx, body, &p);
            out.push(ChildScope {
                body,
                ptr: p.render(),
                allowed: fields::PROCESSOR_FIELDS,
                owner: format!("the ItemProcessor of Map state {:?}", st.name),
                isolated: distributed,
            });
        }
        (None, Some((Value::Object(body), p))) => {
            distributed = check_processor_config(ctx, body, &p);
            out.push(ChildScope {
                body,
                ptr: p.render(),
                allowed: fields::PROCESSOR_FIELDS,
                owner: format!("the Iterator of Map state {:?}", st.name),
                isolated: distributed,
            });
        }
        (Some((other, p)), None) => ctx.wrong_type(&p, "ItemProcessor", "an object", other),
        (None, Some((other, p))) => ctx.wrong_type(&p, "Iterator", "an object", other),
    }
    if !distributed {
        for field in DISTRIBUTED_ONLY {
            if st.get(field).is_some() {
                ctx.error(
                    Code::FieldNotAllowed,
                    &st.ptr.key(field),
                    format!("{field} is only allowed on a Map state whose ItemProcessor has ProcessorConfig.Mode DISTRIBUTED"),
                );
            }
        }
    }
    mutually_exclusive(ctx, st, "ItemSelector", "Parameters");
    if let Some((v, p)) = st.get("ItemSelector") {
        if st.jsonata() {
            jsonata::check_value(ctx, &p, v, StatesFields::Plain);
        } else {
            payload::check_payload_template(ctx, &p, v);
        }
    }
    if let Some((v, p)) = st.get("ItemsPath") {
        payload::check_path_field(ctx, &p, v, PathKind::Reference, "ItemsPath");
    }
    if let Some((v, p)) = st.get("Items") {
        match v {
            Value::Array(_) => jsonata::check_value(ctx, &p, v, StatesFields::Plain),
            // A malformed `{% ...` is reported by the JSONata check, not as a wrong type.
            Value::String(s) if jsonata::is_meant_as_expression(s) => {
                jsonata::check_string(ctx, &p, s, StatesFields::Plain)
            }
            other => ctx.wrong_type(
                &p,
                "Items",
                "an array or a JSONata expression {% ... %}",
                other,
            ),
        }
    }
    mutually_exclusive(ctx, st, "MaxConcurrency", "MaxConcurrencyPath");
    mutually_exclusive(
        ctx,
        st,
        "ToleratedFailurePercentage",
        "ToleratedFailurePercentagePath",
    );
    mutually_exclusive(
        ctx,
        st,
        "ToleratedFailureCount",
        "ToleratedFailureCountPath",
    );
    if let Some((v, p)) = st.get("MaxConcurrency") {
        ctx.integer_or_expr(&p, "MaxConcurrency", v, 0, i32::MAX as u64, st.jsonata());
    }
    if let Some((v, p)) = st.get("ToleratedFailureCount") {
        ctx.integer_or_expr(
            &p,
            "ToleratedFailureCount",
            v,
            0,
            i32::MAX as u64,
            st.jsonata(),
        );
    }
    if let Some((v, p)) = st.get("ToleratedFailurePercentage") {
        check_percentage(ctx, &p, v, st.jsonata());
    }
    for field in [
        "MaxConcurrencyPath",
        "ToleratedFailurePercentagePath",
        "ToleratedFailureCountPath",
    ] {
        if let Some((v, p)) = st.get(field) {
            payload::check_path_field(ctx, &p, v, PathKind::Reference, field);
        }
    }
    if let Some((v, p)) = st.get("Label") {
        if let Some(label) = ctx.string(&p, "Label", v) {
            check_label(ctx, &p, label);
        }
    }
    if let Some((v, p)) = st.get("ItemReader") {
        check_item_reader(ctx, &p, v, st.jsonata());
    }
    if let Some((v, p)) = st.get("ItemBatcher") {
        check_item_batcher(ctx, &p, v, st.jsonata());
    }
    if let Some((v, p)) = st.get("ResultWriter") {
        check_result_writer(ctx, &p, v, st.jsonata());
    }
    out
}

/// Checks ProcessorConfig and returns whether the Map is DISTRIBUTED.
fn check_processor_config(ctx: &mut Ctx, body: &Map<String, Value>, ptr: &Loc<'_>) -> bool {
    let Some(cfg) = member(body, "ProcessorConfig") else {
        return false;
    };
    let cp = ptr.key("ProcessorConfig");
    let Value::Object(cfg) = cfg else {
        ctx.wrong_type(&cp, "ProcessorConfig", "an object", cfg);
        return false;
    };
    let mut distributed = false;
    for (k, v) in cfg {
        let p = cp.key(k);
        match (k.as_str(), v.as_str()) {
            ("Mode", Some("DISTRIBUTED")) => distributed = true,
            ("Mode", Some("INLINE")) => {}
            ("Mode", _) => ctx.error(
                Code::InvalidValue,
                &p,
                format!(
                    "Mode must be INLINE or DISTRIBUTED, not {}",
                    super::describe(v)
                ),
            ),
            ("ExecutionType", Some("STANDARD" | "EXPRESS")) => {}
            ("ExecutionType", _) => ctx.error(
                Code::InvalidValue,
                &p,
                format!(
                    "ExecutionType must be STANDARD or EXPRESS, not {}",
                    super::describe(v)
                ),
            ),
            _ => ctx.unknown_field(&p, k, "ProcessorConfig"),
        }
    }
    distributed
}

fn check_percentage(ctx: &mut Ctx, p: &Loc<'_>, v: &Value, jsonata: bool) {
    match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(-1.0);
            if !(0.0..=100.0).contains(&x) {
                ctx.error(
                    Code::InvalidValue,
                    p,
                    format!("ToleratedFailurePercentage must be between 0 and 100, not {n}"),
                );
            }
        }
        Value::String(s) if jsonata && jsonata::is_meant_as_expression(s) => {
            jsonata::check_string(ctx, p, s, StatesFields::Plain)
        }
        other => ctx.wrong_type(
            p,
            "ToleratedFailurePercentage",
            "a number from 0 to 100",
            other,
        ),
    }
}

/// Map Run labels: at most 40 characters, none of whitespace, brackets, wildcards or the
/// special characters AWS forbids in names.
fn check_label(ctx: &mut Ctx, p: &Loc<'_>, label: &str) {
    const FORBIDDEN: &str = "<>{}[]?*\"#%\\^|~`$&,;:/";
    if label.chars().count() > 40 {
        ctx.error(
            Code::InvalidValue,
            p,
            "Label can be at most 40 characters long",
        );
    }
    if label
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || FORBIDDEN.contains(c))
    {
        ctx.error(
            Code::InvalidValue,
            p,
            "Label cannot contain whitespace, brackets, wildcards or the characters \" # % \\ ^ | ~ ` $ & , ; : /",
        );
    }
}

fn object_fields<'v>(
    ctx: &mut Ctx,
    p: &Loc<'_>,
    v: &'v Value,
    owner: &str,
    known: &[&str],
) -> Option<&'v Map<String, Value>> {
    let Value::Object(obj) = v else {
        ctx.wrong_type(p, owner, "an object", v);
        return None;
    };
    for k in obj.keys() {
        if !known.contains(&k.as_str()) {
            ctx.unknown_field(&p.key(k), k, owner);
        }
    }
    Some(obj)
}

fn check_template_field(ctx: &mut Ctx, p: &Loc<'_>, obj: &Map<String, Value>, jsonata: bool) {
    for field in ["Parameters", "Arguments"] {
        if let Some(v) = member(obj, field) {
            let fp = p.key(field);
            match (field, jsonata) {
                ("Parameters", true) => ctx.error(
                    Code::FieldNotInQueryLanguage,
                    &fp,
                    "Parameters is not allowed in a JSONata state; use Arguments",
                ),
                ("Arguments", false) => ctx.error(
                    Code::FieldNotInQueryLanguage,
                    &fp,
                    "Arguments is not allowed in a JSONPath state; use Parameters",
                ),
                (_, true) => jsonata::check_value(ctx, &fp, v, StatesFields::Plain),
                (_, false) => payload::check_payload_template(ctx, &fp, v),
            }
        }
    }
}

fn member_present(v: &Value, key: &str) -> bool {
    v.as_object().is_some_and(|m| member(m, key).is_some())
}

/// A `*Path` field of ItemReader or ItemBatcher in a JSONata state: AWS lists them as
/// "JSONPath only"; the plain field takes a `{% %}` expression instead.
fn not_in_jsonata(ctx: &mut Ctx, p: &Loc<'_>, field: &str, instead: &str) {
    ctx.error(
        Code::FieldNotInQueryLanguage,
        p,
        format!(
            "{field} is not allowed in a JSONata state; use {instead} with a JSONata expression"
        ),
    );
}

fn check_item_reader(ctx: &mut Ctx, p: &Loc<'_>, v: &Value, jsonata: bool) {
    let Some(obj) = object_fields(
        ctx,
        p,
        v,
        "ItemReader",
        &["Resource", "ReaderConfig", "Parameters", "Arguments"],
    ) else {
        return;
    };
    match member(obj, "Resource") {
        None => ctx.missing(p, "Resource", "ItemReader"),
        Some(r) => {
            ctx.string(&p.key("Resource"), "Resource", r);
        }
    }
    if let Some(cfg) = member(obj, "ReaderConfig") {
        let cp = p.key("ReaderConfig");
        if !cfg.is_object() {
            ctx.wrong_type(&cp, "ReaderConfig", "an object", cfg);
        } else if jsonata {
            // In JSONata states ReaderConfig's values (MaxItems, ...) may be expressions;
            // MaxItemsPath is JSONPath's way to the same.
            if member_present(cfg, "MaxItemsPath") {
                not_in_jsonata(ctx, &cp.key("MaxItemsPath"), "MaxItemsPath", "MaxItems");
            }
            jsonata::check_value(ctx, &cp, cfg, StatesFields::Plain);
        } else if let Some(v) = cfg.get("MaxItemsPath") {
            let fp = cp.key("MaxItemsPath");
            payload::check_path_field(ctx, &fp, v, PathKind::Reference, "MaxItemsPath");
        }
    }
    check_template_field(ctx, p, obj, jsonata);
}

fn check_item_batcher(ctx: &mut Ctx, p: &Loc<'_>, v: &Value, jsonata: bool) {
    let known = [
        "MaxItemsPerBatch",
        "MaxItemsPerBatchPath",
        "MaxInputBytesPerBatch",
        "MaxInputBytesPerBatchPath",
        "BatchInput",
    ];
    let Some(obj) = object_fields(ctx, p, v, "ItemBatcher", &known) else {
        return;
    };
    if !known[..4].iter().any(|k| member(obj, k).is_some()) {
        ctx.error(
            Code::MissingField,
            p,
            "ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch (or one of their Path forms)",
        );
    }
    for (field, max) in [
        ("MaxItemsPerBatch", i32::MAX as u64),
        ("MaxInputBytesPerBatch", 262_144),
    ] {
        if let Some(v) = member(obj, field) {
            ctx.integer_or_expr(&p.key(field), field, v, 1, max, jsonata);
        }
    }
    for (field, instead) in [
        ("MaxItemsPerBatchPath", "MaxItemsPerBatch"),
        ("MaxInputBytesPerBatchPath", "MaxInputBytesPerBatch"),
    ] {
        if let Some(v) = member(obj, field) {
            let fp = p.key(field);
            if jsonata {
                not_in_jsonata(ctx, &fp, field, instead);
            } else {
                payload::check_path_field(ctx, &fp, v, PathKind::Reference, field);
            }
        }
    }
    if let Some(v) = member(obj, "BatchInput") {
        if jsonata {
            jsonata::check_value(ctx, &p.key("BatchInput"), v, StatesFields::Plain);
        } else {
            payload::check_payload_template(ctx, &p.key("BatchInput"), v);
        }
    }
}

fn check_result_writer(ctx: &mut Ctx, p: &Loc<'_>, v: &Value, jsonata: bool) {
    let Some(obj) = object_fields(
        ctx,
        p,
        v,
        "ResultWriter",
        &["Resource", "Parameters", "Arguments", "WriterConfig"],
    ) else {
        return;
    };
    if let Some(r) = member(obj, "Resource") {
        ctx.string(&p.key("Resource"), "Resource", r);
    }
    check_template_field(ctx, p, obj, jsonata);
}
