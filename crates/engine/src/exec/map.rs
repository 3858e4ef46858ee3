//! Map: runs its processor once per item, at most MaxConcurrency at a time, and returns the
//! outputs in item order. Inline and Distributed maps both run here; a Distributed map's
//! ItemReader is read through the task handler (so it can be mocked), its ItemBatcher
//! groups items, and its ToleratedFailure* thresholds are honoured.

use super::context::{self, MapItem};
use super::flow::{run_scope, run_scope_from, Entered, Frame, Step};
use super::language::{Cx, Language, Quantity, Tail};
use super::redrive::{Part, RedrivePoint};
use super::result_writer::{self, Records};
use super::states::{invoke, Limits};
use super::Shared;
use crate::error::names;
use crate::history::{Details, IterationDetails};
use crate::task::TaskRequest;
use crate::StatesError;
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard};
use stepwise_asl::model::{ItemReader, MapState, NumberOrExpr, ProcessorMode};

/// AWS runs at most 40 iterations of an inline Map at once, whatever MaxConcurrency says.
const INLINE_LIMIT: usize = 40;
/// A bound for Distributed maps, which AWS runs up to 10,000 child executions at a time.
const DISTRIBUTED_LIMIT: usize = 1_000;

pub(crate) async fn run<'s>(
    sh: &Shared,
    lang: &dyn Language,
    m: &'s MapState,
    entered: &Entered<'_>,
    input: Value,
    frame: &mut Frame,
) -> Result<Step<'s>, StatesError> {
    let ctx = context::build(sh, entered, None, entered.item, None);
    let cx = Cx {
        sh,
        entered,
        ctx: &ctx,
    };
    let effective = lang.effective(&cx, &m.common, &input, frame)?;
    let items = items(&cx, lang, m, &effective, frame).await?;
    let items = batch(&cx, lang, m, items, &effective, frame)?;
    let concurrency = concurrency(&cx, lang, m, &effective, frame)?;
    let records = Records::new(m, &items);
    let Some(processor) = m.processor() else {
        return Err(StatesError::runtime("The Map state has no ItemProcessor"));
    };
    // A Distributed Map runs its items as child executions: the parent history shows the
    // Map Run, not the iterations.
    let distributed = m.mode() == ProcessorMode::Distributed;
    let started = if distributed {
        let arn = result_writer::map_run_arn(sh, m, entered.name);
        sh.record("MapRunStarted", frame.last_event, || {
            Some(Details::MapRunStarted { map_run_arn: arn })
        })
    } else {
        sh.record("MapStateStarted", frame.last_event, || {
            Some(Details::MapStateStarted {
                length: items.len(),
            })
        })
    };
    frame.last_event = started;
    let has_selector = m.item_selector.is_some() || m.parameters.is_some();
    let total = items.len();
    let tolerated_count = lang
        .count(
            &cx,
            Quantity::ToleratedFailureCount,
            m.tolerated_failure_count.as_ref(),
            m.tolerated_failure_count_path.as_deref(),
            &effective,
            frame,
        )?
        .map(|n| n as usize);
    let tolerated_pct = lang.percentage(&cx, m, &effective, frame)?;
    let base = frame.child(started);
    let parts = frame.track.as_ref().and_then(|t| t.parts(total));
    let plan = frame.redo.take();
    // The inline iterations started and not yet ended: those a failure of the Map aborts.
    let running = Mutex::new(BTreeSet::new());
    let iterations = stream::iter(items.into_iter().enumerate()).map(|(index, value)| {
        let base = &base;
        let effective = &effective;
        let cx = &cx;
        let running = &running;
        let parts = parts.as_ref();
        let part = plan.as_deref().map(|plan| RedrivePoint::part(plan, index));
        let records = &records;
        async move {
            // A redrive keeps the output of an iteration that succeeded: it does not run
            // again (AWS API reference, RedriveExecution).
            if let Some(Part::Succeeded { output }) = part {
                if let Some(parts) = parts {
                    parts.succeeded(index, output);
                }
                return (index, Ok((output.clone(), started)));
            }
            let resume = match part {
                Some(Part::Unfinished { at }) => Some(at.as_ref()),
                _ => None,
            };
            let outcome = async {
                let name = entered.name.to_string();
                let it_started = if distributed {
                    started
                } else {
                    lock(running).insert(index);
                    sh.record("MapIterationStarted", base.last_event, || {
                        Some(Details::MapIterationStarted(IterationDetails {
                            name: name.clone(),
                            index,
                        }))
                    })
                };
                let item = MapItem { index, value };
                let iteration_input = if has_selector {
                    lang.item_input(cx, m, effective, &item, base)
                } else {
                    Ok(item.value)
                };
                if distributed {
                    let result = match iteration_input {
                        Ok(i) => {
                            let child = sh.child_execution(entered.id, index, &i);
                            records.started(index, &child, &i);
                            // A child execution's own history, which only an observer sees.
                            let child_started = child.record("ExecutionStarted", 0, || {
                                Some(Details::execution_started(&i, &child.identity.role_arn))
                            });
                            let mut frame = base.branch(child_started, parts, index, resume);
                            let r = match resume {
                                Some(at) => {
                                    run_scope_from(
                                        &child,
                                        processor,
                                        Some(&at.state),
                                        at.input.clone(),
                                        frame,
                                    )
                                    .await
                                }
                                None => {
                                    frame.variables.clear();
                                    run_scope(&child, processor, i, frame).await
                                }
                            };
                            let ended = r.as_ref().map(|(out, _)| out).map_err(|f| &f.error);
                            records.ended(index, child.now_ms(), ended);
                            match &r {
                                Ok((out, last)) => {
                                    if let Some(parts) = parts {
                                        parts.succeeded(index, out);
                                    }
                                    child.record("ExecutionSucceeded", *last, || {
                                        Some(Details::execution_succeeded(out))
                                    })
                                }
                                Err(f) => child.record("ExecutionFailed", f.last_event, || {
                                    Some(Details::ExecutionFailed(Details::error(&f.error)))
                                }),
                            };
                            r
                        }
                        Err(error) => {
                            records.ended(index, sh.now_ms(), Err(&error));
                            Err(super::flow::Failure {
                                error,
                                last_event: 0,
                            })
                        }
                    };
                    return result
                        .map(|(out, _)| (out, started))
                        .map_err(|f| (f.error, started));
                }
                let result = match (iteration_input, resume) {
                    (Ok(_), Some(at)) => {
                        let frame = base.branch(it_started, parts, index, Some(at));
                        run_scope_from(sh, processor, Some(&at.state), at.input.clone(), frame)
                            .await
                    }
                    (Ok(i), None) => {
                        let frame = base.branch(it_started, parts, index, None);
                        run_scope(sh, processor, i, frame).await
                    }
                    (Err(error), _) => Err(super::flow::Failure {
                        error,
                        last_event: it_started,
                    }),
                };
                let details = IterationDetails { name, index };
                match result {
                    Ok((out, last)) => {
                        if let Some(parts) = parts {
                            parts.succeeded(index, &out);
                        }
                        let id = sh.record("MapIterationSucceeded", last, || {
                            Some(Details::MapIterationSucceeded(details))
                        });
                        Ok((out, id))
                    }
                    Err(failure) => {
                        let id = sh.record("MapIterationFailed", failure.last_event, || {
                            Some(Details::MapIterationFailed(details))
                        });
                        Err((failure.error, id))
                    }
                }
            }
            .await;
            lock(running).remove(&index);
            (index, outcome)
        }
    });
    // Unordered: a failure is seen when it happens, not after the items before it end.
    let mut iterations = iterations.buffer_unordered(concurrency.max(1));
    let mut results: Vec<Value> = vec![Value::Null; total];
    let mut failures = 0usize;
    let mut last = started;
    while let Some((index, r)) = iterations.next().await {
        match r {
            Ok((out, id)) => {
                last = last.max(id);
                results[index] = out;
            }
            Err((error, id)) => {
                last = last.max(id);
                failures += 1;
                let within = tolerated_count.is_some_and(|c| failures <= c)
                    || tolerated_pct.is_some_and(|p| (failures as f64) * 100.0 <= p * total as f64);
                if within {
                    results[index] = super::states::error_output(&error);
                    continue;
                }
                // AWS stops the iterations still running (MapIterationAborted each) and
                // starts no more: the Map has failed.
                drop(iterations);
                let aborted: Vec<usize> = lock(&running).iter().copied().collect();
                for index in aborted {
                    last = sh.record("MapIterationAborted", last, || {
                        Some(Details::MapIterationAborted(IterationDetails {
                            name: entered.name.to_string(),
                            index,
                        }))
                    });
                }
                // The results so far are written too: FAILED, and PENDING for those not started.
                result_writer::finish(&cx, lang, m, &effective, frame, &records, Value::Null)
                    .await?;
                frame.last_event = if distributed {
                    let details = Details::MapRunFailed(Details::error(&error));
                    sh.record("MapRunFailed", last, || Some(details))
                } else {
                    sh.record("MapStateFailed", last, || None)
                };
                if tolerated_count.is_some() || tolerated_pct.is_some() {
                    return Err(StatesError::new(
                        names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        format!("The number of failed items exceeded the failure tolerance of the Map state '{}'", entered.name),
                    ));
                }
                return Err(error);
            }
        }
    }
    drop(iterations);
    let done = if distributed {
        "MapRunSucceeded"
    } else {
        "MapStateSucceeded"
    };
    frame.last_event = sh.record(done, last, || None);
    let tail = Tail {
        common: &m.common,
        result_selector: m.result_selector.as_ref(),
        result_path: m.result_path.as_ref(),
    };
    let results = result_writer::finish(
        &cx,
        lang,
        m,
        &effective,
        frame,
        &records,
        Value::Array(results),
    )
    .await?;
    let (output, assigned) = lang.finish(&cx, &tail, input, results, frame)?;
    Ok(Step::plain(output, m.flow.next.as_deref(), assigned))
}

fn lock(m: &Mutex<BTreeSet<usize>>) -> MutexGuard<'_, BTreeSet<usize>> {
    // Nothing panics while holding it; a poisoned set is still the right set.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The items: from the ItemReader (through the task handler), else the language's (ItemsPath
/// or Items, default the effective input).
async fn items(
    cx: &Cx<'_>,
    lang: &dyn Language,
    m: &MapState,
    effective: &Value,
    frame: &Frame,
) -> Result<Vec<Value>, StatesError> {
    let Some(reader) = &m.item_reader else {
        return lang.items(cx, m, effective, frame);
    };
    let parameters = match reader.parameters.as_ref().or(reader.arguments.as_ref()) {
        Some(t) => lang.template(cx, "ItemReader/Arguments", t, effective, frame)?,
        None => json!({}),
    };
    let request = TaskRequest {
        state_name: cx.entered.name.to_string(),
        resource: reader.resource.clone(),
        input: parameters,
        context: cx.ctx.clone(),
        attempt: 0,
        heartbeat: Default::default(),
        submitted: Default::default(),
    };
    let read = invoke(cx.sh, request, Limits::default())
        .await
        .map_err(|e| StatesError::new("States.ItemReaderFailed", e.cause.unwrap_or(e.error)))?;
    // A handler may answer with the object's text, which is read as ReaderConfig says.
    let read = match read {
        Value::String(text) => super::item_text::parse(&text, reader.reader_config.as_ref())
            .map(Value::Array)
            .map_err(|cause| {
                let name = cx.entered.name;
                StatesError::new("States.ItemReaderFailed", format!("'{name}': {cause}"))
            })?,
        other => other,
    };
    match read {
        Value::Array(mut items) => {
            if let Some(max) = max_items(cx, lang, reader, effective, frame)? {
                items.truncate(usize::try_from(max).unwrap_or(usize::MAX));
            }
            Ok(items)
        }
        other => Err(StatesError::new(
            "States.ItemReaderFailed",
            format!(
                "The ItemReader of '{}' must return an array of items, not {other}",
                cx.entered.name
            ),
        )),
    }
}

/// `ReaderConfig.MaxItems` (a number, or a JSONata expression) or `MaxItemsPath` (JSONPath):
/// the reader passes on at most that many items, from the start (AWS guide, "ItemReader
/// (Map)": "MaxItems: limits the number of data items passed to the Map state"). None or 0
/// reads them all.
fn max_items(
    cx: &Cx,
    lang: &dyn Language,
    reader: &ItemReader,
    effective: &Value,
    frame: &Frame,
) -> Result<Option<u64>, StatesError> {
    let Some(Value::Object(config)) = &reader.reader_config else {
        return Ok(None);
    };
    let fixed = config
        .get("MaxItems")
        .and_then(|v| serde_json::from_value::<NumberOrExpr>(v.clone()).ok());
    let path = config.get("MaxItemsPath").and_then(Value::as_str);
    let max = lang.count(
        cx,
        Quantity::MaxItems,
        fixed.as_ref(),
        path,
        effective,
        frame,
    )?;
    Ok(max.filter(|&n| n > 0))
}

/// ItemBatcher: groups items into `{"Items": [...]}` objects (plus BatchInput).
fn batch(
    cx: &Cx,
    lang: &dyn Language,
    m: &MapState,
    items: Vec<Value>,
    effective: &Value,
    frame: &Frame,
) -> Result<Vec<Value>, StatesError> {
    let Some(b) = &m.item_batcher else {
        return Ok(items);
    };
    let max_items = lang.count(
        cx,
        Quantity::MaxItemsPerBatch,
        b.max_items_per_batch.as_ref(),
        b.max_items_per_batch_path.as_deref(),
        effective,
        frame,
    )?;
    let max_bytes = lang.count(
        cx,
        Quantity::MaxInputBytesPerBatch,
        b.max_input_bytes_per_batch.as_ref(),
        b.max_input_bytes_per_batch_path.as_deref(),
        effective,
        frame,
    )?;
    let batch_input = match &b.batch_input {
        Some(t) => Some(lang.template(cx, "ItemBatcher/BatchInput", t, effective, frame)?),
        None => None,
    };
    let mut out = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = 0usize;
    let flush = |current: &mut Vec<Value>, out: &mut Vec<Value>| {
        if current.is_empty() {
            return;
        }
        let mut obj = Map::new();
        if let Some(bi) = &batch_input {
            obj.insert("BatchInput".into(), bi.clone());
        }
        obj.insert("Items".into(), Value::Array(std::mem::take(current)));
        out.push(Value::Object(obj));
    };
    for item in items {
        let size = item.to_string().len();
        let full_by_count = max_items.is_some_and(|n| current.len() as u64 >= n);
        let full_by_bytes =
            max_bytes.is_some_and(|n| !current.is_empty() && (bytes + size) as u64 > n);
        if full_by_count || full_by_bytes {
            flush(&mut current, &mut out);
            bytes = 0;
        }
        bytes += size;
        current.push(item);
    }
    flush(&mut current, &mut out);
    Ok(out)
}

/// MaxConcurrency (0 or none: AWS's own bound for the Map's mode).
fn concurrency(
    cx: &Cx,
    lang: &dyn Language,
    m: &MapState,
    effective: &Value,
    frame: &Frame,
) -> Result<usize, StatesError> {
    let limit = if m.mode() == ProcessorMode::Distributed {
        DISTRIBUTED_LIMIT
    } else {
        INLINE_LIMIT
    };
    let n = lang
        .count(
            cx,
            Quantity::MaxConcurrency,
            m.max_concurrency.as_ref(),
            m.max_concurrency_path.as_deref(),
            effective,
            frame,
        )?
        .unwrap_or(0);
    Ok(if n == 0 {
        limit
    } else {
        usize::try_from(n).unwrap_or(usize::MAX).min(limit)
    })
}
