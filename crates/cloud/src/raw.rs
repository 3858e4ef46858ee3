//! The JSON an action answered, as it came over the wire. The SDK turns an answer into typed
//! structs; a history event has 37 kinds of details and AWS adds more, so an event is kept as
//! AWS wrote it instead: the run views, `stepwise aws history` and the history import all read
//! that one shape, and a kind of event this SDK does not know yet still comes through whole.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::AfterDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// Keeps the body of the last answer of the operation it is attached to (the orchestrator
/// has read a non-streaming body into memory by the time it is deserialised).
#[derive(Debug, Clone, Default)]
pub(crate) struct RawBody(Arc<Mutex<Option<Vec<u8>>>>);

impl RawBody {
    /// The answer as JSON; `None` if there was none or it was not JSON.
    pub fn take(&self) -> Option<Value> {
        let bytes = self.0.lock().unwrap_or_else(|p| p.into_inner()).take()?;
        serde_json::from_slice(&bytes).ok()
    }
}

impl Intercept for RawBody {
    fn name(&self) -> &'static str {
        "StepwiseRawBody"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let bytes = context.response().body().bytes().map(<[u8]>::to_vec);
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = bytes;
        Ok(())
    }
}
