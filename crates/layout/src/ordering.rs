//! Crossing minimisation: an initial order from a depth-first walk (the main path on the
//! left, handlers to the right), then alternating down/up sweeps that sort each layer by the
//! median or barycenter of its neighbours, each followed by adjacent transpositions. The best
//! order seen (fewest crossings, counted exactly) wins.

use crate::layering::Proper;

/// Sweeps without improvement before giving up.
const PATIENCE: usize = 3;
const MAX_ROUNDS: usize = 24;

pub(crate) fn order(p: &mut Proper, roots: &[usize]) {
    initial_order(p, roots);
    let mut pos = positions(p);
    let mut best = p.layers.clone();
    let mut best_crossings = total_crossings(p, &pos);
    let mut stale = 0;
    for round in 0..MAX_ROUNDS {
        if best_crossings == 0 {
            break;
        }
        let use_median = round % 2 == 0;
        sweep(p, &mut pos, true, use_median);
        sweep(p, &mut pos, false, use_median);
        let c = total_crossings(p, &pos);
        if c < best_crossings {
            best_crossings = c;
            best.clone_from(&p.layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                break;
            }
        }
    }
    p.layers = best;
}

/// Depth-first preorder from the roots: children are visited in edge order, so a Choice's
/// first rule lands left of its Default, and a state's Next left of its Catch.
fn initial_order(p: &mut Proper, roots: &[usize]) {
    let n = p.layer_of.len();
    let mut seen = vec![usize::MAX; n];
    let mut counter = 0;
    let mut stack: Vec<usize> = Vec::new();
    let starts = roots.iter().copied().chain(0..n);
    for s in starts {
        if seen[s] != usize::MAX {
            continue;
        }
        stack.push(s);
        while let Some(v) = stack.pop() {
            if seen[v] != usize::MAX {
                continue;
            }
            seen[v] = counter;
            counter += 1;
            for &(w, _) in p.down[v].iter().rev() {
                if seen[w] == usize::MAX {
                    stack.push(w);
                }
            }
        }
    }
    for layer in &mut p.layers {
        layer.sort_by_key(|&v| seen[v]);
    }
}

fn positions(p: &Proper) -> Vec<usize> {
    let mut pos = vec![0; p.layer_of.len()];
    for layer in &p.layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

fn sweep(p: &mut Proper, pos: &mut [usize], downwards: bool, use_median: bool) {
    let depth = p.layers.len();
    let layer_ids: Vec<usize> = if downwards {
        (1..depth).collect()
    } else {
        (0..depth.saturating_sub(1)).rev().collect()
    };
    for l in layer_ids {
        let mut layer = std::mem::take(&mut p.layers[l]);
        let keyed: Vec<(f64, usize, usize)> = layer
            .iter()
            .map(|&v| {
                let nbrs = if downwards { &p.up[v] } else { &p.down[v] };
                let key = if nbrs.is_empty() {
                    pos[v] as f64
                } else if use_median {
                    median(nbrs.iter().map(|&(w, _)| pos[w]))
                } else {
                    nbrs.iter().map(|&(w, _)| pos[w] as f64).sum::<f64>() / nbrs.len() as f64
                };
                (key, pos[v], v)
            })
            .collect();
        let mut keyed = keyed;
        // Vertices without neighbours on the fixed side keep their place: their key is
        // their own position, and ties go to the previous order.
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        layer.clear();
        layer.extend(keyed.iter().map(|k| k.2));
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
        transpose(p, &mut layer, pos);
        p.layers[l] = layer;
    }
}

fn median(it: impl Iterator<Item = usize>) -> f64 {
    let mut xs: Vec<usize> = it.collect();
    xs.sort_unstable();
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m] as f64
    } else {
        (xs[m - 1] + xs[m]) as f64 / 2.0
    }
}

/// Swaps neighbours while that removes crossings with both adjacent layers.
fn transpose(p: &Proper, layer: &mut [usize], pos: &mut [usize]) {
    for _ in 0..4 {
        let mut improved = false;
        for i in 0..layer.len().saturating_sub(1) {
            let (u, v) = (layer[i], layer[i + 1]);
            let before = pair_crossings(p, pos, u, v);
            let after = pair_crossings(p, pos, v, u);
            if after < before {
                layer.swap(i, i + 1);
                pos[u] = i + 1;
                pos[v] = i;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the edges of `u` and of `v` when `u` is left of `v`.
fn pair_crossings(p: &Proper, pos: &[usize], u: usize, v: usize) -> usize {
    let mut c = 0;
    for side in [&p.up, &p.down] {
        for &(a, _) in &side[u] {
            for &(b, _) in &side[v] {
                if pos[a] > pos[b] {
                    c += 1;
                }
            }
        }
    }
    c
}

/// Crossings between every pair of adjacent layers (Barth, Jünger, Mutzel: inversions of
/// the lower ends, in the order of the upper ends, counted with a Fenwick tree).
pub(crate) fn total_crossings(p: &Proper, pos: &[usize]) -> usize {
    let mut total = 0;
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for l in 0..p.layers.len().saturating_sub(1) {
        ends.clear();
        for &u in &p.layers[l] {
            for &(v, _) in &p.down[u] {
                ends.push((pos[u], pos[v]));
            }
        }
        ends.sort_unstable();
        let size = p.layers[l + 1].len();
        let mut tree = vec![0usize; size + 1];
        for (k, &(_, b)) in ends.iter().enumerate() {
            // Edges already seen whose lower end is right of b cross this one.
            let mut i = b + 1;
            let mut le = 0;
            while i > 0 {
                le += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += k - le;
            let mut i = b + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}
