// Over 500 lines because each e2e file starts its own Xvfb and tauri-driver: the run scenarios
// share one start-up and their helpers.
// End-to-end tests of running and debugging in the real app window (see harness.mjs): a run
// of an example, a failing Task caught by Catch, a breakpoint, a saved history replayed, Tasks
// answered by hand ("ask me"), a failed run and a retried Task explaining themselves, and a
// 10,000-item Map for frame times. Each scenario saves a screenshot into e2e/screenshots/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { click, launch, repo, scratch, screenshot, selectNode, startHarness, stopHarness, visibleText, WAIT_MS, waitForCanvas } from './harness.mjs';

// The Open dialogs of the run panel answer this path (no native dialog under WebDriver).
const picked = path.join(tmpdir(), `stepwise-e2e-history-${process.pid}.json`);
process.env.STEPWISE_PICK_FILE = picked;

before(startHarness);
after(async () => {
  rmSync(picked, { force: true });
  await stopHarness();
});

const order = path.join(repo, 'examples', 'order-processing.asl.json');
const mocks = path.join(repo, 'examples', 'run', 'order-processing.mocks.json');
const orderInput = path.join(repo, 'examples', 'run', 'order-processing.input.json');
const shots = path.join(repo, 'e2e', 'screenshots');

/**
 * The states the CLI enters for a test case: what the app must show as visited.
 * @param {string} testCase
 * @returns {Set<string>}
 */
function enteredByCli(testCase) {
  const history = path.join(scratch, `cli-${testCase}.json`);
  const cli = path.join(repo, 'target', 'debug', 'stepwise');
  const run = spawnSync(
    cli,
    ['run', order, '--input', `file://${orderInput}`, '--mock-config', mocks, '--test-case', testCase, '--history', history],
    { encoding: 'utf8' },
  );
  assert.ok(existsSync(history), `stepwise run wrote no history:\n${run.stdout}${run.stderr}`);
  /** @type {{events: {type: string, stateEnteredEventDetails?: {name: string}}[]}} */
  const h = JSON.parse(readFileSync(history, 'utf8'));
  return new Set(h.events.filter((e) => e.type.endsWith('StateEntered')).map((e) => String(e.stateEnteredEventDetails?.name)));
}

/**
 * The execution output the CLI prints for a test case.
 * @param {string} testCase
 */
function cliOutput(testCase) {
  const cli = path.join(repo, 'target', 'debug', 'stepwise');
  const run = spawnSync(cli, ['run', order, '--input', `file://${orderInput}`, '--mock-config', mocks, '--test-case', testCase], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/**
 * Every drawn state's run status.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @returns {Promise<Record<string, string>>}
 */
async function statuses(driver) {
  // The canvas draws only the states in view: fit the drawing first, as a user would.
  await click(driver, '[data-testid="canvas-fit"]');
  await waitForCanvas(driver);
  const pairs = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"state-node\"]')].map((n) => [n.dataset.name, n.dataset.runStatus ?? '']);",
  );
  return Object.fromEntries(/** @type {[string, string][]} */ (pairs));
}

/**
 * Waits for the run badge to read `status` (a live run reads its end once playback shows it).
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} status
 */
async function waitForRun(driver, status) {
  try {
    await driver.wait(
      async () =>
        (await driver.executeScript("return document.querySelector('[data-testid=\"run-status\"]')?.dataset.status ?? '';")) === status,
      WAIT_MS * 3,
      `the run status reads ${status}`,
    );
  } catch (err) {
    // What the window showed instead, for the report.
    await screenshot(driver, `timeout-waiting-for-${status}.png`);
    throw err;
  }
}

/**
 * Opens the Run tab and picks the order example's mocks and a test case.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} testCase
 */
async function setUpOrderRun(driver, testCase) {
  // Instant playback: the tests check what a run shows, not its animation.
  await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");
  await click(driver, '[data-testid="tab-run"]');
  await click(driver, '[data-testid="task-source"] [data-kind="mocks"]');
  await driver.wait(until.elementLocated(By.css('[data-testid="run-test-case"]')), WAIT_MS, 'the test cases are listed');
  await driver.executeScript(
    `const s = document.querySelector('[data-testid="run-test-case"]');
     Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, arguments[0]);
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
    testCase,
  );
  const chosen = await driver.executeScript("return document.querySelector('[data-testid=\"run-test-case\"]').value;");
  assert.equal(chosen, testCase);
}

/**
 * Starts the open example with its Tasks set to Ask me and Instant playback.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function startAskMeRun(driver) {
  await waitForCanvas(driver);
  await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");
  await click(driver, '[data-testid="tab-run"]');
  await click(driver, '[data-testid="task-source"] [data-kind="ask"]');
  await click(driver, '[data-testid="run-start"]');
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function speedInstant(driver) {
  const instant = await driver.findElements(By.css('[data-testid="run-speed"] [data-speed="instant"]'));
  if (instant[0] !== undefined) await instant[0].click();
}

/**
 * Runs the order example on a test case of its mocks, with Instant playback, until the run
 * badge reads `status`.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} testCase
 * @param {string} status
 */
async function runOrder(driver, testCase, status) {
  await waitForCanvas(driver);
  await setUpOrderRun(driver, testCase);
  await click(driver, '[data-testid="run-start"]');
  await speedInstant(driver);
  await waitForRun(driver, status);
}

describe('running and debugging', () => {
  test('an example runs: every visited state turns succeeded and the output is shown', async () => {
    const visited = enteredByCli('HappyPath');
    const driver = await launch([order]);
    try {
      await runOrder(driver, 'HappyPath', 'succeeded');
      const shown = await statuses(driver);
      for (const [name, status] of Object.entries(shown)) {
        assert.equal(status, visited.has(name) ? 'succeeded' : 'not-reached', `${name} shows ${status}`);
      }
      assert.ok(visited.size >= 6, `the happy path visits ${[...visited].join(', ')}`);
      // Charge Payment's gateway timed out once and was retried.
      const retries = await driver.executeScript(
        "return document.querySelector('[data-testid=\"state-node\"][data-name=\"Charge Payment\"]').dataset.runRetries ?? '';",
      );
      assert.equal(retries, '1');
      const output = await driver.wait(until.elementLocated(By.css('[data-testid="run-output"]')), WAIT_MS);
      const text = String(await driver.executeScript('return arguments[0].textContent;', output));
      assert.deepEqual(JSON.parse(text.slice(text.indexOf('{'))), cliOutput('HappyPath'), 'the output shown is the execution output');
      // The edges into every visited state are lit.
      const taken = await driver.executeScript("return document.querySelectorAll('[data-testid=\"edge\"][data-run=\"taken\"]').length;");
      assert.ok(Number(taken) >= visited.size - 1, `${taken} edges taken`);
      await screenshot(driver, 'run-succeeded.png');
    } finally {
      await driver.quit();
    }
  });

  test('Run from here, from a state\'s context menu, starts the run at that state', async () => {
    const driver = await launch([order]);
    try {
      await waitForCanvas(driver);
      await setUpOrderRun(driver, 'HappyPath');
      const node = await driver.findElement(By.css('[data-testid="state-node"][data-name="Reserve Inventory"]'));
      await driver.actions({ async: true }).contextClick(node).perform();
      await click(driver, '[data-testid="menu-run-from-here"]');
      await speedInstant(driver);
      await waitForRun(driver, 'succeeded');
      const shown = await statuses(driver);
      assert.equal(shown['Validate Order'], 'not-reached', 'the states before it did not run');
      assert.equal(shown['Is Order Valid?'], 'not-reached');
      assert.equal(shown['Reserve Inventory'], 'succeeded');
      assert.equal(shown['Order Complete'], 'succeeded');
      await screenshot(driver, 'run-from-here.png');
    } finally {
      await driver.quit();
    }
  });

  test('a failing Task caught by Catch shows the caught path', async () => {
    const visited = enteredByCli('PaymentDeclined');
    const driver = await launch([order]);
    try {
      await runOrder(driver, 'PaymentDeclined', 'failed');
      const shown = await statuses(driver);
      assert.equal(shown['Charge Payment'], 'caught');
      assert.equal(shown['Release Inventory'], 'succeeded');
      assert.equal(shown['Payment Failed'], 'failed');
      assert.equal(shown['Save Order'], 'not-reached');
      for (const name of visited) assert.notEqual(shown[name], 'not-reached', `${name} was visited`);
      const catchEdge = await driver.executeScript(
        `return [...document.querySelectorAll('[data-testid="edge"][data-run="taken"]')]
           .some((e) => (e.dataset.source ?? '').endsWith('Charge Payment') && (e.dataset.target ?? '').endsWith('Release Inventory'));`,
      );
      assert.equal(catchEdge, true, 'the catch edge to Release Inventory is lit');
      // The caught state's details name the error.
      await driver.executeScript(
        "document.querySelector('[data-testid=\"state-node\"][data-name=\"Charge Payment\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}));",
      );
      const error = await driver.wait(until.elementLocated(By.css('[data-testid="step-error"]')), WAIT_MS);
      assert.match(String(await driver.executeScript('return arguments[0].textContent;', error)), /Payment\.Declined/);
      await screenshot(driver, 'run-caught.png');
    } finally {
      await driver.quit();
    }
  });

  test('a breakpoint pauses before its state and continue finishes', async () => {
    const driver = await launch([order]);
    try {
      await waitForCanvas(driver);
      await setUpOrderRun(driver, 'HappyPath');
      await driver.executeScript(
        "document.querySelector('[data-testid=\"breakpoint-toggle\"][data-state=\"Save Order\"]').click();",
      );
      await driver.wait(
        async () =>
          (await driver.executeScript(
            "return document.querySelector('[data-testid=\"state-node\"][data-name=\"Save Order\"]').dataset.breakpoint ?? '';",
          )) === 'true',
        WAIT_MS,
        'the breakpoint is set',
      );
      await click(driver, '[data-testid="run-start"]');
      const banner = await driver.wait(until.elementLocated(By.css('[data-testid="paused-banner"]')), WAIT_MS * 2, 'the run pauses');
      assert.equal(await banner.getAttribute('data-state'), 'Save Order');
      assert.equal(await banner.getAttribute('data-reason'), 'breakpoint');
      await waitForRun(driver, 'paused');
      const paused = await statuses(driver);
      assert.equal(paused['Charge Payment'], 'succeeded');
      assert.notEqual(paused['Save Order'], 'succeeded');
      assert.equal(paused['Send Confirmation'], 'not-reached');
      await screenshot(driver, 'run-paused.png');
      await click(driver, '[data-testid="run-continue"]');
      await speedInstant(driver);
      await waitForRun(driver, 'succeeded');
      const done = await statuses(driver);
      assert.equal(done['Save Order'], 'succeeded');
      assert.equal(done['Order Complete'], 'succeeded');
      // Breakpoints are kept with the document: take it off, or the next tests pause there.
      await driver.executeScript(
        "document.querySelector('[data-testid=\"breakpoint-toggle\"][data-state=\"Save Order\"]').click();",
      );
      await driver.wait(
        async () =>
          (await driver.executeScript(
            "return document.querySelector('[data-testid=\"state-node\"][data-name=\"Save Order\"]').dataset.breakpoint ?? '';",
          )) === '',
        WAIT_MS,
        'the breakpoint is off',
      );
    } finally {
      await driver.quit();
    }
  });

  test('a saved history is AWS get-execution-history JSON and replays on the canvas', async () => {
    const driver = await launch([order]);
    try {
      await runOrder(driver, 'PaymentDeclined', 'failed');
      const live = await statuses(driver);
      const savedDir = path.join(scratch, 'saved');
      const before = new Set(readdirSync(savedDir));
      await driver.executeScript("document.querySelector('[data-testid=\"state-node\"][data-name=\"Charge Payment\"]') && document.querySelector('.react-flow__pane')?.dispatchEvent(new MouseEvent('click', {bubbles: true}));");
      await click(driver, '[data-testid="history-save"]');
      /** @type {string} */
      let file = '';
      await driver.wait(
        () => {
          file = readdirSync(savedDir).find((f) => !before.has(f) && f.endsWith('.history.json')) ?? '';
          return file !== '';
        },
        WAIT_MS,
        'the history is saved',
      );
      /** @type {{events: Record<string, unknown>[]}} */
      const history = JSON.parse(readFileSync(path.join(savedDir, file), 'utf8'));
      assert.ok(history.events.length > 20);
      history.events.forEach((e, i) => {
        assert.equal(e.id, i + 1, 'ids count from 1');
        assert.equal(typeof e.previousEventId, 'number');
        assert.equal(typeof e.type, 'string');
        assert.match(String(e.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
        const details = Object.keys(e).filter((k) => k.endsWith('EventDetails'));
        assert.ok(details.length <= 1, `one details object at most on event ${i + 1}`);
        for (const k of details) {
          const d = /** @type {Record<string, unknown>} */ (e[k]);
          for (const field of ['input', 'output', 'parameters']) {
            if (field in d) assert.equal(typeof d[field], 'string', `${k}.${field} is JSON text, as AWS writes it`);
          }
        }
      });
      assert.equal(history.events[0]?.type, 'ExecutionStarted');
      assert.equal(history.events.at(-1)?.type, 'ExecutionFailed');

      copyFileSync(path.join(savedDir, file), picked);
      await click(driver, '[data-testid="dock-runs"]');
      await click(driver, '[data-testid="history-open"]');
      await speedInstant(driver);
      await driver.wait(
        async () => {
          const s = String(await driver.executeScript("return document.querySelector('[data-testid=\"run-status\"]')?.dataset.status ?? '';"));
          return s === 'failed';
        },
        WAIT_MS * 2,
        'the replay ends failed',
      );
      assert.deepEqual(await statuses(driver), live, 'the replay shows what the run showed');
      const imported = await driver.executeScript(
        "return [...document.querySelectorAll('[data-testid=\"run-item\"]')].map((r) => r.textContent).join('\\n');",
      );
      assert.match(String(imported), /Imported/);
      await screenshot(driver, 'run-replay.png');
    } finally {
      await driver.quit();
    }
  });

  test('ask me: each Task waits for the answer typed in the window', async () => {
    const driver = await launch([order]);
    try {
      await startAskMeRun(driver);
      /**
       * Answers the waiting Task by throwing `error`, after checking its effective input.
       * @param {string} state
       * @param {RegExp} input
       * @param {string} error
       */
      const throwFrom = async (state, input, error) => {
        const banner = await driver.wait(until.elementLocated(By.css('[data-testid="question-banner"]')), WAIT_MS, `${state} asks`);
        await driver.wait(async () => (await banner.getText()).includes(state), WAIT_MS, `${state} is the one asking`);
        await click(driver, '[data-testid="question-open"]');
        const shown = await driver.wait(until.elementLocated(By.css('[data-testid="question-input"]')), WAIT_MS);
        assert.match(String(await driver.executeScript('return arguments[0].textContent;', shown)), input);
        await click(driver, '[data-testid="question-throw"]');
        await (await driver.findElement(By.css('[data-testid="question-error"]'))).sendKeys(error);
        await (await driver.findElement(By.css('[data-testid="question-cause"]'))).sendKeys('typed in the e2e test');
        await click(driver, '[data-testid="question-send"]');
      };
      await throwFrom('Validate Order', /"FunctionName": "arn:aws:lambda:[^"]*validate-order/, 'Validation.Unavailable');
      await screenshot(driver, 'run-ask-me.png');
      // The catcher passed the typed error on: the alert's message carries it.
      await throwFrom('Notify Failure', /Validation\.Unavailable/, 'SNS.Down');
      await waitForRun(driver, 'failed');
      const shown = await statuses(driver);
      assert.equal(shown['Validate Order'], 'caught');
      assert.equal(shown['Notify Failure'], 'failed');
      assert.equal(shown['Reserve Inventory'], 'not-reached');
      const error = await driver.wait(until.elementLocated(By.css('[data-testid="run-error"]')), WAIT_MS);
      assert.match(String(await driver.executeScript('return arguments[0].textContent;', error)), /SNS\.Down/);
    } finally {
      await driver.quit();
    }
  });

  test('a failed run shows its error on the failed state and in the panel, whatever was selected', async () => {
    const visited = enteredByCli('ConfirmationDenied');
    const driver = await launch([order]);
    try {
      await waitForCanvas(driver);
      // Another state is selected before the run, as a user inspecting it would have.
      await selectNode(driver, 'Validate Order');
      await runOrder(driver, 'ConfirmationDenied', 'failed');
      const shown = await statuses(driver);
      assert.equal(shown['Send Confirmation'], 'failed');
      assert.equal(shown['Order Complete'], 'not-reached');
      for (const name of visited) assert.notEqual(shown[name], 'not-reached', `${name} was visited`);

      // On the canvas: the error under the failed state, the cause wrapped, inside its width.
      const tag = await driver.findElement(By.css('[data-testid="state-node"][data-name="Send Confirmation"] [data-testid="run-error-tag"]'));
      assert.equal(await tag.getAttribute('data-error'), 'SNS.AuthorizationErrorException');
      assert.equal(await tag.getAttribute('data-run-failure'), 'true');
      const tagText = await visibleText(driver, tag);
      assert.match(tagText, /SNS\.AuthorizationErrorException/);
      assert.match(tagText, /not authorized/);
      assert.match(String(await tag.getAttribute('title')), /Request ID: 4c1f0e2a/, 'the whole cause is in the tooltip');
      const node = await driver.findElement(By.css('[data-testid="state-node"][data-name="Send Confirmation"]'));
      const [n, t] = [await node.getRect(), await tag.getRect()];
      assert.ok(t.x >= n.x - 1 && t.x + t.width <= n.x + n.width + 1, `the tag stays within the state's width (${JSON.stringify({ n, t })})`);
      assert.ok(t.y >= n.y + n.height && t.height < n.height * 1.3, `the tag sits under the state, two lines of cause at most (${JSON.stringify({ n, t })})`);
      // No other state shows a failure.
      const tags = await driver.findElements(By.css('[data-testid="run-error-tag"]'));
      assert.equal(tags.length, 1);

      // In the panel: where and why, while the state selected before stays selected.
      const failure = await driver.wait(until.elementLocated(By.css('[data-testid="run-failure"]')), WAIT_MS);
      assert.equal(await failure.getAttribute('data-state'), 'Send Confirmation');
      const failureText = await visibleText(driver, failure);
      assert.match(failureText, /Failed at Send Confirmation/);
      assert.match(failureText, /SNS\.AuthorizationErrorException/);
      assert.match(failureText, /not authorized to perform: SNS:Publish/);
      const details = await driver.findElement(By.css('[data-testid="step-details"]'));
      assert.equal(await details.getAttribute('data-state'), 'Validate Order');
      await screenshot(driver, 'run-failed.png');

      // One click shows the failed state's own details.
      await click(driver, '[data-testid="run-failure-show"]');
      await driver.wait(
        async () => (await driver.findElement(By.css('[data-testid="step-details"]')).getAttribute('data-state')) === 'Send Confirmation',
        WAIT_MS,
        'the failed state is selected',
      );
      const error = await driver.findElement(By.css('[data-testid="step-error"]'));
      assert.match(await visibleText(driver, error), /SNS\.AuthorizationErrorException[\s\S]*not authorized/);
    } finally {
      await driver.quit();
    }
  });

  test('ask me: the answer starts from the shape the state expects, and answering is not task time', async () => {
    const driver = await launch([order]);
    try {
      await startAskMeRun(driver);
      const banner = await driver.wait(until.elementLocated(By.css('[data-testid="question-banner"]')), WAIT_MS, 'Validate Order asks');
      await driver.wait(async () => (await banner.getText()).includes('Validate Order'), WAIT_MS, 'Validate Order is the one asking');
      await click(driver, '[data-testid="question-open"]');
      const card = await driver.wait(until.elementLocated(By.css('[data-testid="question-card"]')), WAIT_MS);
      // lambda:invoke: AWS's wrapper, the function's result in Payload.
      const wrapper = await card.findElement(By.css('[data-testid="question-wrapper"]'));
      assert.match(await visibleText(driver, wrapper), /lambda:invoke[\s\S]*Payload/);
      const reads = await driver.executeScript(
        "return [...document.querySelectorAll('[data-testid=\"question-read\"]')].map((r) => [r.dataset.path, r.innerText]);",
      );
      const byPath = new Map(/** @type {[string, string][]} */ (reads));
      assert.deepEqual([...byPath.keys()], ['$.Payload.valid', '$.Payload.reasons']);
      assert.match(String(byPath.get('$.Payload.valid')), /ResultSelector "valid\.\$"/);
      assert.match(String(byPath.get('$.Payload.valid')), /Choice "Is Order Valid\?" rule 1/);
      const editor = await card.findElement(By.css('[data-testid="question-output"]'));
      const template = String(await driver.executeScript('return arguments[0].textContent;', editor));
      for (const field of ['"ExecutedVersion": "$LATEST"', '"Payload": {', '"valid": true', '"SdkHttpMetadata"', '"SdkResponseMetadata"', '"StatusCode": 200']) {
        assert.ok(template.includes(field), `the answer starts with ${field}: ${template}`);
      }
      await screenshot(driver, 'ask-me-shape.png');

      // The user takes 1.5 s to answer; the Task's duration does not count it.
      await new Promise((r) => setTimeout(r, 1500));
      await click(driver, '[data-testid="question-send"]');
      // The template took the Choice's first rule: Reserve Inventory asks next.
      await driver.wait(
        async () =>
          String(await driver.executeScript("return document.querySelector('[data-testid=\"question-banner\"]')?.textContent ?? '';")).includes('Reserve Inventory'),
        WAIT_MS,
        'Reserve Inventory asks next',
      );
      await selectNode(driver, 'Validate Order');
      const duration = await driver.wait(until.elementLocated(By.css('[data-testid="step-details"][data-state="Validate Order"] [data-testid="visit-duration"]')), WAIT_MS);
      const took = await visibleText(driver, duration);
      assert.match(took, /^\d+ ms$/, `Validate Order took ${took}: the 1.5 s spent answering must not count`);
      assert.ok(Number.parseInt(took, 10) < 1000, took);
      await click(driver, '[data-testid="toolbar-stop"]');
      await waitForRun(driver, 'aborted');
    } finally {
      await driver.quit();
    }
  });

  test('a retried Task shows each attempt in its stages, the events and the timeline', async () => {
    const driver = await launch([order]);
    try {
      await runOrder(driver, 'GatewayDown', 'failed');
      const shown = await statuses(driver);
      assert.equal(shown['Charge Payment'], 'caught');
      assert.equal(shown['Payment Failed'], 'failed');
      const retries = await driver.executeScript(
        "return document.querySelector('[data-testid=\"state-node\"][data-name=\"Charge Payment\"]').dataset.runRetries ?? '';",
      );
      assert.equal(retries, '4');

      // Step details: five attempts, the first four failed with the gateway's error.
      await selectNode(driver, 'Charge Payment');
      await driver.wait(until.elementLocated(By.css('[data-testid="step-details"][data-state="Charge Payment"] [data-testid="attempts"]')), WAIT_MS);
      const attempts = /** @type {[string, string, string][]} */ (
        await driver.executeScript(
          "return [...document.querySelectorAll('[data-testid=\"attempt\"]')].map((a) => [a.dataset.attempt, a.dataset.status, a.innerText]);",
        )
      );
      assert.deepEqual(
        attempts.map(([n, status]) => [n, status]),
        [['1', 'failed'], ['2', 'failed'], ['3', 'failed'], ['4', 'failed'], ['5', 'failed']],
      );
      for (const [, , text] of attempts) assert.match(text, /Payment\.GatewayTimeout[\s\S]*did not answer in time/);
      // Each failed try keeps its own stages.
      const firstStages = await driver.executeScript(
        "return document.querySelectorAll('[data-testid=\"attempt\"][data-attempt=\"1\"] [data-testid=\"attempt-stage\"]').length;",
      );
      assert.equal(firstStages, 2, 'attempt 1 shows After InputPath and After Parameters');

      // Events: each TaskScheduled and TaskFailed of Charge Payment names its try. (The table
      // draws the rows in view only: narrow it to the five of each kind.)
      await click(driver, '[data-testid="step-show-events"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="event-attempt"]')), WAIT_MS, 'the events name their attempts');
      /** @param {string} type */
      const attemptsOf = async (type) => {
        await driver.wait(
          async () => Number(await driver.executeScript(`return document.querySelectorAll('[data-testid="event-row"][data-type="${type}"]').length;`)) === 5,
          WAIT_MS,
          `the five ${type} rows are shown`,
        );
        return driver.executeScript(
          `return [...document.querySelectorAll('[data-testid="event-row"][data-type="${type}"]')].map((r) => r.querySelector('[data-testid="event-attempt"]')?.dataset.attempt ?? '');`,
        );
      };
      await (await driver.findElement(By.css('[data-testid="event-search"]'))).sendKeys('TaskScheduled');
      assert.deepEqual(await attemptsOf('TaskScheduled'), ['1', '2', '3', '4', '5']);
      // (clear() sets the value behind React's back: delete it as a user would.)
      await (await driver.findElement(By.css('[data-testid="event-search"]'))).sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
      await click(driver, '[data-testid="event-group-errors"]');
      assert.deepEqual(await attemptsOf('TaskFailed'), ['1', '2', '3', '4', '5']);
      const firstFailure = await driver.findElement(By.css('[data-testid="event-row"][data-type="TaskFailed"] [data-testid="event-attempt"][data-attempt="1"]'));
      assert.match(String(await firstFailure.getAttribute('title')), /attempt 1 of 5: failed[\s\S]*Payment\.GatewayTimeout/);
      await screenshot(driver, 'run-retries-events.png');

      // Timeline: a segment per try, each failed one with its error in its tooltip.
      await click(driver, '[data-testid="dock-timeline"]');
      const segments = /** @type {[string, string, string][]} */ (
        await driver.wait(async () => {
          const found = await driver.executeScript(
            "return [...document.querySelectorAll('[data-testid=\"timeline-row\"][data-state=\"Charge Payment\"] [data-testid=\"timeline-attempt\"]')].map((g) => [g.dataset.attempt, g.dataset.status, g.querySelector('title')?.textContent ?? '']);",
          );
          return Array.isArray(found) && found.length > 0 ? found : null;
        }, WAIT_MS, 'the timeline draws the attempts')
      );
      assert.deepEqual(segments.map(([n]) => n), ['1', '2', '3', '4', '5']);
      for (const [, status, title] of segments) {
        assert.equal(status, 'failed');
        assert.match(title, /Payment\.GatewayTimeout: The payment gateway did not answer in time\./);
      }
      await screenshot(driver, 'run-retries.png');
    } finally {
      await driver.quit();
    }
  });

  test('a 10,000-item Map run plays without freezing the window', async () => {
    const machine = {
      Comment: 'Scores 10,000 readings: a Distributed Map of Pass → Choice → Pass.',
      StartAt: 'Score Readings',
      States: {
        'Score Readings': {
          Type: 'Map',
          ItemsPath: '$.readings',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Normalise',
            States: {
              Normalise: { Type: 'Pass', Parameters: { 'value.$': '$.value' }, Next: 'High?' },
              'High?': { Type: 'Choice', Choices: [{ Variable: '$.value', NumericGreaterThan: 5000, Next: 'Flag' }], Default: 'Keep' },
              Flag: { Type: 'Pass', Result: 'high', End: true },
              Keep: { Type: 'Pass', Result: 'normal', End: true },
            },
          },
          End: true,
        },
      },
    };
    const dir = path.join(scratch, 'big');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'readings.asl.json');
    writeFileSync(file, JSON.stringify(machine, null, 2));
    const readings = Array.from({ length: 10_000 }, (_, i) => ({ value: i }));
    writeFileSync(path.join(dir, 'readings.input.json'), JSON.stringify({ readings }));
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      /** @type {Record<string, unknown>} */
      const figures = {};
      for (const speed of ['instant', 'fast']) {
        await driver.executeScript(`window.localStorage.setItem('stepwise.runSpeed', '${speed}');`);
        await click(driver, '[data-testid="tab-run"]');
        const setup = await driver.findElements(By.css('[data-testid="task-source"]'));
        if (setup[0] === undefined || !(await setup[0].isDisplayed())) await click(driver, '[data-testid="run-setup-toggle"]');
        await click(driver, '[data-testid="task-source"] [data-kind="ask"]');
        await driver.executeScript('window.__stepwisePerf?.reset();');
        const started = Date.now();
        await click(driver, '[data-testid="run-start"]');
        const speedButton = await driver.wait(until.elementLocated(By.css(`[data-testid="run-speed"] [data-speed="${speed}"]`)), WAIT_MS);
        await speedButton.click();
        await waitForRun(driver, 'succeeded');
        const shownAfter = Date.now() - started;
        const perf = /** @type {{intervals: number[], work: number[], events: number}} */ (
          await driver.executeScript('const p = window.__stepwisePerf; return { intervals: [...p.intervals], work: [...p.work], events: p.events };')
        );
        const progress = await driver.executeScript(
          "const m = document.querySelector('[data-testid=\"map-progress\"]'); return m ? [m.dataset.done, m.dataset.total] : null;",
        );
        assert.deepEqual(progress, ['10000', '10000'], 'the Map shows every item done');
        assert.ok(perf.intervals.length > 0, 'frames were measured');
        const sorted = [...perf.intervals].sort((a, b) => a - b);
        const q = (/** @type {number} */ p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
        const work = [...perf.work].sort((a, b) => a - b);
        figures[speed] = {
          events: perf.events,
          frames: sorted.length,
          frameMsP50: Math.round(q(0.5)),
          frameMsP95: Math.round(q(0.95)),
          frameMsMax: Math.round(sorted.at(-1) ?? 0),
          foldMsP50: Number((work[Math.floor(work.length / 2)] ?? 0).toFixed(2)),
          foldMsMax: Number((work.at(-1) ?? 0).toFixed(2)),
          runToShownMs: shownAfter,
        };
        if (speed === 'instant') await screenshot(driver, 'run-map-10000.png');
      }
      console.log(`10,000-item Map run: ${JSON.stringify(figures)}`);
      mkdirSync(shots, { recursive: true });
      writeFileSync(path.join(shots, 'run-perf.json'), `${JSON.stringify(figures, null, 2)}\n`);
    } finally {
      await driver.quit();
    }
  });
});
