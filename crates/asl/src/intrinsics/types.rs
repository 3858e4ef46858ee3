//! The argument types of the intrinsic functions, as the AWS guide "Intrinsic functions for
//! JSONPath states" lists them, checked for literal arguments and nested calls (whose
//! result type is known). A path argument's type is only known at run time: never checked.
//!
//! AWS rejects a literal of the wrong type when the state machine is created: asl-validator's
//! test `invalid-math-add.json` ("MathAdd arguments must be paths or numbers") has
//! `States.MathAdd(1,'-1')`. Where the guide leaves a type open (the data of `States.Hash`,
//! the value of `States.JsonToString`, the items of `States.Array`), anything is accepted.

use super::{Arg, Call};

/// What an argument must be, or what a call gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    Any,
    String,
    Number,
    Bool,
    Array,
    Object,
}

impl Ty {
    fn describe(self) -> &'static str {
        match self {
            Ty::Any => "any value",
            Ty::String => "a string",
            Ty::Number => "a number",
            Ty::Bool => "a boolean",
            Ty::Array => "an array",
            Ty::Object => "a JSON object",
        }
    }
}

/// The parameter types of `name` (the last one repeats for variadic functions) and its
/// result type.
fn signature(name: &str) -> Option<(&'static [Ty], Ty)> {
    use Ty::*;
    Some(match name {
        "States.Array" => (&[Any], Array),
        "States.ArrayPartition" => (&[Array, Number], Array),
        "States.ArrayContains" => (&[Array, Any], Bool),
        "States.ArrayRange" => (&[Number, Number, Number], Array),
        "States.ArrayGetItem" => (&[Array, Number], Any),
        "States.ArrayLength" => (&[Array], Number),
        "States.ArrayUnique" => (&[Array], Array),
        "States.Base64Encode" | "States.Base64Decode" => (&[String], String),
        "States.Hash" => (&[Any, String], String),
        "States.JsonMerge" => (&[Object, Object, Bool], Object),
        "States.StringToJson" => (&[String], Any),
        "States.JsonToString" => (&[Any], String),
        "States.MathRandom" => (&[Number, Number, Number], Number),
        "States.MathAdd" => (&[Number, Number], Number),
        "States.StringSplit" => (&[String, String], Array),
        "States.UUID" => (&[], String),
        "States.Format" => (&[String, Any], String),
        _ => return None,
    })
}

/// The type of an argument when it is known before run time.
fn type_of(arg: &Arg) -> Option<(Ty, &'static str)> {
    match arg {
        Arg::String(_) => Some((Ty::String, "a string")),
        Arg::Number(_) => Some((Ty::Number, "a number")),
        Arg::Bool(_) => Some((Ty::Bool, "a boolean")),
        Arg::Null => Some((Ty::Any, "null")),
        Arg::Path(_) => None,
        Arg::Call(inner) => match signature(&inner.name)?.1 {
            Ty::Any => None,
            ty => Some((ty, ty.describe())),
        },
    }
}

/// For each argument of `call` whose known type is not what the function takes: its index
/// and a message.
pub(super) fn mismatches(call: &Call) -> Vec<(usize, String)> {
    let Some((params, _)) = signature(&call.name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, arg) in call.args.iter().enumerate() {
        let Some(&want) = params.get(i).or(params.last()) else {
            break;
        };
        if want == Ty::Any {
            continue;
        }
        let Some((got, got_text)) = type_of(arg) else {
            continue;
        };
        // `null` fits no typed parameter; a typed value fits only its own type.
        if got != want || matches!(arg, Arg::Null) {
            let what = match arg {
                Arg::Call(inner) => format!("{} returns {got_text}", inner.name),
                _ => format!("got {got_text} ({arg})"),
            };
            out.push((
                i,
                format!(
                    "argument {} of {} must be {}; {what}",
                    i + 1,
                    call.name,
                    want.describe()
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::intrinsics::{check, parse, CallProblemKind};

    fn arg_type_problems(text: &str) -> Vec<String> {
        let call = parse(text).expect("parses");
        check(&call)
            .into_iter()
            .filter(|p| p.kind == CallProblemKind::ArgType)
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn literal_arguments_of_the_wrong_type() {
        // (call, how many argument type problems)
        let table = [
            ("States.MathAdd(1, '-1')", 1),
            ("States.MathAdd(1, -1)", 0),
            ("States.MathAdd(1.5, $.x)", 0),
            ("States.MathAdd(true, null)", 2),
            ("States.ArrayRange('a', 2, 1)", 1),
            ("States.ArrayRange(1, 10, 2)", 0),
            ("States.StringToJson(3)", 1),
            ("States.StringToJson($.s)", 0),
            ("States.StringSplit('a,b', ',')", 0),
            ("States.StringSplit(1, ',')", 1),
            ("States.ArrayLength('abc')", 1),
            ("States.ArrayLength(States.StringSplit($.s, ','))", 0),
            ("States.ArrayLength(States.Format('{}', $.s))", 1),
            ("States.ArrayGetItem($.a, '0')", 1),
            ("States.ArrayPartition(States.Array(1, 2), 1)", 0),
            ("States.JsonMerge($.a, $.b, false)", 0),
            ("States.JsonMerge($.a, $.b, 'false')", 1),
            ("States.JsonMerge('{}', $.b, false)", 1),
            ("States.Base64Encode(5)", 1),
            ("States.Hash(5, 'SHA-256')", 0),
            ("States.Hash($.x, 256)", 1),
            ("States.MathRandom(1, 10, 'seed')", 1),
            ("States.Format(5)", 1),
            ("States.Format('{} {}', 1, true)", 0),
            ("States.Array('a', 1, null, true)", 0),
            (
                "States.MathAdd(States.ArrayLength($.a), States.MathAdd(1, 2))",
                0,
            ),
            ("States.MathAdd(States.ArrayContains($.a, 1), 1)", 1),
            ("States.MathAdd(States.ArrayGetItem($.a, 0), 1)", 0),
        ];
        for (text, want) in table {
            let got = arg_type_problems(text);
            assert_eq!(got.len(), want, "{text}: {got:?}");
        }
        assert_eq!(
            arg_type_problems("States.MathAdd(1, '-1')"),
            ["argument 2 of States.MathAdd must be a number; got a string ('-1')"]
        );
    }
}
