// Over 500 lines because each e2e file starts its own Xvfb and tauri-driver: the layout scenarios
// share one start-up and their helpers.
// End-to-end tests of the window's layout in the real app window (see harness.mjs): resizing
// and folding the panels, the 1024×700 layout with a run's events, the canvas refitting after
// a window resize, the example cards, the toolbar's tooltips and the Task timeout placeholders.
// Each scenario saves a screenshot into e2e/screenshots/; `main-1440.png` is the README's.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, Origin, until } from 'selenium-webdriver';
import { WAIT_MS, example, launch, repo, scratch, screenshot, startHarness, stopHarness, waitForCanvas } from './harness.mjs';

// Room for a 1440×900 window.
before(() => startHarness({ screen: '1920x1200' }));
after(stopHarness);

/** @typedef {import('selenium-webdriver').WebDriver} Driver */
/** @typedef {{x: number, y: number, width: number, height: number}} Rect */

/**
 * Sets the window's size and waits until the page has it and the layout has settled.
 * @param {Driver} driver
 * @param {number} width
 * @param {number} height
 */
async function windowSize(driver, width, height) {
  await driver.manage().window().setRect({ width, height });
  await driver.wait(
    async () => {
      const inner = /** @type {number[]} */ (await driver.executeScript('return [window.innerWidth, window.innerHeight];'));
      return inner[0] === width && inner[1] === height;
    },
    WAIT_MS,
    `the window is ${width}×${height}`,
  );
}

/**
 * The bounding box of the first element matching `css`.
 * @param {Driver} driver
 * @param {string} css
 * @returns {Promise<Rect>}
 */
async function rectOf(driver, css) {
  const r = await driver.executeScript(
    `const el = document.querySelector(arguments[0]);
     if (el === null) return null;
     const b = el.getBoundingClientRect();
     return { x: b.x, y: b.y, width: b.width, height: b.height };`,
    css,
  );
  assert.ok(r !== null && typeof r === 'object', `${css} is on the page`);
  return /** @type {Rect} */ (r);
}

/** @param {Rect} r */
function center(r) {
  return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
}

/**
 * Presses the pointer at `from`, moves it by (dx, dy) in steps, and releases it.
 * @param {Driver} driver
 * @param {{x: number, y: number}} from
 * @param {number} dx
 * @param {number} dy
 */
async function dragBy(driver, from, dx, dy) {
  await driver
    .actions({ async: true })
    .move({ x: from.x, y: from.y, origin: Origin.VIEWPORT })
    .press()
    .move({ x: from.x + Math.round(dx / 3), y: from.y + Math.round(dy / 3), origin: Origin.VIEWPORT, duration: 100 })
    .move({ x: from.x + dx, y: from.y + dy, origin: Origin.VIEWPORT, duration: 200 })
    .release()
    .perform();
}

/**
 * Waits until `read` gives the same value twice in a row 150 ms apart, and returns it.
 * @template T
 * @param {Driver} driver
 * @param {() => Promise<T>} read
 * @param {string} what
 * @returns {Promise<T>}
 */
async function steady(driver, read, what) {
  let last = JSON.stringify(await read());
  let value = await read();
  await driver.wait(
    async () => {
      await new Promise((r) => setTimeout(r, 150));
      value = await read();
      const now = JSON.stringify(value);
      const same = now === last;
      last = now;
      return same;
    },
    WAIT_MS,
    `${what} settles`,
  );
  return value;
}

/**
 * Every drawn state's box, and the canvas's.
 * @param {Driver} driver
 */
async function statesInCanvas(driver) {
  const r = await driver.executeScript(`
    const canvas = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const states = [...document.querySelectorAll('[data-testid="state-node"]')].map((n) => {
      const b = n.getBoundingClientRect();
      return { name: n.dataset.name, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    });
    return { canvas: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom }, states };`);
  return /** @type {{canvas: {left: number, top: number, right: number, bottom: number}, states: {name: string, left: number, top: number, right: number, bottom: number}[]}} */ (
    r
  );
}

/**
 * Waits (a few seconds at most: the canvas refits 120 ms after its size settles) until every
 * state of the order example is drawn inside the canvas, and fails saying which is not.
 * @param {Driver} driver
 * @param {string} when
 */
async function assertDiagramFits(driver, when) {
  const inside = async () => {
    const { canvas, states } = await statesInCanvas(driver);
    return (
      states.length === 12 &&
      states.every((s) => s.left >= canvas.left - 1 && s.right <= canvas.right + 1 && s.top >= canvas.top - 1 && s.bottom <= canvas.bottom + 1)
    );
  };
  const deadline = Date.now() + 5000;
  while (!(await inside()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const { canvas, states } = await statesInCanvas(driver);
  assert.equal(states.length, 12, `${when}: every state is drawn (${states.map((s) => s.name)})`);
  for (const s of states) {
    assert.ok(
      s.left >= canvas.left - 1 && s.right <= canvas.right + 1 && s.top >= canvas.top - 1 && s.bottom <= canvas.bottom + 1,
      `${when}: ${s.name} (${Math.round(s.left)}–${Math.round(s.right)} × ${Math.round(s.top)}–${Math.round(s.bottom)}) is inside the canvas (${Math.round(canvas.left)}–${Math.round(canvas.right)} × ${Math.round(canvas.top)}–${Math.round(canvas.bottom)})`,
    );
  }
}

/** @param {Driver} driver */
async function viewportTransform(driver) {
  return String(await driver.executeScript("return document.querySelector('.react-flow__viewport').style.transform;"));
}

/** A payment gateway's error cause, longer than a narrow dock is wide. */
const LONG_CAUSE =
  'The payment gateway did not answer in time: the request to https://payments.example.com/v2/charges/authorize?merchant=acme-tea-company&currency=EUR timed out after 30000 ms while waiting for the acquirer, and no retry budget was left.';

/**
 * A copy of the order example whose mocks (found next to it) fail the payment with a long cause.
 * @returns {string} the copy's path
 */
function orderWithLongCause() {
  const dir = path.join(scratch, 'long-cause');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'order-processing.asl.json');
  copyFileSync(example, file);
  copyFileSync(path.join(repo, 'examples', 'run', 'order-processing.input.json'), path.join(dir, 'order-processing.input.json'));
  const mocks = JSON.parse(readFileSync(path.join(repo, 'examples', 'run', 'order-processing.mocks.json'), 'utf8'));
  mocks.MockedResponses.ChargedAfterTimeout['0'].Throw.Cause = LONG_CAUSE;
  writeFileSync(path.join(dir, 'order-processing.mocks.json'), JSON.stringify(mocks, null, 2));
  return file;
}

/** @param {Driver} driver */
async function clearLayout(driver) {
  await driver.executeScript("window.localStorage.removeItem('stepwise.layout'); window.localStorage.removeItem('stepwise.dockHeight');");
}

/**
 * Opens the Run tab, picks the example's mocks and runs it with Instant playback.
 * @param {Driver} driver
 */
async function runOrderExample(driver) {
  await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");
  await driver.findElement(By.css('[data-testid="tab-run"]')).click();
  const mocks = await driver.wait(until.elementLocated(By.css('[data-testid="task-source"] [data-kind="mocks"]')), WAIT_MS, 'the task sources are listed');
  await mocks.click();
  await driver.wait(until.elementLocated(By.css('[data-testid="run-test-case"]')), WAIT_MS, 'the test cases are listed');
  await driver.findElement(By.css('[data-testid="run-start"]')).click();
  await driver.wait(
    async () => (await driver.executeScript("return document.querySelector('[data-testid=\"run-status\"]')?.dataset.status ?? '';")) === 'succeeded',
    WAIT_MS * 3,
    'the run succeeds',
  );
  await driver.wait(until.elementLocated(By.css('[data-testid="event-row"]')), WAIT_MS, 'the events are listed');
}

describe('the window layout', { timeout: 240_000 }, () => {
  test('resizing the dock: dragged, stepped with the keyboard, and remembered after reopening', async () => {
    let driver = await launch([example]);
    let height = 0;
    try {
      await clearLayout(driver);
      await windowSize(driver, 1440, 900);
      await waitForCanvas(driver);
      const before = await steady(driver, () => rectOf(driver, '[data-testid="dock"]'), 'the dock');
      const canvasBefore = await rectOf(driver, '[data-testid="canvas"]');
      const splitter = await rectOf(driver, '[data-testid="splitter-dock"]');
      // The splitter sits on the dock's top edge.
      assert.ok(Math.abs(center(splitter).y - before.y) <= 4, `splitter at ${center(splitter).y}, dock top at ${before.y}`);

      await dragBy(driver, center(splitter), 0, -150);
      const after = await steady(driver, () => rectOf(driver, '[data-testid="dock"]'), 'the dock');
      assert.ok(Math.abs(after.height - (before.height + 150)) <= 4, `dragged 150 px up: ${before.height} → ${after.height}`);
      const canvasAfter = await rectOf(driver, '[data-testid="canvas"]');
      assert.ok(Math.abs(canvasBefore.height - canvasAfter.height - 150) <= 6, 'the canvas gave up the room');
      // The diagram was refitted into the smaller canvas.
      await steady(driver, () => viewportTransform(driver), 'the viewport');
      await assertDiagramFits(driver, 'after the dock grew');

      // The keyboard: focus the separator, ArrowUp grows the dock by a step.
      const sep = await driver.findElement(By.css('[data-testid="splitter-dock"]'));
      assert.equal(await sep.getAttribute('role'), 'separator');
      assert.equal(await sep.getAttribute('tabindex'), '0');
      await driver.executeScript('arguments[0].focus();', sep);
      await sep.sendKeys(Key.ARROW_UP);
      const stepped = await steady(driver, () => rectOf(driver, '[data-testid="dock"]'), 'the dock');
      assert.ok(Math.abs(stepped.height - after.height - 16) <= 2, `ArrowUp: ${after.height} → ${stepped.height}`);
      assert.equal(Number(await sep.getAttribute('aria-valuenow')), Math.round(stepped.height));
      height = stepped.height;
      await screenshot(driver, 'dock-resize.png');
    } finally {
      await driver.quit();
    }

    // Reopened, the window draws the dock at the height it was left at.
    driver = await launch([example]);
    try {
      await windowSize(driver, 1440, 900);
      await waitForCanvas(driver);
      const reopened = await steady(driver, () => rectOf(driver, '[data-testid="dock"]'), 'the dock');
      assert.ok(Math.abs(reopened.height - height) <= 1, `remembered: ${height}, reopened: ${reopened.height}`);
      // A window too small for the remembered height still keeps its canvas.
      await windowSize(driver, 1024, 500);
      const small = await steady(driver, () => rectOf(driver, '[data-testid="dock"]'), 'the dock');
      const canvas = await rectOf(driver, '[data-testid="canvas"]');
      assert.ok(small.height < height, 'the dock gave way');
      assert.ok(canvas.height >= 0.3 * 500, `the canvas keeps ${canvas.height} px of 500`);
    } finally {
      await clearLayout(driver);
      await driver.quit();
    }
  });

  test('the palette and the side panel resize by dragging, fold and unfold by button, double-click and keyboard, and stay folded when reopened', async () => {
    let driver = await launch([example]);
    let sideWidth = 0;
    try {
      await clearLayout(driver);
      await windowSize(driver, 1440, 900);
      await waitForCanvas(driver);
      // Dragged: the palette's splitter to the right widens it, the side panel's to the left widens that.
      const p0 = await steady(driver, () => rectOf(driver, '#workbench-palette'), 'the palette');
      await dragBy(driver, center(await rectOf(driver, '[data-testid="splitter-palette"]')), 60, 0);
      const p1 = await steady(driver, () => rectOf(driver, '#workbench-palette'), 'the palette');
      assert.ok(Math.abs(p1.width - p0.width - 60) <= 3, `palette dragged 60 px: ${p0.width} → ${p1.width}`);
      const s0 = await rectOf(driver, '#workbench-side');
      await dragBy(driver, center(await rectOf(driver, '[data-testid="splitter-side"]')), -50, 0);
      const s1 = await steady(driver, () => rectOf(driver, '#workbench-side'), 'the side panel');
      assert.ok(Math.abs(s1.width - s0.width - 50) <= 3, `side panel dragged 50 px: ${s0.width} → ${s1.width}`);
      // Dragged much further, it stops where the canvas keeps half the window.
      await dragBy(driver, center(await rectOf(driver, '[data-testid="splitter-side"]')), -300, 0);
      await steady(driver, () => rectOf(driver, '#workbench-side'), 'the side panel');
      const half = await rectOf(driver, '[data-testid="canvas"]');
      assert.ok(half.width >= 720 && half.width <= 724, `the canvas keeps half of 1440: ${half.width}`);
      const palette = await rectOf(driver, '#workbench-palette');
      sideWidth = (await rectOf(driver, '#workbench-side')).width;
      const canvas = await rectOf(driver, '[data-testid="canvas"]');

      // The palette's fold button: a 32 px rail is left, the canvas takes the rest.
      await driver.findElement(By.css('[data-testid="fold-palette"]')).click();
      await driver.wait(until.elementLocated(By.css('[data-testid="rail-palette"]')), WAIT_MS, 'the palette folds to a rail');
      const folded = await steady(driver, () => rectOf(driver, '#workbench-palette'), 'the palette');
      assert.ok(folded.width <= 33, `folded palette: ${folded.width} px`);
      const wider = await rectOf(driver, '[data-testid="canvas"]');
      assert.ok(wider.width >= canvas.width + palette.width - 40, `the canvas grew: ${canvas.width} → ${wider.width}`);
      assert.equal(await driver.findElement(By.css('[data-palette-item="pass"]')).isDisplayed(), false, 'the palette items are hidden');
      // A double-click on its splitter unfolds it to the width it had.
      await driver.actions({ async: true }).doubleClick(await driver.findElement(By.css('[data-testid="splitter-palette"]'))).perform();
      const unfolded = await steady(driver, () => rectOf(driver, '#workbench-palette'), 'the palette');
      assert.ok(Math.abs(unfolded.width - palette.width) <= 1, `unfolded: ${unfolded.width}, was ${palette.width}`);
      assert.ok(await driver.findElement(By.css('[data-palette-item="pass"]')).isDisplayed(), 'the palette items are back');

      // The side panel: Enter on its focused splitter folds it; the rail's button unfolds it.
      const sep = await driver.findElement(By.css('[data-testid="splitter-side"]'));
      await driver.executeScript('arguments[0].focus();', sep);
      await sep.sendKeys(Key.ENTER);
      await driver.wait(until.elementLocated(By.css('[data-testid="rail-side"]')), WAIT_MS, 'the side panel folds');
      const sideFolded = await steady(driver, () => rectOf(driver, '#workbench-side'), 'the side panel');
      assert.ok(sideFolded.width <= 33, `folded side panel: ${sideFolded.width} px`);
      await screenshot(driver, 'panels-folded.png');
    } finally {
      await driver.quit();
    }

    // Reopened: still folded; the rail's button brings it back at its width.
    driver = await launch([example]);
    try {
      await windowSize(driver, 1440, 900);
      await waitForCanvas(driver);
      await driver.wait(until.elementLocated(By.css('[data-testid="rail-side"]')), WAIT_MS, 'the side panel is still folded');
      await driver.findElement(By.css('[data-testid="rail-side"] [data-testid="fold-side"]')).click();
      await driver.wait(until.elementIsVisible(driver.findElement(By.css('[data-testid="tab-inspector"]'))), WAIT_MS, 'the side panel is back');
      const side = await steady(driver, () => rectOf(driver, '#workbench-side'), 'the side panel');
      assert.ok(Math.abs(side.width - sideWidth) <= 1, `unfolded side panel: ${side.width} px, was ${sideWidth}`);
    } finally {
      await clearLayout(driver);
      await driver.quit();
    }
  });

  test('the 1024×700 layout: the canvas keeps half the width, the events table and the toolbar fit', async () => {
    const driver = await launch([orderWithLongCause()]);
    try {
      await clearLayout(driver);
      await driver.executeScript("window.localStorage.removeItem('stepwise.runSpeed');");
      await windowSize(driver, 1024, 700);
      await waitForCanvas(driver);
      await runOrderExample(driver);
      await steady(driver, () => rectOf(driver, '[data-testid="event-table"]'), 'the events table');

      const canvas = await rectOf(driver, '[data-testid="canvas"]');
      assert.ok(canvas.width >= 512, `the canvas is ${canvas.width} px of 1024`);

      // The events table: the columns that fit are shown whole, the others are not drawn, and
      // nothing scrolls sideways.
      const table = /** @type {{shown: string[], headers: {column: string, left: number, right: number, clipped: boolean}[], right: number, sideways: boolean, cells: number, outside: string[]}} */ (
        await driver.executeScript(`
          const table = document.querySelector('[data-testid="event-table"]');
          const body = table.querySelector('.et-body');
          const box = body.getBoundingClientRect();
          const headers = [...table.querySelectorAll('[role="columnheader"]')].map((h) => {
            const b = h.getBoundingClientRect();
            return { column: h.dataset.column, left: b.left, right: b.right, clipped: h.scrollWidth > h.clientWidth + 1 };
          });
          const outside = [];
          let cells = 0;
          for (const row of table.querySelectorAll('[data-testid="event-row"]')) {
            for (const cell of row.querySelectorAll('[role="cell"]')) {
              cells += 1;
              const b = cell.getBoundingClientRect();
              if (b.right > box.right + 1 || b.left < box.left - 1) outside.push(row.dataset.eventId + ':' + cell.className);
            }
          }
          return { shown: table.dataset.columns.split(' '), headers, right: box.right, sideways: body.scrollWidth > body.clientWidth + 1, cells, outside };`)
      );
      assert.deepEqual(table.shown, ['id', 'type', 'step', 'elapsed'], 'the date and the resource give way first');
      assert.deepEqual(
        table.headers.map((h) => h.column),
        table.shown,
      );
      for (const h of table.headers) {
        assert.equal(h.clipped, false, `the ${h.column} header is not cut`);
        assert.ok(h.right <= table.right + 1, `the ${h.column} header ends inside the table`);
      }
      assert.equal(table.sideways, false, 'the table does not scroll sideways');
      assert.ok(table.cells > 0, 'rows are drawn');
      assert.deepEqual(table.outside, [], 'every cell is inside the table');
      await screenshot(driver, 'layout-1024.png');

      // An event's details (the error's cause) wrap inside the table.
      await driver.findElement(By.css('[data-testid="event-group-errors"]')).click();
      await driver.wait(until.elementLocated(By.css('[data-testid="event-row"][data-type="TaskFailed"]')), WAIT_MS, 'the errors are listed');
      // On its type: the state's name in the row is a link that selects the state instead.
      await driver.findElement(By.css('[data-testid="event-row"][data-type="TaskFailed"] .et-type')).click();
      const detail = await driver.wait(until.elementLocated(By.css('[data-testid="event-detail"] pre')), WAIT_MS, 'the details open');
      const wrap = /** @type {{text: string, sideways: boolean}} */ (
        await driver.executeScript(
          `const pre = arguments[0]; const d = pre.parentElement;
           return { text: pre.textContent, sideways: pre.scrollWidth > pre.clientWidth + 1 || d.scrollWidth > d.clientWidth + 1 };`,
          detail,
        )
      );
      assert.ok(wrap.text.includes(LONG_CAUSE.slice(0, 60)), `the cause is shown: ${wrap.text}`);
      assert.equal(wrap.sideways, false, 'the details wrap instead of running off to the right');
      // The opened row and the start of its details are in view in the short dock.
      const seen = /** @type {{row: boolean, detail: boolean}} */ (
        await driver.executeScript(`
          const body = document.querySelector('.et-body').getBoundingClientRect();
          const row = document.querySelector('[data-testid="event-row"][aria-expanded="true"]').getBoundingClientRect();
          const detail = document.querySelector('[data-testid="event-detail"]').getBoundingClientRect();
          return { row: row.top >= body.top && row.bottom <= body.bottom + 1, detail: detail.top < body.bottom - 20 };`)
      );
      assert.deepEqual(seen, { row: true, detail: true }, 'the opened row and its details are in view');
      await screenshot(driver, 'layout-1024-details.png');

      // The toolbar: one line, nothing cut, every button inside the window and named.
      const bar = /** @type {{height: number, cut: boolean, buttons: {name: string, right: number, bottom: number}[]}} */ (
        await driver.executeScript(`
          const bar = document.querySelector('.topbar');
          const buttons = [...bar.querySelectorAll('button')].map((b) => {
            const r = b.getBoundingClientRect();
            const name = (b.getAttribute('aria-label') || b.getAttribute('title') || b.innerText || '').trim();
            return { name, right: r.right, bottom: r.bottom };
          });
          return { height: bar.getBoundingClientRect().height, cut: bar.scrollWidth > bar.clientWidth + 1, buttons };`)
      );
      assert.equal(bar.cut, false, 'the toolbar is not cut');
      assert.ok(bar.height <= 53, `the toolbar is one line (${bar.height} px)`);
      for (const b of bar.buttons) {
        assert.notEqual(b.name, '', 'every toolbar button has a label or a tooltip');
        assert.ok(b.right <= 1024 && b.bottom <= bar.height + 1, `${b.name} is inside the toolbar`);
      }
    } finally {
      await clearLayout(driver);
      await driver.quit();
    }
  });

  test('after a window resize the diagram still fits in the canvas; a frame chosen by hand is kept through a small one', async () => {
    const driver = await launch([example]);
    try {
      await clearLayout(driver);
      await windowSize(driver, 1440, 900);
      await waitForCanvas(driver);
      await assertDiagramFits(driver, 'at 1440×900');

      await windowSize(driver, 1024, 700);
      await steady(driver, () => viewportTransform(driver), 'the viewport');
      await assertDiagramFits(driver, 'after shrinking to 1024×700');
      await windowSize(driver, 1440, 900);
      await steady(driver, () => viewportTransform(driver), 'the viewport');
      await assertDiagramFits(driver, 'after growing back to 1440×900');

      // Zoomed in by hand, a small resize keeps the zoom (and the middle of the view)...
      await driver.findElement(By.css('[data-testid="canvas-zoom-in"]')).click();
      const zoomed = await steady(driver, () => viewportTransform(driver), 'the viewport');
      /** @param {string} t */
      const scale = (t) => Number(/scale\(([\d.]+)\)/.exec(t)?.[1]);
      await windowSize(driver, 1380, 860);
      const kept = await steady(driver, () => viewportTransform(driver), 'the viewport');
      assert.equal(scale(kept), scale(zoomed), `the zoom stays: ${zoomed} → ${kept}`);
      // ...and a big one fits the diagram again.
      await windowSize(driver, 1024, 600);
      await steady(driver, () => viewportTransform(driver), 'the viewport');
      await assertDiagramFits(driver, 'after a big resize');
      await screenshot(driver, 'refit-after-resize.png');
    } finally {
      await driver.quit();
    }
  });

  test('the empty screen offers each example as a card with a title and a one-line summary', async () => {
    const driver = await launch([]);
    try {
      await windowSize(driver, 1440, 900);
      await driver.wait(until.elementLocated(By.css('.example-card')), WAIT_MS, 'the examples are offered');
      const cards = /** @type {{id: string, title: string, summary: string, tooltip: string, titleCut: boolean, summaryLines: number}[]} */ (
        await driver.executeScript(`
          return [...document.querySelectorAll('.example-card')].map((c) => {
            const t = c.querySelector('.example-title');
            const s = c.querySelector('.example-summary');
            return {
              id: c.dataset.example,
              title: t === null ? '' : t.innerText.trim(),
              summary: s === null ? '' : s.innerText.trim(),
              tooltip: c.getAttribute('title') ?? '',
              titleCut: t !== null && t.scrollWidth > t.clientWidth + 1,
              summaryLines: s === null ? 0 : Math.round(s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight)),
            };
          });`)
      );
      assert.equal(cards.length, 7, 'every bundled example');
      for (const c of cards) {
        const text = readFileSync(path.join(repo, 'examples', c.id), 'utf8');
        assert.ok(c.title.length > 0 && c.title.length <= 28, `${c.id}: a short title (${c.title})`);
        assert.ok(c.summary.length > 0 && c.summary.length <= 72, `${c.id}: a one-line summary (${c.summary})`);
        assert.equal(c.titleCut, false, `${c.id}: the title is not cut`);
        assert.ok(c.summaryLines <= 2, `${c.id}: the summary takes ${c.summaryLines} lines`);
        // Not the definition's whole Comment, which stays as the card's tooltip.
        assert.ok(!text.includes(`"Comment": "${c.title}"`), `${c.id}: the title is not the whole Comment`);
        assert.ok(c.tooltip.length > c.summary.length, `${c.id}: the Comment is the tooltip`);
      }
      await screenshot(driver, 'empty-examples.png');
    } finally {
      await driver.quit();
    }
  });

  test('toolbar tooltips stay inside the window and never cover their open menu', async () => {
    const driver = await launch([example]);
    try {
      await windowSize(driver, 1024, 700);
      await waitForCanvas(driver);
      const tooltip = async () =>
        /** @type {{shown: boolean, text: string, left: number, right: number, top: number, bottom: number}} */ (
          await driver.executeScript(`
            const t = document.querySelector('[data-testid="tooltip"]');
            const b = t.getBoundingClientRect();
            return { shown: !t.hidden && getComputedStyle(t).visibility !== 'hidden', text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom };`)
        );
      // The theme button sits in the window's top-right corner.
      const theme = await driver.findElement(By.css('[data-testid="toolbar-theme"]'));
      const themeAt = center(await rectOf(driver, '[data-testid="toolbar-theme"]'));
      await driver.actions({ async: true }).move({ x: themeAt.x, y: themeAt.y, origin: Origin.VIEWPORT }).perform();
      await driver.wait(async () => (await tooltip()).shown, WAIT_MS, 'the theme button’s tooltip shows');
      const tip = await tooltip();
      assert.match(tip.text, /^Theme: /);
      assert.ok(tip.left >= 0 && tip.right <= 1024 && tip.top >= 0 && tip.bottom <= 700, `inside the window: ${JSON.stringify(tip)}`);
      // The native tooltip is kept away while the page's shows.
      assert.equal(await driver.executeScript("return arguments[0].hasAttribute('title');", theme), false);

      // Export's menu open: its button shows no tooltip over the menu.
      const exportButton = await driver.findElement(By.css('[data-testid="toolbar-export"]'));
      await exportButton.click();
      await driver.wait(until.elementLocated(By.css('[role="menu"]')), WAIT_MS, 'the Export menu opens');
      // The menu is drawn, whole and on top, below its button.
      const open = /** @type {{top: boolean, inside: boolean}} */ (
        await driver.executeScript(`
          const m = document.querySelector('[role="menu"]');
          const b = m.getBoundingClientRect();
          const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
          return { top: hit !== null && m.contains(hit), inside: b.left >= 0 && b.right <= innerWidth && b.bottom <= innerHeight && b.height > 100 };`)
      );
      assert.deepEqual(open, { top: true, inside: true }, 'the Export menu shows');
      // The pointer leaves the button and comes back to rest on it, the menu still open.
      const at = center(await rectOf(driver, '[data-testid="toolbar-export"]'));
      await driver
        .actions({ async: true })
        .move({ x: at.x, y: at.y + 200, origin: Origin.VIEWPORT })
        .move({ x: at.x, y: at.y, origin: Origin.VIEWPORT, duration: 100 })
        .perform();
      await new Promise((r) => setTimeout(r, 800));
      const over = await tooltip();
      const m = await rectOf(driver, '[role="menu"]');
      const covers = over.shown && over.left < m.x + m.width && m.x < over.right && over.top < m.y + m.height && m.y < over.bottom;
      assert.equal(covers, false, `no tooltip over the open menu: ${JSON.stringify(over)}`);
      await screenshot(driver, 'tooltip-menu.png');
      await driver.findElement(By.css('body')).sendKeys(Key.ESCAPE);
    } finally {
      await driver.quit();
    }
  });

  test('the README screenshot at 1440×900, with a Task’s timeout placeholder that fits its field', async () => {
    const driver = await launch([example]);
    try {
      await clearLayout(driver);
      await windowSize(driver, 1440, 900);
      await waitForCanvas(driver);
      // Validate Order calls Lambda and sets no timeout: the placeholder says what happens.
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Validate Order"]')).click();
      const field = await driver.wait(until.elementLocated(By.css('[data-field="TimeoutSeconds"]')), WAIT_MS, 'the Task inspector');
      const fit = /** @type {{placeholder: string, text: number, room: number}} */ (
        await driver.executeScript(
          `const input = arguments[0];
           const s = getComputedStyle(input);
           const ctx = document.createElement('canvas').getContext('2d');
           ctx.font = s.font;
           const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
           return { placeholder: input.placeholder, text: ctx.measureText(input.placeholder).width, room };`,
          field,
        )
      );
      assert.match(fit.placeholder, /900 s/, 'a Lambda Task’s timeout says what Lambda does');
      assert.ok(fit.text <= fit.room, `the placeholder (${Math.round(fit.text)} px) fits its field (${Math.round(fit.room)} px)`);
      await screenshot(driver, 'task-timeout-placeholder.png');
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Charge Payment"]')).click();
      await driver.wait(
        async () => (await driver.executeScript("return document.querySelector('[data-testid=\"state-name-input\"]')?.value;")) === 'Charge Payment',
        WAIT_MS,
        'the inspector shows Charge Payment',
      );
      await steady(driver, () => viewportTransform(driver), 'the viewport');
      await screenshot(driver, 'main-1440.png');
    } finally {
      await driver.quit();
    }
  });
});
