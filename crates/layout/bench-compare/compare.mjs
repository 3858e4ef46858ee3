// Edge crossings of stepwise-layout vs the layered layouts of elkjs and dagre, on the same
// graphs: the examples and synthetic machines of about 20, 200 and 2,000 states.
//
//   cargo build --release -p stepwise-cli -p stepwise-layout --example synth \
//     --example layoutrs_baseline   # optional: adds layout-rs as a third engine
//   cd crates/layout/bench-compare && npm install && node compare.mjs [more.asl.json ...]
//
// Every engine gets the same problem: the graph of each scope (`stepwise layout --format
// graph`: node sizes, edge label sizes), containers laid out bottom-up from their lanes with
// the same paddings as ours, each scope top-to-bottom. Crossings are counted by one counter
// (crossings.mjs, checked against crossing-cases.json like the Rust one) on the routed
// polylines of all edges in absolute coordinates.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import dagre from '@dagrejs/dagre';
import { countCrossings, polylineLength } from './crossings.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const bin = process.env.STEPWISE ?? join(root, 'target/release/stepwise');
const synthBin = process.env.SYNTH ?? join(root, 'target/release/examples/synth');
// Optional third engine: layout-rs, in process in a Rust example (examples/layoutrs_baseline.rs).
const layoutRsBin = process.env.LAYOUT_RS ?? join(root, 'target/release/examples/layoutrs_baseline');
const withLayoutRs = existsSync(layoutRsBin);
const out = join(here, 'out');
mkdirSync(out, { recursive: true });

// 1. The counter agrees with the hand-made cases the Rust test uses.
const cases = JSON.parse(readFileSync(join(here, 'crossing-cases.json'), 'utf8')).cases;
for (const c of cases) {
  const lines = c.lines.map((l) => l.map(([x, y]) => ({ x, y })));
  const got = countCrossings(lines);
  if (got !== c.crossings) {
    console.error(`crossing counter disagrees on "${c.name}": ${got} != ${c.crossings}`);
    process.exit(1);
  }
}

// 2. Inputs.
const inputs = [];
for (const n of [20, 200, 2000]) {
  const f = join(out, `synth-${n}.asl.json`);
  execFileSync('sh', ['-c', `"${synthBin}" ${n} > "${f}"`]);
  inputs.push(f);
}
const examples = join(root, 'examples');
for (const f of readdirSync(examples).sort()) {
  if (f.endsWith('.asl.json') || f.endsWith('.asl.yaml')) inputs.push(join(examples, f));
}
// Machines written for the comparison only (not tuned against): a saga with compensation
// chains, a review flow with loops inside Parallel branches.
for (const f of readdirSync(join(here, 'machines')).sort()) {
  if (f.endsWith('.asl.json')) inputs.push(join(here, 'machines', f));
}
inputs.push(...process.argv.slice(2));

const run = (args) => execFileSync(bin, args, { maxBuffer: 1 << 30 }).toString();

// 3. Engines, each laying out one flat scope of sized nodes.
const elk = new ELK();
async function elkScope(nodes, edges) {
  const g = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.edgeNode': '18',
      'elk.spacing.edgeEdge': '12',
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e) => ({
      id: e.id, sources: [e.source], targets: [e.target],
      labels: e.label ? [{ text: 'l', width: e.label.width, height: e.label.height }] : [],
    })),
  };
  const r = await elk.layout(g);
  const pos = new Map(r.children.map((c) => [c.id, { x: c.x, y: c.y }]));
  const lines = (r.edges ?? []).map((e) => {
    const pts = [];
    for (const s of e.sections ?? []) {
      pts.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    return pts.map((p) => ({ x: p.x, y: p.y }));
  });
  return { pos, lines, width: r.width, height: r.height };
}

async function dagreScope(nodes, edges) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 36, edgesep: 18 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) {
    const l = e.label ? { width: e.label.width, height: e.label.height, labelpos: 'c' } : {};
    g.setEdge({ v: e.source, w: e.target, name: e.id }, l);
  }
  dagre.layout(g);
  const pos = new Map(nodes.map((n) => {
    const d = g.node(n.id);
    return [n.id, { x: d.x - n.width / 2, y: d.y - n.height / 2 }];
  }));
  const lines = g.edges().map((k) => g.edge(k).points.map((p) => ({ x: p.x, y: p.y })));
  const gr = g.graph();
  return { pos, lines, width: gr.width, height: gr.height };
}

// 4. Scopes bottom-up: lanes first, then the scope with containers sized to hold them.
async function layoutScope(scope, engine, K) {
  const nodes = [];
  const inner = new Map();
  for (const n of scope.nodes) {
    if (!n.lanes) { nodes.push(n); continue; }
    const lanes = [];
    for (const lane of n.lanes) lanes.push(await layoutScope(lane.scope, engine, K));
    const laneW = lanes.map((l) => l.width + 2 * K.lane_pad);
    const laneH = Math.max(...lanes.map((l) => K.lane_label + l.height + K.lane_pad));
    const w = Math.max(n.width, 2 * K.outer_pad + laneW.reduce((a, b) => a + b, 0) + K.lane_gap * (lanes.length - 1));
    const h = K.header + laneH + K.outer_pad;
    inner.set(n.id, { lanes, laneW });
    nodes.push({ ...n, width: w, height: h });
  }
  const r = await engine(nodes, scope.edges);
  let lines = r.lines;
  for (const n of nodes) {
    const c = inner.get(n.id);
    if (!c) continue;
    const p = r.pos.get(n.id);
    let lx = p.x + K.outer_pad;
    c.lanes.forEach((lane, k) => {
      const dx = lx + (c.laneW[k] - lane.width) / 2;
      const dy = p.y + K.header + K.lane_label;
      lines = lines.concat(lane.lines.map((l) => l.map((q) => ({ x: q.x + dx, y: q.y + dy }))));
      lx += c.laneW[k] + K.lane_gap;
    });
  }
  return { lines, width: r.width, height: r.height };
}

function figures(lines, width, height, ms) {
  return {
    crossings: countCrossings(lines),
    length: Math.round(lines.reduce((a, l) => a + polylineLength(l), 0)),
    size: `${Math.round(width)}x${Math.round(height)}`,
    ms: ms.toFixed(1),
  };
}

const rows = [];
for (const f of inputs) {
  const name = basename(f).replace(/\.asl\.(json|yaml)$/, '');
  const graph = JSON.parse(run(['layout', f, '--format', 'graph']));
  const K = graph.constants;
  const stats = Object.fromEntries(run(['layout', f, '--stats']).trim().split(' ').map((kv) => kv.split('=')));
  const ours = JSON.parse(run(['layout', f, '--format', 'json']));
  const ourLines = ours.edges.map((e) => e.points);
  const usJs = countCrossings(ourLines);
  if (usJs !== Number(stats.crossings)) {
    console.error(`${name}: the JS counter says ${usJs} on our routes, --stats says ${stats.crossings}`);
    process.exit(1);
  }
  const row = { name, states: Number(stats.nodes) - 2, edges: Number(stats.edges) };
  row.ours = { crossings: usJs, length: Number(stats.edge_length), size: `${stats.width}x${stats.height}`, ms: stats.ms };
  for (const [label, engine] of [['elk', elkScope], ['dagre', dagreScope]]) {
    const t0 = performance.now();
    const r = await layoutScope(graph.root, engine, K);
    row[label] = figures(r.lines, r.width, r.height, performance.now() - t0);
  }
  if (withLayoutRs) {
    const gf = join(out, `${name}.graph.json`);
    writeFileSync(gf, JSON.stringify(graph));
    // layout-rs grows much faster than linearly; past a minute it is reported as such.
    try {
      const r = JSON.parse(execFileSync(layoutRsBin, [gf], { timeout: 60_000 }).toString());
      row.layoutrs = { crossings: r.crossings, length: r.length, size: `${r.width}x${r.height}`, ms: r.ms.toFixed(1) };
    } catch {
      row.layoutrs = { crossings: '-', length: '-', size: '-', ms: '>60000' };
    }
  } else {
    row.layoutrs = { crossings: '-', length: '-', size: '-', ms: '-' };
  }
  rows.push(row);
}

const pad = (s, n) => String(s).padStart(n);
const engines = ['ours', 'elk', 'dagre', 'layoutrs'];
const names = ['ours', 'elk', 'dagre', 'layout-rs'];
const widths = { crossings: 10, length: 11, ms: 10 };
const block = (f) => engines.map((e, i) => pad(f(e, i), widths.cur)).join('');
const cols = (k, f) => { widths.cur = widths[k]; return block(f); };
console.log(`${''.padEnd(32)} |${pad('crossings', 40)} |${pad('edge length (px)', 44)} |${pad('layout time (ms)', 40)}`);
console.log(`${'graph'.padEnd(18)}${pad('states', 7)}${pad('edges', 7)} |${cols('crossings', (e, i) => names[i])} |${cols('length', (e, i) => names[i])} |${cols('ms', (e, i) => names[i])}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(18)}${pad(r.states, 7)}${pad(r.edges, 7)} |${cols('crossings', (e) => r[e].crossings)} |${cols('length', (e) => r[e].length)} |${cols('ms', (e) => r[e].ms)}`);
}
const others = (r) => ['elk', 'dagre', 'layoutrs'].map((e) => r[e].crossings).filter((c) => c !== '-');
const worse = rows.filter((r) => r.ours.crossings > Math.min(...others(r)));
const better = rows.filter((r) => r.ours.crossings < Math.min(...others(r)));
console.log(`fewer crossings than every other engine on ${better.length} of ${rows.length} graphs; ` +
  (worse.length === 0 ? 'more than some engine on none' : `more than some engine on: ${worse.map((r) => r.name).join(', ')}`));
