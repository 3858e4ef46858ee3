//! The rules of a Wait state.

use super::St;
use crate::diagnostic::Code;
use crate::timestamp;
use crate::validate::jsonata::{self, StatesFields};
use crate::validate::member;
use crate::validate::payload::{self, PathKind};
use crate::validate::{Ctx, MAX_SECONDS};

pub(super) fn check_wait(ctx: &mut Ctx, st: &St) {
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
            if crate::placeholder::has_placeholder(s) {
                // `${Date}`: the substitution gives the timestamp; not known yet.
            } else if st.jsonata() && jsonata::is_meant_as_expression(s) {
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
