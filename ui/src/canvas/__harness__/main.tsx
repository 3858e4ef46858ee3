import '@fontsource-variable/inter';
import '../../styles.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Canvas } from '../Canvas';
import { Palette } from '../../palette/Palette';
import { getDropTarget } from '../dnd';
import type { Diagram, Edit } from '../types';
import order from './order-processing.json';
import fanout from './parallel-fanout.json';
import big from './big.json';
import fixture from '../__fixtures__/diagram.json';

const params = new URLSearchParams(location.search);
const which = params.get('d') ?? 'fixture';
const theme = params.get('theme') ?? 'light';
document.documentElement.dataset.theme = theme;
if (theme === 'dark') document.documentElement.style.colorScheme = 'dark';
const diagrams: Record<string, unknown> = { order, fanout, big, fixture };
const diagram = diagrams[which] as Diagram;
const sel = params.get('sel')?.split(',') ?? [];

function App() {
  const [selection, setSelection] = useState<string[]>(sel);
  const [log, setLog] = useState<Edit[]>([]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '240px 1fr', height: '100vh' }}>
      <div style={{ borderRight: '1px solid var(--border)' }}><Palette onAddAfterSelection={(t) => setLog((l) => [...l, { op: 'addState', scope: '', name: t.name, state: {} }])} /></div>
      <div style={{ position: 'relative' }}>
        <Canvas view={{ revision: 1, diagram, problems: [{ severity: 'error', state: '/States/Fork/Branches/1/States/B' }, { severity: 'warning', state: '/States/Route' }], states: diagram.nodes.filter((n) => !n.id.startsWith('#')).map((n) => ({ pointer: n.id, name: n.name, stateType: n.type, depth: n.depth })) }}
          selection={selection} onSelectionChange={setSelection} onEdit={(e) => setLog((l) => [...l, e])} copyStates={() => Promise.resolve({})} fitSignal={0} />
        <pre id="log" style={{ position: 'absolute', left: 60, bottom: 0, fontSize: 10, margin: 0, pointerEvents: 'none' }}>{JSON.stringify(log.slice(-2))}</pre>
      </div>
    </div>
  );
}
createRoot(document.getElementById('root')!).render(<App />);

const auto = params.get('auto');
if (auto !== null) {
  setTimeout(() => {
    const item = document.querySelector<HTMLElement>(`[data-palette-item="${params.get('item') ?? 'wait'}"]`)!;
    const r = item.getBoundingClientRect();
    const opts = (x: number, y: number) => ({ bubbles: true, clientX: x, clientY: y, pointerId: 1, isPrimary: true, button: 0 });
    item.dispatchEvent(new PointerEvent('pointerdown', opts(r.x + 20, r.y + 10)));
    const edge = document.querySelector(`[data-edge-id="${params.get('edge') ?? '/States/Validate->/States/Route#0'}"] .sw-edge__path`)!;
    const er = edge.getBoundingClientRect();
    const tx = er.x + er.width / 2 + 4;
    const ty = er.y + er.height / 2;
    for (let i = 1; i <= 10; i++) window.dispatchEvent(new PointerEvent('pointermove', opts(r.x + 20 + ((tx - r.x - 20) * i) / 10, r.y + 10 + ((ty - r.y - 10) * i) / 10)));
    if (auto === 'drop') window.dispatchEvent(new PointerEvent('pointerup', opts(tx, ty)));
    setTimeout(() => {
      const g = document.querySelector<HTMLElement>('[data-testid="palette-ghost"]');
      const dbg = document.createElement('div');
      dbg.id = 'dbg';
      dbg.style.cssText = 'position:fixed;top:0;left:300px;font:12px monospace;background:#ff0;z-index:99999';
      dbg.textContent = `target ${JSON.stringify(getDropTarget())} er ${JSON.stringify(er)} pointer ${tx.toFixed(0)},${ty.toFixed(0)} item ${r.x},${r.y} ghost ${g?.style.transform} rect ${JSON.stringify(g?.getBoundingClientRect())}`;
      document.body.appendChild(dbg);
    }, 300);
  }, 2000);
}

if (params.get('find') !== null) {
  setTimeout(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true }));
    setTimeout(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="find-state"] input')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, params.get('find'));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, 200);
  }, 1500);
}
if (params.get('clickedge') !== null) {
  setTimeout(() => {
    const el = document.querySelector(`[data-edge-id="${params.get('clickedge')}"] .sw-edge__hit`)!;
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }, 1500);
}
