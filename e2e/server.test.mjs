// End-to-end test of the studio watching the Step Functions API (see harness.mjs): the app
// serves the API from its toolbar; the AWS CLI (from the client suites' venv, as a user would
// run it) creates the order machine and starts an execution with a mock-config test case; the
// execution shows live on the canvas, pauses at the studio's breakpoint (the CLI sees it
// RUNNING), and continues from the studio to SUCCEEDED, which the CLI then reads. Screenshots
// go to e2e/screenshots/ and, for the README, docs/server-live.png.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { click, launch, repo, scratch, screenshot, startHarness, stopHarness, WAIT_MS, waitForCanvas } from './harness.mjs';

const aws = path.join(repo, 'target', 'venv-clients', 'bin', 'aws');
const stepwise = path.join(repo, 'target', 'debug', 'stepwise');
const studioEndpoint = 'http://127.0.0.1:8083';

before(async () => {
  assert.ok(existsSync(aws), `the AWS CLI is installed by \`make test-clients\` (${aws})`);
  await startHarness({ screen: '1440x900' });
});
after(stopHarness);

/**
 * The AWS CLI against a server (the studio's by default), with made-up credentials (any are
 * accepted).
 * @param {string[]} args
 */
function cli(args, endpoint = studioEndpoint) {
  const out = execFileSync(aws, ['--endpoint-url', endpoint, '--output', 'json', 'stepfunctions', ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'studio', AWS_SECRET_ACCESS_KEY: 'studio', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' },
    encoding: 'utf8',
    // The CLI's own complaint is in the error thrown; not on the test's output.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.trim() === '' ? {} : JSON.parse(out);
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} css @param {string} attr */
async function attr(driver, css, attr) {
  return String(await driver.executeScript(`return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? '';`, css, attr));
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function statuses(driver) {
  await click(driver, '[data-testid="canvas-fit"]');
  await waitForCanvas(driver);
  const pairs = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"state-node\"]')].map((n) => [n.dataset.name, n.dataset.runStatus ?? '']);",
  );
  return Object.fromEntries(/** @type {[string, string][]} */ (pairs));
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function settle(driver) {
  await driver.executeScript("document.querySelectorAll('.toast-close').forEach((b) => b.click());");
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
}

describe('the studio watches the Step Functions API', () => {
  test('an execution started by the AWS CLI shows live on the canvas, pauses at a breakpoint and continues from the studio', async () => {
    const dir = path.join(scratch, 'server');
    mkdirSync(path.join(dir, 'run'), { recursive: true });
    const machine = path.join(dir, 'order-processing.asl.json');
    copyFileSync(path.join(repo, 'examples', 'order-processing.asl.json'), machine);
    // The run panel finds the mock config next to the machine; the server is started with it.
    copyFileSync(path.join(repo, 'examples', 'run', 'order-processing.mocks.json'), path.join(dir, 'run', 'order-processing.mocks.json'));
    const input = path.join(repo, 'examples', 'run', 'order-processing.input.json');
    const driver = await launch([machine]);
    try {
      await driver.manage().window().setRect({ width: 1440, height: 900 });
      await driver.wait(async () => (await driver.executeScript('return window.innerHeight;')) === 900, WAIT_MS, 'the window is 1440×900');
      await waitForCanvas(driver);
      await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");
      await click(driver, '[data-testid="tab-run"]');
      await driver.executeScript("document.querySelector('[data-testid=\"breakpoint-toggle\"][data-state=\"Charge Payment\"]').click();");
      await driver.wait(
        async () => (await attr(driver, '[data-testid="state-node"][data-name="Charge Payment"]', 'data-breakpoint')) === 'true',
        WAIT_MS,
        'the breakpoint is set',
      );

      // Serve the API from the toolbar.
      assert.equal(await attr(driver, '[data-testid="toolbar-server"]', 'data-mode'), 'off');
      await click(driver, '[data-testid="toolbar-server"]');
      const popover = await driver.wait(until.elementLocated(By.css('[data-testid="server-popover"]')), WAIT_MS);
      assert.match(await popover.getText(), /order-processing\.mocks\.json/);
      await settle(driver);
      await screenshot(driver, 'server-off.png');
      await click(driver, '[data-testid="server-start"]');
      await driver.wait(async () => (await attr(driver, '[data-testid="toolbar-server"]', 'data-mode')) === 'serving', WAIT_MS, 'the server runs');
      assert.match(await (await driver.findElement(By.css('[data-testid="toolbar-server"]'))).getText(), /:8083/);

      // A client: the AWS CLI creates the machine and starts it on a mock-config test case.
      const created = cli([
        'create-state-machine',
        '--name', 'order-processing',
        '--definition', `file://${machine}`,
        '--role-arn', 'arn:aws:iam::123456789012:role/stepwise',
      ]);
      const started = cli([
        'start-execution',
        '--state-machine-arn', `${created.stateMachineArn}#HappyPath`,
        '--name', 'from-the-cli',
        '--input', `file://${input}`,
      ]);

      // Live on the canvas, paused before Charge Payment.
      const banner = await driver.wait(until.elementLocated(By.css('[data-testid="paused-banner"]')), WAIT_MS * 2, 'the execution pauses in the studio');
      assert.equal(await banner.getAttribute('data-state'), 'Charge Payment');
      assert.equal(cli(['describe-execution', '--execution-arn', started.executionArn]).status, 'RUNNING');
      const paused = await statuses(driver);
      assert.equal(paused['Reserve Inventory'], 'succeeded');
      assert.equal(paused['Send Confirmation'], 'not-reached');
      await driver.wait(async () => (await attr(driver, '[data-testid="server-count"]', 'data-testid')) !== '', WAIT_MS);
      assert.equal(await (await driver.findElement(By.css('[data-testid="server-count"]'))).getText(), '1');
      await settle(driver);
      await screenshot(driver, 'server-paused.png');
      copyFileSync(path.join(repo, 'e2e', 'screenshots', 'server-paused.png'), path.join(repo, 'docs', 'server-live.png'));

      // Continue from the studio: the client sees the execution succeed.
      await click(driver, '[data-testid="run-continue"]');
      await driver.wait(
        async () => (await attr(driver, '[data-testid="run-status"]', 'data-status')) === 'succeeded',
        WAIT_MS * 2,
        'the execution succeeds in the studio',
      );
      const described = cli(['describe-execution', '--execution-arn', started.executionArn]);
      assert.equal(described.status, 'SUCCEEDED');
      const history = cli(['get-execution-history', '--execution-arn', started.executionArn]);
      assert.equal(history.events.at(-1).type, 'ExecutionSucceeded');
      // The studio shows the server's history, each event once.
      const total = await attr(driver, '[data-testid="playback-scrubber"]', 'max');
      assert.equal(Number(total), history.events.length);
      const done = await statuses(driver);
      assert.equal(done['Order Complete'], 'succeeded');

      // Kept in the runs list as a client's execution.
      await click(driver, '[data-testid="dock-runs"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="runs-list"]')), WAIT_MS);
      await settle(driver);
      await screenshot(driver, 'server-done.png');
      const listed = String(await driver.executeScript("return document.querySelector('[data-testid=\"runs-list\"]')?.innerText ?? '';"));
      assert.match(listed, /from-the-cli/);
      assert.match(listed, /API client/);

      await click(driver, '[data-testid="toolbar-server"]');
      await click(driver, '[data-testid="server-stop"]');
      await driver.wait(async () => (await attr(driver, '[data-testid="toolbar-server"]', 'data-mode')) === 'off', WAIT_MS, 'the server stops');
      assert.throws(() => cli(['list-state-machines']), 'the port is closed');
    } finally {
      await driver.quit();
    }
  });

  test('attached to a `stepwise serve` started elsewhere, the studio follows an execution the AWS CLI starts there', async () => {
    assert.ok(existsSync(stepwise), `the stepwise binary is built (${stepwise})`);
    const dir = path.join(scratch, 'attach');
    mkdirSync(dir, { recursive: true });
    // Real time, as Step Functions Local runs by default: the Wait keeps it running a while.
    const machine = path.join(dir, 'slow-flow.asl.json');
    writeFileSync(
      machine,
      JSON.stringify({
        StartAt: 'Prepare',
        States: {
          Prepare: { Type: 'Pass', Result: { ready: true }, Next: 'Hold' },
          Hold: { Type: 'Wait', Seconds: 4, Next: 'Finish' },
          Finish: { Type: 'Succeed' },
        },
      }),
    );
    const server = spawn(stepwise, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WAIT_TIME_SCALE: '1' } });
    try {
      const port = await new Promise((resolve, reject) => {
        let out = '';
        server.stdout?.on('data', (chunk) => {
          out += String(chunk);
          const m = /Starting server on port (\d+)/.exec(out);
          if (m !== null) resolve(Number(m[1]));
        });
        server.on('exit', (code) => reject(new Error(`stepwise serve exited (${code})`)));
      });
      const endpoint = `http://127.0.0.1:${port}`;
      const driver = await launch([machine]);
      try {
        await waitForCanvas(driver);
        await click(driver, '[data-testid="toolbar-server"]');
        const url = await driver.wait(until.elementLocated(By.css('[data-testid="server-url"]')), WAIT_MS);
        await url.clear();
        await url.sendKeys(endpoint);
        await click(driver, '[data-testid="server-attach"]');
        await driver.wait(async () => (await attr(driver, '[data-testid="toolbar-server"]', 'data-mode')) === 'attached', WAIT_MS, 'the studio follows the server');

        const created = cli(['create-state-machine', '--name', 'slow-flow', '--definition', `file://${machine}`, '--role-arn', 'arn:aws:iam::123456789012:role/stepwise'], endpoint);
        const started = cli(['start-execution', '--state-machine-arn', created.stateMachineArn, '--name', 'followed', '--input', '{}'], endpoint);
        // Live: seen running in the studio while the Wait goes on on the server.
        await driver.wait(async () => (await attr(driver, '[data-testid="run-status"]', 'data-status')) === 'running', WAIT_MS, 'the execution shows running');
        assert.equal(cli(['describe-execution', '--execution-arn', started.executionArn], endpoint).status, 'RUNNING');
        await driver.wait(async () => (await attr(driver, '[data-testid="run-status"]', 'data-status')) === 'succeeded', WAIT_MS * 2, 'the execution succeeds');
        const history = cli(['get-execution-history', '--execution-arn', started.executionArn], endpoint);
        const total = await attr(driver, '[data-testid="playback-scrubber"]', 'max');
        assert.equal(Number(total), history.events.length);
        const done = await statuses(driver);
        assert.equal(done.Finish, 'succeeded');
        await settle(driver);
        await screenshot(driver, 'server-attached.png');
        await click(driver, '[data-testid="toolbar-server"]');
        await click(driver, '[data-testid="server-stop"]');
        await driver.wait(async () => (await attr(driver, '[data-testid="toolbar-server"]', 'data-mode')) === 'off', WAIT_MS, 'the studio stops following');
      } finally {
        await driver.quit();
      }
    } finally {
      server.kill();
    }
  });
});
