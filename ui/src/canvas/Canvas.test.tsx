import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setClipboard } from './actions';
import { Canvas, type CanvasProps } from './Canvas';
import { beginDrag, endDrag, getDropTarget, moveDrag } from './dnd';
import { fixtureView } from './__fixtures__/view';
import { installXyflowEnv } from './__fixtures__/xyflowEnv';
import type { Point } from './types';

beforeAll(() => {
  installXyflowEnv();
});

function setup(overrides: Partial<CanvasProps> = {}) {
  const props: CanvasProps = {
    view: fixtureView(),
    selection: [],
    onSelectionChange: vi.fn(),
    onEdit: vi.fn(),
    copyStates: vi.fn(() => Promise.resolve({ Poll: { Type: 'Wait', Seconds: 5, Next: 'Check' } })),
    fitSignal: 0,
    ...overrides,
  };
  const result = render(<Canvas {...props} />);
  return { ...result, props };
}

async function stateNodes(): Promise<HTMLElement[]> {
  return waitFor(() => {
    const nodes = screen.getAllByTestId('state-node');
    expect(nodes.length).toBe(12);
    return nodes;
  });
}

function node(pointer: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="state-node"][data-pointer="${pointer}"]`);
  if (el === null) throw new Error(`no node ${pointer}`);
  return el;
}

/** Flow coordinates to client coordinates, through the viewport's transform. */
function toScreen(p: Point): Point {
  const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
  const m = vp?.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([-\d.]+)\)/);
  const [tx, ty, z] = m === null || m === undefined ? [0, 0, 1] : [Number(m[1]), Number(m[2]), Number(m[3])];
  return { x: p.x * z + tx, y: p.y * z + ty };
}

function canvasBounds(): void {
  const el = screen.getByTestId('canvas');
  el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 1200, bottom: 900, width: 1200, height: 900, toJSON: () => ({}) });
}

describe('Canvas rendering', () => {
  it('draws every state with its pointer, type, name and problems', async () => {
    setup();
    expect(screen.getByTestId('canvas')).toBeInTheDocument();
    const nodes = await stateNodes();
    expect(nodes.map((n) => n.dataset.pointer)).toContain('/States/Fork/Branches/0/States/A');
    const validate = node('/States/Validate');
    expect(validate.dataset.type).toBe('Task');
    expect(validate.dataset.name).toBe('Validate');
    expect(validate).toHaveTextContent('Lambda: Invoke');
    expect(validate.dataset.severity).toBeUndefined();
    expect(node('/States/Route').dataset.severity).toBe('warning');
    expect(node('/States/Fork/Branches/1/States/B').dataset.severity).toBe('error');
    expect(within(node('/States/Fork/Branches/1/States/B')).getByTestId('state-problem-badge')).toBeInTheDocument();
    expect(node('/States/Each').dataset.type).toBe('Map');
  });

  it('draws the Start and End markers apart from the states', async () => {
    setup();
    await stateNodes();
    expect(screen.getAllByTestId('marker').map((m) => m.dataset.marker)).toEqual(['start', 'end']);
  });

  it('draws containers with their lanes', async () => {
    setup();
    await stateNodes();
    const fork = node('/States/Fork');
    expect(within(fork).getAllByTestId('lane').map((l) => l.dataset.scope)).toEqual(['/States/Fork/Branches/0', '/States/Fork/Branches/1']);
    expect(within(fork).getByText('Branch 2')).toBeInTheDocument();
  });

  it('draws every edge along its route, tagged with source, target and kind', async () => {
    setup();
    await stateNodes();
    const edges = await waitFor(() => {
      const found = screen.getAllByTestId('edge');
      expect(found.length).toBe(14);
      return found;
    });
    const catchEdge = edges.find((e) => e.dataset.kind === 'catch');
    expect(catchEdge?.dataset.source).toBe('/States/Validate');
    expect(catchEdge?.dataset.target).toBe('/States/Failed');
    expect(catchEdge).toHaveTextContent('States.ALL');
    const back = edges.find((e) => e.dataset.backEdge === 'true');
    expect(back?.dataset.kind).toBe('default');
    const path = catchEdge?.querySelector('.sw-edge__path');
    expect(path?.getAttribute('d')).toMatch(/^M/);
    expect(path?.getAttribute('marker-end')).toMatch(/arrow-catch\)$/);
  });

  it('draws a wrapped label line by line, and its whole text on hover', async () => {
    const view = fixtureView();
    const wrapped = structuredClone(view.diagram);
    const labelled = wrapped.edges.find((e) => e.kind === 'catch');
    if (labelled?.label === undefined || labelled.label === null) throw new Error('the fixture has a Catch label');
    labelled.label = { ...labelled.label, text: 'States.Timeout, States.TaskFailed,\nStates.Perm…', full: 'States.Timeout, States.TaskFailed, States.Permissions' };
    setup({ view: { ...view, diagram: wrapped } });
    await stateNodes();
    const edge = await waitFor(() => {
      const found = screen.getAllByTestId('edge').find((e) => e.dataset.kind === 'catch');
      if (found === undefined) throw new Error('no Catch edge');
      return found;
    });
    const lines = [...edge.querySelectorAll('.sw-edge__label tspan')].map((t) => t.textContent);
    expect(lines).toEqual(['States.Timeout, States.TaskFailed,', 'States.Perm…']);
    const ys = [...edge.querySelectorAll('.sw-edge__label tspan')].map((t) => Number(t.getAttribute('y')));
    expect(ys[1]! - ys[0]!).toBe(13);
    expect(edge.querySelector('.sw-edge__label title')?.textContent).toBe('Catch: States.Timeout, States.TaskFailed, States.Permissions');
  });

  it('shows the mini map on big machines only, until the user toggles it', async () => {
    window.localStorage.removeItem('stepwise.minimap');
    const view = fixtureView();
    const first = setup({ view });
    await stateNodes();
    // The fixture has 12 states: too few for a mini map by default.
    expect(document.querySelector('.react-flow__minimap')).toBeNull();
    fireEvent.click(screen.getByTestId('canvas-minimap'));
    expect(document.querySelector('.react-flow__minimap')).not.toBeNull();
    expect(screen.getByTestId('canvas-minimap')).toHaveAttribute('aria-pressed', 'true');
    first.unmount();
    // The choice is remembered.
    setup({ view });
    await stateNodes();
    expect(document.querySelector('.react-flow__minimap')).not.toBeNull();
    window.localStorage.removeItem('stepwise.minimap');
  });

  it('shows the mini map by default from 30 states', async () => {
    window.localStorage.removeItem('stepwise.minimap');
    const view = fixtureView();
    const many = Array.from({ length: 30 }, (_, i) => ({ ...view.states[0]!, pointer: `/States/S${i}`, name: `S${i}` }));
    setup({ view: { ...view, states: many } });
    await waitFor(() => expect(document.querySelector('.react-flow__minimap')).not.toBeNull());
  });

  it('shows the selection', async () => {
    setup({ selection: ['/States/Poll'] });
    await stateNodes();
    expect(node('/States/Poll')).toHaveAttribute('aria-selected', 'true');
    expect(node('/States/Check')).toHaveAttribute('aria-selected', 'false');
  });

  it('selects a state on click', async () => {
    const { props } = setup();
    await stateNodes();
    fireEvent.click(node('/States/Poll'));
    expect(props.onSelectionChange).toHaveBeenLastCalledWith(['/States/Poll']);
  });
});

describe('Canvas selection', () => {
  it('adds to the selection with Shift+click', async () => {
    const { props } = setup({ selection: ['/States/Poll'] });
    await stateNodes();
    fireEvent.keyDown(document, { key: 'Shift', code: 'ShiftLeft' });
    fireEvent.click(node('/States/Check'));
    fireEvent.keyUp(document, { key: 'Shift', code: 'ShiftLeft' });
    expect(props.onSelectionChange).toHaveBeenLastCalledWith(['/States/Poll', '/States/Check']);
  });

  it('never selects the Start and End markers', async () => {
    const { props } = setup();
    await stateNodes();
    fireEvent.click(screen.getAllByTestId('marker')[0] as HTMLElement);
    expect(props.onSelectionChange).not.toHaveBeenCalled();
  });

  it('disconnects a selected edge with Delete', async () => {
    const { props } = setup();
    await stateNodes();
    const edge = await waitFor(() => {
      const el = document.querySelector('[data-edge-id="/States/Route->/States/Fork#0"]');
      expect(el).not.toBeNull();
      return el as Element;
    });
    fireEvent.click(edge);
    await waitFor(() => expect(document.querySelector('[data-edge-id="/States/Route->/States/Fork#0"]')).toHaveAttribute('aria-selected', 'true'));
    fireEvent.keyDown(window, { key: 'Delete' });
    expect(props.onEdit).toHaveBeenCalledWith({ op: 'disconnect', source: '/States/Route', slot: { kind: 'choice', index: 1 } });
  });
});

describe('Canvas keyboard', () => {
  it('deletes the selected states with Delete', async () => {
    const { props } = setup({ selection: ['/States/Poll', '/States/Check'] });
    await stateNodes();
    fireEvent.keyDown(window, { key: 'Delete' });
    expect(props.onEdit).toHaveBeenCalledWith({ op: 'delete', pointers: ['/States/Poll', '/States/Check'] });
  });

  it('leaves keys typed in an input alone', async () => {
    const { props } = setup({ selection: ['/States/Poll'] });
    await stateNodes();
    const input = document.createElement('input');
    document.body.appendChild(input);
    fireEvent.keyDown(input, { key: 'Backspace' });
    expect(props.onEdit).not.toHaveBeenCalled();
    input.remove();
  });

  it('pastes what Ctrl+C copied even when Ctrl+V comes before Rust has answered the copy', async () => {
    setClipboard(null);
    let answer: (states: Record<string, unknown>) => void = () => undefined;
    const copyStates = vi.fn(() => new Promise<Record<string, unknown>>((resolve) => (answer = resolve)));
    const { props } = setup({ selection: ['/States/Poll'], copyStates });
    await stateNodes();
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    expect(props.onEdit).not.toHaveBeenCalled();
    await act(async () => answer({ Poll: { Type: 'Wait', Seconds: 1, End: true } }));
    await waitFor(() =>
      expect(props.onEdit).toHaveBeenCalledWith({ op: 'paste', scope: '', states: { Poll: { Type: 'Wait', Seconds: 1, End: true } } }),
    );
  });

  it('copies with Ctrl+C and pastes into the scope of the selection with Ctrl+V', async () => {
    setClipboard(null);
    const { props, rerender } = setup({ selection: ['/States/Poll'] });
    await stateNodes();
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    expect(props.copyStates).toHaveBeenCalledWith(['/States/Poll']);
    await act(async () => {
      await Promise.resolve();
    });
    rerender(<Canvas {...props} selection={['/States/Fork/Branches/1/States/B']} />);
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    await waitFor(() =>
      expect(props.onEdit).toHaveBeenCalledWith({
        op: 'paste',
        scope: '/States/Fork/Branches/1',
        states: { Poll: { Type: 'Wait', Seconds: 5, Next: 'Check' } },
      }),
    );
  });

  it('duplicates with Ctrl+D and clears the selection with Escape', async () => {
    const { props } = setup({ selection: ['/States/Poll'] });
    await stateNodes();
    fireEvent.keyDown(window, { key: 'd', ctrlKey: true });
    expect(props.onEdit).toHaveBeenCalledWith({ op: 'duplicate', pointers: ['/States/Poll'] });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(props.onSelectionChange).toHaveBeenLastCalledWith([]);
  });

  it('finds a state with Ctrl+F and selects it on Enter', async () => {
    const { props } = setup();
    await stateNodes();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    const find = await screen.findByTestId('find-state');
    const input = within(find).getByRole('searchbox');
    fireEvent.change(input, { target: { value: 'pol' } });
    expect(within(find).getAllByTestId('find-state-item').map((i) => i.dataset.pointer)).toEqual(['/States/Poll']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(props.onSelectionChange).toHaveBeenLastCalledWith(['/States/Poll']);
    expect(screen.queryByTestId('find-state')).not.toBeInTheDocument();
  });
});

describe('Canvas drop from the palette', () => {
  it('inserts on the edge under the pointer', async () => {
    const { props, view } = { ...setup(), view: fixtureView() };
    await stateNodes();
    canvasBounds();
    const edge = view.diagram.edges.find((e) => e.id === '/States/Validate->/States/Route#0');
    const [a, b] = edge?.points ?? [];
    if (a === undefined || b === undefined) throw new Error('no points');
    const at = toScreen({ x: (a.x + b.x) / 2 + 3, y: (a.y + b.y) / 2 });
    act(() => {
      beginDrag({ id: 'wait', name: 'Wait' }, at.x, at.y);
      moveDrag(at.x, at.y);
    });
    expect(getDropTarget()).toEqual({ kind: 'edge', edgeId: '/States/Validate->/States/Route#0' });
    await waitFor(() => expect(document.querySelector('[data-edge-id="/States/Validate->/States/Route#0"]')).toHaveClass('is-drop-target'));
    let taken = false;
    act(() => {
      taken = endDrag(at.x, at.y);
    });
    expect(taken).toBe(true);
    expect(props.onEdit).toHaveBeenCalledWith({
      op: 'insertOnEdge',
      source: '/States/Validate',
      slot: { kind: 'next' },
      name: 'Wait',
      state: { Type: 'Wait', Seconds: 5 },
    });
    expect(getDropTarget()).toBeNull();
  });

  it('adds to the lane under the pointer, or to the machine', async () => {
    const { props } = setup();
    await stateNodes();
    canvasBounds();
    // Inside branch 2 of Fork, below its only state.
    const lane = toScreen({ x: 434 + 20, y: 564 + 150 });
    act(() => {
      beginDrag({ id: 'pass', name: 'Pass' }, lane.x, lane.y);
      endDrag(lane.x, lane.y);
    });
    expect(props.onEdit).toHaveBeenLastCalledWith({ op: 'addState', scope: '/States/Fork/Branches/1', name: 'Pass', state: { Type: 'Pass', End: true } });
    // Far from everything.
    const empty = toScreen({ x: 700, y: 40 });
    act(() => {
      beginDrag({ id: 'sns-publish', name: 'Publish to SNS' }, empty.x, empty.y);
      endDrag(empty.x, empty.y);
    });
    expect(props.onEdit).toHaveBeenLastCalledWith(expect.objectContaining({ op: 'addState', scope: '', name: 'Publish to SNS' }));
  });

  it('ignores drops outside the canvas', async () => {
    const { props } = setup();
    await stateNodes();
    canvasBounds();
    let taken = true;
    act(() => {
      beginDrag({ id: 'pass', name: 'Pass' }, 1500, 100);
      taken = endDrag(1500, 100);
    });
    expect(taken).toBe(false);
    expect(props.onEdit).not.toHaveBeenCalled();
  });
});
