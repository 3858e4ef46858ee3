//! The rules of a Task state.

use super::{mutually_exclusive, St};
use crate::diagnostic::Code;
use crate::validate::jsonata::{self, StatesFields};
use crate::validate::payload::{self, PathKind};
use crate::validate::{arn, Ctx, MAX_SECONDS};

pub(super) fn check_task(ctx: &mut Ctx, st: &St) {
    match st.get("Resource") {
        None => ctx.missing(&st.ptr, "Resource", &st.owner()),
        Some((v, p)) => {
            if let Some(r) = ctx.string(&p, "Resource", v) {
                if let Some(problem) = arn::resource_problem(r) {
                    ctx.error(Code::InvalidResource, &p, problem);
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
