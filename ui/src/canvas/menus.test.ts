import { describe, expect, it, vi } from 'vitest';
import type { MenuItem } from '../menu/model';
import { edgeMenu, paneMenu, stateMenu, type StateMenuContext } from './menus';

/** The ids a menu shows, with submenus as `id[...]` and separators as `-`. */
function ids(items: ReadonlyArray<MenuItem>): string[] {
  return items.map((i) => (i.kind === 'separator' ? '-' : i.kind === 'label' ? `#${i.text}` : i.kind === 'submenu' ? `${i.id}[${ids(i.items).join(',')}]` : i.id));
}

function pick(items: ReadonlyArray<MenuItem>, path: string[]): MenuItem {
  const [head, ...rest] = path;
  const found = items.find((i) => (i.kind === 'item' || i.kind === 'submenu') && i.id === head);
  if (found === undefined) throw new Error(`no item ${head ?? ''} in ${ids(items).join(' ')}`);
  if (rest.length === 0) return found;
  if (found.kind !== 'submenu') throw new Error(`${head ?? ''} is not a submenu`);
  return pick(found.items, rest);
}

function choose(items: ReadonlyArray<MenuItem>, ...path: string[]): void {
  const item = pick(items, path);
  if (item.kind !== 'item') throw new Error('not an action');
  item.onSelect();
}

function stateCtx(over: Partial<StateMenuContext> = {}): StateMenuContext {
  return {
    pointer: '/States/Charge',
    kind: 'Task',
    selection: ['/States/Charge'],
    siblings: ['Validate', 'Charge', 'Done'],
    edit: vi.fn(),
    copy: vi.fn(),
    rename: vi.fn(),
    breakpoint: false,
    toggleBreakpoint: vi.fn(),
    runFrom: vi.fn(),
    ...over,
  };
}

describe('the state menu', () => {
  it('offers what a Task can do, each doing it', () => {
    const ctx = stateCtx();
    const menu = stateMenu(ctx);
    expect(ids(menu)).toEqual([
      'rename',
      'duplicate',
      'copy',
      '-',
      'add-catch[add-catch-fail,add-catch-pass,-,#To an existing state,add-catch-to-Validate,add-catch-to-Done]',
      'breakpoint',
      'run-from-here',
      '-',
      'delete',
    ]);
    choose(menu, 'rename');
    expect(ctx.rename).toHaveBeenCalledWith('/States/Charge');
    choose(menu, 'duplicate');
    expect(ctx.edit).toHaveBeenLastCalledWith({ op: 'duplicate', pointers: ['/States/Charge'] });
    choose(menu, 'add-catch', 'add-catch-fail');
    expect(ctx.edit).toHaveBeenLastCalledWith({
      op: 'insertOnEdge',
      source: '/States/Charge',
      slot: { kind: 'newCatch' },
      name: 'Charge failed',
      state: { Type: 'Fail', Error: 'WorkflowFailed', Cause: 'The workflow could not complete.' },
    });
    choose(menu, 'add-catch', 'add-catch-to-Done');
    expect(ctx.edit).toHaveBeenLastCalledWith({ op: 'connect', source: '/States/Charge', slot: { kind: 'newCatch' }, target: 'Done' });
    choose(menu, 'breakpoint');
    expect(ctx.toggleBreakpoint).toHaveBeenCalledWith('Charge');
    choose(menu, 'run-from-here');
    expect(ctx.runFrom).toHaveBeenCalledWith('Charge');
    choose(menu, 'delete');
    expect(ctx.edit).toHaveBeenLastCalledWith({ op: 'delete', pointers: ['/States/Charge'] });
  });

  it('keeps a long name within the 80 characters ASL allows', () => {
    const long = 'x'.repeat(80);
    const ctx = stateCtx({ pointer: `/States/${long}` });
    choose(stateMenu(ctx), 'add-catch', 'add-catch-pass');
    const call = vi.mocked(ctx.edit).mock.lastCall?.[0];
    expect(call?.op === 'insertOnEdge' && [...call.name].length).toBe(80);
  });

  it('offers rules on a Choice and no catcher; no breakpoint or run without run and debug', () => {
    const ctx = stateCtx({ pointer: '/States/Route', kind: 'Choice', breakpoint: null, runFrom: null, rename: null, siblings: ['Route', 'A'] });
    const menu = stateMenu(ctx);
    expect(ids(menu)).toEqual(['duplicate', 'copy', '-', 'add-rule[add-rule-pass,-,#To an existing state,add-rule-to-A]', '-', 'delete']);
    choose(menu, 'add-rule', 'add-rule-pass');
    expect(ctx.edit).toHaveBeenLastCalledWith({ op: 'insertOnEdge', source: '/States/Route', slot: { kind: 'newChoice' }, name: 'Pass', state: { Type: 'Pass' } });
  });

  it('acts on the whole selection when several states are selected', () => {
    const ctx = stateCtx({ selection: ['/States/Charge', '/States/Done', '#start'] });
    const menu = stateMenu(ctx);
    expect(ids(menu)).toEqual(['duplicate', 'copy', '-', 'delete']);
    expect(pick(menu, ['delete'])).toMatchObject({ label: 'Delete 2 states', danger: true });
    choose(menu, 'delete');
    expect(ctx.edit).toHaveBeenLastCalledWith({ op: 'delete', pointers: ['/States/Charge', '/States/Done'] });
  });
});

describe('the edge and canvas menus', () => {
  it('inserts on an edge, removes it, or selects its ends', () => {
    const edit = vi.fn();
    const select = vi.fn();
    const menu = edgeMenu({
      edge: { kind: 'next', source: '/States/A', target: '/States/B', rule: null },
      insert: { source: '/States/A', slot: { kind: 'next' } },
      targetName: 'B',
      edit,
      select,
    });
    expect(ids(menu).slice(1)).toEqual(['remove-edge', '-', 'go-source', 'go-target']);
    choose(menu, 'insert', 'insert-wait');
    expect(edit).toHaveBeenLastCalledWith({ op: 'insertOnEdge', source: '/States/A', slot: { kind: 'next' }, name: 'Wait', state: { Type: 'Wait', Seconds: 5 } });
    choose(menu, 'remove-edge');
    expect(edit).toHaveBeenLastCalledWith({ op: 'disconnect', source: '/States/A', slot: { kind: 'next' } });
    choose(menu, 'go-target');
    expect(select).toHaveBeenCalledWith('/States/B');
    // The edge from Start can take a state but cannot be removed.
    const start = edgeMenu({ edge: { kind: 'start', source: '#start', target: '/States/A', rule: null }, insert: { source: '', slot: { kind: 'start' } }, targetName: 'A', edit, select });
    expect(ids(start).slice(1)).toEqual(['-', 'go-target']);
  });

  it('adds a state to the branch under the pointer, and pastes there', () => {
    const edit = vi.fn();
    const paste = vi.fn();
    const menu = paneMenu({ scope: '/States/P/Branches/1', edit, paste, selectAll: vi.fn(), find: vi.fn(), fit: vi.fn(), autoLayout: vi.fn() });
    expect(pick(menu, ['add-state'])).toMatchObject({ label: 'Add a state to this branch' });
    choose(menu, 'add-state', 'add-pass');
    expect(edit).toHaveBeenLastCalledWith({ op: 'addState', scope: '/States/P/Branches/1', name: 'Pass', state: { Type: 'Pass', End: true } });
    choose(menu, 'paste');
    expect(paste).toHaveBeenCalledWith('/States/P/Branches/1');
  });
});
