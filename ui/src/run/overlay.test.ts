import { describe, expect, it } from 'vitest';
import type { Diagram } from '../bindings/Diagram';
import order from '../canvas/__harness__/order-processing.json';
import { RunFold, foldAll } from './fold';
import { catcherMatches, OverlayBuilder } from './overlay';
import { orderHistory } from './testing';

const diagram = order as Diagram;

describe('canvas overlay', () => {
  it('keys statuses by pointer and marks the edges taken, a Catch on its catch edges', () => {
    const o = new OverlayBuilder().build(foldAll(orderHistory('caught')), diagram, null);
    expect(o.nodes.get('/States/Charge Payment')?.status).toBe('caught');
    expect(o.nodes.get('/States/Validate Order')).toMatchObject({ status: 'succeeded', retries: 1 });
    expect(o.nodes.has('/States/Save Order')).toBe(false);
    expect(o.edges.get('#start->/States/Validate Order#0')).toBe('taken');
    // Payment.Declined: the first catcher (Payment.Declined, ...) took it, not States.ALL.
    expect(o.edges.get('/States/Charge Payment->/States/Release Inventory#0')).toBe('taken');
    expect(o.edges.has('/States/Charge Payment->/States/Release Inventory#1')).toBe(false);
    expect(o.edges.has('/States/Charge Payment->/States/Save Order#0')).toBe(false);
    expect(o.edges.get('/States/Payment Failed->#end#0')).toBe('taken');
  });

  it('lights the edge into a running state, and marks the paused state', () => {
    const events = orderHistory('succeeded');
    const f = new RunFold();
    const upTo = events.findIndex((e) => e.type === 'ChoiceStateEntered') + 1;
    f.apply(events, 0, upTo);
    const o = new OverlayBuilder().build(f.snapshot(), diagram, 'Save Order');
    expect(o.nodes.get('/States/Is Order Valid?')?.status).toBe('running');
    expect(o.edges.get('/States/Validate Order->/States/Is Order Valid?#0')).toBe('active');
    expect(o.edges.get('#start->/States/Validate Order#0')).toBe('taken');
    expect(o.nodes.get('/States/Save Order')?.status).toBe('paused');
  });

  it('keeps the objects of nodes that did not change', () => {
    const events = orderHistory('succeeded');
    const b = new OverlayBuilder();
    const f = new RunFold();
    f.apply(events, 0, 12);
    const first = b.build(f.snapshot(), diagram, null);
    f.apply(events, 12, events.length);
    const second = b.build(f.snapshot(), diagram, null);
    expect(second.nodes.get('/States/Validate Order')).toBe(first.nodes.get('/States/Validate Order'));
    expect(second.nodes.get('/States/Order Complete')?.status).toBe('succeeded');
  });

  it('matches catchers as ASL does', () => {
    expect(catcherMatches(['States.ALL'], 'Anything')).toBe(true);
    expect(catcherMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(catcherMatches(['Payment.Declined'], 'Payment.Declined')).toBe(true);
    expect(catcherMatches(['Payment.Declined'], 'Other')).toBe(false);
  });
});
