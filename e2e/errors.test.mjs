// End-to-end tests of "errors where the eye is", in the real app window (see harness.mjs): a
// transition to a deleted state stays on the canvas as a broken edge into a ghost, a field's
// problem shows on the field (which does not move), and a syntax error in the code is a row of
// the Problems tab whose canvas notice covers none of the canvas's controls. Each scenario
// saves a screenshot into e2e/screenshots/.

import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, Origin, until } from 'selenium-webdriver';
import { WAIT_MS, example, launch, scratch, screenshot, startHarness, stopHarness, visibleText, waitForCanvas, countOf } from './harness.mjs';

before(startHarness);
after(stopHarness);

/** @param {string} name */
function exampleCopy(name) {
  const file = path.join(scratch, name);
  copyFileSync(example, file);
  return file;
}

/**
 * The on-screen rectangle of the first element matching `css`, or null.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} css
 * @returns {Promise<{left: number, top: number, right: number, bottom: number, width: number, height: number} | null>}
 */
async function rectOf(driver, css) {
  const r = await driver.executeScript(
    `const e = document.querySelector(arguments[0]);
     if (e === null) return null;
     const r = e.getBoundingClientRect();
     return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };`,
    css,
  );
  return /** @type {any} */ (r);
}

/**
 * @param {{left: number, top: number, right: number, bottom: number}} a
 * @param {{left: number, top: number, right: number, bottom: number}} b
 */
function intersects(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * A CSS attribute selector value, quoted.
 * @param {string} value
 */
function q(value) {
  return JSON.stringify(value);
}

const CHOICE = '/States/Is Order Valid?';
const GHOST = '#missing:/States/Reject Order';

describe('Errors where the eye is', { timeout: 180_000 }, () => {
  test('a Default to a deleted state stays on the canvas as a broken edge into a ghost', async () => {
    const driver = await launch([exampleCopy('broken-edge.asl.json')]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Reject Order"]')).click();
      await driver.findElement(By.css('body')).sendKeys(Key.DELETE);

      // The Choice's Default still names "Reject Order": the edge ends on a ghost with a badge.
      const ghost = await driver.wait(
        until.elementLocated(By.css(`[data-testid="missing-node"][data-name="Reject Order"]`)),
        WAIT_MS,
        'a ghost for the deleted state',
      );
      assert.match(await visibleText(driver, ghost), /Reject Order\s*Missing state/);
      const badge = await ghost.findElement(By.css('[data-testid="state-problem-badge"]'));
      assert.ok(await badge.isDisplayed(), 'the ghost has an error badge');
      const edgeCss = `[data-testid="edge"][data-source=${q(CHOICE)}][data-kind="default"]`;
      const edge = await driver.findElement(By.css(edgeCss));
      assert.equal(await edge.getAttribute('data-target'), GHOST);
      assert.equal(await edge.getAttribute('data-broken'), 'true');
      const line = await rectOf(driver, `${edgeCss} .sw-edge__path`);
      assert.ok(line !== null && line.height > 20, `the broken edge is drawn: ${JSON.stringify(line)}`);
      // The ghost is on screen, inside the canvas.
      const canvas = await rectOf(driver, '[data-testid="canvas"]');
      const ghostRect = await rectOf(driver, '[data-testid="missing-node"]');
      assert.ok(canvas !== null && ghostRect !== null && ghostRect.width > 40 && intersects(ghostRect, canvas), 'the ghost is on the canvas');
      assert.equal(await driver.findElement(By.css(`[data-testid="state-node"][data-pointer=${q(CHOICE)}]`)).getAttribute('data-severity'), 'error');
      await screenshot(driver, 'broken-edge.png');

      // Clicking the ghost selects the Choice and shows the problem on its Default field.
      await ghost.click();
      await driver.wait(
        async () => (await driver.findElement(By.css('[data-testid="state-name-input"]')).getAttribute('value')) === 'Is Order Valid?',
        WAIT_MS,
        'the Choice is selected',
      );
      const defaultRow = await driver.wait(
        until.elementLocated(By.css(`[data-field-pointer=${q(`${CHOICE}/Default`)}] .insp-field-problem[data-code="next-not-found"]`)),
        WAIT_MS,
        'the Default field shows next-not-found',
      );
      assert.match(await visibleText(driver, defaultRow), /Default names "Reject Order"/);
      const inspector = await rectOf(driver, '[data-testid="inspector"]');
      const message = await rectOf(driver, `[data-field-pointer=${q(`${CHOICE}/Default`)}] .insp-field-problem`);
      assert.ok(inspector !== null && message !== null && message.top >= inspector.top && message.bottom <= inspector.bottom, 'the message is in view');
      await screenshot(driver, 'broken-edge-shown.png');

      // Dragging the end of the broken edge onto a state re-connects the Default.
      const end = await rectOf(driver, `.react-flow__edge[data-id=${q(`${CHOICE}->${GHOST}#0`)}] .react-flow__edgeupdater-target`);
      const target = await rectOf(driver, '[data-testid="state-node"][data-name="Order Failed"]');
      assert.ok(end !== null && target !== null, 'the broken edge has a draggable end');
      const from = { x: Math.round(end.left + end.width / 2), y: Math.round(end.top + end.height / 2) };
      const to = { x: Math.round(target.left + target.width / 2), y: Math.round(target.top + target.height / 2) };
      await driver
        .actions({ async: true })
        .move({ x: from.x, y: from.y, origin: Origin.VIEWPORT })
        .press()
        .move({ x: from.x + 10, y: from.y + 10, origin: Origin.VIEWPORT, duration: 100 })
        .move({ x: to.x, y: to.y - 4, origin: Origin.VIEWPORT, duration: 300 })
        .move({ x: to.x, y: to.y, origin: Origin.VIEWPORT, duration: 100 })
        .release()
        .perform();
      await driver.wait(
        async () => (await countOf(driver, '[data-testid="missing-node"]')) === 0,
        WAIT_MS,
        'the ghost is gone once the Default leads to a state',
      );
      const fixed = await driver.findElement(By.css(edgeCss));
      assert.equal(await fixed.getAttribute('data-target'), '/States/Order Failed');
      assert.equal(await fixed.getAttribute('data-broken'), null);
      // Only the Default changed: the drag added no Choice rule, and selected no text.
      const rules = await driver.findElements(By.css(`[data-testid="edge"][data-source=${q(CHOICE)}][data-kind="choice"]`));
      assert.equal(rules.length, 1, 'the Choice still has one rule');
      assert.equal(await driver.executeScript('return window.getSelection()?.toString() ?? "";'), '');
      await screenshot(driver, 'broken-edge-fixed.png');
    } catch (err) {
      await screenshot(driver, 'debug-failure.png');
      throw err;
    } finally {
      await driver.quit();
    }
  });

  test('an invalid value shows on its field, and the field does not move', async () => {
    const driver = await launch([exampleCopy('field-error.asl.json')]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Validate Order"]')).click();
      const rowCss = `[data-field-pointer=${q('/States/Validate Order/InputPath')}]`;
      const input = await driver.wait(until.elementLocated(By.css(`${rowCss} input[data-field="InputPath"]`)), WAIT_MS);
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' });", input);
      await input.click();
      const before = await rectOf(driver, `${rowCss} input[data-field="InputPath"]`);
      await input.sendKeys(Key.chord(Key.CONTROL, 'a'));
      await input.sendKeys(Key.BACK_SPACE, '$.order[', Key.ENTER);

      const problem = await driver.wait(
        until.elementLocated(By.css(`${rowCss} .insp-field-problem[data-code="invalid-json-path"]`)),
        WAIT_MS,
        'the InputPath field shows invalid-json-path',
      );
      assert.match(await visibleText(driver, problem), /\S/);
      const afterRect = await rectOf(driver, `${rowCss} input[data-field="InputPath"]`);
      assert.ok(before !== null && afterRect !== null);
      assert.ok(Math.abs(afterRect.top - before.top) < 1, `the field stayed put: ${before.top} -> ${afterRect.top}`);
      assert.ok(Math.abs(afterRect.left - before.left) < 1, 'the field did not move sideways');
      // The message is right under the field, which is outlined and still focused.
      const messageRect = await rectOf(driver, `${rowCss} .insp-field-problem`);
      assert.ok(messageRect !== null && messageRect.top >= afterRect.bottom - 1 && messageRect.top - afterRect.bottom < 24, 'the message is under the field');
      assert.equal(await driver.executeScript('return document.activeElement?.dataset.field ?? null;'), 'InputPath');
      const border = String(await driver.executeScript('return getComputedStyle(arguments[0]).borderTopColor;', input));
      assert.match(border, /rgb\(2(20|48), (38|113), (38|113)\)/, `outlined in the error colour: ${border}`);
      // Not repeated in the list of problems no field shows.
      assert.equal(await countOf(driver, '[data-testid="inspector-problems"]'), 0);
      await screenshot(driver, 'field-error.png');

      // A number out of range (checked before it is sent) also says so on the field.
      const timeoutCss = `[data-field-pointer=${q('/States/Validate Order/TimeoutSeconds')}]`;
      const timeout = await driver.findElement(By.css(`${timeoutCss} input`));
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' });", timeout);
      await timeout.click();
      const timeoutBefore = await rectOf(driver, `${timeoutCss} input`);
      await timeout.sendKeys('-5', Key.ENTER);
      const local = await driver.wait(until.elementLocated(By.css(`${timeoutCss} .insp-error`)), WAIT_MS, 'the timeout field says why');
      assert.match(await visibleText(driver, local), /at least 1/);
      const timeoutAfter = await rectOf(driver, `${timeoutCss} input`);
      assert.ok(timeoutBefore !== null && timeoutAfter !== null && Math.abs(timeoutAfter.top - timeoutBefore.top) < 1, 'the timeout field stayed put');
    } catch (err) {
      await screenshot(driver, 'debug-failure.png');
      throw err;
    } finally {
      await driver.quit();
    }
  });

  test('a syntax error in the code is a Problems row, and its notice covers no canvas control', async () => {
    const driver = await launch([exampleCopy('syntax-error.asl.json')]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="tab-code"]')).click();
      const content = await driver.wait(until.elementLocated(By.css('[data-testid="code-view"] .cm-content')), WAIT_MS);
      await content.click();
      // A stray brace after the definition.
      await content.sendKeys(Key.chord(Key.CONTROL, Key.END));
      await content.sendKeys(Key.ENTER, '}');

      const row = await driver.wait(until.elementLocated(By.css('[data-testid="syntax-error"]')), WAIT_MS, 'the Problems tab lists the syntax error');
      const text = await visibleText(driver, row);
      assert.match(text, /syntax-error/);
      assert.match(text, /Line \d+, column \d+/);
      assert.match(await visibleText(driver, await driver.findElement(By.css('[data-testid="problems-toggle"]'))), /1 error/);

      const notice = await rectOf(driver, '[data-testid="canvas-notice"]');
      const toolbar = await rectOf(driver, '[data-testid="canvas-toolbar"]');
      assert.ok(notice !== null && notice.width > 100 && notice.height > 10, 'the notice is shown');
      assert.ok(toolbar !== null && toolbar.width > 0, 'the canvas toolbar is shown');
      assert.ok(!intersects(notice, toolbar), `the notice ${JSON.stringify(notice)} covers the toolbar ${JSON.stringify(toolbar)}`);
      for (const css of ['.react-flow__minimap', '.react-flow__controls', '[data-testid="canvas-zoom-in"]']) {
        const r = await rectOf(driver, css);
        if (r !== null && r.width > 0) assert.ok(!intersects(notice, r), `the notice covers ${css}`);
      }
      await screenshot(driver, 'syntax-error.png');

      // From the Inspector, clicking the row opens the Code tab at the error.
      await driver.findElement(By.css('[data-testid="tab-inspector"]')).click();
      await driver.findElement(By.css('[data-testid="syntax-error"]')).click();
      await driver.wait(
        async () => (await driver.findElement(By.css('[data-testid="tab-code"]')).getAttribute('aria-selected')) === 'true',
        WAIT_MS,
        'the Code tab opens',
      );
      const line = Number((text.match(/Line (\d+)/) ?? [])[1]);
      await driver.wait(
        async () => {
          const active = await driver.executeScript("return document.querySelector('.cm-activeLineGutter')?.textContent ?? '';");
          return Number(active) === line;
        },
        WAIT_MS,
        `the cursor is on line ${line}`,
      );
    } catch (err) {
      await screenshot(driver, 'debug-failure.png');
      throw err;
    } finally {
      await driver.quit();
    }
  });
});
