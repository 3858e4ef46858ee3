// End-to-end tests of the designer in the real app window (see harness.mjs). Each scenario
// saves a screenshot into e2e/screenshots/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { center, drag, drawnStates, edgeMiddle, exampleCopy, readJson, waitForState, waitSaved } from './canvas.mjs';
import {
  WAIT_MS,
  display,
  example,
  launch,
  repo,
  scratch,
  screenshot,
  startHarness,
  stateNames,
  stopHarness,
  validate,
  visibleText,
  waitForCanvas,
  countOf,
} from './harness.mjs';

before(startHarness);
after(stopHarness);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Width and height from a PNG's IHDR chunk (the first, right after the signature).
 * @param {Buffer} png
 */
function pngSize(png) {
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR', 'a PNG starts with its IHDR chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The clipboard's PNG as another program pastes it: xclip on the app's display. */
function clipboardPng() {
  const run = spawnSync('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-o'], {
    env: { ...process.env, DISPLAY: display },
    timeout: 10_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, `xclip (apt-get install xclip): ${run.error?.message}`);
  assert.equal(run.status, 0, `xclip -o: ${run.stderr.toString()}`);
  return run.stdout;
}

/**
 * Closes the toast and waits until it is gone, so the next one is the next action's.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function dismissToast(driver) {
  if ((await countOf(driver, '[data-testid="toast"]')) > 0) await driver.findElement(By.css('[data-testid="toast"] .toast-close')).click();
  await driver.wait(async () => (await countOf(driver, '[data-testid="toast"]')) === 0, WAIT_MS, 'the toast is gone');
}

describe('Stepwise designer', { timeout: 180_000 }, () => {
  test('opens an example and draws every state', async () => {
    const expected = stateNames(readJson(example));
    const driver = await launch([example]);
    try {
      await waitForCanvas(driver);
      assert.equal(await driver.getTitle(), 'Stepwise — order-processing.asl.json');
      const header = await driver.findElement(By.css('[data-testid="file-name"]'));
      assert.equal(await visibleText(driver, header), 'order-processing.asl.json');
      for (const name of expected) await waitForState(driver, name);
      assert.deepEqual((await drawnStates(driver)).sort(), [...expected].sort());
      // Choice and Catch edges carry their labels.
      const kinds = await driver.executeScript(
        "return [...document.querySelectorAll('[data-testid=\"edge\"]')].map((e) => e.dataset.kind);",
      );
      assert.ok(Array.isArray(kinds) && kinds.includes('choice') && kinds.includes('catch'), `edge kinds: ${kinds}`);
      await screenshot(driver, 'designer.png');
    } finally {
      await driver.quit();
    }
  });

  test('a Pass dragged from the palette onto an edge is saved with the right Next', async () => {
    const file = exampleCopy('drag.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      const item = await driver.findElement(By.css('[data-palette-item="pass"]'));
      const target = await edgeMiddle(driver, '/States/Reserve Inventory', 'next');
      const itemRect = await item.getRect();
      await drag(driver, center(itemRect), target);
      await waitForState(driver, 'Pass');
      await screenshot(driver, 'drag-pass-onto-edge.png');

      await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.CONTROL, 's'));
      await waitSaved(driver);
      validate(file);
      const saved = readJson(file);
      assert.equal(saved.States['Reserve Inventory'].Next, 'Pass');
      assert.deepEqual(saved.States.Pass, { Type: 'Pass', Next: 'Charge Payment' });
      // Everything else is as it was.
      const before = readJson(example);
      before.States['Reserve Inventory'].Next = 'Pass';
      delete saved.States.Pass;
      assert.deepEqual(saved, before);
    } finally {
      await driver.quit();
    }
  });

  test('adds a catcher by dragging from a handle; copy, paste, delete, undo and redo from the keyboard', async () => {
    const file = exampleCopy('keyboard.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      // Drag from Validate Order's catch handle (its right side) onto Reject Order: a catcher.
      const source = await driver.findElement(By.css('[data-testid="state-node"][data-name="Validate Order"]'));
      await driver.actions({ async: true }).move({ origin: source }).perform();
      const handle = await driver.findElement(By.css('.react-flow__node[data-id="/States/Validate Order"] .sw-handle--catch'));
      const target = await driver.findElement(By.css('[data-testid="state-node"][data-name="Reject Order"]'));
      await drag(driver, center(await handle.getRect()), center(await target.getRect()));
      await driver.wait(
        until.elementLocated(
          By.css('[data-testid="edge"][data-kind="catch"][data-source="/States/Validate Order"][data-target="/States/Reject Order"]'),
        ),
        WAIT_MS,
        'a Catch edge Validate Order -> Reject Order',
      );

      // Copy Save Order and paste it: a second one, named apart.
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Save Order"]')).click();
      const body = driver.findElement(By.css('body'));
      await body.sendKeys(Key.chord(Key.CONTROL, 'c'));
      await body.sendKeys(Key.chord(Key.CONTROL, 'v'));
      await waitForState(driver, 'Save Order 2');
      // The pasted state is selected: Delete removes it, Ctrl+Z brings it back, Ctrl+Y removes it.
      await body.sendKeys(Key.DELETE);
      await waitForState(driver, 'Save Order 2', false);
      await body.sendKeys(Key.chord(Key.CONTROL, 'z'));
      await waitForState(driver, 'Save Order 2');
      await body.sendKeys(Key.chord(Key.CONTROL, 'y'));
      await waitForState(driver, 'Save Order 2', false);
      await screenshot(driver, 'keyboard.png');

      await body.sendKeys(Key.chord(Key.CONTROL, 's'));
      await waitSaved(driver);
      validate(file);
      const saved = readJson(file);
      const catchers = saved.States['Validate Order'].Catch;
      assert.ok(
        catchers.some((/** @type {{Next: string}} */ c) => c.Next === 'Reject Order'),
        `a catcher leads to Reject Order: ${JSON.stringify(catchers)}`,
      );
      assert.equal(saved.States['Save Order 2'], undefined);
    } finally {
      await driver.quit();
    }
  });

  test('a dangling Next typed in the code view is a problem until undone', async () => {
    const file = exampleCopy('dangling.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="tab-code"]')).click();
      const content = await driver.wait(until.elementLocated(By.css('[data-testid="code-view"] .cm-content')), WAIT_MS);
      // CodeMirror's own styles are <style> elements made at run time: the CSP must let them in
      // (with the page's nonce), or the editor shows no text.
      const styled = await driver.executeScript(
        `const e = document.querySelector('[data-testid="code-view"] .cm-editor');
         const g = e === null ? null : e.querySelector('.cm-gutters');
         return e !== null && getComputedStyle(e).display === 'flex' && g !== null && g.getBoundingClientRect().width > 20;`,
      );
      assert.equal(styled, true, "CodeMirror's styles apply");
      await content.click();
      // CodeMirror's own search-and-replace panel, as a user would.
      await content.sendKeys(Key.chord(Key.CONTROL, 'f'));
      const search = await driver.wait(until.elementLocated(By.css('.cm-search input[name="search"]')), WAIT_MS);
      await search.sendKeys('"Next": "Save Order"');
      const replace = await driver.findElement(By.css('.cm-search input[name="replace"]'));
      await replace.sendKeys('"Next": "Nowhere"');
      await driver.findElement(By.css('.cm-search button[name="replaceAll"]')).click();

      const problem = await driver.wait(
        until.elementLocated(By.css('.problem[data-pointer="/States/Charge Payment/Next"]')),
        WAIT_MS,
        'the Problems panel lists /States/Charge Payment/Next',
      );
      assert.match(await visibleText(driver, problem), /Nowhere/);
      const node = await driver.findElement(By.css('[data-testid="state-node"][data-pointer="/States/Charge Payment"]'));
      assert.equal(await node.getAttribute('data-severity'), 'error');
      // Clicking the problem shows where it is: the state on the canvas, the value in the code.
      await problem.click();
      const underline = await driver.wait(until.elementLocated(By.css('.cm-lintRange-error')), WAIT_MS, 'the code view underlines it');
      // (WebKitWebDriver calls a lint range not displayed: it is an inline span with a background image.)
      assert.match(String(await driver.executeScript('return arguments[0].textContent;', underline)), /Nowhere/);
      await screenshot(driver, 'dangling-next.png');

      await driver.findElement(By.css('[data-testid="toolbar-undo"]')).click();
      await driver.wait(
        async () => (await countOf(driver, '.problem[data-pointer="/States/Charge Payment/Next"]')) === 0,
        WAIT_MS,
        'the problem is gone after Undo',
      );
      const after = await driver.findElement(By.css('[data-testid="state-node"][data-pointer="/States/Charge Payment"]'));
      assert.equal(await after.getAttribute('data-severity'), null);
      await screenshot(driver, 'dangling-next-undone.png');
    } finally {
      await driver.quit();
    }
  });

  test('an edit made in another editor reloads the canvas within a second', async () => {
    const file = exampleCopy('outside.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      // The page notes when the new state enters the canvas (Date.now() is the same wall clock
      // in the page and here), so the figure does not include this test's polling.
      await driver.executeScript(`
        window.__outsideEditDrawnAt = null;
        const drawn = () => [...document.querySelectorAll('[data-testid="state-node"]')]
          .some((n) => n.dataset.name === 'Added elsewhere');
        const watch = new MutationObserver(() => {
          if (window.__outsideEditDrawnAt === null && drawn()) {
            window.__outsideEditDrawnAt = Date.now();
            watch.disconnect();
          }
        });
        watch.observe(document.body, { childList: true, subtree: true, attributes: true });`);
      const definition = readJson(file);
      definition.States['Reserve Inventory'].Next = 'Added elsewhere';
      definition.States['Added elsewhere'] = { Type: 'Pass', Next: 'Charge Payment' };
      const written = Date.now();
      writeFileSync(file, `${JSON.stringify(definition, null, 2)}\n`);
      await waitForState(driver, 'Added elsewhere');
      const drawnAt = Number(await driver.executeScript('return window.__outsideEditDrawnAt;'));
      const ms = drawnAt - written;
      console.log(`# outside edit: from the write to the new state on the canvas in ${ms} ms`);
      await screenshot(driver, 'outside-edit.png');
      // README: "reloads the canvas within a second". The file watcher alone waits 150 ms for
      // the writes to settle, so anything under that means the figure is not what it claims.
      assert.ok(ms >= 150 && ms < 1000, `the outside edit took ${ms} ms to reach the canvas`);
    } finally {
      await driver.quit();
    }
  });

  test('exports the diagram as SVG and PNG', async () => {
    const file = exampleCopy('export-me.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      for (const kind of ['svg', 'png']) {
        await driver.findElement(By.css('[data-testid="toolbar-export"]')).click();
        const item = await driver.wait(until.elementLocated(By.css(`[data-menu-item="${kind}"]`)), WAIT_MS);
        await item.click();
        const out = path.join(scratch, 'saved', `export-me.${kind}`);
        await driver.wait(async () => existsSync(out), WAIT_MS, `${out} is written`);
        const toast = await driver.wait(until.elementLocated(By.css('[data-testid="toast"]')), WAIT_MS);
        assert.match(await visibleText(driver, toast), new RegExp(`Exported to .*export-me\\.${kind}`));
        if (kind === 'svg') {
          await screenshot(driver, 'export-svg.png');
          const svg = readFileSync(out, 'utf8');
          assert.match(svg, /^<svg /);
          for (const name of Object.keys(readJson(file).States)) {
            const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
            assert.ok(svg.includes(`>${escaped}<`), `the SVG names ${name}`);
          }
        } else {
          assert.deepEqual([...readFileSync(out).subarray(0, 8)], [...PNG_SIGNATURE]);
        }
      }
    } finally {
      await driver.quit();
    }
  });

  test('a published machine: a long label wraps onto lines and a long name onto two, each whole on hover', async () => {
    // AWS's idempotent-workflow sample: Choice rules and a Catch wider than a label box, and
    // state names wider than the widest box.
    const sample = path.resolve(repo, '..', 'shared', 'realworld', 'wfc--idempotent-workflow-sam-statemachine-statemachine.asl.json');
    const driver = await launch([exampleCopy('idempotent.asl.json', sample)]);
    try {
      await waitForCanvas(driver);
      const labels = /** @type {{ lines: string[], title: string }[]} */ (
        await driver.executeScript(
          `return [...document.querySelectorAll('.sw-edge__label')].map((l) => ({
             lines: [...l.querySelectorAll('tspan')].map((t) => t.textContent),
             title: l.querySelector('title')?.textContent ?? '',
           }));`,
        )
      );
      const wrapped = labels.filter((l) => l.lines.length > 1);
      assert.ok(wrapped.length >= 3, `labels on more than one line: ${JSON.stringify(labels)}`);
      const caught = labels.find((l) => l.title === 'Catch: DynamoDb.TransactionCanceledException');
      assert.deepEqual(caught?.lines, ['DynamoDb.TransactionCanceled', 'Exception'], JSON.stringify(labels));
      // Each line is inside its box: no line is wider than the label's rectangle.
      const overflow = await driver.executeScript(
        `return [...document.querySelectorAll('.sw-edge__label')].filter((l) => {
           const box = l.querySelector('rect').getBBox();
           return [...l.querySelectorAll('tspan')].some((t) => t.getComputedTextLength() > box.width + 1);
         }).length;`,
      );
      assert.equal(overflow, 0, 'every label line fits its box');
      // A name wider than the widest box is on two lines, whole, in a taller box.
      const name = await driver.findElement(By.css('[data-testid="state-node"][data-name="Get idempotency record from DynamoDB"] .sw-state__name'));
      assert.equal(await name.getAttribute('title'), 'Get idempotency record from DynamoDB');
      const lines = await driver.executeScript(
        // offsetHeight: layout pixels, not the zoomed ones on screen.
        'const e = arguments[0]; return Math.round(e.offsetHeight / parseFloat(getComputedStyle(e).lineHeight));',
        name,
      );
      assert.equal(lines, 2, 'the name takes two lines');
      const cut = await driver.executeScript('return arguments[0].scrollHeight > arguments[0].clientHeight + 1;', name);
      assert.equal(cut, false, 'the whole name shows');
      for (let i = 0; i < 3; i++) await driver.findElement(By.css('[data-testid="canvas-zoom-in"]')).click();
      await waitForCanvas(driver);
      await screenshot(driver, 'wrapped-labels.png');
    } finally {
      await driver.quit();
    }
  });

  test('copies the diagram as an image: the clipboard holds the exported PNG drawing', async () => {
    const file = exampleCopy('copy-me.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="toolbar-export"]')).click();
      await (await driver.wait(until.elementLocated(By.css('[data-menu-item="png"]')), WAIT_MS)).click();
      const exported = path.join(scratch, 'saved', 'copy-me.png');
      await driver.wait(async () => existsSync(exported) && readFileSync(exported).length > 24, WAIT_MS, `${exported} is written`);
      const size = pngSize(readFileSync(exported));
      await dismissToast(driver);

      // From the Export menu.
      await driver.findElement(By.css('[data-testid="toolbar-export"]')).click();
      await (await driver.wait(until.elementLocated(By.css('[data-menu-item="copy-image"]')), WAIT_MS)).click();
      const toast = await driver.wait(until.elementLocated(By.css('[data-testid="toast"] > span')), WAIT_MS);
      assert.equal(await visibleText(driver, toast), `Diagram copied as PNG, ${size.width}×${size.height} px`);
      const pasted = clipboardPng();
      assert.deepEqual([...pasted.subarray(0, 8)], [...PNG_SIGNATURE], 'the clipboard holds a PNG');
      assert.deepEqual(pngSize(pasted), size, 'of the exported PNG\'s size');
      await screenshot(driver, 'copy-image.png');

      // Ctrl+Shift+C does the same, away from text fields.
      await dismissToast(driver);
      await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.CONTROL, Key.SHIFT, 'c'));
      const again = await driver.wait(until.elementLocated(By.css('[data-testid="toast"] > span')), WAIT_MS, 'Ctrl+Shift+C copies');
      assert.equal(await visibleText(driver, again), `Diagram copied as PNG, ${size.width}×${size.height} px`);
      assert.deepEqual(pngSize(clipboardPng()), size);
    } finally {
      await driver.quit();
    }
  });

  test('without a file, the empty screen offers the examples', async () => {
    const driver = await launch([]);
    try {
      const heading = await driver.wait(until.elementLocated(By.css('.empty-card h1')), WAIT_MS);
      assert.match(await visibleText(driver, heading), /Step Functions/);
      assert.equal(await driver.getTitle(), 'Stepwise');
      await screenshot(driver, 'empty.png');
      await driver.findElement(By.css('[data-example="parallel-fanout.asl.json"]')).click();
      await waitForCanvas(driver);
      const expected = stateNames(readJson(path.join(path.dirname(example), 'parallel-fanout.asl.json')));
      for (const name of expected) await waitForState(driver, name);
      assert.deepEqual((await drawnStates(driver)).sort(), [...expected].sort());
      // Not saved yet, under the example's own name (what Save will offer).
      const name = await driver.findElement(By.css('[data-testid="file-name"]'));
      assert.equal(await visibleText(driver, name), 'parallel-fanout.asl.json');
      await screenshot(driver, 'example-opened.png');
    } finally {
      await driver.quit();
    }
  });
});
