//! An edge's polyline as SVG path data, with each bend rounded by a small arc (a quadratic
//! curve with the corner as its control point, which for a right angle is all but a circle's
//! quarter). Straight runs stay exact: only the last `r` pixels before a bend and the first
//! after it are replaced, and `r` shrinks to half the shorter of the two segments so that
//! two close bends (a jog) never overlap.

use crate::diagram::Point;
use std::fmt::Write;

/// The radius at each bend of the default drawing.
pub const RADIUS: f64 = 6.0;

/// `M x y L ...` through `points`, bends rounded with radius `r` (0 gives square corners).
pub fn path_data(points: &[Point], r: f64) -> String {
    let mut d = String::with_capacity(points.len() * 28);
    let Some(first) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{} {}", fmt(first.x), fmt(first.y));
    for i in 1..points.len() {
        let p = points[i];
        let Some(&next) = points.get(i + 1) else {
            let _ = write!(d, " L{} {}", fmt(p.x), fmt(p.y));
            break;
        };
        let prev = points[i - 1];
        let (lin, lout) = (dist(prev, p), dist(p, next));
        let cross = (p.x - prev.x) * (next.y - p.y) - (p.y - prev.y) * (next.x - p.x);
        let rr = r.min(lin / 2.0).min(lout / 2.0);
        if rr <= 0.0 || cross.abs() < 1e-9 {
            // Straight on (or no room): a plain vertex.
            let _ = write!(d, " L{} {}", fmt(p.x), fmt(p.y));
            continue;
        }
        let a = toward(p, prev, rr);
        let b = toward(p, next, rr);
        let _ = write!(
            d,
            " L{} {} Q{} {} {} {}",
            fmt(a.x),
            fmt(a.y),
            fmt(p.x),
            fmt(p.y),
            fmt(b.x),
            fmt(b.y)
        );
    }
    d
}

fn dist(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The point `len` pixels from `from` toward `to`.
fn toward(from: Point, to: Point, len: f64) -> Point {
    let l = dist(from, to);
    Point {
        x: from.x + (to.x - from.x) * len / l,
        y: from.y + (to.y - from.y) * len / l,
    }
}

/// Like the SVG writer's numbers: integers bare, else up to two decimals, trailing zeros cut
/// (a rounded corner on a slanted segment does not fall on the half-pixel grid).
fn fmt(v: f64) -> String {
    let v = if v == 0.0 { 0.0 } else { v };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(f64, f64)]) -> Vec<Point> {
        v.iter().map(|&(x, y)| Point { x, y }).collect()
    }

    #[test]
    fn bends_are_rounded_and_straight_runs_kept() {
        let cases = [
            (
                "a straight edge",
                vec![(0.0, 0.0), (0.0, 50.0)],
                6.0,
                "M0 0 L0 50",
            ),
            (
                "one right-angle bend",
                vec![(0.0, 0.0), (0.0, 40.0), (30.0, 40.0)],
                6.0,
                "M0 0 L0 34 Q0 40 6 40 L30 40",
            ),
            (
                "a short jog shrinks the radius to half its length",
                vec![(0.0, 0.0), (0.0, 20.0), (4.0, 20.0), (4.0, 40.0)],
                6.0,
                "M0 0 L0 18 Q0 20 2 20 L2 20 Q4 20 4 22 L4 40",
            ),
            (
                "collinear points stay plain",
                vec![(0.0, 0.0), (0.0, 10.0), (0.0, 30.0)],
                6.0,
                "M0 0 L0 10 L0 30",
            ),
            (
                "square corners when the radius is 0",
                vec![(0.0, 0.0), (0.0, 40.0), (30.5, 40.0)],
                0.0,
                "M0 0 L0 40 L30.5 40",
            ),
        ];
        for (name, points, r, want) in cases {
            assert_eq!(path_data(&pts(&points), r), want, "{name}");
        }
    }
}
