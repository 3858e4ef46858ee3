// Performance of the designer with a 1,000-state machine, measured in the real window:
// open-to-interactive time, and frame times while zooming and panning. Figures are printed
// and written to e2e/screenshots/perf.json; the README reports them. (Speed is asserted by
// nobody: these are measurements, the assertions only check that they were really taken.)

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { WAIT_MS, example, launch, repo, scratch, screenshot, startHarness, stopHarness } from './harness.mjs';

before(startHarness);
after(stopHarness);

/**
 * A valid machine of about `n` states: chains of Tasks with Retry and Catch, Choices that
 * branch and rejoin, Waits, and every 40 states a Parallel (two branches) or a Map.
 * @param {number} n
 */
export function bigMachine(n) {
  /** @type {Record<string, unknown>} */
  const states = {};
  let count = 0;
  let i = 0;
  const name = (/** @type {number} */ k) => `Step ${k}`;
  while (count < n - 2) {
    const here = name(i);
    const next = name(i + 1);
    const kind = i % 40 === 39 ? (i % 80 === 79 ? 'map' : 'parallel') : i % 7;
    if (kind === 'parallel') {
      states[here] = {
        Type: 'Parallel',
        Branches: [0, 1].map((b) => ({
          StartAt: `${here} b${b} first`,
          States: {
            [`${here} b${b} first`]: { Type: 'Pass', Next: `${here} b${b} second` },
            [`${here} b${b} second`]: { Type: 'Pass', End: true },
          },
        })),
        Next: next,
      };
      count += 5;
    } else if (kind === 'map') {
      states[here] = {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: `${here} item`,
          States: {
            [`${here} item`]: { Type: 'Pass', Next: `${here} item done` },
            [`${here} item done`]: { Type: 'Succeed' },
          },
        },
        Next: next,
      };
      count += 3;
    } else if (kind === 3) {
      states[here] = {
        Type: 'Choice',
        Choices: [{ Variable: '$.flag', BooleanEquals: true, Next: `${here} yes` }],
        Default: next,
      };
      states[`${here} yes`] = { Type: 'Pass', Result: { chosen: true }, ResultPath: '$.chosen', Next: next };
      count += 2;
    } else if (kind === 5) {
      states[here] = { Type: 'Wait', Seconds: 1, Next: next };
      count += 1;
    } else {
      states[here] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:step-${i}`, 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: next,
      };
      count += 1;
    }
    i += 1;
  }
  states[name(i)] = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', Error: 'StepFailed' };
  return { Comment: `A generated machine of ${count + 2} states`, StartAt: name(0), States: states };
}

/**
 * Frame times while the canvas zooms (wheel) and then pans (drag), driven in the page one
 * input event per animation frame, as a trackpad or mouse would.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function measureFrames(driver) {
  return driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const pane = document.querySelector('.react-flow__pane');
    const viewport = document.querySelector('.react-flow__viewport');
    const box = pane.getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const before = viewport.style.transform;
    const frames = [];
    let last = 0, n = 0, mid = '';
    const ZOOM = 60, PAN = 60;
    const step = (t) => {
      if (last !== 0) frames.push(t - last);
      last = t;
      if (n < ZOOM) {
        // In, out, in again: the view ends zoomed in, wherever the first fit left it.
        const deltaY = (n < 20 || n >= 40 ? -1 : 1) * 40;
        pane.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: cx, clientY: cy, bubbles: true, cancelable: true, view: window }));
      } else if (n === ZOOM) {
        mid = viewport.style.transform;
        pane.dispatchEvent(new MouseEvent('mousedown', { clientX: cx, clientY: cy, button: 0, buttons: 1, bubbles: true, view: window }));
      } else if (n < ZOOM + PAN) {
        const k = n - ZOOM;
        const dx = Math.round(Math.sin(k / 10) * 200), dy = Math.round(k * 3);
        window.dispatchEvent(new MouseEvent('mousemove', { clientX: cx + dx, clientY: cy - dy, button: 0, buttons: 1, bubbles: true, view: window }));
      } else {
        window.dispatchEvent(new MouseEvent('mouseup', { clientX: cx, clientY: cy, button: 0, bubbles: true, view: window }));
        const stats = (list) => {
          const sorted = [...list].sort((a, b) => a - b);
          const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
          return {
            frames: list.length,
            meanMs: Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 10) / 10,
            p50Ms: Math.round(pct(0.5)), p95Ms: Math.round(pct(0.95)), maxMs: Math.round(sorted[sorted.length - 1]),
            under17: Math.round((list.filter((f) => f <= 17.5).length / list.length) * 100) / 100,
          };
        };
        done({
          frames: frames.length,
          zoom: stats(frames.slice(0, ZOOM)),
          pan: stats(frames.slice(ZOOM)),
          zoomed: mid !== before, panned: viewport.style.transform !== mid,
        });
        return;
      }
      n += 1;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  `);
}

/** The perf report, written at the end for the README. */
/** @type {Record<string, unknown>} */
const report = {};

describe('Stepwise designer performance', { timeout: 180_000 }, () => {
  after(() => {
    const out = path.join(repo, 'e2e', 'screenshots');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'perf.json'), `${JSON.stringify(report, null, 2)}\n`);
  });

  // The floor of this machine: the same gestures on a 12-state example, so the figures of the
  // big machine can be read against what the webview costs at all (software rendering here).
  test('baseline: the same gestures on the 12-state example', async () => {
    const driver = await launch([example]);
    try {
      await driver.wait(until.elementLocated(By.css('[data-testid="state-node"]')), WAIT_MS);
      await driver.manage().setTimeouts({ script: 150_000 });
      const frames = /** @type {Record<string, unknown>} */ (await measureFrames(driver));
      assert.ok(frames.zoomed && frames.panned, 'the gestures moved the view');
      report.baseline = { file: path.basename(example), ...frames };
      console.log(`# perf baseline ${JSON.stringify(report.baseline)}`);
    } finally {
      await driver.quit();
    }
  });

  test('a 1,000-state machine opens, responds, and pans and zooms', async () => {
    const file = path.join(scratch, 'thousand.asl.json');
    const machine = bigMachine(1000);
    writeFileSync(file, JSON.stringify(machine, null, 2));
    const driver = await launch([file]);
    try {
      await driver.wait(until.elementLocated(By.css('[data-testid="state-node"]')), WAIT_MS);
      // performance marks are relative to the start of the page's navigation.
      const openMs = await driver.executeScript(
        "const m = performance.getEntriesByName('stepwise:interactive'); return m.length > 0 ? m[0].startTime : null;",
      );
      assert.equal(typeof openMs, 'number', 'the app marked when it became interactive');

      // Interactive: a click selects a state and the inspector shows it.
      const clickMs = await driver.executeAsyncScript(`
        const done = arguments[arguments.length - 1];
        const node = document.querySelector('[data-testid="state-node"][data-name="Step 2"]')
          ?? document.querySelector('[data-testid="state-node"]');
        const t0 = performance.now();
        node.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0, view: window }));
        node.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, view: window }));
        node.click();
        const check = () => {
          const input = document.querySelector('[data-testid="state-name-input"]');
          if (input !== null && input.value === node.dataset.name) done(performance.now() - t0);
          else if (performance.now() - t0 > 5000) done(null);
          else requestAnimationFrame(check);
        };
        check();
      `);
      assert.equal(typeof clickMs, 'number', 'clicking a state shows it in the inspector');

      // Software rendering under Xvfb is slow: give the 120 frames time.
      await driver.manage().setTimeouts({ script: 150_000 });
      const frames = await measureFrames(driver);
      assert.ok(frames !== null && typeof frames === 'object');
      const f = /** @type {Record<string, number | boolean>} */ (frames);
      assert.ok(f.zoomed, 'the wheel zoomed the canvas');
      assert.ok(f.panned, 'the drag panned the canvas');
      assert.ok(Number(f.frames) > 100, 'frames were counted');
      await screenshot(driver, 'thousand-states.png');

      const states = Object.keys(machine.States).length;
      report.thousand = { states: machine.Comment, topLevelStates: states, openToInteractiveMs: openMs, clickToInspectorMs: clickMs, ...f };
      console.log(`# perf ${JSON.stringify(report.thousand)}`);
    } finally {
      await driver.quit();
    }
  });
});
