//! `stepwise diff --format svg`: the new version's diagram with the changes coloured. Added
//! states and transitions green, changed states amber, renamed states amber with a dashed
//! outline and a "renamed from" note, removed states and transitions red dashed ghosts. The
//! drawing and its marks are `stepwise_layout::diff`'s, the same as the app's compare mode.

use serde_json::Value;
use stepwise_asl::diff::MachineDiff;
use stepwise_layout::diff::{diff_drawing, diff_marks};
use stepwise_layout::{to_svg_with, Overlay};

pub fn svg(old: &Value, new: &Value, d: &MachineDiff) -> String {
    let drawing = diff_drawing(old, new, d);
    let overlay = Overlay {
        marks: diff_marks(&drawing.diagram, d),
        ..Overlay::default()
    };
    to_svg_with(&drawing.diagram, &overlay)
}
