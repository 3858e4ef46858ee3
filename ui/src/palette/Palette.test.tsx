import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDrag, registerDropHandler, type DragState } from '../canvas/dnd';
import { Palette } from './Palette';
import { PALETTE_TEMPLATES } from './templates';

function item(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-palette-item="${id}"]`);
  if (el === null) throw new Error(`no item ${id}`);
  return el;
}

const pointer = { pointerId: 1, isPrimary: true, button: 0 };

describe('Palette', () => {
  let unregister: (() => void) | null = null;
  afterEach(() => {
    unregister?.();
    unregister = null;
  });

  it('lists the Flow and Task sections with every template', () => {
    render(<Palette />);
    expect(screen.getAllByTestId('palette-item')).toHaveLength(PALETTE_TEMPLATES.length);
    const flow = screen.getByRole('region', { name: 'Flow' });
    expect(within(flow).getAllByTestId('palette-item').map((b) => b.dataset.paletteItem)).toEqual([
      'pass',
      'choice',
      'wait',
      'succeed',
      'fail',
      'parallel',
      'map',
    ]);
    const task = screen.getByRole('region', { name: 'Task' });
    expect(within(task).getByText('Lambda: Invoke')).toBeInTheDocument();
  });

  it('adds after the selection on click', () => {
    const onAdd = vi.fn();
    render(<Palette onAddAfterSelection={onAdd} />);
    fireEvent.click(item('wait'));
    expect(onAdd).toHaveBeenCalledWith(expect.objectContaining({ id: 'wait', name: 'Wait', type: 'Wait' }));
  });

  it('filters items as you type', () => {
    render(<Palette />);
    fireEvent.change(screen.getByTestId('palette-search'), { target: { value: 'queue' } });
    expect(screen.getAllByTestId('palette-item').map((b) => b.dataset.paletteItem)).toEqual(['sqs-send']);
    expect(screen.queryByRole('region', { name: 'Flow' })).not.toBeInTheDocument();
    fireEvent.change(screen.getByTestId('palette-search'), { target: { value: 'nothing like it' } });
    expect(screen.queryAllByTestId('palette-item')).toHaveLength(0);
    expect(screen.getByRole('status')).toHaveTextContent('No state matches');
  });

  it('drags with pointer events: a ghost follows, the drop goes to the canvas, no click', () => {
    const onAdd = vi.fn();
    const drops: DragState[] = [];
    unregister = registerDropHandler((d) => {
      drops.push(d);
      return true;
    });
    render(<Palette onAddAfterSelection={onAdd} />);
    const el = item('lambda-invoke');
    fireEvent.pointerDown(el, { ...pointer, clientX: 20, clientY: 20 });
    // A small wobble is still a click.
    fireEvent.pointerMove(window, { ...pointer, clientX: 22, clientY: 21 });
    expect(getDrag()).toBeNull();
    act(() => {
      fireEvent.pointerMove(window, { ...pointer, clientX: 300, clientY: 200 });
    });
    expect(getDrag()?.payload).toEqual({ id: 'lambda-invoke', name: 'Invoke Lambda' });
    const ghost = screen.getByTestId('palette-ghost');
    expect(ghost).toHaveTextContent('Lambda: Invoke');
    act(() => {
      fireEvent.pointerMove(window, { ...pointer, clientX: 400, clientY: 260 });
    });
    expect(ghost.style.transform).toBe('translate(412px, 270px)');
    act(() => {
      fireEvent.pointerUp(window, { ...pointer, clientX: 410, clientY: 270 });
    });
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ payload: { id: 'lambda-invoke' }, clientX: 410, clientY: 270 });
    expect(getDrag()).toBeNull();
    expect(screen.queryByTestId('palette-ghost')).not.toBeInTheDocument();
    fireEvent.click(el);
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('cancels a drag with Escape', () => {
    const drops: DragState[] = [];
    unregister = registerDropHandler((d) => {
      drops.push(d);
      return true;
    });
    render(<Palette />);
    fireEvent.pointerDown(item('pass'), { ...pointer, clientX: 20, clientY: 20 });
    act(() => {
      fireEvent.pointerMove(window, { ...pointer, clientX: 200, clientY: 200 });
    });
    expect(getDrag()).not.toBeNull();
    act(() => {
      fireEvent.keyDown(window, { key: 'Escape' });
    });
    expect(getDrag()).toBeNull();
    fireEvent.pointerUp(window, { ...pointer, clientX: 200, clientY: 200 });
    expect(drops).toHaveLength(0);
  });
});
