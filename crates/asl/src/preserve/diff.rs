//! What changed between two values, at one level: which members of an object were kept,
//! renamed, moved, removed or added, and which items of an array.

use super::same_ordered;
use serde_json::{Map, Value};

/// One member of the new object, in the new order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MapOut {
    /// The old member at index `i`; `renamed` when its key changed.
    Old {
        i: usize,
        renamed: bool,
    },
    New,
}

/// A value this similar to the old one is taken as the same member under a new name.
const RENAME_SIMILARITY: f64 = 0.5;

/// Pairs the members of `old` and `new`. Returns one entry per new member and whether the
/// layout changed (a member added, removed or moved; a rename alone is not a layout change).
pub(crate) fn plan_map(old: &Map<String, Value>, new: &Map<String, Value>) -> (Vec<MapOut>, bool) {
    let old_keys: Vec<&String> = old.keys().collect();
    let old_vals: Vec<&Value> = old.values().collect();
    let new_vals: Vec<&Value> = new.values().collect();
    let index: std::collections::HashMap<&str, usize> = old_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut out: Vec<Option<MapOut>> = new
        .keys()
        .map(|k| {
            index
                .get(k.as_str())
                .map(|&i| MapOut::Old { i, renamed: false })
        })
        .collect();
    // A removed and an added key between the same kept neighbours, with (mostly) the same
    // value, are one member renamed.
    let removed: Vec<usize> = (0..old_keys.len())
        .filter(|&i| !new.contains_key(old_keys[i]))
        .collect();
    let mut used = vec![false; removed.len()];
    let old_gap = |i: usize| {
        (0..i)
            .rev()
            .find(|&p| new.contains_key(old_keys[p]))
            .map(|p| old_keys[p].as_str())
    };
    let new_keys: Vec<&String> = new.keys().collect();
    for j in 0..new_keys.len() {
        if out[j].is_some() {
            continue;
        }
        let gap = (0..j)
            .rev()
            .find(|&p| old.contains_key(new_keys[p]))
            .map(|p| new_keys[p].as_str());
        let mut best: Option<(usize, f64)> = None;
        for (r, &i) in removed.iter().enumerate() {
            if used[r] || old_gap(i) != gap {
                continue;
            }
            let sim = similarity(old_vals[i], new_vals[j]);
            if sim >= RENAME_SIMILARITY && best.is_none_or(|(_, s)| sim > s) {
                best = Some((r, sim));
            }
        }
        if let Some((r, _)) = best {
            used[r] = true;
            out[j] = Some(MapOut::Old {
                i: removed[r],
                renamed: true,
            });
        }
    }
    let out: Vec<MapOut> = out.into_iter().map(|o| o.unwrap_or(MapOut::New)).collect();
    let kept: Vec<usize> = out
        .iter()
        .filter_map(|o| match *o {
            MapOut::Old { i, .. } => Some(i),
            MapOut::New => None,
        })
        .collect();
    let layout_changed =
        kept.len() != old.len() || kept.len() != out.len() || kept.windows(2).any(|w| w[0] > w[1]);
    (out, layout_changed)
}

/// How alike two values are, from 0 to 1: the share of members (or items) that are equal.
fn similarity(a: &Value, b: &Value) -> f64 {
    if same_ordered(a, b) {
        return 1.0;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let same = x
                .iter()
                .filter(|(k, v)| y.get(*k).is_some_and(|w| same_ordered(v, w)))
                .count();
            same as f64 / x.len().max(y.len()).max(1) as f64
        }
        (Value::Array(x), Value::Array(y)) => {
            let same = x.iter().zip(y).filter(|(v, w)| same_ordered(v, w)).count();
            same as f64 / x.len().max(y.len()).max(1) as f64
        }
        _ => 0.0,
    }
}

/// One item of the new array, in the new order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SeqOut {
    /// The old item at index `i`, possibly changed.
    Old(usize),
    New,
}

/// Beyond this many cells the arrays are compared item by item instead.
const LCS_LIMIT: usize = 1_000_000;

/// Aligns the items of two arrays: equal items are kept (longest common subsequence), and
/// between two kept items the removed and added ones are paired in order as changed items.
/// Returns one entry per new item and whether the layout changed.
pub(crate) fn plan_seq(old: &[Value], new: &[Value]) -> (Vec<SeqOut>, bool) {
    let (n, m) = (old.len(), new.len());
    if n == m || n.saturating_mul(m) > LCS_LIMIT {
        let out = (0..m)
            .map(|j| if j < n { SeqOut::Old(j) } else { SeqOut::New })
            .collect();
        return (out, n != m);
    }
    // lcs[i][j]: length of the LCS of old[i..] and new[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if same_ordered(&old[i], &new[j]) {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same_ordered(&old[i], &new[j]) {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs.push((n, m));
    let mut out = Vec::with_capacity(m);
    let (mut pi, mut pj) = (0, 0);
    for (ki, kj) in pairs {
        // The gap old[pi..ki] / new[pj..kj]: pair in order, then add what is left.
        for (g, _) in (pj..kj).enumerate() {
            out.push(if pi + g < ki {
                SeqOut::Old(pi + g)
            } else {
                SeqOut::New
            });
        }
        if ki < n {
            out.push(SeqOut::Old(ki));
        }
        pi = ki + 1;
        pj = kj + 1;
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().expect("object")
    }

    #[test]
    fn map_plans() {
        type Case = (Value, Value, Vec<MapOut>, bool);
        let o = |i| MapOut::Old { i, renamed: false };
        let r = |i| MapOut::Old { i, renamed: true };
        let cases: Vec<Case> = vec![
            (
                json!({"a": 1, "b": 2}),
                json!({"a": 1, "b": 3}),
                vec![o(0), o(1)],
                false,
            ),
            (
                json!({"a": {"x": 1}, "b": 2}),
                json!({"c": {"x": 1}, "b": 2}),
                vec![r(0), o(1)],
                false,
            ),
            (
                json!({"a": 1, "b": 2}),
                json!({"b": 2, "a": 1}),
                vec![o(1), o(0)],
                true,
            ),
            (
                json!({"a": 1, "b": 2}),
                json!({"a": 1, "n": 5, "b": 2}),
                vec![o(0), MapOut::New, o(1)],
                true,
            ),
            (json!({"a": 1, "b": 2}), json!({"b": 2}), vec![o(1)], true),
            // Different values at the same place: removed and added, not renamed.
            (
                json!({"a": 1, "b": 2}),
                json!({"z": 9, "b": 2}),
                vec![MapOut::New, o(1)],
                true,
            ),
            // Same value elsewhere: not a rename either.
            (
                json!({"a": 1, "b": 2}),
                json!({"b": 2, "z": 1}),
                vec![o(1), MapOut::New],
                true,
            ),
        ];
        for (old, new, want, layout) in cases {
            assert_eq!(
                plan_map(&obj(old.clone()), &obj(new.clone())),
                (want, layout),
                "{old} -> {new}"
            );
        }
    }

    #[test]
    fn seq_plans() {
        let (out, layout) = plan_seq(&[json!(1), json!(2), json!(3)], &[json!(1), json!(3)]);
        assert_eq!((out, layout), (vec![SeqOut::Old(0), SeqOut::Old(2)], true));
        let (out, _) = plan_seq(
            &[json!(1), json!(2)],
            &[json!(0), json!(1), json!(9), json!(2)],
        );
        assert_eq!(
            out,
            vec![SeqOut::New, SeqOut::Old(0), SeqOut::New, SeqOut::Old(1)]
        );
        let (out, _) = plan_seq(&[json!(1), json!(2), json!(3)], &[json!(1), json!(5)]);
        assert_eq!(out, vec![SeqOut::Old(0), SeqOut::Old(1)]);
    }
}
