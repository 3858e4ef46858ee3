//! Reading a Task's PascalCase parameters (the service API's request JSON), with the error
//! Step Functions gives when one has the wrong type.

use super::response::Service;
use serde_json::{Map, Value};
use stepwise_engine::StatesError;

/// One of the `MessageAttributes` SQS and SNS take alike, read once; each service builds its
/// own SDK type from it.
pub struct MessageAttribute {
    pub data_type: Option<String>,
    pub string_value: Option<String>,
    pub binary_value: Option<Vec<u8>>,
}

pub struct Params<'a> {
    pub service: Service,
    pub value: &'a Value,
}

impl<'a> Params<'a> {
    pub fn new(service: Service, value: &'a Value) -> Self {
        Params { service, value }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.value.get(name).filter(|v| !v.is_null())
    }

    pub fn invalid(&self, name: &str, want: &str) -> StatesError {
        self.service.client_error(format!(
            "The field '{name}' must be {want} in the parameters of {}",
            self.service.api_name()
        ))
    }

    /// `{"name": {"DataType": "String", "StringValue": "v"}}`; `BinaryValue` in base64.
    pub fn message_attributes(
        &self,
    ) -> Result<Option<Vec<(String, MessageAttribute)>>, StatesError> {
        use base64::Engine;
        let Some(attrs) = self.object("MessageAttributes")? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for (name, v) in attrs {
            let field = |f: &str| v.get(f).and_then(Value::as_str).map(str::to_string);
            let binary_value = match field("BinaryValue") {
                Some(b) => Some(
                    base64::engine::general_purpose::STANDARD
                        .decode(b)
                        .map_err(|_| self.invalid("MessageAttributes", "base64 in BinaryValue"))?,
                ),
                None => None,
            };
            let attribute = MessageAttribute {
                data_type: field("DataType"),
                string_value: field("StringValue"),
                binary_value,
            };
            out.push((name.clone(), attribute));
        }
        Ok(Some(out))
    }

    pub fn str(&self, name: &str) -> Result<Option<String>, StatesError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.invalid(name, "a string")),
        }
    }

    /// A text field that Step Functions also accepts as JSON (a message body, an execution
    /// input): a JSON value is sent as its JSON text.
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    pub fn i32(&self, name: &str) -> Result<Option<i32>, StatesError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| self.invalid(name, "an integer")),
        }
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, StatesError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.invalid(name, "a boolean")),
        }
    }

    pub fn object(&self, name: &str) -> Result<Option<&'a Map<String, Value>>, StatesError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(_) => Err(self.invalid(name, "an object")),
        }
    }

    pub fn strings(&self, name: &str) -> Result<Option<Vec<String>>, StatesError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| self.invalid(name, "an array of strings")),
            Some(_) => Err(self.invalid(name, "an array of strings")),
        }
    }

    /// A map of strings (`ExpressionAttributeNames`).
    pub fn string_map(
        &self,
        name: &str,
    ) -> Result<Option<std::collections::HashMap<String, String>>, StatesError> {
        let Some(m) = self.object(name)? else {
            return Ok(None);
        };
        m.iter()
            .map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
            .collect::<Option<_>>()
            .map(Some)
            .ok_or_else(|| self.invalid(name, "an object of strings"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_fields_take_json_as_its_text() {
        let p = json!({"s": "plain", "o": {"a": 1}, "n": 5, "null": null});
        let params = Params::new(Service::Sqs, &p);
        let table = [
            ("s", Some("plain")),
            ("o", Some(r#"{"a":1}"#)),
            ("n", Some("5")),
            ("null", None),
            ("absent", None),
        ];
        for (name, want) in table {
            assert_eq!(params.text(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn fields_of_the_wrong_type_are_the_services_client_error() {
        let p = json!({"n": "5", "big": 5_000_000_000_i64, "b": "yes", "s": 1, "m": {"a": 1}});
        let params = Params::new(Service::DynamoDb, &p);
        let errors = [
            params.i32("n").err(),
            params.i32("big").err(),
            params.bool("b").err(),
            params.str("s").err(),
            params.string_map("m").err(),
            params.strings("s").err(),
        ];
        for e in errors {
            let e = e.expect("an error");
            assert_eq!(e.error, "DynamoDB.AmazonDynamoDBException");
        }
        assert_eq!(params.i32("absent").ok(), Some(None));
    }
}
