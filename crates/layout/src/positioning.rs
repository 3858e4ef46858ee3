//! Coordinates. y: layers stacked with their tallest member. x: each layer in turn is placed
//! as close as it can to the weighted mean of its neighbours' x, keeping its order and the
//! minimum gaps; that is a weighted isotonic regression, solved exactly per layer by pool
//! adjacent violators. Chains of single successors end up exactly aligned, so the main path
//! is a straight line, and long edges (heavy dummy weights) run straight down.

use crate::layering::Proper;

/// Horizontal gap between two states, and around an edge's dummy.
pub(crate) const NODE_GAP: f64 = 40.0;
pub(crate) const DUMMY_GAP: f64 = 18.0;
/// Vertical gap between layers.
pub(crate) const LAYER_GAP: f64 = 36.0;
/// Between layers that hold only edges (no states, no labels).
pub(crate) const THIN_LAYER_GAP: f64 = 16.0;

const ROUNDS: usize = 3;

pub(crate) struct Coords {
    pub x: Vec<f64>,
    /// Centre line, top and bottom of each layer.
    pub layer_y: Vec<f64>,
    pub layer_top: Vec<f64>,
    pub layer_bottom: Vec<f64>,
    pub width: f64,
    pub height: f64,
}

fn gap(p: &Proper, a: usize, b: usize) -> f64 {
    let dummy = |v: usize| v >= p.real && !p.is_label[v];
    let g = if dummy(a) || dummy(b) {
        DUMMY_GAP
    } else {
        NODE_GAP
    };
    (p.w[a] + p.w[b]) / 2.0 + g + p.margin[a] + p.margin[b]
}

pub(crate) fn coordinates(p: &Proper) -> Coords {
    let n = p.layer_of.len();
    let mut x = vec![0.0; n];
    for layer in &p.layers {
        let mut cur = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                cur += gap(p, layer[i - 1], v);
            }
            x[v] = cur;
        }
        let shift = cur / 2.0;
        for &v in layer {
            x[v] -= shift;
        }
    }
    let depth = p.layers.len();
    // Downward sweeps only: a state follows its parents and never drags them sideways, so
    // the main path cannot drift, and the children of a fan-out spread evenly under it.
    for _ in 0..ROUNDS {
        for l in 0..depth {
            place_layer(p, &mut x, l);
        }
    }
    straighten(p, &mut x);
    straighten_chains(p, &mut x);
    keep_lines(p, &mut x);

    let mut min_x = f64::INFINITY;
    let mut max_x = f64::NEG_INFINITY;
    for (xv, wv) in x.iter().zip(&p.w) {
        min_x = min_x.min(xv - wv / 2.0);
        max_x = max_x.max(xv + wv / 2.0);
    }
    if !min_x.is_finite() {
        min_x = 0.0;
        max_x = 0.0;
    }
    for xv in &mut x {
        *xv -= min_x;
    }

    let mut layer_y = Vec::with_capacity(depth);
    let mut layer_top = Vec::with_capacity(depth);
    let mut layer_bottom = Vec::with_capacity(depth);
    let mut y = 0.0;
    let thin: Vec<bool> = p
        .layers
        .iter()
        .map(|layer| layer.iter().all(|&v| v >= p.real && !p.is_label[v]))
        .collect();
    for (l, layer) in p.layers.iter().enumerate() {
        if l > 0 {
            y += if thin[l] || thin[l - 1] {
                THIN_LAYER_GAP
            } else {
                LAYER_GAP
            };
        }
        let h = layer.iter().map(|&v| p.h[v]).fold(0.0, f64::max);
        layer_top.push(y);
        layer_y.push(y + h / 2.0);
        y += h;
        layer_bottom.push(y);
    }
    Coords {
        x,
        layer_y,
        layer_top,
        layer_bottom,
        width: max_x - min_x,
        height: y,
    }
}

/// Puts a state exactly under its single main-path parent wherever its layer has room:
/// the regression leaves such pairs a pixel or two apart when light edges share a block.
fn straighten(p: &Proper, x: &mut [f64]) {
    for layer in &p.layers {
        for (i, &v) in layer.iter().enumerate() {
            if v >= p.real {
                continue;
            }
            let heavy: Vec<usize> = p.up[v]
                .iter()
                .filter(|&&(_, w)| w >= 1.0)
                .map(|&(u, _)| u)
                .collect();
            let [u] = heavy[..] else { continue };
            if p.down[u].iter().filter(|&&(_, w)| w >= 1.0).count() != 1 {
                continue;
            }
            let want = x[u];
            // Edges beside the state make room; other states do not move.
            let mut moved: Vec<(usize, f64)> = vec![(v, want)];
            let mut ok = true;
            let mut prev = want;
            for j in (i + 1)..layer.len() {
                let need = prev + gap(p, layer[j - 1], layer[j]);
                if x[layer[j]] >= need - 1e-9 {
                    break;
                }
                if layer[j] < p.real {
                    ok = false;
                    break;
                }
                moved.push((layer[j], need));
                prev = need;
            }
            let mut prev = want;
            for j in (0..i).rev() {
                if !ok {
                    break;
                }
                let need = prev - gap(p, layer[j], layer[j + 1]);
                if x[layer[j]] <= need + 1e-9 {
                    break;
                }
                if layer[j] < p.real {
                    ok = false;
                    break;
                }
                moved.push((layer[j], need));
                prev = need;
            }
            if ok {
                for (w, nx) in moved {
                    x[w] = nx;
                }
            }
        }
    }
}

/// Long edges as one vertical run: each run of dummies in a chain moves to a single x
/// (the one that moves it least among its ends and its median) where every layer it
/// crosses has room. Order in the layers is kept, so no crossing appears.
fn straighten_chains(p: &Proper, x: &mut [f64]) {
    let mut slot = vec![0usize; p.layer_of.len()];
    for layer in &p.layers {
        for (i, &v) in layer.iter().enumerate() {
            slot[v] = i;
        }
    }
    let plain = |v: usize| v >= p.real && !p.is_label[v];
    for chain in &p.chains {
        let path = &chain.path;
        let mut i = 0;
        while i < path.len() {
            if !plain(path[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < path.len() && plain(path[i]) {
                i += 1;
            }
            let run = &path[start..i];
            if run.len() < 2 {
                continue;
            }
            let mut xs: Vec<f64> = run.iter().map(|&d| x[d]).collect();
            xs.sort_by(f64::total_cmp);
            let mut candidates = vec![xs[xs.len() / 2]];
            if start > 0 {
                candidates.push(x[path[start - 1]]);
            }
            if i < path.len() {
                candidates.push(x[path[i]]);
            }
            let fits = |cx: f64| {
                run.iter().all(|&d| {
                    let layer = &p.layers[p.layer_of[d]];
                    let k = slot[d];
                    let left = k == 0 || x[layer[k - 1]] + gap(p, layer[k - 1], d) <= cx + 1e-9;
                    let right = k + 1 == layer.len()
                        || cx + gap(p, d, layer[k + 1]) <= x[layer[k + 1]] + 1e-9;
                    left && right
                })
            };
            let cost = |cx: f64| run.iter().map(|&d| (x[d] - cx).abs()).sum::<f64>();
            let best = candidates
                .into_iter()
                .filter(|&cx| fits(cx))
                .min_by(|a, b| cost(*a).total_cmp(&cost(*b)));
            if let Some(cx) = best {
                for &d in run {
                    x[d] = cx;
                }
            }
        }
    }
}

/// What [`straighten_chains`] could not make one line, made as few jogs as room allows: down
/// each run of dummies (a bus shared by thirty Catch edges above all), a dummy takes the x
/// of the one above it wherever its layer has room there, so a trunk kinks only where a
/// state is in the way, not by a few pixels at every layer. Order in the layers is kept, so
/// no crossing appears.
fn keep_lines(p: &Proper, x: &mut [f64]) {
    let mut slot = vec![0usize; p.layer_of.len()];
    for layer in &p.layers {
        for (i, &v) in layer.iter().enumerate() {
            slot[v] = i;
        }
    }
    let plain = |v: usize| v >= p.real && !p.is_label[v];
    for chain in &p.chains {
        for w in chain.path.windows(2) {
            let (above, d) = (w[0], w[1]);
            if !plain(above) || !plain(d) {
                continue;
            }
            let cx = x[above];
            let layer = &p.layers[p.layer_of[d]];
            let k = slot[d];
            let left = k == 0 || x[layer[k - 1]] + gap(p, layer[k - 1], d) <= cx + 1e-9;
            let right =
                k + 1 == layer.len() || cx + gap(p, d, layer[k + 1]) <= x[layer[k + 1]] + 1e-9;
            if left && right {
                x[d] = cx;
            }
        }
    }
}

fn place_layer(p: &Proper, x: &mut [f64], l: usize) {
    let layer = &p.layers[l];
    if layer.is_empty() {
        return;
    }
    let mut target = Vec::with_capacity(layer.len());
    let mut weight = Vec::with_capacity(layer.len());
    for &v in layer {
        // Sources (the Start marker, unreachable states) follow their children instead.
        let nbrs = if p.up[v].is_empty() {
            &p.down[v]
        } else {
            &p.up[v]
        };
        let (mut sw, mut sx) = (0.0, 0.0);
        for &(w, wt) in nbrs {
            sw += wt;
            sx += wt * x[w];
        }
        if sw > 0.0 {
            target.push(sx / sw);
            weight.push(sw);
        } else {
            // Nothing pulls: stay, but give way easily.
            target.push(x[v]);
            weight.push(0.01);
        }
    }
    // Subtract the cumulative minimum gaps so the constraints become plain monotonicity.
    let mut offset = vec![0.0; layer.len()];
    for i in 1..layer.len() {
        offset[i] = offset[i - 1] + gap(p, layer[i - 1], layer[i]);
    }
    let t: Vec<f64> = target.iter().zip(&offset).map(|(t, o)| t - o).collect();
    let fitted = isotonic(&t, &weight);
    for (i, &v) in layer.iter().enumerate() {
        x[v] = fitted[i] + offset[i];
    }
}

/// Weighted least-squares non-decreasing fit (pool adjacent violators).
pub(crate) fn isotonic(t: &[f64], w: &[f64]) -> Vec<f64> {
    // Blocks of (mean, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(t.len());
    for (&ti, &wi) in t.iter().zip(w) {
        blocks.push((ti, wi, 1));
        while blocks.len() >= 2 {
            let (m2, w2, c2) = blocks[blocks.len() - 1];
            let (m1, w1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            let wsum = w1 + w2;
            blocks[last] = ((m1 * w1 + m2 * w2) / wsum, wsum, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(t.len());
    for (m, _, c) in blocks {
        out.extend(std::iter::repeat_n(m, c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn pooling_fits_a_monotone_sequence() {
        assert_eq!(isotonic(&[1.0, 2.0, 3.0], &[1.0; 3]), vec![1.0, 2.0, 3.0]);
        assert_eq!(isotonic(&[3.0, 1.0], &[1.0, 1.0]), vec![2.0, 2.0]);
        assert_eq!(isotonic(&[3.0, 1.0], &[3.0, 1.0]), vec![2.5, 2.5]);
    }
}
