//! SVG export: what users paste into docs, drawn like the app. Self-contained (no fonts or
//! stylesheets fetched), sized by `viewBox`, arrowheads as `<marker>`s.

use crate::containers::{HEADER, LANE_LABEL};
use crate::diagram::{Diagram, Edge, EdgeKind, Node, NodeKind, MISSING_PREFIX};
use crate::labels::{
    name_lines, GLYPH, LABEL_LINE, LABEL_SIZE, NAME_LINE, NAME_SIZE, NODE_HEIGHT, NODE_PAD,
    SUB_SIZE,
};
use crate::marks::{Mark, Marks};
use crate::text::truncate;
use std::fmt::Write;

/// The app's colour for each state type.
pub fn colour(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Task => "#2563eb",
        NodeKind::Pass => "#64748b",
        NodeKind::Choice => "#d97706",
        NodeKind::Wait => "#7c3aed",
        NodeKind::Succeed => "#16a34a",
        NodeKind::Fail => "#dc2626",
        NodeKind::Parallel => "#0891b2",
        NodeKind::Map => "#db2777",
        NodeKind::Start | NodeKind::End => "#475569",
        NodeKind::Missing => "#dc2626",
    }
}

const FONT: &str = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";
const EDGE: &str = "#64748b";
const CATCH: &str = "#dc2626";
const TEXT: &str = "#0f172a";
const MUTED: &str = "#64748b";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Formats a coordinate: integers without a fraction, halves with one digit.
fn n(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Marks drawn over a diagram: test coverage, as `stepwise layout --coverage` and the app's
/// overlay show it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay {
    /// Node ids of states never entered: drawn faded.
    pub faded: std::collections::HashSet<String>,
    /// Edge ids of transitions never taken: drawn dashed red.
    pub untaken: std::collections::HashSet<String>,
    /// A visual diff's marks: states and edges added, changed, renamed or removed.
    pub marks: Marks,
}

/// The colour of an untaken transition.
const UNTAKEN: &str = "#dc2626";

pub fn to_svg(d: &Diagram) -> String {
    to_svg_with(d, &Overlay::default())
}

pub fn to_svg_with(d: &Diagram, overlay: &Overlay) -> String {
    let mut s = String::with_capacity(256 + d.nodes.len() * 600 + d.edges.len() * 300);
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"{FONT}\">",
        w = n(d.width),
        h = n(d.height)
    );
    s.push_str("<defs>\n");
    for (id, c) in [
        ("arrow", EDGE),
        ("arrow-catch", CATCH),
        ("arrow-untaken", UNTAKEN),
    ] {
        marker(&mut s, id, c);
    }
    for m in overlay.marks.edge_marks() {
        marker(&mut s, &format!("arrow-{}", m.as_str()), m.colour());
    }
    s.push_str("</defs>\n");
    let _ = writeln!(
        s,
        "<rect width=\"{}\" height=\"{}\" fill=\"#f8fafc\"/>",
        n(d.width),
        n(d.height)
    );
    for node in d.nodes.iter().filter(|x| x.container.is_some()) {
        let open = open_node(&mut s, node, overlay);
        container(&mut s, node);
        close_node(&mut s, node, overlay, open);
    }
    // In a visual diff red means removed: Catch edges keep their dash but not their red.
    let diff = !overlay.marks.is_empty();
    for e in &d.edges {
        edge(
            &mut s,
            e,
            overlay.untaken.contains(&e.id),
            overlay.marks.edges.get(&e.id).copied(),
            diff,
        );
    }
    for node in d.nodes.iter().filter(|x| x.container.is_none()) {
        let open = open_node(&mut s, node, overlay);
        state(&mut s, node);
        close_node(&mut s, node, overlay, open);
    }
    for e in &d.edges {
        label(&mut s, e, diff);
    }
    s.push_str("</svg>\n");
    s
}

fn marker(s: &mut String, id: &str, c: &str) {
    let _ = writeln!(
        s,
        "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,1 L9,5 L0,9 z\" fill=\"{c}\"/></marker>"
    );
}

/// Opens a group for a node, faded when never entered, tagged and outlined when marked;
/// returns how many groups to close.
fn open_node(s: &mut String, node: &Node, overlay: &Overlay) -> usize {
    let mut open = 0;
    if overlay.faded.contains(&node.id) {
        s.push_str("<g opacity=\"0.35\" class=\"unentered\">");
        open += 1;
    }
    if let Some(m) = overlay.marks.nodes.get(&node.id) {
        let _ = write!(
            s,
            "<g class=\"change-{k}\" data-change=\"{k}\"{fade}>",
            k = m.as_str(),
            fade = if *m == Mark::Removed {
                " opacity=\"0.6\""
            } else {
                ""
            }
        );
        open += 1;
        let dash = match m {
            Mark::Removed | Mark::Renamed => " stroke-dasharray=\"6 3\"",
            _ => "",
        };
        let rx = if node.container.is_some() { 13.0 } else { 11.0 };
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{dash}/>",
            n(node.x - 4.0),
            n(node.y - 4.0),
            n(node.width + 8.0),
            n(node.height + 8.0),
            n(rx),
            m.colour()
        );
    }
    open
}

fn close_node(s: &mut String, node: &Node, overlay: &Overlay, open: usize) {
    if let Some(note) = overlay.marks.notes.get(&node.id) {
        let colour = overlay
            .marks
            .nodes
            .get(&node.id)
            .map_or(MUTED, |m| m.colour());
        let _ = writeln!(
            s,
            "<text class=\"change-note\" x=\"{}\" y=\"{}\" font-size=\"10\" font-style=\"italic\" fill=\"{colour}\" stroke=\"#f8fafc\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            n(node.x + 2.0),
            n(node.y + node.height + 15.0),
            esc(note)
        );
    }
    for _ in 0..open {
        s.push_str("</g>\n");
    }
}

fn container(s: &mut String, node: &Node) {
    let c = colour(node.kind);
    let (x, y, w, h) = (node.x, node.y, node.width, node.height);
    let _ = writeln!(
        s,
        "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"{c}\" fill-opacity=\"0.06\" stroke=\"{c}\" stroke-width=\"1.5\"/>",
        esc(&node.id),
        n(x),
        n(y),
        n(w),
        n(h)
    );
    glyph(s, node.kind, x + 12.0, y + 12.0);
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"{NAME_SIZE}\" font-weight=\"600\" fill=\"{TEXT}\">{}</text>",
        n(x + 38.0),
        n(y + HEADER / 2.0 - 2.0),
        fitted(&node.name, NAME_SIZE, true, w - 48.0)
    );
    if let Some(sub) = &node.subtitle {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{SUB_SIZE}\" fill=\"{MUTED}\">{}</text>",
            n(x + 38.0),
            n(y + HEADER / 2.0 + 11.0),
            fitted(sub, SUB_SIZE, false, w - 48.0)
        );
    }
    if let Some(cont) = &node.container {
        for lane in &cont.lanes {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"#ffffff\" stroke=\"{c}\" stroke-opacity=\"0.45\" stroke-dasharray=\"4 3\"/>",
                n(lane.x),
                n(lane.y),
                n(lane.width),
                n(lane.height)
            );
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"{SUB_SIZE}\" font-weight=\"600\" fill=\"{c}\">{}</text>",
                n(lane.x + 10.0),
                n(lane.y + LANE_LABEL / 2.0 + 4.0),
                esc(&truncate(&lane.label, SUB_SIZE, true, lane.width - 16.0))
            );
        }
    }
    s.push_str("</g>\n");
}

fn glyph(s: &mut String, kind: NodeKind, x: f64, y: f64) {
    // A 16 px icon in a box whose top-left is (x, y).
    let c = colour(kind);
    let (cx, cy) = (x + 8.0, y + 8.0);
    let _ = match kind {
        NodeKind::Task => write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" rx=\"3\" fill=\"{c}\"/>",
            n(x + 1.0),
            n(y + 1.0)
        ),
        NodeKind::Pass => write!(
            s,
            "<path d=\"M{} {} h10 m-4 -4 l4 4 l-4 4\" stroke=\"{c}\" stroke-width=\"2\" fill=\"none\" stroke-linecap=\"round\"/>",
            n(cx - 6.0),
            n(cy)
        ),
        NodeKind::Choice => write!(
            s,
            "<path d=\"M{} {} l7 7 l-7 7 l-7 -7 z\" fill=\"{c}\"/>",
            n(cx),
            n(cy - 7.0)
        ),
        NodeKind::Wait => write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"/><path d=\"M{} {} v-4 M{} {} h3\" stroke=\"{c}\" stroke-width=\"1.6\" stroke-linecap=\"round\"/>",
            n(cx), n(cy), n(cx), n(cy), n(cx), n(cy)
        ),
        NodeKind::Succeed => write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"7.5\" fill=\"{c}\"/><path d=\"M{} {} l2.5 2.5 l4.5 -5\" stroke=\"#fff\" stroke-width=\"1.8\" fill=\"none\"/>",
            n(cx), n(cy), n(cx - 3.5), n(cy)
        ),
        NodeKind::Fail => write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"7.5\" fill=\"{c}\"/><path d=\"M{} {} l6 6 M{} {} l-6 6\" stroke=\"#fff\" stroke-width=\"1.8\"/>",
            n(cx), n(cy), n(cx - 3.0), n(cy - 3.0), n(cx + 3.0), n(cy - 3.0)
        ),
        NodeKind::Parallel => write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"14\" rx=\"1\" fill=\"{c}\"/><rect x=\"{}\" y=\"{}\" width=\"4\" height=\"14\" rx=\"1\" fill=\"{c}\"/>",
            n(x + 2.0), n(y + 1.0), n(x + 10.0), n(y + 1.0)
        ),
        NodeKind::Map => write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" rx=\"2\" fill=\"none\" stroke=\"{c}\" stroke-width=\"1.6\"/><rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" rx=\"2\" fill=\"{c}\"/>",
            n(x + 5.0), n(y + 1.0), n(x + 1.0), n(y + 5.0)
        ),
        NodeKind::Missing => write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"6.5\" fill=\"none\" stroke=\"{c}\" stroke-width=\"1.6\" stroke-dasharray=\"2.5 2\"/>",
            n(cx), n(cy)
        ),
        NodeKind::Start | NodeKind::End => Ok(()),
    };
}

fn state(s: &mut String, node: &Node) {
    let c = colour(node.kind);
    let (x, y, w, h) = (node.x, node.y, node.width, node.height);
    let _ = write!(s, "<g><title>{}</title>", esc(&node.id));
    if node.kind.is_marker() {
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"#e2e8f0\" stroke=\"#94a3b8\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"600\" fill=\"#334155\" text-anchor=\"middle\">{}</text></g>",
            n(x), n(y), n(w), n(h), n(h / 2.0), n(x + w / 2.0), n(y + h / 2.0 + 4.0), esc(&node.name)
        );
        return;
    }
    let (rx, fill) = match node.kind {
        NodeKind::Succeed => (h / 2.0, "#f0fdf4"),
        NodeKind::Fail | NodeKind::Missing => (h / 2.0, "#fef2f2"),
        _ => (8.0, "#ffffff"),
    };
    // A missing state is a dashed ghost: the state the transitions want but do not find.
    let dash = if node.kind == NodeKind::Missing {
        " stroke-dasharray=\"5 3\""
    } else {
        ""
    };
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{c}\" stroke-width=\"1.5\"{dash}/>",
        n(x), n(y), n(w), n(h), n(rx)
    );
    if node.kind == NodeKind::Missing {
        error_badge(s, x + w - 4.0, y + 4.0);
    }
    if !matches!(
        node.kind,
        NodeKind::Succeed | NodeKind::Fail | NodeKind::Missing
    ) {
        // The coloured bar on the left edge, clipped to the rounded corner by its own radius.
        let _ =
            write!(
            s,
            "<path d=\"M{} {} h4 v{} h-4 a8 8 0 0 1 -8 -8 v{} a8 8 0 0 1 8 -8 z\" fill=\"{c}\"/>",
            n(x + 8.0), n(y), n(h), n(-(h - 16.0))
        );
    }
    let tx = x + NODE_PAD + GLYPH;
    glyph(s, node.kind, x + NODE_PAD - 2.0, y + h / 2.0 - 8.0);
    let room = w - NODE_PAD * 2.0 - GLYPH + 4.0;
    // A name too wide for the widest box has two lines (the box is taller by one).
    let lines = if h > NODE_HEIGHT {
        name_lines(&node.name)
    } else {
        vec![node.name.clone()]
    };
    let shift = NAME_LINE * lines.len().saturating_sub(1) as f64 / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{NAME_SIZE}\" font-weight=\"600\" fill=\"{TEXT}\">{}</text>",
            n(tx + 4.0),
            n(y + h / 2.0 - 2.0 - shift + NAME_LINE * i as f64),
            fitted(line, NAME_SIZE, true, room)
        );
    }
    if let Some(sub) = &node.subtitle {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{SUB_SIZE}\" fill=\"{MUTED}\">{}</text>",
            n(tx + 4.0),
            n(y + h / 2.0 + 12.0 + shift),
            fitted(sub, SUB_SIZE, false, room)
        );
    }
    s.push_str("</g>\n");
}

/// `text` escaped for a `<text>` element, cut to `room` pixels; when cut, the whole text is
/// its `<title>` (a viewer shows it on hover).
fn fitted(text: &str, size: f64, bold: bool, room: f64) -> String {
    let shown = truncate(text, size, bold, room);
    if shown == text {
        esc(text)
    } else {
        format!("<title>{}</title>{}", esc(text), esc(&shown))
    }
}

/// The red "!" disc the app puts on states with errors, centred on (cx, cy).
fn error_badge(s: &mut String, cx: f64, cy: f64) {
    let _ = write!(
        s,
        "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{CATCH}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><path d=\"M{} {} v4.5\" stroke=\"#ffffff\" stroke-width=\"1.8\" stroke-linecap=\"round\"/><circle cx=\"{}\" cy=\"{}\" r=\"1\" fill=\"#ffffff\"/>",
        n(cx), n(cy), n(cx), n(cy - 3.5), n(cx), n(cy + 3.5)
    );
}

fn edge(s: &mut String, e: &Edge, untaken: bool, mark: Option<Mark>, diff: bool) {
    if e.points.len() < 2 {
        return;
    }
    // Rounded bends: square ones read no better anywhere we looked (dense buses included).
    let d = crate::corners::path_data(&e.points, crate::corners::RADIUS);
    let broken = e.target.starts_with(MISSING_PREFIX);
    let marked = mark.map(|m| {
        (
            m.colour(),
            format!("arrow-{}", m.as_str()),
            format!(" class=\"change-{k}\" data-change=\"{k}\"", k = m.as_str()),
        )
    });
    let (stroke, marker, dash) = match e.kind {
        _ if marked.is_some() => ("", "", ""),
        _ if untaken => (
            UNTAKEN,
            "arrow-untaken",
            " stroke-dasharray=\"5 4\" class=\"untaken\"",
        ),
        _ if broken => (CATCH, "arrow-catch", " stroke-dasharray=\"3 3\""),
        EdgeKind::Catch if diff => (EDGE, "arrow", " stroke-dasharray=\"6 4\""),
        EdgeKind::Catch => (CATCH, "arrow-catch", " stroke-dasharray=\"6 4\""),
        EdgeKind::Default => (EDGE, "arrow", " stroke-dasharray=\"2 3\""),
        _ => (EDGE, "arrow", ""),
    };
    let (stroke, marker, dash) = match &marked {
        // Removed transitions keep a dash whatever their kind: they are ghosts too.
        Some((c, m, tag)) => (
            *c,
            m.as_str(),
            if mark == Some(Mark::Removed) {
                format!(" stroke-dasharray=\"6 4\"{tag}")
            } else {
                tag.clone()
            },
        ),
        None => (stroke, marker, dash.to_string()),
    };
    let _ = writeln!(
        s,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{w}\" stroke-linejoin=\"round\"{dash} marker-end=\"url(#{marker})\"><title>{}</title></path>",
        esc(&e.id),
        w = if mark == Some(Mark::Added) { "2.5" } else { "1.5" }
    );
}

fn label(s: &mut String, e: &Edge, diff: bool) {
    let Some(l) = &e.label else {
        return;
    };
    let colour = if e.kind == EdgeKind::Catch && !diff {
        CATCH
    } else {
        "#334155"
    };
    // The whole text on hover when the drawn one was cut.
    let title = l
        .full
        .as_deref()
        .map(|t| format!("<title>{}</title>", esc(t)))
        .unwrap_or_default();
    let _ = write!(
        s,
        "<g>{title}<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#ffffff\" stroke=\"#cbd5e1\"/>",
        n(l.x - l.width / 2.0),
        n(l.y - l.height / 2.0),
        n(l.width),
        n(l.height),
    );
    // Lines centred on the box: the first sits half the extra lines above the middle.
    let lines: Vec<&str> = l.text.split('\n').collect();
    let first = l.y + 4.0 - LABEL_LINE * (lines.len() - 1) as f64 / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_SIZE}\" fill=\"{colour}\" text-anchor=\"middle\">{}</text>",
            n(l.x),
            n(first + LABEL_LINE * i as f64),
            esc(line)
        );
    }
    s.push_str("</g>\n");
}
