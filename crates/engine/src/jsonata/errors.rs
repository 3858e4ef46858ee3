//! AWS's causes for a JSONata expression that fails, all `States.QueryEvaluationError`
//! (recorded in shared/conformance, e.g. assign/undefined_reference__BASE_UNDEFINED_OUTPUT:
//! `The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing
//! (undefined).`). The executor adds the `An error occurred while executing the state ...`
//! prefix, as for every error the service raises.

use crate::dataflow::render::json_text;
use crate::error::{names, StatesError};
use serde_json::Value;

fn prefix(text: &str, field: &str) -> String {
    format!("The JSONata expression '{text}' specified for the field '{field}'")
}

pub(crate) fn undefined(text: &str, field: &str) -> StatesError {
    StatesError::new(
        names::QUERY_EVALUATION_ERROR,
        format!("{} returned nothing (undefined).", prefix(text, field)),
    )
}

/// An expression that does not parse, or that raises an error while it runs: jsonata-js's
/// code and message after AWS's words for it.
pub(crate) fn threw(text: &str, field: &str, e: &stepwise_jsonata::Error) -> StatesError {
    StatesError::new(
        names::QUERY_EVALUATION_ERROR,
        format!(
            "{} threw an error during evaluation. {}: {}",
            prefix(text, field),
            e.code,
            e.message
        ),
    )
}

pub(crate) fn wrong_type(text: &str, field: &str, expected: &str, value: &Value) -> StatesError {
    StatesError::new(
        names::QUERY_EVALUATION_ERROR,
        format!(
            "{} returned an unexpected result type. Expected '{expected}', but was '{}' for value: {}",
            prefix(text, field),
            super::type_name(value),
            json_text(value)
        ),
    )
}

/// A value of the right type that the field cannot take (a negative number of seconds).
pub(crate) fn out_of_range(text: &str, field: &str, value: &Value, wanted: &str) -> StatesError {
    StatesError::new(
        names::QUERY_EVALUATION_ERROR,
        format!(
            "{} returned {}, but the field must be {wanted}.",
            prefix(text, field),
            json_text(value)
        ),
    )
}

/// The field a cause above names (`Output/a`, `Items`): the `location` of AWS's
/// `EvaluationFailed` event. `None` for other causes.
pub(crate) fn location_of(cause: &str) -> Option<&str> {
    let start = cause.find("' specified for the field '")? + "' specified for the field '".len();
    let rest = &cause[start..];
    let end = rest.find("' ")?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn causes_as_aws_words_them() {
        let cases: Vec<(StatesError, &str)> = vec![
            (
                undefined("$doesNotExist", "Output"),
                "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).",
            ),
            (
                undefined("$doesNotExist", "Assign/result"),
                "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
            ),
            (
                wrong_type("true", "Items", "array", &json!(true)),
                "The JSONata expression 'true' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'boolean' for value: true",
            ),
            (
                wrong_type("$ItemsVar", "Items", "array", &json!({"foo": "bar"})),
                "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
            ),
            (
                threw("$x + 1", "Output", &stepwise_jsonata::Error::new("T2001", "The left side of the \"+\" operator must evaluate to a number")),
                "The JSONata expression '$x + 1' specified for the field 'Output' threw an error during evaluation. T2001: The left side of the \"+\" operator must evaluate to a number",
            ),
        ];
        for (error, cause) in cases {
            assert_eq!(error.error, "States.QueryEvaluationError");
            assert_eq!(error.cause.as_deref(), Some(cause));
        }
    }

    #[test]
    fn location_is_the_field_a_cause_names() {
        for (cause, location) in [
            (undefined("$a", "Output/v[0]").cause, Some("Output/v[0]")),
            (
                wrong_type("1", "Items", "array", &json!(1)).cause,
                Some("Items"),
            ),
            (
                Some("Map state input must be an array but was: 1".into()),
                None,
            ),
        ] {
            assert_eq!(location_of(cause.as_deref().unwrap_or("")), location);
        }
    }
}
