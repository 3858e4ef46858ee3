//! The Map state and its parts (processor, reader, batcher, writer).

use super::{Catcher, Common, Extra, Flow, NumberOrExpr, Retrier, StateMachine};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapState {
    #[serde(flatten)]
    pub common: Common,
    /// The current form of the processor.
    #[serde(
        rename = "ItemProcessor",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub item_processor: Option<ItemProcessor>,
    /// The legacy form, still accepted by AWS (with a ProcessorConfig too).
    #[serde(rename = "Iterator", skip_serializing_if = "Option::is_none", default)]
    pub iterator: Option<ItemProcessor>,
    #[serde(rename = "ItemsPath", skip_serializing_if = "Option::is_none", default)]
    pub items_path: Option<String>,
    /// JSONata: an array, or an expression that yields one.
    #[serde(rename = "Items", skip_serializing_if = "Option::is_none", default)]
    pub items: Option<Value>,
    #[serde(
        rename = "ItemSelector",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub item_selector: Option<Value>,
    /// Legacy name of ItemSelector.
    #[serde(
        rename = "Parameters",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub parameters: Option<Value>,
    #[serde(rename = "Arguments", skip_serializing_if = "Option::is_none", default)]
    pub arguments: Option<Value>,
    #[serde(
        rename = "ItemReader",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub item_reader: Option<ItemReader>,
    #[serde(
        rename = "ItemBatcher",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub item_batcher: Option<ItemBatcher>,
    #[serde(
        rename = "ResultWriter",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub result_writer: Option<ResultWriter>,
    #[serde(
        rename = "MaxConcurrency",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_concurrency: Option<NumberOrExpr>,
    #[serde(
        rename = "MaxConcurrencyPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_concurrency_path: Option<String>,
    #[serde(
        rename = "ToleratedFailurePercentage",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub tolerated_failure_percentage: Option<NumberOrExpr>,
    #[serde(
        rename = "ToleratedFailurePercentagePath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub tolerated_failure_percentage_path: Option<String>,
    #[serde(
        rename = "ToleratedFailureCount",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub tolerated_failure_count: Option<NumberOrExpr>,
    #[serde(
        rename = "ToleratedFailureCountPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub tolerated_failure_count_path: Option<String>,
    #[serde(rename = "Label", skip_serializing_if = "Option::is_none", default)]
    pub label: Option<String>,
    #[serde(
        rename = "ResultSelector",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub result_selector: Option<Value>,
    #[serde(
        rename = "ResultPath",
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::nullable"
    )]
    pub result_path: Option<Value>,
    #[serde(rename = "Retry", skip_serializing_if = "Option::is_none", default)]
    pub retry: Option<Vec<Retrier>>,
    #[serde(rename = "Catch", skip_serializing_if = "Option::is_none", default)]
    pub catch: Option<Vec<Catcher>>,
    #[serde(flatten)]
    pub flow: Flow,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MapState {
    /// The processor's states, from `ItemProcessor` or the legacy `Iterator`.
    pub fn processor(&self) -> Option<&StateMachine> {
        self.processor_with_field().map(|(_, sm)| sm)
    }

    /// The processor and the field it came from (`ItemProcessor` or `Iterator`).
    pub fn processor_with_field(&self) -> Option<(&'static str, &StateMachine)> {
        if let Some(p) = &self.item_processor {
            return Some(("ItemProcessor", &p.machine));
        }
        self.iterator.as_ref().map(|p| ("Iterator", &p.machine))
    }

    /// INLINE unless the processor says DISTRIBUTED.
    pub fn mode(&self) -> ProcessorMode {
        self.item_processor
            .as_ref()
            .or(self.iterator.as_ref())
            .and_then(|p| p.processor_config.as_ref())
            .and_then(|c| c.mode)
            .unwrap_or(ProcessorMode::Inline)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemProcessor {
    #[serde(
        rename = "ProcessorConfig",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub processor_config: Option<ProcessorConfig>,
    #[serde(flatten)]
    pub machine: StateMachine,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ProcessorConfig {
    #[serde(rename = "Mode", skip_serializing_if = "Option::is_none", default)]
    pub mode: Option<ProcessorMode>,
    /// `STANDARD` or `EXPRESS` child executions (Distributed mode only).
    #[serde(
        rename = "ExecutionType",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub execution_type: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProcessorMode {
    #[serde(rename = "INLINE")]
    Inline,
    #[serde(rename = "DISTRIBUTED")]
    Distributed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemReader {
    #[serde(rename = "Resource")]
    pub resource: String,
    #[serde(
        rename = "ReaderConfig",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub reader_config: Option<Value>,
    #[serde(
        rename = "Parameters",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub parameters: Option<Value>,
    #[serde(rename = "Arguments", skip_serializing_if = "Option::is_none", default)]
    pub arguments: Option<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemBatcher {
    #[serde(
        rename = "MaxItemsPerBatch",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_items_per_batch: Option<NumberOrExpr>,
    #[serde(
        rename = "MaxItemsPerBatchPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_items_per_batch_path: Option<String>,
    #[serde(
        rename = "MaxInputBytesPerBatch",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_input_bytes_per_batch: Option<NumberOrExpr>,
    #[serde(
        rename = "MaxInputBytesPerBatchPath",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub max_input_bytes_per_batch_path: Option<String>,
    #[serde(
        rename = "BatchInput",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub batch_input: Option<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultWriter {
    #[serde(rename = "Resource", skip_serializing_if = "Option::is_none", default)]
    pub resource: Option<String>,
    #[serde(
        rename = "Parameters",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub parameters: Option<Value>,
    #[serde(rename = "Arguments", skip_serializing_if = "Option::is_none", default)]
    pub arguments: Option<Value>,
    #[serde(
        rename = "WriterConfig",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub writer_config: Option<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}
