//! Auto-layout of AWS Step Functions state machines: from the typed model to a diagram of
//! positioned states, nested containers and routed, labelled edges, and from that to SVG.
//!
//! A layered (Sugiyama) layout per scope, built on petgraph: cycle breaking by depth-first
//! search ([`cycles`]), longest-path layering with dummy chains ([`layering`]), crossing
//! minimisation by median/barycenter sweeps with transpositions ([`ordering`]), x by weighted
//! isotonic regression per layer ([`positioning`]), polyline routing with a port per edge end
//! ([`routing`], [`ports`]); Parallel and Map bodies are laid out first and nested as
//! containers ([`containers`]). [`quality`] measures the result (bends, stacked ends, edges
//! grazing boxes, label overlaps, empty container area).
//! Everything is deterministic: no hashing, no clocks, numbers rounded to half a pixel.

mod containers;
pub mod corners;
mod cycles;
pub mod diagram;
pub mod diff;
pub mod graph;
pub mod interchange;
pub mod labels;
mod layering;
pub mod marks;
mod ordering;
mod pipeline;
mod ports;
mod positioning;
pub mod quality;
mod routing;
pub mod stats;
pub mod svg;
pub mod synth;
pub mod text;

pub use diagram::{
    Container, Diagram, Edge, EdgeKind, Label, Lane, Node, NodeKind, Point, MISSING_PREFIX,
};
pub use graph::ExtraEdge;
pub use marks::{Mark, Marks};
pub use quality::Quality;
pub use stats::{count_crossings, Stats};
pub use svg::{to_svg, to_svg_with, Overlay};

use diagram::round;
use stepwise_asl::StateMachine;

/// Margin around the whole drawing.
pub const MARGIN: f64 = 24.0;

/// Lays out a state machine. The same machine always gives the same diagram, byte for byte
/// once serialised.
pub fn layout(machine: &StateMachine) -> Diagram {
    layout_with(machine, &[])
}

/// [`layout`], with transitions the machine does not have drawn as well (a visual diff's
/// removed ones); see [`ExtraEdge`].
pub fn layout_with(machine: &StateMachine, extra: &[ExtraEdge]) -> Diagram {
    let mut placed = containers::place(machine, "", 0, true, extra);
    containers::translate(&mut placed, MARGIN, MARGIN);
    let mut d = Diagram {
        width: placed.width + 2.0 * MARGIN,
        height: placed.height + 2.0 * MARGIN,
        nodes: placed.nodes,
        edges: placed.edges,
    };
    round_all(&mut d);
    d
}

fn round_all(d: &mut Diagram) {
    d.width = round(d.width);
    d.height = round(d.height);
    for n in &mut d.nodes {
        n.x = round(n.x);
        n.y = round(n.y);
        n.width = round(n.width);
        n.height = round(n.height);
        if let Some(c) = &mut n.container {
            for l in &mut c.lanes {
                l.x = round(l.x);
                l.y = round(l.y);
                l.width = round(l.width);
                l.height = round(l.height);
            }
        }
    }
    for e in &mut d.edges {
        for p in &mut e.points {
            p.x = round(p.x);
            p.y = round(p.y);
        }
        if let Some(l) = &mut e.label {
            l.x = round(l.x);
            l.y = round(l.y);
        }
    }
}
