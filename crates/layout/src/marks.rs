//! Marks of a visual diff drawn over a diagram (`stepwise diff --format svg`): each marked
//! state gets an outline in its change's colour, each marked edge that colour, and both a
//! `data-change` attribute and a `change-*` class, so a stylesheet or a test can find them.

use std::collections::BTreeMap;

/// What happened to a state or a transition between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    Added,
    Changed,
    /// The same body under a new name; [`Marks::notes`] says the old one.
    Renamed,
    /// Only in the old version: drawn as a red dashed ghost.
    Removed,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Added => "added",
            Mark::Changed => "changed",
            Mark::Renamed => "renamed",
            Mark::Removed => "removed",
        }
    }

    /// Green for added, amber for changed and renamed, red for removed.
    pub fn colour(self) -> &'static str {
        match self {
            Mark::Added => "#16a34a",
            Mark::Changed | Mark::Renamed => "#d97706",
            Mark::Removed => "#dc2626",
        }
    }
}

/// The marks of one drawing, by node id and edge id. Ordered maps: what is drawn does not
/// depend on hashing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    pub nodes: BTreeMap<String, Mark>,
    pub edges: BTreeMap<String, Mark>,
    /// A short note drawn under a node's box ("renamed from Old Name").
    pub notes: BTreeMap<String, String>,
}

impl Marks {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty() && self.notes.is_empty()
    }

    /// The marks used by edges, each needing its own arrowhead colour.
    pub(crate) fn edge_marks(&self) -> Vec<Mark> {
        let mut m: Vec<Mark> = self.edges.values().copied().collect();
        m.sort();
        m.dedup();
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{layout, to_svg, to_svg_with, Overlay};
    use serde_json::json;

    fn diagram() -> crate::Diagram {
        layout(&stepwise_asl::lenient_machine(
            &json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}),
        ))
    }

    #[test]
    fn no_marks_draw_what_to_svg_draws() {
        let d = diagram();
        let svg = to_svg_with(&d, &Overlay::default());
        assert_eq!(svg, to_svg(&d));
        assert!(!svg.contains("data-change"));
    }

    #[test]
    fn marked_nodes_and_edges_carry_their_change_colour_and_arrowhead() {
        let d = diagram();
        let mut marks = Marks::default();
        marks.nodes.insert("/States/A".into(), Mark::Renamed);
        marks.nodes.insert("/States/B".into(), Mark::Removed);
        marks
            .notes
            .insert("/States/A".into(), "renamed from Old".into());
        marks
            .edges
            .insert("/States/A->/States/B#0".into(), Mark::Added);
        let svg = to_svg_with(
            &d,
            &Overlay {
                marks,
                ..Overlay::default()
            },
        );
        for (needle, count) in [
            ("<g class=\"change-renamed\" data-change=\"renamed\">", 1),
            (
                "<g class=\"change-removed\" data-change=\"removed\" opacity=\"0.6\">",
                1,
            ),
            (
                "stroke=\"#d97706\" stroke-width=\"2.5\" stroke-dasharray=\"6 3\"",
                1,
            ),
            ("<marker id=\"arrow-added\"", 1),
            ("<marker id=\"arrow-removed\"", 0),
            ("stroke=\"#16a34a\" stroke-width=\"2.5\"", 1),
            ("marker-end=\"url(#arrow-added)\"", 1),
            (
                "italic\" fill=\"#d97706\" stroke=\"#f8fafc\" stroke-width=\"3\" paint-order=\"stroke\">renamed from Old</text>",
                1,
            ),
        ] {
            assert_eq!(svg.matches(needle).count(), count, "{needle} in\n{svg}");
        }
    }
}
