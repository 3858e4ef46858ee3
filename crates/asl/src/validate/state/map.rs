//! The rules of a Map state: ItemProcessor, ProcessorConfig and the Distributed Map fields.

use super::{mutually_exclusive, ChildScope, St};
use crate::diagnostic::Code;
use crate::pointer::Loc;
use crate::validate::fields;
use crate::validate::jsonata::{self, StatesFields};
use crate::validate::member;
use crate::validate::payload::{self, PathKind};
use crate::validate::Ctx;
use serde_json::{Map, Value};

/// Fields only a Distributed Map accepts. Not the ToleratedFailure fields: AWS accepts (and
/// ignores) them on an inline Map, as recorded executions show (localstack's
/// `test_base_map[TOLERATED_FAILURE_PERCENTAGE]`, in `../shared/conformance/extra/`).
const DISTRIBUTED_ONLY: &[&str] = &["ItemReader", "ItemBatcher", "ResultWriter", "Label"];

pub(super) fn check_map<'a>(ctx: &mut Ctx, st: &St<'a, '_>) -> Vec<ChildScope<'a>> {
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
                    crate::validate::describe(v)
                ),
            ),
            ("ExecutionType", Some("STANDARD" | "EXPRESS")) => {}
            ("ExecutionType", _) => ctx.error(
                Code::InvalidValue,
                &p,
                format!(
                    "ExecutionType must be STANDARD or EXPRESS, not {}",
                    crate::validate::describe(v)
                ),
            ),
            _ => ctx.unknown_field(&p, k, "ProcessorConfig"),
        }
    }
    distributed
}

fn check_percentage(ctx: &mut Ctx, p: &Loc<'_>, v: &Value, jsonata: bool) {
    match v {
        v if crate::validate::is_placeholder(v) => {}
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

/// A value and its `...Path` form in one object: AWS's Map state reference lists each pair
/// as "you can specify either X or XPath, but not both" (ItemReader's MaxItems, ItemBatcher's
/// MaxItemsPerBatch and MaxInputBytesPerBatch).
fn value_or_path(ctx: &mut Ctx, p: &Loc<'_>, obj: &Map<String, Value>, owner: &str, field: &str) {
    let path = format!("{field}Path");
    if member(obj, field).is_some() && member(obj, &path).is_some() {
        ctx.error(
            Code::MutuallyExclusive,
            p,
            format!("{owner} has both {field} and {path}; use one of them"),
        );
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
        if let Some(cfg) = cfg.as_object() {
            value_or_path(ctx, &cp, cfg, "ReaderConfig", "MaxItems");
        }
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
    value_or_path(ctx, p, obj, "ItemBatcher", "MaxItemsPerBatch");
    value_or_path(ctx, p, obj, "ItemBatcher", "MaxInputBytesPerBatch");
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
