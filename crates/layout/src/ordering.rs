//! Crossing minimisation: an initial order from a depth-first walk (the main path on the
//! left, handlers to the right), then alternating down/up sweeps that sort each layer by the
//! median or barycenter of its neighbours, each followed by adjacent transpositions. The best
//! order seen (fewest crossings, counted exactly) wins.

use crate::layering::Proper;

/// Graphs with at most this many vertices (dummies included) try shuffled starts too.
const SHUFFLE_MAX: usize = 600;
const SHUFFLES: u64 = 12;

/// Sweeps without improvement before giving up.
const PATIENCE: usize = 3;
const MAX_ROUNDS: usize = 24;

pub(crate) fn order(p: &mut Proper, roots: &[usize]) {
    // Several starting orders, each improved by sweeps; the sweeps only find a local
    // optimum, and which one depends on where they start. Fewer starts on large graphs keep
    // thousands of states within budget.
    let mut starts = vec![Start::Forward];
    if p.layer_of.len() <= 20_000 {
        starts.extend([Start::Reversed, Start::LightFirst, Start::Breadth]);
    }
    if p.layer_of.len() <= SHUFFLE_MAX {
        // Small graphs also try walks in shuffled child order (a fixed-seed generator, so
        // the result never changes): cheap there, and they escape the walks' blind spots.
        starts.extend((1..=SHUFFLES).map(Start::Shuffled));
    }
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for start in starts {
        initial_order(p, roots, start);
        let (c, layers) = improve(p);
        if best.as_ref().is_none_or(|(bc, _)| c < *bc) {
            best = Some((c, layers));
        }
        if c == 0 {
            break;
        }
    }
    if let Some((_, layers)) = best {
        p.layers = layers;
    }
}

fn improve(p: &mut Proper) -> (usize, Vec<Vec<usize>>) {
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
        sift(p, &mut pos);
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
    (best_crossings, best)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Depth-first, children in edge order: the main path left, handlers right.
    Forward,
    /// Depth-first, children in reverse order.
    Reversed,
    /// Depth-first, light edges (Catch, End, loops) first: handlers left of the main path.
    LightFirst,
    /// Breadth-first, children in edge order.
    Breadth,
    /// Depth-first, children shuffled by a generator with this seed.
    Shuffled(u64),
}

/// A small linear congruential generator: deterministic and dependency-free.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

/// Numbers the vertices in a walk from the roots and sorts each layer by that number.
fn initial_order(p: &mut Proper, roots: &[usize], start: Start) {
    let n = p.layer_of.len();
    let mut seen = vec![usize::MAX; n];
    let mut counter = 0;
    let mut frontier: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut kids: Vec<usize> = Vec::new();
    let mut rng = Lcg(match start {
        Start::Shuffled(seed) => seed,
        _ => 0,
    });
    for s in roots.iter().copied().chain(0..n) {
        if seen[s] != usize::MAX {
            continue;
        }
        frontier.push_back(s);
        while let Some(v) = if start == Start::Breadth {
            frontier.pop_front()
        } else {
            frontier.pop_back()
        } {
            if seen[v] != usize::MAX {
                continue;
            }
            seen[v] = counter;
            counter += 1;
            kids.clear();
            kids.extend(p.down[v].iter().map(|&(w, _)| w));
            match start {
                Start::Forward | Start::Breadth => {}
                Start::Reversed => kids.reverse(),
                Start::Shuffled(_) => {
                    for i in (1..kids.len()).rev() {
                        kids.swap(i, rng.next(i + 1));
                    }
                }
                Start::LightFirst => {
                    let weight =
                        |w: usize| p.down[v].iter().find(|x| x.0 == w).map_or(0.0, |x| x.1);
                    kids.sort_by(|a, b| weight(*a).total_cmp(&weight(*b)));
                }
            }
            // A stack pops last-in first: push in reverse to visit in order.
            if start == Start::Breadth {
                frontier.extend(kids.iter().copied().filter(|&w| seen[w] == usize::MAX));
            } else {
                frontier.extend(
                    kids.iter()
                        .rev()
                        .copied()
                        .filter(|&w| seen[w] == usize::MAX),
                );
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

/// Layers wider than this are left to the sweeps: sifting costs the square of the width.
const SIFT_MAX: usize = 300;

/// Sifting: each vertex in turn is taken out of its layer and put back where it crosses
/// least with both neighbouring layers. Finds moves that adjacent swaps cannot (a vertex
/// that must jump over several others before crossings drop).
fn sift(p: &mut Proper, pos: &mut [usize]) {
    for l in 0..p.layers.len() {
        let len = p.layers[l].len();
        if !(2..=SIFT_MAX).contains(&len) {
            continue;
        }
        let mut layer = std::mem::take(&mut p.layers[l]);
        let vertices = layer.clone();
        for v in vertices {
            let from = pos[v];
            layer.remove(from);
            // cost[k]: crossings of v with the others when inserted before layer[k].
            let others = layer.len();
            let mut left_of = vec![0usize; others];
            let mut right_of = vec![0usize; others];
            for (k, &u) in layer.iter().enumerate() {
                left_of[k] = pair_crossings(p, pos, v, u);
                right_of[k] = pair_crossings(p, pos, u, v);
            }
            // Inserting at k: v is right of layer[..k], left of layer[k..].
            let mut cost: usize = left_of.iter().sum();
            let current: usize = (0..others)
                .map(|k| if k < from { right_of[k] } else { left_of[k] })
                .sum();
            // Stay put unless a place is strictly better.
            let mut best = (current, from);
            if cost < best.0 {
                best = (cost, 0);
            }
            for k in 0..others {
                cost = cost - left_of[k] + right_of[k];
                if cost < best.0 {
                    best = (cost, k + 1);
                }
            }
            layer.insert(best.1, v);
            for (i, &u) in layer.iter().enumerate() {
                pos[u] = i;
            }
        }
        p.layers[l] = layer;
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
