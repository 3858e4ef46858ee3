// End-to-end test of the Tests panel in the real app window (see harness.mjs): a run of the
// order example saved as a test (the tests file is created next to the machine), run in the
// panel where it passes, an expectation changed in the form so that it fails with a diff, its
// run shown on the canvas, and the suite's coverage drawn over the diagram. Screenshots go to
// e2e/screenshots/ and, for the README, docs/tests-panel.png and docs/tests-coverage.png.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { click, launch, repo, scratch, screenshot, startHarness, stopHarness, WAIT_MS, waitForCanvas } from './harness.mjs';

// The mock config is picked in the run panel (the Open dialog answers this path), not found next
// to the machine: the tests file then holds only the test made here.
const picked = path.join(tmpdir(), `stepwise-e2e-tests-mocks-${process.pid}.json`);
process.env.STEPWISE_PICK_FILE = picked;

before(async () => {
  copyFileSync(path.join(repo, 'examples', 'run', 'order-processing.mocks.json'), picked);
  await startHarness({ screen: '1440x900' });
});
after(async () => {
  rmSync(picked, { force: true });
  await stopHarness();
});

/**
 * Sets a React-controlled select as a user's choice would.
 * @param {import('selenium-webdriver').WebDriver} driver @param {string} css @param {string} value
 */
async function choose(driver, css, value) {
  await driver.wait(until.elementLocated(By.css(css)), WAIT_MS, `${css} is shown`);
  await driver.executeScript(
    `const s = document.querySelector(arguments[0]);
     Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, arguments[1]);
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
    css,
    value,
  );
}

/**
 * Dismisses the notices and waits for two frames, so a screenshot shows what was drawn.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function settle(driver) {
  await driver.executeScript("document.querySelectorAll('.toast-close').forEach((b) => b.click());");
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} name */
async function verdictOf(driver, name) {
  return String(await driver.executeScript(`return document.querySelector('[data-testid="test-row"][data-name="${name}"]')?.dataset.verdict ?? '';`));
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} name @param {string} verdict */
async function waitVerdict(driver, name, verdict) {
  await driver.wait(async () => (await verdictOf(driver, name)) === verdict, WAIT_MS, `${name} reads ${verdict}`);
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} css */
async function count(driver, css) {
  return Number(await driver.executeScript(`return document.querySelectorAll(arguments[0]).length;`, css));
}

describe('the Tests panel', () => {
  test('a run saved as a test passes, fails once edited with a diff, and coverage shows on the canvas', async () => {
    const dir = path.join(scratch, 'tests-panel');
    mkdirSync(dir, { recursive: true });
    const machine = path.join(dir, 'order-processing.asl.json');
    copyFileSync(path.join(repo, 'examples', 'order-processing.asl.json'), machine);
    // The run panel starts from the input kept next to the machine.
    copyFileSync(path.join(repo, 'examples', 'run', 'order-processing.input.json'), path.join(dir, 'order-processing.input.json'));
    const testsFile = path.join(dir, 'order-processing.tests.json');
    const driver = await launch([machine]);
    try {
      // Room for the panel and the canvas above it, for the screenshots.
      await driver.manage().window().setRect({ width: 1440, height: 900 });
      await driver.wait(async () => (await driver.executeScript('return window.innerHeight;')) === 900, WAIT_MS, 'the window is 1440×900');
      await driver.executeScript(
        `window.localStorage.setItem('stepwise.layout', JSON.stringify({ sizes: { dock: 330 }, collapsed: {} }));
         window.dispatchEvent(new StorageEvent('storage', { key: 'stepwise.layout' }));`,
      );
      await waitForCanvas(driver);
      await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");
      // Run the happy path on the picked mock config.
      await click(driver, '[data-testid="tab-run"]');
      await click(driver, '[data-testid="task-source"] [data-kind="mocks"]');
      await choose(driver, '[data-testid="run-file-mocks"]', '\u0000choose');
      await choose(driver, '[data-testid="run-test-case"]', 'HappyPath');
      await click(driver, '[data-testid="run-start"]');
      await driver.wait(
        async () => (await driver.executeScript("return document.querySelector('[data-testid=\"run-status\"]')?.dataset.status ?? '';")) === 'succeeded',
        WAIT_MS * 3,
        'the run succeeds',
      );

      // Save as test: the tests file appears next to the machine, the test opens in the form.
      assert.ok(!existsSync(testsFile));
      await click(driver, '[data-testid="run-save-as-test"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="test-form"]')), WAIT_MS, 'the new test opens in the form');
      await driver.wait(() => existsSync(testsFile), WAIT_MS, 'the tests file is written');
      const saved = JSON.parse(readFileSync(testsFile, 'utf8'));
      assert.equal(saved.tests.length, 1);
      assert.equal(saved.tests[0].name, 'succeeds');
      assert.ok(Object.keys(saved.tests[0].mocks).includes('Charge Payment'), 'the Tasks\' answers are mocks');
      assert.ok(saved.tests[0].expect.output !== undefined, 'the output is expected');
      await click(driver, '[data-testid="tf-cancel"]');

      // It passes.
      await click(driver, '[data-testid="test-row"][data-name="succeeds"]');
      await click(driver, '[data-testid="test-run"]');
      await waitVerdict(driver, 'succeeds', 'passed');
      await settle(driver);
      await screenshot(driver, 'tests-passed.png');

      // An expectation edited in the form makes it fail: a state's output that is not so.
      await click(driver, '[data-testid="test-edit"]');
      const form = await driver.wait(until.elementLocated(By.css('[data-testid="test-form"]')), WAIT_MS);
      await (await form.findElement(By.xpath(".//button[contains(., 'Add a state check')]"))).click();
      await choose(driver, '[data-testid="tf-check"] select[aria-label="Check 1 state"]', 'Validate Order');
      const value = await driver.findElement(By.css('[data-testid="tf-check"] textarea'));
      await value.clear();
      await value.sendKeys('{"valid": "no"}');
      await click(driver, '[data-testid="tf-save"]');
      await driver.wait(
        () => JSON.parse(readFileSync(testsFile, 'utf8')).tests[0].expect.states?.length === 1,
        WAIT_MS,
        'the check is saved in the tests file',
      );
      await click(driver, '[data-testid="tf-cancel"]');
      await click(driver, '[data-testid="test-row"][data-name="succeeds"]');
      // Shift+F7 runs the selected test.
      await driver.actions().keyDown(Key.SHIFT).sendKeys(Key.F7).keyUp(Key.SHIFT).perform();
      await waitVerdict(driver, 'succeeds', 'failed');
      await driver.wait(until.elementLocated(By.css('[data-testid="test-difference"]')), WAIT_MS, 'the differences are shown');
      const failure = await driver.findElement(By.css('[data-testid="test-failure"]'));
      assert.equal(await failure.getAttribute('data-pointer'), '/tests/0/expect/states/0/output');
      assert.ok((await count(driver, '[data-testid="test-difference"]')) >= 1);

      // Its run on the canvas, in the events and the timeline.
      await click(driver, '[data-testid="test-show-run"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="canvas"][data-run-shown="true"]')), WAIT_MS, 'the run is on the canvas');
      await driver.wait(async () => (await count(driver, '[data-testid="state-node"][data-run-status="succeeded"]')) >= 3, WAIT_MS, 'visited states are marked');
      await click(driver, '[data-testid="canvas-fit"]');
      await waitForCanvas(driver);
      await settle(driver);
      assert.equal(await verdictOf(driver, 'succeeds'), 'failed', 'the test is listed with its verdict');
      await screenshot(driver, 'tests-panel.png');
      copyFileSync(path.join(repo, 'e2e', 'screenshots', 'tests-panel.png'), path.join(repo, 'docs', 'tests-panel.png'));

      // F7 runs them all; coverage drawn over the diagram: the declined and failed paths were
      // never taken.
      await driver.executeScript("document.querySelector('[data-testid=\"run-close\"]')?.click();");
      await driver.actions().sendKeys(Key.F7).perform();
      await driver.wait(until.elementLocated(By.css('[data-testid="tests-coverage-summary"]')), WAIT_MS, 'coverage is counted');
      await click(driver, '[data-testid="tests-coverage-toggle"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="canvas"][data-coverage-shown="true"]')), WAIT_MS, 'coverage is on the canvas');
      await click(driver, '[data-testid="canvas-fit"]');
      await waitForCanvas(driver);
      const untaken = await count(driver, '[data-testid="edge"][data-coverage="untaken"]');
      const taken = await count(driver, '[data-testid="edge"][data-coverage="taken"]');
      const faded = await count(driver, '[data-testid="state-node"][data-coverage="unentered"]');
      assert.ok(untaken >= 1, `${untaken} untaken edges drawn`);
      assert.ok(taken >= 3, `${taken} taken edges drawn`);
      assert.ok(faded >= 1, `${faded} unentered states drawn`);
      const dash = await driver.executeScript(
        "return getComputedStyle(document.querySelector('[data-testid=\"edge\"][data-coverage=\"untaken\"] .sw-edge__path')).strokeDasharray;",
      );
      assert.notEqual(String(dash), 'none', 'untaken edges are dashed');
      await settle(driver);
      await screenshot(driver, 'tests-coverage.png');
      copyFileSync(path.join(repo, 'e2e', 'screenshots', 'tests-coverage.png'), path.join(repo, 'docs', 'tests-coverage.png'));
    } catch (err) {
      await screenshot(driver, 'tests-failure.png');
      throw err;
    } finally {
      await driver.quit();
    }
  });

  test('a file of 500 tests: results are on screen within 100 ms of arriving', async () => {
    const dir = path.join(scratch, 'tests-500');
    mkdirSync(dir, { recursive: true });
    const machine = path.join(dir, 'order-processing.asl.json');
    copyFileSync(path.join(repo, 'examples', 'order-processing.asl.json'), machine);
    copyFileSync(path.join(repo, 'examples', 'run', 'order-processing.mocks.json'), path.join(dir, 'order-processing.mocks.json'));
    const input = JSON.parse(readFileSync(path.join(repo, 'examples', 'run', 'order-processing.input.json'), 'utf8'));
    const cases = ['HappyPath', 'PaymentDeclined', 'GatewayDown', 'ConfirmationDenied'];
    // Each must succeed: the declined and failing cases fail, with their messages, which the
    // panel shows too.
    const tests = Array.from({ length: 500 }, (_, i) => ({ name: `case ${i}`, input, testCase: cases[i % cases.length] }));
    writeFileSync(path.join(dir, 'order-processing.tests.json'), JSON.stringify({ tests }, null, 2));
    const driver = await launch([machine]);
    try {
      await waitForCanvas(driver);
      await driver.wait(async () => (await count(driver, '[data-testid="dock-tests"]')) === 1, WAIT_MS, 'the Tests tab is there');
      await click(driver, '[data-testid="dock-tests"]');
      await driver.wait(
        async () => (await driver.executeScript("return document.querySelector('[data-testid=\"test-list\"]')?.dataset.count ?? '';")) === '500',
        WAIT_MS,
        'the 500 tests are listed',
      );
      await click(driver, '[data-testid="tests-run-all"]');
      const shown = /** @type {{ms: number, count: number}} */ (
        await driver.wait(async () => driver.executeScript('return window.__stepwiseTestsShownMs ?? null;'), WAIT_MS * 3, 'the results are shown')
      );
      console.info(`500 test results on screen ${shown.ms.toFixed(1)} ms after they arrived`);
      assert.equal(shown.count, 500);
      assert.ok(shown.ms < 100, `${shown.ms} ms`);
      const tally = String(await driver.executeScript("return document.querySelector('[data-testid=\"tests-tally\"]').innerText;"));
      assert.match(tally, /\d+ passed/);
      console.info(`500 tests: ${tally.replace(/\s+/g, ' ')}`);
    } finally {
      await driver.quit();
    }
  });
});
