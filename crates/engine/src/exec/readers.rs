//! Which states read the context object, worked out once per machine from the definition's
//! text, so a run builds the object only for the states that read it.

use std::sync::{Arc, Mutex};
use stepwise_asl::model::StateMachine;

/// How much of the context object a state reads (see [`Shared::reads_context`](super::Shared::reads_context)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContextUse {
    None,
    /// All but `Execution.Input`, a copy of the execution's input: a Map whose items read
    /// `$$.Map.Item.Value` would copy a large input once per item.
    WithoutInput,
    WithInput,
}

/// The states (by address) whose definition reads the context object, `$$` (JSONPath) or
/// `$states.context` (JSONata), each with whether it may read `Execution.Input`; nested
/// states are listed on their own.
pub(super) type ContextReaders = rustc_hash::FxHashMap<usize, bool>;

/// [`context_readers`] of `machine`, worked out once for the last few machines run: it reads
/// the whole definition, which for a small run costs as much as running it. Keyed by the
/// machine's allocation, which a kept `Weak` stops from being reused for another machine.
pub(super) fn cached_context_readers(machine: &Arc<StateMachine>) -> Arc<ContextReaders> {
    type Cache = Vec<(std::sync::Weak<StateMachine>, Arc<ContextReaders>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    const KEEP: usize = 8;
    let key = Arc::downgrade(machine);
    let mut cache = match CACHE.lock() {
        Ok(c) => c,
        Err(p) => p.into_inner(),
    };
    if let Some((_, readers)) = cache.iter().find(|(k, _)| k.ptr_eq(&key)) {
        return readers.clone();
    }
    let readers = Arc::new(context_readers(machine));
    cache.retain(|(k, _)| k.strong_count() > 0);
    if cache.len() >= KEEP {
        cache.remove(0);
    }
    cache.push((key, readers.clone()));
    readers
}

fn context_readers(machine: &StateMachine) -> ContextReaders {
    machine
        .walk()
        .into_iter()
        .filter_map(|(_, _, state)| {
            let text = serde_json::to_string(state).ok()?;
            reads_context(&text).then(|| {
                let input = reads_execution(&text) || reads_whole_context(&text);
                (state as *const _ as usize, input)
            })
        })
        .collect()
}

/// Whether a definition's text may read the context's `Execution.Input`: `.Execution`
/// followed by `.Input` or by no field, or `Execution` named as a string (`$lookup`,
/// `['Execution']`). `ExecutionType` does not count.
fn reads_execution(text: &str) -> bool {
    let dotted = text.match_indices(".Execution").any(|(i, m)| {
        let rest = &text[i + m.len()..];
        rest.starts_with(".Input") || !rest.starts_with(|c: char| c == '.' || c.is_alphanumeric())
    });
    dotted || text.contains("'Execution'") || text.contains("\\\"Execution\\\"")
}

/// Whether a definition's text may read the whole context object at once: `$$` or
/// `$states.context` (or `$states`) not followed by a field.
fn reads_whole_context(text: &str) -> bool {
    let whole = |pattern: &str| {
        text.match_indices(pattern)
            .any(|(i, m)| !text[i + m.len()..].starts_with('.'))
    };
    whole("$$") || whole("$states.context") || whole("$states")
}

/// Whether a definition's text may read the context object. `$states` followed by anything
/// but `.input`, `.result` or `.errorOutput` counts, so `$lookup($states, "context")` does
/// too: building the object when it is not read costs time, missing it would be wrong.
fn reads_context(text: &str) -> bool {
    if text.contains("$$") {
        return true;
    }
    text.match_indices("$states").any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let member = rest.strip_prefix('.').map(|r| {
            let end = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(r.len());
            &r[..end]
        });
        !matches!(member, Some("input" | "result" | "errorOutput"))
    })
}

#[cfg(test)]
#[test]
fn context_readers_are_found_in_both_languages() {
    for (text, reads) in [
        ("{\"Parameters\":{\"a.$\":\"$$.Execution.Id\"}}", true),
        ("{\"Output\":\"{% $states.context.Execution.Id %}\"}", true),
        ("{\"Output\":\"{% $lookup($states, 'context') %}\"}", true),
        (
            "{\"Output\":\"{% $states.input.a & $states.result.b %}\"}",
            false,
        ),
        ("{\"Output\":\"{% $states.errorOutput %}\"}", false),
        ("{\"Output\":\"{% $states.inputs %}\"}", true),
        ("{\"Parameters\":{\"a.$\":\"$.b\"}}", false),
    ] {
        assert_eq!(reads_context(text), reads, "{text}");
    }
    for (text, input) in [
        ("{\"a.$\":\"$$.Execution.Input.x\"}", true),
        ("{\"a.$\":\"$$.Execution\"}", true),
        ("{\"a.$\":\"$$.Execution.Id\"}", false),
        ("{\"a\":\"{% $states.context.Execution.Input %}\"}", true),
        (
            "{\"a\":\"{% $lookup($states.context, 'Execution') %}\"}",
            true,
        ),
        (
            "{\"ProcessorConfig\":{\"ExecutionType\":\"EXPRESS\"}}",
            false,
        ),
    ] {
        assert_eq!(reads_execution(text), input, "{text}");
    }
    for (text, whole) in [
        ("{\"a.$\":\"$$\"}", true),
        ("{\"a.$\":\"$$.Map.Item.Value\"}", false),
        ("{\"a\":\"{% $states.context %}\"}", true),
        ("{\"a\":\"{% $keys($states) %}\"}", true),
        ("{\"a\":\"{% $states.context.Map.Item.Value %}\"}", false),
    ] {
        assert_eq!(reads_whole_context(text), whole, "{text}");
    }
}
