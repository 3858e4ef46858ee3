//! The rules of a Fail state.

use super::{mutually_exclusive, St};
use crate::validate::jsonata::{self, StatesFields};
use crate::validate::payload;
use crate::validate::Ctx;

pub(super) fn check_fail(ctx: &mut Ctx, st: &St) {
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
