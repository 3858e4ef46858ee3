//! `States.Array*` functions, and the partition and range JSONata shares.

use serde_json::Value;

use super::{int_arg, MAX_RANGE_ITEMS};

pub(super) fn array_partition(args: &[Value]) -> Option<Value> {
    let items = args[0].as_array()?;
    let size = usize::try_from(int_arg(&args[1])?)
        .ok()
        .filter(|&s| s > 0)?;
    Some(partition(items, size))
}

/// `items` in chunks of `size` (> 0), the last holding the rest: `States.ArrayPartition` and
/// JSONata's `$partition`.
pub(crate) fn partition(items: &[Value], size: usize) -> Value {
    Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    )
}

/// Inclusive of `end` when the steps land on it; a step against the direction gives `[]`.
pub(super) fn array_range(args: &[Value]) -> Option<Value> {
    let items = range(
        int_arg(&args[0])?,
        int_arg(&args[1])?,
        int_arg(&args[2])?,
        MAX_RANGE_ITEMS,
    )?;
    Some(Value::Array(items.into_iter().map(Value::from).collect()))
}

/// `start`, `start + step`, ... up to `end` inclusive: empty when the step goes the other way,
/// `None` for a zero step or more than `max` values. `States.ArrayRange` and JSONata's
/// `$range` share it.
pub(crate) fn range(start: i64, end: i64, step: i64, max: i128) -> Option<Vec<i64>> {
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    if step == 0 {
        return None;
    }
    let count = if (end - start).signum() * step.signum() < 0 {
        0
    } else {
        (end - start) / step + 1
    };
    if count > max {
        return None;
    }
    Some(
        (0..count)
            .filter_map(|i| i64::try_from(start + i * step).ok())
            .collect(),
    )
}

pub(super) fn array_get_item(args: &[Value]) -> Option<Value> {
    let items = args[0].as_array()?;
    let index = usize::try_from(int_arg(&args[1])?).ok()?;
    items.get(index).cloned()
}

/// Keeps the first of equal elements, in order (Java's `LinkedHashSet`).
pub(super) fn array_unique(args: &[Value]) -> Option<Value> {
    let items = args[0].as_array()?;
    let mut unique: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !unique.contains(item) {
            unique.push(item.clone());
        }
    }
    Some(Value::Array(unique))
}
