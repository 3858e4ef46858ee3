use serde_json::{json, Value};

use super::*;

mod errors;
mod eval;
mod parse;
mod text;

fn parse(text: &str) -> JsonPath {
    JsonPath::parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn segments(text: &str) -> Vec<Segment> {
    parse(text).segments
}

fn field(name: &str) -> Segment {
    Segment::Field(name.to_string())
}

fn error(text: &str) -> PathError {
    match JsonPath::parse(text) {
        Ok(p) => panic!("{text:?} should not parse, got {p:?}"),
        Err(e) => e,
    }
}

/// Asserts the error offset and that the message mentions `needle`.
fn assert_error(text: &str, offset: usize, needle: &str) {
    let e = error(text);
    assert_eq!(e.offset, offset, "offset for {text:?}: {e}");
    assert!(
        e.message.contains(needle),
        "message for {text:?} should mention {needle:?}: {e}"
    );
}

fn filter(text: &str) -> FilterExpr {
    match segments(text).pop() {
        Some(Segment::Filter(f)) => f,
        other => panic!("{text:?} should end in a filter, got {other:?}"),
    }
}

fn current(segments: Vec<Segment>) -> FilterPath {
    FilterPath {
        root: FilterRoot::Current,
        segments,
    }
}
