//! What a layout produces: positioned nodes (states, Start/End markers, containers with their
//! lanes) and routed edges. Coordinates are in pixels, origin top-left, y downwards; every
//! number is rounded to half a pixel so that the JSON is byte-for-byte deterministic.

use serde::{Deserialize, Serialize};

/// A whole diagram: its size and everything in it, in drawing order (containers before the
/// states inside them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// What a node stands for: a state of one of the eight types, a Start/End marker, or a
/// placeholder for a state that a transition names but that does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum NodeKind {
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
    Start,
    End,
    /// A name that `Next`, `Default`, a Choice rule, a Catcher or `StartAt` uses but that no
    /// state of the scope has (deleted, misspelt, or in another branch). Drawn as a ghost so
    /// the broken transition stays on the canvas; one per missing name per scope.
    Missing,
}

/// The id of a [`NodeKind::Missing`] node starts with this, followed by the pointer the state
/// would have (`#missing:/States/Fork/Branches/0/States/Gone`).
pub const MISSING_PREFIX: &str = "#missing:";

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Task => "Task",
            NodeKind::Pass => "Pass",
            NodeKind::Choice => "Choice",
            NodeKind::Wait => "Wait",
            NodeKind::Succeed => "Succeed",
            NodeKind::Fail => "Fail",
            NodeKind::Parallel => "Parallel",
            NodeKind::Map => "Map",
            NodeKind::Start => "Start",
            NodeKind::End => "End",
            NodeKind::Missing => "Missing",
        }
    }

    pub fn is_marker(self) -> bool {
        matches!(self, NodeKind::Start | NodeKind::End)
    }
}

/// A positioned node. `x`/`y` is the top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Node {
    /// The state's JSON Pointer (`/States/Fork/Branches/0/States/A`), `#start` / `#end`, or for
    /// a missing state [`MISSING_PREFIX`] and the pointer it would have.
    pub id: String,
    /// The state's name as written in the definition ("Start"/"End" for markers; the name the
    /// transitions use for a missing state).
    pub name: String,
    #[serde(rename = "type")]
    pub kind: NodeKind,
    /// A second line under the name: the integration of a Task, the mode of a Map, ...
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subtitle: Option<String>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The container (Parallel or Map node) this node sits in, and which of its lanes.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lane: Option<usize>,
    /// Nesting depth: 0 for the states of the machine itself.
    pub depth: usize,
    /// For Parallel and Map: the header band and the lanes (one per branch, or the processor).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub container: Option<Container>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Container {
    pub header_height: f64,
    pub lanes: Vec<Lane>,
}

/// One branch of a Parallel, or the item processor of a Map. Absolute coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Lane {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Why an edge exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// From the Start marker to `StartAt`.
    Start,
    /// `Next`.
    Next,
    /// A Choice rule's `Next`; the label summarises the rule.
    Choice,
    /// A Choice's `Default`.
    Default,
    /// A Catcher's `Next`; the label lists its `ErrorEquals`.
    Catch,
    /// From a state that ends the machine (End, Succeed, Fail) to the End marker.
    End,
}

impl EdgeKind {
    /// The kind by its serialised name (`"next"`, `"catch"`, ...), as a visual diff names
    /// transitions.
    pub fn from_name(name: &str) -> Option<EdgeKind> {
        Some(match name {
            "start" => EdgeKind::Start,
            "next" => EdgeKind::Next,
            "choice" => EdgeKind::Choice,
            "default" => EdgeKind::Default,
            "catch" => EdgeKind::Catch,
            "end" => EdgeKind::End,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Start => "start",
            EdgeKind::Next => "next",
            EdgeKind::Choice => "choice",
            EdgeKind::Default => "default",
            EdgeKind::Catch => "catch",
            EdgeKind::End => "end",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A label box, centred on `x`/`y`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Label {
    /// As drawn: its lines (wrapped to the label box) joined by `\n`.
    pub text: String,
    /// The whole text, when `text` is not it (wrapped or cut): shown on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub full: Option<String>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Edge {
    /// `source->target#n`, n counting edges between the same pair.
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: EdgeKind,
    /// A back-edge closes a loop: it is drawn upwards, along the side of the states.
    pub back_edge: bool,
    /// For Choice rules: which rule; for Catch edges: which Catcher (both 0-based), so an
    /// editor can tell which transition an edge is.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rule: Option<usize>,
    /// For Catch edges: the error names.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub label: Option<Label>,
    /// The routed polyline: first point on the source's border, last on the target's.
    pub points: Vec<Point>,
}

/// Rounds to the half pixel, the precision of every number in a diagram.
pub(crate) fn round(v: f64) -> f64 {
    let r = (v * 2.0).round() / 2.0;
    // -0.0 would print as "-0.0" and break byte equality with 0.0.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
