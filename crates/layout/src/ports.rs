//! Where forward edges leave the bottom of a state and enter the top of the next: each edge
//! its own port, spread along the side in the order the edges head off, so arrowheads never
//! stack and a `Next` and a Catch to the same state stay apart. A port stays as close as it
//! can to where its edge is going: the one edge of a straight chain stays in the middle.
//! Edges of one bus (a trunk shared on purpose, see [`crate::layering`]) arrive as one line
//! and share their port.

use crate::layering::Proper;
use crate::positioning::{isotonic, Coords};

/// Preferred distance between two ports on one side.
const SPREAD: f64 = 12.0;
/// Ports keep this far from a box's corners.
const INSET: f64 = 10.0;

/// An edge's end on a state: (state, on its top side, where the edge heads, key shared by
/// the members of one bus, edge).
type End = (usize, bool, f64, usize, usize);

/// The x of each edge's port at its upper end (bottom side) and lower end (top side), for
/// the edges `downward` says are drawn downwards; the box centre for the others.
pub(crate) fn forward_ports(p: &Proper, c: &Coords, downward: &[bool]) -> Vec<(f64, f64)> {
    let mut ports: Vec<(f64, f64)> = p
        .chains
        .iter()
        .map(|ch| match (ch.path.first(), ch.path.last()) {
            (Some(&a), Some(&b)) => (c.x[a], c.x[b]),
            _ => (0.0, 0.0),
        })
        .collect();
    let mut ends: Vec<End> = Vec::new();
    for (i, ch) in p.chains.iter().enumerate() {
        let path = &ch.path;
        if !downward[i] || path.len() < 2 {
            continue;
        }
        let (a, b) = (path[0], path[path.len() - 1]);
        let (next, prev) = (path[1], path[path.len() - 2]);
        // Only a bus vertex is shared by several chains; anything else keys the edge alone.
        let key = |v: usize| if v >= p.real { v } else { usize::MAX - i };
        ends.push((a, false, c.x[next], key(next), i));
        ends.push((b, true, c.x[prev], key(prev), i));
    }
    ends.sort_by(|x, y| {
        (x.0, x.1)
            .cmp(&(y.0, y.1))
            .then(x.2.total_cmp(&y.2))
            .then(x.3.cmp(&y.3))
            .then(x.4.cmp(&y.4))
    });
    for side in ends.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (v, lower) = (side[0].0, side[0].1);
        let slots: Vec<&[End]> = side.chunk_by(|x, y| x.3 == y.3).collect();
        let xs = spread(
            c.x[v],
            p.w[v],
            &slots.iter().map(|s| s[0].2).collect::<Vec<_>>(),
        );
        for (slot, &x) in slots.iter().zip(&xs) {
            for &(.., i) in *slot {
                if lower {
                    ports[i].1 = x;
                } else {
                    ports[i].0 = x;
                }
            }
        }
    }
    ports
}

/// Ports along a side of a box centred at `cx`, `w` wide, for edges heading to `toward`
/// (sorted): as close to where they head as [`SPREAD`] apart allows, inside the side.
fn spread(cx: f64, w: f64, toward: &[f64]) -> Vec<f64> {
    let k = toward.len();
    if k == 1 {
        // A single edge leaves from the middle, as it always did.
        return vec![cx];
    }
    let half = (w / 2.0 - INSET).max(0.0);
    let (lo, hi) = (cx - half, cx + half);
    let gap = SPREAD.min((hi - lo) / (k - 1) as f64);
    let shifted: Vec<f64> = toward
        .iter()
        .enumerate()
        .map(|(j, &t)| t.clamp(lo, hi) - j as f64 * gap)
        .collect();
    let fitted = isotonic(&shifted, &vec![1.0; k]);
    fitted
        .iter()
        .enumerate()
        .map(|(j, &f)| {
            let x = f + j as f64 * gap;
            // max then min, not clamp: the two bounds meet (up to rounding) when the side is full.
            x.max(lo + j as f64 * gap)
                .min(hi - (k - 1 - j) as f64 * gap)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn ports_follow_their_edges_and_keep_apart() {
        let cases: &[(&str, &[f64], &[f64])] = &[
            ("one edge keeps the middle", &[400.0], &[100.0]),
            (
                "straight down and off to the right",
                &[100.0, 400.0],
                &[100.0, 140.0],
            ),
            (
                "two straight down split evenly",
                &[100.0, 100.0],
                &[94.0, 106.0],
            ),
            (
                "fanned out to both sides",
                &[-50.0, 100.0, 250.0],
                &[60.0, 100.0, 140.0],
            ),
            (
                "many share the side evenly",
                &[100.0; 5],
                &[76.0, 88.0, 100.0, 112.0, 124.0],
            ),
        ];
        for &(name, toward, want) in cases {
            assert_eq!(spread(100.0, 100.0, toward), want, "{name}");
        }
        // More ports than fit 12 px apart: closer, but still inside the side.
        let xs = spread(100.0, 64.0, &[100.0; 10]);
        assert_eq!((xs[0], xs[9]), (78.0, 122.0));
        assert!(xs.windows(2).all(|w| w[1] - w[0] > 4.0));
    }
}
