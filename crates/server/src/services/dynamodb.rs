//! `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem` through
//! `aws-sdk-dynamodb`, with DynamoDB's JSON attribute values (`{"S": "x"}`, `{"N": "1"}`, ...)
//! converted to and from the SDK's `AttributeValue`.

use super::params::Params;
use super::response::{put, Captured, Service};
use aws_sdk_dynamodb::operation::RequestId;
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::{
    AttributeValue, ConsumedCapacity, ReturnConsumedCapacity, ReturnValue,
};
use base64::Engine;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use stepwise_engine::StatesError;

const DYNAMODB: Service = Service::DynamoDb;

use super::Op;

/// Why a JSON value is not a DynamoDB attribute value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a DynamoDB attribute value ({0}): {1}")]
pub struct AttributeError(&'static str, String);

fn b64(text: &str, whole: &Value) -> Result<Blob, AttributeError> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map(Blob::new)
        .map_err(|_| AttributeError("binary values are base64", whole.to_string()))
}

/// `{"S": "x"}`, `{"N": "1"}`, `{"B": "<base64>"}`, `{"SS": [..]}`, `{"NS": [..]}`,
/// `{"BS": [..]}`, `{"M": {..}}`, `{"L": [..]}`, `{"NULL": true}`, `{"BOOL": b}`.
pub fn attribute_from_json(v: &Value) -> Result<AttributeValue, AttributeError> {
    let bad = |why| AttributeError(why, v.to_string());
    let Some((kind, inner)) = v
        .as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.iter().next())
    else {
        return Err(bad("one type key per value"));
    };
    let strings = |inner: &Value| -> Result<Vec<String>, AttributeError> {
        inner
            .as_array()
            .and_then(|a| a.iter().map(|s| s.as_str().map(str::to_string)).collect())
            .ok_or_else(|| bad("a set is an array of strings"))
    };
    Ok(match (kind.as_str(), inner) {
        ("S", Value::String(s)) => AttributeValue::S(s.clone()),
        ("N", Value::String(n)) => AttributeValue::N(n.clone()),
        ("B", Value::String(b)) => AttributeValue::B(b64(b, v)?),
        ("BOOL", Value::Bool(b)) => AttributeValue::Bool(*b),
        ("NULL", Value::Bool(b)) => AttributeValue::Null(*b),
        ("SS", _) => AttributeValue::Ss(strings(inner)?),
        ("NS", _) => AttributeValue::Ns(strings(inner)?),
        ("BS", _) => AttributeValue::Bs(
            strings(inner)?
                .iter()
                .map(|b| b64(b, v))
                .collect::<Result<_, _>>()?,
        ),
        ("L", Value::Array(items)) => AttributeValue::L(
            items
                .iter()
                .map(attribute_from_json)
                .collect::<Result<_, _>>()?,
        ),
        ("M", Value::Object(m)) => AttributeValue::M(attributes_from_json(m)?),
        _ => return Err(bad("unknown type or wrong value for it")),
    })
}

pub fn attributes_from_json(
    m: &Map<String, Value>,
) -> Result<HashMap<String, AttributeValue>, AttributeError> {
    m.iter()
        .map(|(k, v)| Ok((k.clone(), attribute_from_json(v)?)))
        .collect()
}

pub fn attribute_to_json(a: &AttributeValue) -> Value {
    let b64 = |b: &Blob| json!(base64::engine::general_purpose::STANDARD.encode(b.as_ref()));
    match a {
        AttributeValue::S(s) => json!({"S": s}),
        AttributeValue::N(n) => json!({"N": n}),
        AttributeValue::B(b) => json!({"B": b64(b)}),
        AttributeValue::Bool(b) => json!({"BOOL": b}),
        AttributeValue::Null(b) => json!({"NULL": b}),
        AttributeValue::Ss(s) => json!({"SS": s}),
        AttributeValue::Ns(n) => json!({"NS": n}),
        AttributeValue::Bs(bs) => json!({"BS": bs.iter().map(b64).collect::<Vec<_>>()}),
        AttributeValue::L(items) => {
            json!({"L": items.iter().map(attribute_to_json).collect::<Vec<_>>()})
        }
        AttributeValue::M(m) => json!({"M": attributes_to_json(m)}),
        // A type newer than this SDK: nothing faithful to give back.
        _ => Value::Null,
    }
}

/// Sorted by name, so that results read the same on every run.
pub fn attributes_to_json(m: &HashMap<String, AttributeValue>) -> Value {
    let mut names: Vec<&String> = m.keys().collect();
    names.sort();
    Value::Object(
        names
            .into_iter()
            .map(|k| (k.clone(), attribute_to_json(&m[k])))
            .collect(),
    )
}

/// The request's attribute maps (`Key`, `Item`, `ExpressionAttributeValues`).
fn attributes(
    params: &Params<'_>,
    name: &str,
) -> Result<Option<HashMap<String, AttributeValue>>, StatesError> {
    match params.object(name)? {
        None => Ok(None),
        Some(m) => attributes_from_json(m)
            .map(Some)
            .map_err(|e| DYNAMODB.client_error(format!("{name}: {e}"))),
    }
}

/// What PutItem, UpdateItem and DeleteItem answer alike: the item's attributes as asked for
/// with `ReturnValues`, and the capacity consumed.
fn written(
    result: &mut Map<String, Value>,
    attributes: Option<&HashMap<String, AttributeValue>>,
    capacity: Option<&ConsumedCapacity>,
) {
    put(result, "Attributes", attributes.map(attributes_to_json));
    put(result, "ConsumedCapacity", consumed(capacity));
}

fn consumed(c: Option<&ConsumedCapacity>) -> Option<Value> {
    c.map(|c| {
        let mut m = Map::new();
        put(&mut m, "CapacityUnits", c.capacity_units());
        put(&mut m, "ReadCapacityUnits", c.read_capacity_units());
        put(&mut m, "TableName", c.table_name());
        put(&mut m, "WriteCapacityUnits", c.write_capacity_units());
        Value::Object(m)
    })
}

pub async fn call(
    client: aws_sdk_dynamodb::Client,
    op: Op,
    p: Value,
) -> Result<Value, StatesError> {
    let params = Params::new(DYNAMODB, &p);
    let captured = Captured::default();
    let table = params.str("TableName")?;
    let names = params.string_map("ExpressionAttributeNames")?;
    let capacity = params
        .str("ReturnConsumedCapacity")?
        .map(|s| ReturnConsumedCapacity::from(s.as_str()));
    let return_values = params
        .str("ReturnValues")?
        .map(|s| ReturnValue::from(s.as_str()));
    let mut result = Map::new();
    let request_id = match op {
        Op::Get => {
            let out = client
                .get_item()
                .set_table_name(table)
                .set_key(attributes(&params, "Key")?)
                .set_consistent_read(params.bool("ConsistentRead")?)
                .set_projection_expression(params.str("ProjectionExpression")?)
                .set_attributes_to_get(params.strings("AttributesToGet")?)
                .set_expression_attribute_names(names)
                .set_return_consumed_capacity(capacity)
                .customize()
                .interceptor(captured.clone())
                .send()
                .await
                .map_err(|e| DYNAMODB.error(e))?;
            put(
                &mut result,
                "ConsumedCapacity",
                consumed(out.consumed_capacity()),
            );
            put(&mut result, "Item", out.item().map(attributes_to_json));
            out.request_id().map(str::to_string)
        }
        Op::Put => {
            let out = client
                .put_item()
                .set_table_name(table)
                .set_item(attributes(&params, "Item")?)
                .set_condition_expression(params.str("ConditionExpression")?)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(attributes(&params, "ExpressionAttributeValues")?)
                .set_return_values(return_values)
                .set_return_consumed_capacity(capacity)
                .customize()
                .interceptor(captured.clone())
                .send()
                .await
                .map_err(|e| DYNAMODB.error(e))?;
            written(&mut result, out.attributes(), out.consumed_capacity());
            out.request_id().map(str::to_string)
        }
        Op::Update => {
            let out = client
                .update_item()
                .set_table_name(table)
                .set_key(attributes(&params, "Key")?)
                .set_update_expression(params.str("UpdateExpression")?)
                .set_condition_expression(params.str("ConditionExpression")?)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(attributes(&params, "ExpressionAttributeValues")?)
                .set_return_values(return_values)
                .set_return_consumed_capacity(capacity)
                .customize()
                .interceptor(captured.clone())
                .send()
                .await
                .map_err(|e| DYNAMODB.error(e))?;
            written(&mut result, out.attributes(), out.consumed_capacity());
            out.request_id().map(str::to_string)
        }
        Op::Delete => {
            let out = client
                .delete_item()
                .set_table_name(table)
                .set_key(attributes(&params, "Key")?)
                .set_condition_expression(params.str("ConditionExpression")?)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(attributes(&params, "ExpressionAttributeValues")?)
                .set_return_values(return_values)
                .set_return_consumed_capacity(capacity)
                .customize()
                .interceptor(captured.clone())
                .send()
                .await
                .map_err(|e| DYNAMODB.error(e))?;
            written(&mut result, out.attributes(), out.consumed_capacity());
            out.request_id().map(str::to_string)
        }
    };
    Ok(captured.with_metadata(result, request_id.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_round_trip() {
        // Each JSON attribute value, and the SDK value it is.
        let table: Vec<(Value, AttributeValue)> = vec![
            (json!({"S": "order-1"}), AttributeValue::S("order-1".into())),
            (json!({"N": "42.5"}), AttributeValue::N("42.5".into())),
            (
                json!({"B": "aGk="}),
                AttributeValue::B(Blob::new(b"hi".to_vec())),
            ),
            (json!({"BOOL": false}), AttributeValue::Bool(false)),
            (json!({"NULL": true}), AttributeValue::Null(true)),
            (
                json!({"SS": ["a", "b"]}),
                AttributeValue::Ss(vec!["a".into(), "b".into()]),
            ),
            (
                json!({"NS": ["1", "2"]}),
                AttributeValue::Ns(vec!["1".into(), "2".into()]),
            ),
            (
                json!({"BS": ["aGk="]}),
                AttributeValue::Bs(vec![Blob::new(b"hi".to_vec())]),
            ),
            (
                json!({"L": [{"S": "x"}, {"N": "1"}]}),
                AttributeValue::L(vec![
                    AttributeValue::S("x".into()),
                    AttributeValue::N("1".into()),
                ]),
            ),
            (
                json!({"M": {"a": {"S": "x"}, "b": {"M": {"c": {"BOOL": true}}}}}),
                AttributeValue::M(HashMap::from([
                    ("a".to_string(), AttributeValue::S("x".into())),
                    (
                        "b".to_string(),
                        AttributeValue::M(HashMap::from([(
                            "c".to_string(),
                            AttributeValue::Bool(true),
                        )])),
                    ),
                ])),
            ),
        ];
        for (json_value, sdk_value) in table {
            assert_eq!(
                attribute_from_json(&json_value).as_ref(),
                Ok(&sdk_value),
                "{json_value}"
            );
            assert_eq!(attribute_to_json(&sdk_value), json_value);
        }
    }

    #[test]
    fn values_that_are_not_attribute_values() {
        let table = [
            json!("plain"),
            json!({}),
            json!({"S": "x", "N": "1"}),
            json!({"S": 1}),
            json!({"N": 1}),
            json!({"B": "not base64!"}),
            json!({"SS": ["a", 1]}),
            json!({"L": [{"X": "?"}]}),
            json!({"M": {"a": "plain"}}),
            json!({"NULL": "yes"}),
            json!({"Q": "x"}),
        ];
        for v in table {
            assert!(attribute_from_json(&v).is_err(), "{v} was accepted");
        }
    }

    #[test]
    fn maps_come_back_sorted_by_name() {
        let m = HashMap::from([
            ("b".to_string(), AttributeValue::N("2".into())),
            ("a".to_string(), AttributeValue::N("1".into())),
        ]);
        assert_eq!(
            attributes_to_json(&m).to_string(),
            r#"{"a":{"N":"1"},"b":{"N":"2"}}"#
        );
    }
}
