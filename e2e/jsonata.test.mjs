// End-to-end test of a JSONata machine in the real app window (see harness.mjs): the expression
// editor previews a field on the state's sample input as it is typed, a syntax error inside
// `{% %}` is listed in Problems with its position and underlined at its characters in the code
// view, and once fixed the machine runs to success with the visited states lit.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Origin, until } from 'selenium-webdriver';
import { click, countOf, launch, repo, scratch, screenshot, selectNode, startHarness, stopHarness, typeInto, WAIT_MS, waitForCanvas } from './harness.mjs';

before(() => startHarness({ screen: '1440x900' }));
after(stopHarness);

const STEM = 'jsonata-orders';

/** A copy of the JSONata example with its run files (`run/<stem>.mocks.json`, input) in the scratch folder. */
function exampleCopy() {
  const file = path.join(scratch, `${STEM}.asl.json`);
  copyFileSync(path.join(repo, 'examples', `${STEM}.asl.json`), file);
  mkdirSync(path.join(scratch, 'run'), { recursive: true });
  for (const kind of ['mocks', 'input']) {
    copyFileSync(path.join(repo, 'examples', 'run', `${STEM}.${kind}.json`), path.join(scratch, 'run', `${STEM}.${kind}.json`));
  }
  return file;
}

/** Commits a field as leaving it does. @param {import('selenium-webdriver').WebDriver} driver @param {string} css */
async function blur(driver, css) {
  await driver.executeScript('document.querySelector(arguments[0])?.blur();', css);
}

/**
 * The preview text under the field `css` once it reads something matching `pattern`.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} css
 * @param {RegExp} pattern
 */
async function previewOf(driver, css, pattern) {
  /** @type {string} */
  let last = '';
  try {
    await driver.wait(
      async () => {
        last = String(
          await driver.executeScript(
            `const row = document.querySelector(arguments[0])?.closest('.insp-row');
             const p = row?.querySelector('[data-testid="expression-preview"]:not(.is-stale)');
             return p?.textContent ?? '';`,
            css,
          ),
        );
        return pattern.test(last);
      },
      WAIT_MS,
      `the preview of ${css} reads ${pattern}`,
    );
  } catch (err) {
    await screenshot(driver, 'jsonata-preview-timeout.png');
    throw new Error(`${String(err)}; it read: ${last}`);
  }
  return last;
}

/**
 * Every drawn state's run status.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @returns {Promise<Record<string, string>>}
 */
async function statuses(driver) {
  await click(driver, '[data-testid="canvas-fit"]');
  await waitForCanvas(driver);
  const pairs = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"state-node\"]')].map((n) => [n.dataset.name, n.dataset.runStatus ?? '']);",
  );
  return Object.fromEntries(/** @type {[string, string][]} */ (pairs));
}

const ARGUMENTS = '.insp-state textarea[data-field="Arguments"]';
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:load-order:$LATEST';

/** The Load Order Arguments with `expr` as the order id. @param {string} expr */
function loadArguments(expr) {
  return JSON.stringify({ FunctionName: FUNCTION, Payload: { orderId: `{% ${expr} %}` } }, null, 2);
}

describe('a JSONata machine', () => {
  test('is edited with a live preview, shows a syntax error where it is, and runs', async () => {
    const file = exampleCopy();
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      // Room for the expressions: the palette folded, the side panel widened.
      await click(driver, '[data-testid="fold-palette"]');
      const splitter = await driver.findElement(By.css('[data-testid="splitter-side"]'));
      const r = /** @type {{x: number, y: number, width: number, height: number}} */ (await splitter.getRect());
      const from = { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
      await driver
        .actions({ async: true })
        .move({ x: from.x, y: from.y, origin: Origin.VIEWPORT })
        .press()
        .move({ x: from.x - 100, y: from.y, origin: Origin.VIEWPORT, duration: 100 })
        .move({ x: from.x - 260, y: from.y, origin: Origin.VIEWPORT, duration: 200 })
        .release()
        .perform();
      await waitForCanvas(driver);

      // The machine's settings say what stops converting it to JSONPath exactly.
      const blockers = await driver.wait(until.elementLocated(By.css('[data-testid="language-blockers"]')), WAIT_MS, 'the switch lists its blockers');
      const listed = String(await driver.executeScript('return arguments[0].textContent;', blockers));
      assert.match(listed, /Route Order › Choices › 0 › Condition/);
      assert.equal(await driver.findElement(By.css('[data-testid="language-switch-button"]')).isEnabled(), false);
      await screenshot(driver, 'jsonata-language-switch.png');

      await selectNode(driver, 'Load Order');

      // The state's sample input, in the data-flow preview section.
      await driver.executeScript("document.querySelector('[data-testid=\"preview\"]')?.closest('details')?.setAttribute('open', '');");
      await typeInto(driver, '[data-testid="preview-input"]', '{"orderId": "ord-7310"}');

      // The Arguments editor shows its value on that input, and follows typing.
      const first = await previewOf(driver, ARGUMENTS, /"orderId": "ord-7310"/);
      assert.match(first, /load-order/);
      await typeInto(driver, ARGUMENTS, loadArguments("$uppercase($states.input.orderId) & '-A'"));
      await previewOf(driver, ARGUMENTS, /"orderId": "ORD-7310-A"/);

      // A syntax error: the preview names its code and where it is, before anything is committed.
      await typeInto(driver, ARGUMENTS, loadArguments('$states.input.orderId &'));
      const error = await driver.wait(until.elementLocated(By.css('.insp-state [data-testid="expression-error"]')), WAIT_MS, 'the preview shows the error');
      assert.match(String(await error.getAttribute('data-code')), /^S0\d\d\d$/);
      await screenshot(driver, 'jsonata-expression-error.png');

      // Committed, it is a Problems row with the position inside the string ...
      await blur(driver, ARGUMENTS);
      const row = await driver.wait(
        until.elementLocated(By.css('.problem[data-code="jsonata-syntax"][data-pointer="/States/Load Order/Arguments/Payload/orderId"]')),
        WAIT_MS,
        'Problems lists the JSONata syntax error',
      );
      const message = await driver.executeScript('return arguments[0].textContent;', row);
      assert.match(String(message), / at \d+/, `the message gives the position: ${message}`);

      // ... and the code view underlines the characters at fault, inside the string.
      await click(driver, '[data-testid="tab-code"]');
      // Clicking the problem shows its place in the code.
      await row.click();
      await driver.wait(until.elementLocated(By.css('.cm-lintRange-error')), WAIT_MS, 'the code view underlines the error');
      const underlined = /** @type {string[]} */ (
        await driver.executeScript("return [...document.querySelectorAll('.cm-lintRange-error')].map((e) => e.textContent);")
      );
      assert.ok(underlined.length > 0);
      for (const text of underlined) {
        assert.ok(text.length > 0 && text.length <= 3, `a few characters are underlined, not the whole string: ${JSON.stringify(text)}`);
      }
      // JSONata is coloured inside its strings.
      const colored = await driver.executeScript("return document.querySelectorAll('.cm-jsonata-variable, .cm-jsonata-function').length;");
      assert.ok(Number(colored) > 5, `${colored} JSONata tokens coloured`);
      await screenshot(driver, 'jsonata-code-error.png');

      // Fixed, the problem goes.
      await click(driver, '[data-testid="tab-inspector"]');
      await driver.wait(until.elementLocated(By.css(ARGUMENTS)), WAIT_MS, 'the Arguments editor is back');
      await typeInto(driver, ARGUMENTS, loadArguments('$states.input.orderId'));
      await previewOf(driver, ARGUMENTS, /"orderId": "ord-7310"/);
      await blur(driver, ARGUMENTS);
      await driver.wait(
        async () => (await countOf(driver, '.problem[data-code="jsonata-syntax"]')) === 0,
        WAIT_MS,
        'the syntax error is gone from Problems',
      );
      await screenshot(driver, 'jsonata-preview.png');
      await click(driver, '[data-testid="tab-code"]');
      await driver.wait(until.elementLocated(By.css('.cm-jsonata-variable')), WAIT_MS, 'the code view colours JSONata');
      await screenshot(driver, 'jsonata-code.png');

      // Variables in the sample: Send Receipt's Arguments read $order and $reservations.
      await click(driver, '[data-testid="tab-inspector"]');
      await selectNode(driver, 'Send Receipt');
      await driver.executeScript("document.querySelector('[data-testid=\"preview\"]')?.closest('details')?.setAttribute('open', '');");
      await typeInto(driver, '[data-testid="preview-variables"]', '{"order": {"orderId": "ord-7310"}, "reservations": [{"reserved": 4}, {"reserved": 2}]}');
      const receipt = await previewOf(driver, ARGUMENTS, /We reserved 6 item\(s\) for order ord-7310\./);
      assert.match(receipt, /"Subject": "Receipt for order ord-7310"/);
      await driver.executeScript('document.querySelector(arguments[0])?.closest(".insp-row")?.scrollIntoView({ block: "start" });', ARGUMENTS);
      await screenshot(driver, 'jsonata-readme.png');

      // It runs on the example's mocks: the happy path lights its states.
      await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");
      await click(driver, '[data-testid="tab-run"]');
      await click(driver, '[data-testid="task-source"] [data-kind="mocks"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="run-test-case"]')), WAIT_MS, 'the test cases are listed');
      await driver.executeScript(
        `const s = document.querySelector('[data-testid="run-test-case"]');
         Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, 'HappyPath');
         s.dispatchEvent(new Event('change', { bubbles: true }));`,
      );
      await click(driver, '[data-testid="run-start"]');
      const instant = await driver.findElements(By.css('[data-testid="run-speed"] [data-speed="instant"]'));
      if (instant[0] !== undefined) await instant[0].click();
      try {
        await driver.wait(
          async () =>
            (await driver.executeScript("return document.querySelector('[data-testid=\"run-status\"]')?.dataset.status ?? '';")) === 'succeeded',
          WAIT_MS * 3,
          'the run succeeds',
        );
      } catch (err) {
        await screenshot(driver, 'jsonata-run-timeout.png');
        throw err;
      }
      const shown = await statuses(driver);
      const visited = ['Load Order', 'Route Order', 'Reserve Stock', 'Decrement Stock', 'Send Receipt'];
      for (const name of visited) assert.equal(shown[name], 'succeeded', `${name} is lit: ${JSON.stringify(shown)}`);
      for (const name of ['Fraud Review Window', 'Empty Order', 'Out Of Stock', 'Order Not Loaded']) {
        assert.equal(shown[name], 'not-reached', `${name} was not visited`);
      }
      // The last state's card in the Run tab: its output is the execution's.
      const panel = await driver.findElement(By.css('[data-testid="tab-run"]'));
      await panel.click();
      await driver.wait(
        async () => {
          const text = String(await driver.executeScript('return document.body.textContent;'));
          return text.includes('5b1e7c8a-2f0d-4a39-9c6e-8d4f2a7b1e90') && text.includes('We reserved 6 item(s) for order ord-7310.');
        },
        WAIT_MS,
        'the run shows the receipt it sent',
      );
      await screenshot(driver, 'jsonata-run.png');
    } finally {
      await driver.quit();
    }
  });
});
