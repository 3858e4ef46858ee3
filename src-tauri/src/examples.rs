//! The example workflows of `examples/`, built into the app so that the empty screen can
//! offer them on any machine. An example opens as a new, unsaved document.

use crate::ipc::ExampleInfo;
use serde_json::Value;
use stepwise_asl::SourceFormat;

/// A bundled example: its file, its text, and what the empty screen's card says about it.
pub struct Example {
    pub file: &'static str,
    pub text: &'static str,
    /// A few words, the card's title.
    pub title: &'static str,
    /// One line under the title: what the machine shows off. (The definition's own `Comment`
    /// is a paragraph, too long for a card; the card shows it as its tooltip.)
    pub summary: &'static str,
}

/// In the order the empty screen lists them.
pub const EXAMPLES: &[Example] = &[
    Example {
        file: "order-processing.asl.json",
        text: include_str!("../../examples/order-processing.asl.json"),
        title: "Order processing",
        summary: "Lambda, DynamoDB and SNS tasks; Retry, Catch and a compensating step",
    },
    Example {
        file: "approval-flow.asl.json",
        text: include_str!("../../examples/approval-flow.asl.json"),
        title: "Expense approval",
        summary: "Choice rules and human approval by callback (.waitForTaskToken)",
    },
    Example {
        file: "parallel-fanout.asl.json",
        text: include_str!("../../examples/parallel-fanout.asl.json"),
        title: "Customer 360 enrichment",
        summary: "Parallel branches merged with intrinsic functions, with a fallback",
    },
    Example {
        file: "map-items.asl.json",
        text: include_str!("../../examples/map-items.asl.json"),
        title: "Price a cart",
        summary: "An inline Map prices each line item, then the order is totalled",
    },
    Example {
        file: "polling-loop.asl.json",
        text: include_str!("../../examples/polling-loop.asl.json"),
        title: "Poll a transcription job",
        summary: "A Wait and Choice loop with a counter, until the job is done",
    },
    Example {
        file: "jsonata-orders.asl.json",
        text: include_str!("../../examples/jsonata-orders.asl.json"),
        title: "Orders in JSONata",
        summary: "Variables, Arguments and Output: no JSONPath anywhere",
    },
    Example {
        file: "etl-pipeline.asl.yaml",
        text: include_str!("../../examples/etl-pipeline.asl.yaml"),
        title: "Nightly ETL pipeline",
        summary: "Glue, a Distributed Map over S3 partitions, then Athena (YAML)",
    },
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
        .filter_map(|e| {
            let value = parse(e.file, e.text)?;
            let comment = value
                .get("Comment")
                .and_then(Value::as_str)
                .map(str::to_string);
            let doc = stepwise_asl::Document::from_value(value, SourceFormat::Json, e.text.len());
            Some(ExampleInfo {
                id: e.file.to_string(),
                title: e.title.to_string(),
                summary: e.summary.to_string(),
                comment,
                states: u32::try_from(doc.states().len()).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// The definition of example `id`; `None` for an unknown id.
pub fn load(id: &str) -> Option<Value> {
    EXAMPLES
        .iter()
        .find(|e| e.file == id)
        .and_then(|e| parse(e.file, e.text))
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
            // Tests files sit next to the machines they test (the Tests panel bundles them).
            .filter(|name| !stepwise_testing::load::is_tests_file(std::path::Path::new(name)))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = EXAMPLES.iter().map(|e| e.file.to_string()).collect();
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
            assert!(info.comment.is_some(), "{} has no Comment", info.id);
        }
        assert!(load("nope.json").is_none());
    }

    /// A card shows the title on one line and the summary on one line under it: both must
    /// stay short enough to read without an ellipsis in a card of the empty screen.
    #[test]
    fn every_example_has_a_short_title_and_a_one_line_summary() {
        for e in EXAMPLES {
            assert!(
                !e.title.is_empty() && e.title.chars().count() <= 28,
                "{}: title {:?}",
                e.file,
                e.title
            );
            assert!(
                !e.summary.is_empty() && e.summary.chars().count() <= 72,
                "{}: summary {:?} ({} characters)",
                e.file,
                e.summary,
                e.summary.chars().count()
            );
            assert!(
                !e.summary.contains('\n'),
                "{}: summary has a line break",
                e.file
            );
        }
    }

    #[test]
    fn a_new_document_is_valid() {
        assert!(stepwise_asl::validate(&blank())
            .iter()
            .all(|d| !d.is_error()));
    }
}
