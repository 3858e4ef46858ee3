//! The rules of a Parallel state.

use super::{ChildScope, St};
use crate::diagnostic::Code;
use crate::validate::fields;
use crate::validate::Ctx;
use serde_json::Value;

pub(super) fn check_parallel<'a>(ctx: &mut Ctx, st: &St<'a, '_>) -> Vec<ChildScope<'a>> {
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
