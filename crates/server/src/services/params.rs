//! Reading a Task's PascalCase parameters (the service API's request JSON), with the error
//! Step Functions gives when one has the wrong type.

use super::response::Service;
use serde_json::{Map, Value};
use stepwise_engine::StatesError;

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
