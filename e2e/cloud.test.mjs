// End-to-end test of the studio and an AWS account (see harness.mjs), the account being moto's
// Step Functions server on 127.0.0.1 (from the client suites' venv) with its interpreter on, and
// the credentials a profile in a throwaway AWS config: connect with the profile, deploy the open
// file (a new machine), run it in the "cloud" and watch it live on the canvas, change the file,
// review the visual diff of deployed against local and deploy the update, browse the account,
// open the deployed machine and replay its execution. The AWS CLI reads back what landed.
// Screenshots go to e2e/screenshots/ and, for the README, docs/cloud-*.png.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { click, launch, repo, scratch, screenshot, selectNode, startHarness, stopHarness, typeInto, WAIT_MS, waitForCanvas } from './harness.mjs';

const venv = path.join(repo, 'target', 'venv-clients', 'bin');
const SECRET = 'e2e-secret/never+in+the+window';
const KEY_ID = 'AKIAE2ESTEPWISE0CLOUD';
/** @type {import('node:child_process').ChildProcess | null} */
let moto = null;
let endpoint = '';

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

before(async () => {
  assert.ok(existsSync(path.join(venv, 'moto_server')), `moto's server is installed by \`make test-clients\` (${venv})`);
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn(path.join(venv, 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const r = await fetch(`${endpoint}/moto-api/config`, { method: 'POST', body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    assert.ok(Date.now() < deadline, 'moto_server comes up');
    await new Promise((r) => setTimeout(r, 200));
  }
  // The app finds the profile as the AWS CLI would: no credentials in its environment.
  const aws = mkdtempSync(path.join(tmpdir(), 'stepwise-e2e-aws-'));
  writeFileSync(path.join(aws, 'config'), `[profile e2e]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
  writeFileSync(path.join(aws, 'credentials'), `[e2e]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  process.env.AWS_CONFIG_FILE = path.join(aws, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(aws, 'credentials');
  // Nothing but 127.0.0.1: no instance metadata lookups.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  await startHarness({ screen: '1440x900' });
});
after(async () => {
  await stopHarness();
  if (moto?.pid !== undefined && moto.exitCode === null) process.kill(moto.pid, 'SIGTERM');
});

/** The AWS CLI against moto, with the same profile. @param {string[]} args */
function cli(args) {
  const out = execFileSync(path.join(venv, 'aws'), ['--profile', 'e2e', '--endpoint-url', endpoint, '--output', 'json', 'stepfunctions', ...args], {
    env: { ...process.env, AWS_PAGER: '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.trim() === '' ? {} : JSON.parse(out);
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} css @param {string} text */
async function type(driver, css, text) {
  const el = await driver.wait(until.elementLocated(By.css(css)), WAIT_MS, `${css} is shown`);
  await el.clear();
  await el.sendKeys(text);
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} css */
async function text(driver, css) {
  return String(await driver.executeScript('return document.querySelector(arguments[0])?.innerText ?? "";', css));
}

/** @param {import('selenium-webdriver').WebDriver} driver @param {string} css @param {RegExp} re @param {string} what */
async function waitText(driver, css, re, what) {
  await driver.wait(async () => re.test(await text(driver, css)), WAIT_MS, what);
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function nodeStatuses(driver) {
  const pairs = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"state-node\"]')].map((n) => [n.dataset.name, n.dataset.runStatus ?? '']);",
  );
  return Object.fromEntries(/** @type {[string, string][]} */ (pairs));
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function settle(driver) {
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
}

/** @param {Record<string, unknown>} extra */
function hello(extra = {}) {
  return {
    Comment: 'Greets, waits, and says it is done',
    StartAt: 'Greet',
    States: {
      Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}', $.name)" }, Next: 'Pause' },
      Pause: { Type: 'Wait', Seconds: 3, Next: 'Done' },
      Done: { Type: 'Succeed' },
      ...extra,
    },
  };
}

describe('the studio and an AWS account', () => {
  test('connect with a profile, deploy, run and watch live, review and deploy a change, browse, open and replay', async () => {
    const dir = path.join(scratch, 'cloud');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'hello.asl.json');
    writeFileSync(file, `${JSON.stringify(hello(), null, 2)}\n`);
    // The run panel's input, found next to the machine as for a local run.
    mkdirSync(path.join(dir, 'run'));
    writeFileSync(path.join(dir, 'run', 'hello.input.json'), '{"name": "Ada"}\n');
    const driver = await launch([file]);
    try {
      await driver.manage().window().setRect({ width: 1440, height: 900 });
      await waitForCanvas(driver);
      await driver.executeScript("window.localStorage.setItem('stepwise.runSpeed', 'instant');");

      // Connect with the profile alone: its region, endpoint and keys come from the config.
      await click(driver, '[data-testid="toolbar-cloud"]');
      await type(driver, '[data-testid="cloud-profile"]', 'e2e');
      await click(driver, '[data-testid="cloud-connect"]');
      await waitText(driver, '[data-testid="cloud-status"]', /Connected · us-east-1 · endpoint 127\.0\.0\.1:\d+ · profile e2e/, 'connected');
      assert.match(await text(driver, '[data-testid="cloud-machines"]'), /^$/);
      await settle(driver);
      await screenshot(driver, 'cloud-connected.png');

      // Deploy the open file as a new machine.
      await click(driver, '[data-testid="cloud-deploy"]');
      assert.equal(await driver.findElement(By.css('[data-testid="deploy-name"]')).getAttribute('value'), 'hello');
      await type(driver, '[data-testid="deploy-role"]', 'arn:aws:iam::123456789012:role/stepwise-e2e');
      await click(driver, '[data-testid="deploy-publish"]');
      await type(driver, '[data-testid="deploy-alias"]', 'live');
      await click(driver, '[data-testid="deploy-check"]');
      await waitText(driver, '[data-testid="deploy-summary"]', /^Creates hello\.$/, 'the check says it creates hello');
      await settle(driver);
      await screenshot(driver, 'cloud-deploy-create.png');
      await click(driver, '[data-testid="deploy-go"]');
      await waitText(driver, '[data-testid="toast"]', /Created hello, version 1, alias live/, 'deployed');
      await waitText(driver, '[data-testid="cloud-link"]', /linked to hello/, 'the document is linked');
      const arn = cli(['list-state-machines']).stateMachines.find((/** @type {{name: string}} */ m) => m.name === 'hello').stateMachineArn;
      assert.deepEqual(JSON.parse(cli(['describe-state-machine', '--state-machine-arn', arn]).definition), hello());
      const alias = cli(['describe-state-machine-alias', '--state-machine-alias-arn', `${arn}:live`]);
      assert.equal(alias.routingConfiguration[0].stateMachineVersionArn, `${arn}:1`);

      // Run it in the "cloud" with the run panel's input and watch it live.
      await click(driver, '[data-testid="cloud-start"]');
      await driver.wait(async () => (await nodeStatuses(driver)).Pause === 'running', WAIT_MS, 'Pause runs, live on the canvas');
      const live = await nodeStatuses(driver);
      assert.equal(live.Greet, 'succeeded');
      assert.equal(live.Done, 'not-reached');
      await settle(driver);
      await screenshot(driver, 'cloud-live.png');
      copyFileSync(path.join(repo, 'e2e', 'screenshots', 'cloud-live.png'), path.join(repo, 'docs', 'cloud-live.png'));
      await driver.wait(async () => (await nodeStatuses(driver)).Done === 'succeeded', WAIT_MS, 'the execution ends on the canvas');
      const executions = cli(['list-executions', '--state-machine-arn', arn]).executions;
      assert.equal(executions.length, 1);
      assert.equal(executions[0].status, 'SUCCEEDED');
      assert.deepEqual(JSON.parse(cli(['describe-execution', '--execution-arn', executions[0].executionArn]).output), { greeting: 'Hello, Ada' });

      // Change the file outside the app (it reloads), then review the change and deploy it.
      await click(driver, '[data-testid="run-close"]').catch(() => undefined);
      const changed = hello({ Done: { Type: 'Pass', Result: 'done', Next: 'Finished' }, Finished: { Type: 'Succeed' } });
      writeFileSync(file, `${JSON.stringify(changed, null, 2)}\n`);
      await driver.wait(until.elementLocated(By.css('[data-testid="state-node"][data-name="Finished"]')), WAIT_MS, 'the app reloads the changed file');
      await click(driver, '[data-testid="toolbar-cloud"]');
      await click(driver, '[data-testid="cloud-deploy"]');
      await click(driver, '[data-testid="deploy-check"]');
      await waitText(driver, '[data-testid="deploy-summary"]', /^Updates hello: 2 states change\.$/, 'the check says what changes');
      await click(driver, '[data-testid="deploy-go"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="diff-mode"]')), WAIT_MS, 'the visual diff is shown');
      assert.match(await text(driver, '[data-testid="diff-against"]'), /hello \(deployed\)/);
      const kinds = await driver.executeScript("return [...document.querySelectorAll('[data-testid=\"diff-change\"]')].map((r) => `${r.dataset.kind}:${r.dataset.state}`);");
      assert.deepEqual(kinds, ['changed:Done', 'added:Finished']);
      await waitForCanvas(driver);
      await settle(driver);
      await screenshot(driver, 'cloud-review.png');
      copyFileSync(path.join(repo, 'e2e', 'screenshots', 'cloud-review.png'), path.join(repo, 'docs', 'cloud-review.png'));
      await click(driver, '[data-testid="diff-deploy"]');
      await waitText(driver, '[data-testid="toast"]', /Updated hello/, 'the update is deployed');
      assert.deepEqual(JSON.parse(cli(['describe-state-machine', '--state-machine-arn', arn]).definition), changed);

      // Browse the account: search, select, open the deployed machine, replay its execution.
      await click(driver, '[data-testid="toolbar-cloud"]');
      await type(driver, '[data-testid="cloud-search"]', 'hel');
      await click(driver, '[data-testid="cloud-machine"][data-name="hello"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="cloud-execution"][data-status="SUCCEEDED"]')), WAIT_MS, 'its execution is listed');
      assert.match(await text(driver, '[data-testid="cloud-aliases"]'), /live → v1 \(100%\)/);
      await settle(driver);
      await screenshot(driver, 'cloud-browse.png');
      copyFileSync(path.join(repo, 'e2e', 'screenshots', 'cloud-browse.png'), path.join(repo, 'docs', 'cloud-browse.png'));
      await click(driver, '[data-testid="cloud-open-machine"]');
      await driver.wait(async () => (await text(driver, '[data-testid="file-name"]')) === 'hello', WAIT_MS, 'the deployed machine is the document');
      await driver.wait(until.elementLocated(By.css('[data-testid="state-node"][data-name="Finished"]')), WAIT_MS, 'its deployed definition is drawn');
      await click(driver, '[data-testid="toolbar-cloud"]');
      await waitText(driver, '[data-testid="cloud-link"]', /linked to hello/, 'the opened machine is linked');
      await click(driver, '[data-testid="cloud-machine"][data-name="hello"]');
      await click(driver, '[data-testid="cloud-execution"][data-status="SUCCEEDED"] [data-testid="cloud-open-execution"]');
      await driver.wait(async () => (await nodeStatuses(driver)).Pause === 'succeeded', WAIT_MS, 'the execution replays on the canvas');

      // Nothing the window holds carries a credential.
      const page = String(await driver.executeScript('return document.documentElement.outerHTML + JSON.stringify(window.localStorage);'));
      assert.ok(!page.includes(SECRET) && !page.includes(KEY_ID), 'no credential in the window');
    } catch (err) {
      await screenshot(driver, 'cloud-failure.png').catch(() => undefined);
      throw err;
    } finally {
      await driver.quit();
    }
  });

  // moto has no TestState: `stepwise serve` answers it here, as an endpoint the user names.
  test("the inspector runs a state with AWS's TestState next to the local preview", async () => {
    const serve = spawn(path.join(repo, 'target', 'debug', 'stepwise'), ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`stepwise serve printed no ready line: ${out}`)), WAIT_MS);
      serve.stdout?.on('data', (chunk) => {
        out += String(chunk);
        const m = /Starting server on port (\d+)/.exec(out);
        if (m !== null) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${m[1]}`);
        }
      });
    });
    const dir = path.join(scratch, 'teststate');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'hello.asl.json');
    writeFileSync(file, `${JSON.stringify(hello(), null, 2)}\n`);
    const driver = await launch([file]);
    try {
      await driver.manage().window().setRect({ width: 1440, height: 900 });
      await waitForCanvas(driver);
      await click(driver, '[data-testid="toolbar-cloud"]');
      await type(driver, '[data-testid="cloud-profile"]', 'e2e');
      await type(driver, '[data-testid="cloud-endpoint"]', String(url));
      await click(driver, '[data-testid="cloud-connect"]');
      await waitText(driver, '[data-testid="cloud-status"]', /Connected · us-east-1 · endpoint 127\.0\.0\.1:\d+/, 'connected to stepwise serve');
      await click(driver, '[data-testid="cloud-close"]');

      await selectNode(driver, 'Greet');
      await driver.executeScript("document.querySelector('[data-testid=\"preview\"]')?.closest('details')?.setAttribute('open', '');");
      await typeInto(driver, '[data-testid="preview-input"]', '{"name": "Ada"}');
      await click(driver, '[data-testid="preview-run"]');
      await driver.wait(until.elementLocated(By.css('[data-testid="preview-result-view"]')), WAIT_MS, 'the local preview answers');
      await click(driver, '[data-testid="preview-aws-run"]');
      await waitText(driver, '[data-testid="preview-aws-compare"]', /^Same result as AWS\.$/, 'AWS agrees');
      assert.match(await text(driver, '[data-testid="preview-aws-result"]'), /Hello, Ada/);
      await driver.executeScript("document.querySelector('[data-testid=\"preview-aws\"]')?.scrollIntoView({block: 'center'});");
      await settle(driver);
      await screenshot(driver, 'cloud-teststate.png');
    } catch (err) {
      await screenshot(driver, 'cloud-failure.png').catch(() => undefined);
      throw err;
    } finally {
      await driver.quit();
      if (serve.pid !== undefined && serve.exitCode === null) process.kill(serve.pid, 'SIGTERM');
    }
  });
});
