/**
 * The canvas's context menus: for a state, a selection of states, an edge and the empty canvas.
 * Pure: each builds items from what was right-clicked and the actions it may offer.
 */
import { SEPARATOR, tidy, type MenuItem } from '../menu/model';
import { PALETTE_TEMPLATES, dropEdit, templateFor, type DropEdge } from '../palette/templates';
import { disconnectEdit } from './actions';
import { isMarker, stateNameOf } from './pointers';
import type { DiagramEdge, Edit, NodeKind } from './types';

/** At most this many existing states are offered as targets in a submenu. */
const MAX_TARGETS = 24;
/** ASL's limit on state names. */
const MAX_NAME = 80;

export interface StateMenuContext {
  pointer: string;
  kind: NodeKind;
  /** The selection, once the right-click has selected what it hit. */
  selection: ReadonlyArray<string>;
  /** The other states of its scope, by name (targets for a new rule or catcher). */
  siblings: ReadonlyArray<string>;
  edit: (edit: Edit) => void;
  copy: (pointers: string[]) => void;
  /** Opens the state's name for editing; `null` when the app cannot. */
  rename: ((pointer: string) => void) | null;
  /** Whether the state has a breakpoint; `null` without run and debug. */
  breakpoint: boolean | null;
  toggleBreakpoint: (name: string) => void;
  /** Runs from this state; `null` when it cannot (nested, a run going on, no run API). */
  runFrom: ((name: string) => void) | null;
}

function catches(kind: NodeKind): boolean {
  return kind === 'Task' || kind === 'Parallel' || kind === 'Map';
}

/** A name wish that stays within ASL's limit once a suffix is added. */
function wish(base: string, suffix: string): string {
  return `${[...base].slice(0, MAX_NAME - suffix.length).join('')}${suffix}`;
}

function targets(ctx: StateMenuContext, idPrefix: string, slot: 'newChoice' | 'newCatch'): MenuItem[] {
  const others = ctx.siblings.filter((n) => n !== stateNameOf(ctx.pointer)).slice(0, MAX_TARGETS);
  const heading: MenuItem = { kind: 'label', text: 'To an existing state' };
  return [heading, ...others.map((name): MenuItem => ({
    kind: 'item',
    id: `${idPrefix}-to-${name}`,
    label: name,
    onSelect: () => ctx.edit({ op: 'connect', source: ctx.pointer, slot: { kind: slot }, target: name }),
  }))];
}

export function stateMenu(ctx: StateMenuContext): MenuItem[] {
  const { pointer } = ctx;
  const name = stateNameOf(pointer);
  const many = ctx.selection.length > 1 && ctx.selection.includes(pointer);
  if (many) {
    const pointers = ctx.selection.filter((p) => !isMarker(p));
    const n = pointers.length;
    return [
      { kind: 'item', id: 'duplicate', label: `Duplicate ${n} states`, shortcut: 'Ctrl+D', onSelect: () => ctx.edit({ op: 'duplicate', pointers }) },
      { kind: 'item', id: 'copy', label: `Copy ${n} states`, shortcut: 'Ctrl+C', onSelect: () => ctx.copy(pointers) },
      SEPARATOR,
      { kind: 'item', id: 'delete', label: `Delete ${n} states`, shortcut: 'Del', danger: true, onSelect: () => ctx.edit({ op: 'delete', pointers }) },
    ];
  }
  const rename = ctx.rename;
  const runFrom = ctx.runFrom;
  return tidy([
    rename !== null && { kind: 'item', id: 'rename', label: 'Rename…', shortcut: 'F2', onSelect: () => rename(pointer) },
    { kind: 'item', id: 'duplicate', label: 'Duplicate', shortcut: 'Ctrl+D', onSelect: () => ctx.edit({ op: 'duplicate', pointers: [pointer] }) },
    { kind: 'item', id: 'copy', label: 'Copy', shortcut: 'Ctrl+C', onSelect: () => ctx.copy([pointer]) },
    SEPARATOR,
    catches(ctx.kind) && {
      kind: 'submenu',
      id: 'add-catch',
      label: 'Add Catch',
      items: tidy([
        {
          kind: 'item',
          id: 'add-catch-fail',
          label: 'To a new Fail state',
          onSelect: () =>
            ctx.edit({ op: 'insertOnEdge', source: pointer, slot: { kind: 'newCatch' }, name: wish(name, ' failed'), state: templateFor('fail') }),
        },
        {
          kind: 'item',
          id: 'add-catch-pass',
          label: 'To a new Pass state',
          onSelect: () =>
            ctx.edit({ op: 'insertOnEdge', source: pointer, slot: { kind: 'newCatch' }, name: wish(`Handle ${name}`, ' error'), state: { Type: 'Pass' } }),
        },
        SEPARATOR,
        ...targets(ctx, 'add-catch', 'newCatch'),
      ]),
    },
    ctx.kind === 'Choice' && {
      kind: 'submenu',
      id: 'add-rule',
      label: 'Add rule',
      items: tidy([
        {
          kind: 'item',
          id: 'add-rule-pass',
          label: 'To a new Pass state',
          onSelect: () => ctx.edit({ op: 'insertOnEdge', source: pointer, slot: { kind: 'newChoice' }, name: 'Pass', state: { Type: 'Pass' } }),
        },
        SEPARATOR,
        ...targets(ctx, 'add-rule', 'newChoice'),
      ]),
    },
    ctx.breakpoint !== null && {
      kind: 'item',
      id: 'breakpoint',
      label: ctx.breakpoint ? 'Remove breakpoint' : 'Set breakpoint',
      shortcut: 'F9',
      onSelect: () => ctx.toggleBreakpoint(name),
    },
    runFrom !== null && { kind: 'item', id: 'run-from-here', label: 'Run from here', onSelect: () => runFrom(name) },
    SEPARATOR,
    { kind: 'item', id: 'delete', label: 'Delete', shortcut: 'Del', danger: true, onSelect: () => ctx.edit({ op: 'delete', pointers: [pointer] }) },
  ]);
}

export interface EdgeMenuContext {
  edge: Pick<DiagramEdge, 'kind' | 'source' | 'target' | 'rule'>;
  /** Where a state inserted on the edge goes; `null` when the edge takes none. */
  insert: DropEdge['insert'];
  targetName: string | null;
  edit: (edit: Edit) => void;
  select: (pointer: string) => void;
}

export function edgeMenu(ctx: EdgeMenuContext): MenuItem[] {
  const removal = disconnectEdit(ctx.edge);
  const insert = ctx.insert;
  return tidy([
    insert !== null && {
      kind: 'submenu',
      id: 'insert',
      label: 'Insert a state here',
      items: PALETTE_TEMPLATES.map((t) => ({
        kind: 'item',
        id: `insert-${t.id}`,
        label: t.label,
        onSelect: () => ctx.edit(dropEdit(t.id, t.name, { insert, targetName: ctx.targetName }, '')),
      })),
    },
    removal !== null && { kind: 'item', id: 'remove-edge', label: 'Remove this transition', shortcut: 'Del', danger: true, onSelect: () => ctx.edit(removal) },
    SEPARATOR,
    !isMarker(ctx.edge.source) && { kind: 'item', id: 'go-source', label: `Select ${stateNameOf(ctx.edge.source)}`, onSelect: () => ctx.select(ctx.edge.source) },
    !isMarker(ctx.edge.target) && { kind: 'item', id: 'go-target', label: `Select ${stateNameOf(ctx.edge.target)}`, onSelect: () => ctx.select(ctx.edge.target) },
  ]);
}

export interface PaneMenuContext {
  /** The scope under the pointer: a lane's, or the machine's (`''`). */
  scope: string;
  edit: (edit: Edit) => void;
  paste: (scope: string) => void;
  selectAll: () => void;
  find: () => void;
  fit: () => void;
  autoLayout: () => void;
}

export function paneMenu(ctx: PaneMenuContext): MenuItem[] {
  return [
    { kind: 'item', id: 'paste', label: 'Paste', shortcut: 'Ctrl+V', onSelect: () => ctx.paste(ctx.scope) },
    {
      kind: 'submenu',
      id: 'add-state',
      label: ctx.scope === '' ? 'Add a state' : 'Add a state to this branch',
      items: PALETTE_TEMPLATES.map((t) => ({
        kind: 'item',
        id: `add-${t.id}`,
        label: t.label,
        onSelect: () => ctx.edit(dropEdit(t.id, t.name, null, ctx.scope)),
      })),
    },
    SEPARATOR,
    { kind: 'item', id: 'select-all', label: 'Select all', shortcut: 'Ctrl+A', onSelect: ctx.selectAll },
    { kind: 'item', id: 'find', label: 'Find a state…', shortcut: 'Ctrl+F', onSelect: ctx.find },
    { kind: 'item', id: 'fit', label: 'Fit to view', shortcut: 'F', onSelect: ctx.fit },
    { kind: 'item', id: 'auto-layout', label: 'Auto-layout', onSelect: ctx.autoLayout },
  ];
}
