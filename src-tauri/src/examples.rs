//! The example workflows of `examples/`, built into the app so that the empty screen can
//! offer them on any machine. An example opens as a new, unsaved document.

use crate::ipc::ExampleInfo;
use serde_json::Value;
use stepwise_asl::SourceFormat;

/// `(file name, text)`, in the order the empty screen lists them.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "order-processing.asl.json",
        include_str!("../../examples/order-processing.asl.json"),
    ),
    (
        "approval-flow.asl.json",
        include_str!("../../examples/approval-flow.asl.json"),
    ),
    (
        "parallel-fanout.asl.json",
        include_str!("../../examples/parallel-fanout.asl.json"),
    ),
    (
        "map-items.asl.json",
        include_str!("../../examples/map-items.asl.json"),
    ),
    (
        "polling-loop.asl.json",
        include_str!("../../examples/polling-loop.asl.json"),
    ),
    (
        "jsonata-orders.asl.json",
        include_str!("../../examples/jsonata-orders.asl.json"),
    ),
    (
        "etl-pipeline.asl.yaml",
        include_str!("../../examples/etl-pipeline.asl.yaml"),
    ),
];

/// The definition of a new document.
pub fn blank() -> Value {
    serde_json::json!({
        "Comment": "A new state machine",
        "StartAt": "Start here",
        "States": {
            "Start here": { "Type": "Pass", "End": true }
        }
    })
}

pub fn list() -> Vec<ExampleInfo> {
    EXAMPLES
        .iter()
        .filter_map(|(id, text)| {
            let value = parse(id, text)?;
            let title = value
                .get("Comment")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| id.to_string());
            let doc = stepwise_asl::Document::from_value(value, SourceFormat::Json, text.len());
            Some(ExampleInfo {
                id: id.to_string(),
                title,
                states: u32::try_from(doc.states().len()).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// The definition of example `id`; `None` for an unknown id.
pub fn load(id: &str) -> Option<Value> {
    EXAMPLES
        .iter()
        .find(|(name, _)| *name == id)
        .and_then(|(name, text)| parse(name, text))
}

fn parse(name: &str, text: &str) -> Option<Value> {
    let hint = SourceFormat::from_path(std::path::Path::new(name));
    stepwise_asl::parse_value(text.as_bytes(), hint)
        .ok()
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_file_is_built_in_and_valid() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("examples dir")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = EXAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        assert_eq!(built_in, on_disk, "examples/ and the built-in list differ");
        let listed = list();
        assert_eq!(listed.len(), EXAMPLES.len());
        for info in &listed {
            let value = load(&info.id).expect("loads");
            assert!(
                stepwise_asl::validate(&value).iter().all(|d| !d.is_error()),
                "{} has errors",
                info.id
            );
            assert!(info.states > 0);
        }
        assert!(load("nope.json").is_none());
    }

    #[test]
    fn a_new_document_is_valid() {
        assert!(stepwise_asl::validate(&blank())
            .iter()
            .all(|d| !d.is_error()));
    }
}
