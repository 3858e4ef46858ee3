/** Canned runs of the examples for the run harness (shaped like the engine's histories). */
import type { RunEvent } from '../../bindings/RunEvent';
import { HistoryBuilder, orderHistory } from '../testing';

export function mapItemsHistory(n: number, failEvery = 7): RunEvent[] {
  const h = new HistoryBuilder();
  h.started('{"order":{"orderId":"o-77","lineItems":[]}}');
  const map = h.add('MapStateEntered', 'Price Line Items', { input: '{"order":{"orderId":"o-77"}}' });
  h.add('MapStateStarted', 'Price Line Items', { length: n });
  for (let i = 0; i < n; i++) {
    const where = { parent: map, iterations: [{ map: 'Price Line Items', index: i }] };
    h.add('MapIterationStarted', 'Price Line Items', where);
    h.simple('Choice', 'Item Kind?', where);
    const kind = i % 3;
    if (kind === 0) h.simple('Pass', 'No Shipping', where, '{"shipping":{"carrier":"none","cost":0}}');
    else if (kind === 1 && failEvery > 0 && i % failEvery === 1) {
      h.failingTask('Quote Freight', 'Freight.NoRoute', where);
      h.add('MapIterationFailed', 'Price Line Items', { ...where, error: 'Freight.NoRoute' });
      continue;
    } else if (kind === 1) h.task('Quote Freight', where, { ms: 30, retries: i % 5 === 1 ? 1 : 0 });
    else h.task('Quote Parcel', where, { ms: 12 });
    h.task('Add Tax', where, { ms: 4, output: `{"lineNumber":${i},"total":${(10 + i).toFixed(2)}}` });
    h.add('MapIterationSucceeded', 'Price Line Items', where);
  }
  h.add('MapStateSucceeded', 'Price Line Items');
  h.add('MapStateExited', 'Price Line Items', { output: '{"items":[]}' });
  h.task('Compute Total', {}, { output: '{"total":1234.5}' });
  h.simple('Succeed', 'Cart Priced');
  h.succeeded('{"total":1234.5}');
  return h.events;
}

export function fanoutHistory(): RunEvent[] {
  const h = new HistoryBuilder();
  h.started('{"customerId":"c-9"}');
  const p = h.add('ParallelStateEntered', 'Enrich Customer', { input: '{"customerId":"c-9"}' });
  h.add('ParallelStateStarted', 'Enrich Customer');
  h.task('Query Orders', { parent: p, branch: 0 }, { ms: 40 });
  h.task('Assess Credit', { parent: p, branch: 1 }, { ms: 25 });
  h.simple('Pass', 'Summarize Orders', { parent: p, branch: 0 });
  h.failingTask('Fetch Support Tickets', 'States.Timeout', { parent: p, branch: 2 });
  h.add('ParallelStateFailed', 'Enrich Customer', { error: 'States.Timeout', cause: 'Fetch Support Tickets timed out' });
  h.task('Load Cached Profile', {}, { ms: 8 });
  h.task('Publish Profile', {}, { ms: 14 });
  h.succeeded('{"published":true}');
  return h.events;
}

export function historyFor(scenario: string, n: number): RunEvent[] {
  switch (scenario) {
    case 'caught':
      return orderHistory('caught');
    case 'map':
      return mapItemsHistory(n);
    case 'fanout':
      return fanoutHistory();
    default:
      return orderHistory('succeeded');
  }
}
