//! Retry and Catch: their shapes, and where `States.ALL` may stand.

use super::fields::{self, Lang};
use super::jsonata::{self, StatesFields};
use super::member;
use super::payload::{self, PathKind};
use super::{Ctx, MAX_SECONDS};
use crate::diagnostic::Code;
use crate::model::QueryLanguage;
use crate::pointer::Loc;
use serde_json::{Map, Value};

/// Checks every entry of a Retry or Catch array with `each`, then the `States.ALL` rule.
fn check_entries(
    ctx: &mut Ctx,
    ptr: &Loc<'_>,
    v: &Value,
    field: &str,
    mut each: impl FnMut(&mut Ctx, &Loc<'_>, &Map<String, Value>),
) {
    let Value::Array(entries) = v else {
        ctx.wrong_type(ptr, field, "an array", v);
        return;
    };
    let last = entries.len().saturating_sub(1);
    for (i, entry) in entries.iter().enumerate() {
        let ep = ptr.index(i);
        let Value::Object(obj) = entry else {
            ctx.wrong_type(&ep, &format!("{field} entry"), "an object", entry);
            continue;
        };
        check_error_equals(ctx, &ep, obj, i == last, field);
        each(ctx, &ep, obj);
    }
}

/// ErrorEquals: a non-empty array of strings; `States.ALL` alone and in the last entry
/// (ASL spec, "Retrying after an error" / "Fallback states").
fn check_error_equals(
    ctx: &mut Ctx,
    ep: &Loc<'_>,
    obj: &Map<String, Value>,
    is_last: bool,
    field: &str,
) {
    let Some(v) = member(obj, "ErrorEquals") else {
        ctx.missing(ep, "ErrorEquals", &format!("a {field} entry"));
        return;
    };
    let p = ep.key("ErrorEquals");
    let Value::Array(names) = v else {
        ctx.wrong_type(&p, "ErrorEquals", "an array of error names", v);
        return;
    };
    if names.is_empty() {
        ctx.error(
            Code::InvalidRetryCatch,
            &p,
            "ErrorEquals must name at least one error",
        );
    }
    for (j, n) in names.iter().enumerate() {
        let np = p.index(j);
        match n.as_str() {
            None => ctx.wrong_type(&np, "An error name", "a string", n),
            Some("States.ALL") if names.len() > 1 => ctx.error(
                Code::StatesAllPosition,
                &np,
                "States.ALL must appear alone in its ErrorEquals",
            ),
            Some("States.ALL") if !is_last => ctx.error(
                Code::StatesAllPosition,
                &np,
                format!("States.ALL must be in the last {field} entry"),
            ),
            Some(_) => {}
        }
    }
}

pub(crate) fn check_retry(ctx: &mut Ctx, ptr: &Loc<'_>, v: &Value) {
    check_entries(ctx, ptr, v, "Retry", |ctx, ep, obj| {
        for (k, val) in obj {
            let p = ep.key(k);
            match k.as_str() {
                "ErrorEquals" => {}
                "IntervalSeconds" | "MaxDelaySeconds" => {
                    ctx.integer(&p, k, val, 1, MAX_SECONDS);
                }
                "MaxAttempts" => {
                    ctx.integer(&p, k, val, 0, MAX_SECONDS);
                }
                "BackoffRate" if super::is_placeholder(val) => {}
                "BackoffRate" => match val.as_f64() {
                    Some(rate) if rate >= 1.0 => {}
                    Some(_) => ctx.error(
                        Code::InvalidValue,
                        &p,
                        format!("BackoffRate must be at least 1.0, not {val}"),
                    ),
                    None => ctx.wrong_type(&p, k, "a number", val),
                },
                "JitterStrategy" => match val.as_str() {
                    Some("FULL" | "NONE") => {}
                    _ => ctx.error(
                        Code::InvalidValue,
                        &p,
                        format!(
                            "JitterStrategy must be FULL or NONE, not {}",
                            super::describe(val)
                        ),
                    ),
                },
                "Comment" => {
                    ctx.string(&p, k, val);
                }
                _ if !fields::RETRIER_FIELDS.contains(&k.as_str()) => {
                    ctx.unknown_field(&p, k, "a Retry entry")
                }
                _ => {}
            }
        }
    });
}

pub(crate) fn check_catch(ctx: &mut Ctx, ptr: &Loc<'_>, v: &Value, ql: QueryLanguage) {
    check_entries(ctx, ptr, v, "Catch", |ctx, ep, obj| {
        if member(obj, "Next").is_none() {
            ctx.missing(ep, "Next", "a Catch entry");
        }
        for (k, val) in obj {
            let p = ep.key(k);
            let lang = fields::CATCHER_FIELDS
                .iter()
                .find(|(name, _)| name == k)
                .map(|(_, l)| *l);
            match lang {
                None => {
                    ctx.unknown_field(&p, k, "a Catch entry");
                    continue;
                }
                Some(l) if !l.allows(ql) => {
                    let hint = if l == Lang::JsonPath {
                        "; use Output"
                    } else {
                        "; use ResultPath"
                    };
                    ctx.error(
                        Code::FieldNotInQueryLanguage,
                        &p,
                        format!("{k} is not allowed in a Catch entry of a {ql} state{hint}"),
                    );
                    continue;
                }
                Some(_) => {}
            }
            match k.as_str() {
                "Next" | "Comment" => {
                    ctx.string(&p, k, val);
                }
                "ResultPath" => {
                    payload::check_nullable_path(ctx, &p, val, PathKind::ResultPath, "ResultPath")
                }
                "Output" => jsonata::check_value(ctx, &p, val, StatesFields::ErrorOutput),
                "Assign" => {
                    let fields =
                        (ql == QueryLanguage::Jsonata).then_some(StatesFields::ErrorOutput);
                    payload::check_assign(ctx, &p, val, fields)
                }
                _ => {}
            }
        }
    });
}
