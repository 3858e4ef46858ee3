// End-to-end test of saving: a YAML file with comments, quoted strings and a `|` block keeps
// all of them when a state is renamed in the inspector and the file is saved with Ctrl+S;
// only the lines that name the state change, and the file keeps its mode (see harness.mjs).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { WAIT_MS, launch, repo, scratch, screenshot, startHarness, stopHarness, validate, visibleText, waitForCanvas, countOf } from './harness.mjs';

before(startHarness);
after(stopHarness);

const fixture = path.join(repo, 'e2e', 'fixtures', 'commented-order.asl.yaml');

/**
 * The unified diff of two files (`diff -u`), with stable labels.
 * @param {string} a
 * @param {string} b
 */
function unifiedDiff(a, b) {
  const run = spawnSync('diff', ['-u', '--label', 'before/commented-order.asl.yaml', '--label', 'after/commented-order.asl.yaml', a, b], {
    encoding: 'utf8',
  });
  assert.ok(run.status === 0 || run.status === 1, `diff failed: ${run.stderr}`);
  return run.stdout;
}

/**
 * The names of the states drawn on the canvas.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function drawnStates(driver) {
  const names = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"state-node\"]')].map((n) => n.dataset.name);",
  );
  return Array.isArray(names) ? names.map(String) : [];
}

/**
 * Renames a state in the inspector and waits until the canvas draws the new name.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} from
 * @param {string} to
 */
async function renameState(driver, from, to) {
  await driver.findElement(By.css(`[data-testid="state-node"][data-name="${from}"]`)).click();
  const input = await driver.findElement(By.css('[data-testid="state-name-input"]'));
  await driver.wait(async () => (await input.getAttribute('value')) === from, WAIT_MS, 'the inspector shows the state');
  // Select the old name (as a double-click would), type the new one over it, press Enter.
  await driver.executeScript('arguments[0].focus(); arguments[0].select();', input);
  await input.sendKeys(to, Key.ENTER);
  await driver.wait(async () => (await drawnStates(driver)).includes(to), WAIT_MS, 'the canvas draws the renamed state');
}

/**
 * The PIDs of the app processes this harness started: the ones whose data folder is the
 * scratch folder's (see `startHarness`), so no other Stepwise on the machine is touched.
 */
function appPids() {
  const dataHome = `XDG_DATA_HOME=${path.join(scratch, 'data')}`;
  /** @type {number[]} */
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const exe = readlinkSync(`/proc/${entry}/exe`);
      const env = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (path.basename(exe) === 'stepwise-app' && env.includes(dataHome)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/**
 * Waits for two animation frames: what the DOM holds now is painted before a screenshot.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function waitForPaint(driver) {
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));');
}

describe('Saving', { timeout: 180_000 }, () => {
  test('a YAML file keeps its comments, quotes, block scalar and mode when a renamed state is saved', async () => {
    const file = path.join(scratch, 'commented-order.asl.yaml');
    copyFileSync(fixture, file);
    chmodSync(file, 0o644);
    const original = readFileSync(file, 'utf8');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await renameState(driver, 'Validate Order', 'Check Order');

      await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.CONTROL, 's'));
      await driver.wait(
        async () => (await driver.executeScript('return document.querySelector(\'[data-testid="dirty"]\') === null;')) === true,
        WAIT_MS,
        'the document is saved',
      );
      await screenshot(driver, 'yaml-save.png');
    } finally {
      await driver.quit();
    }

    const saved = readFileSync(file, 'utf8');
    validate(file);
    const diff = unifiedDiff(fixture, file);
    mkdirSync(path.join(repo, 'e2e', 'screenshots'), { recursive: true });
    writeFileSync(path.join(repo, 'e2e', 'screenshots', 'yaml-save.diff'), diff);

    // Every comment line is still there.
    const comments = (/** @type {string} */ text) => text.split('\n').filter((l) => l.trim().startsWith('#'));
    assert.deepEqual(comments(saved), comments(original));
    for (const trailing of ['Default: Reject   # invalid orders end here']) assert.ok(saved.includes(trailing), trailing);
    // The block scalar is still a block scalar, the quoted strings keep their quotes.
    assert.ok(
      saved.includes('Comment: |\n  Validates an order, charges the customer and records the result.\n  Payment failures'),
      saved,
    );
    assert.ok(saved.includes('FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:validate-order"'));
    assert.ok(saved.includes("FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:charge-card'"));
    assert.ok(saved.includes('Error: "Order.Invalid"'));
    // The key and every reference to it changed.
    assert.ok(saved.includes('\n  Check Order:\n'), 'the renamed key');
    assert.ok(saved.includes('StartAt: Check Order\n'), 'StartAt follows');
    assert.ok(saved.includes('        Next: Check Order\n'), 'the catcher follows');
    assert.ok(!saved.includes('Validate Order'), 'no old name is left');
    // Only those lines changed: every removed line named the state, every added line names it anew.
    const changed = diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
    const removed = changed.filter((l) => l.startsWith('-'));
    const added = changed.filter((l) => l.startsWith('+'));
    assert.equal(removed.length, 3, diff);
    assert.equal(added.length, 3, diff);
    assert.ok(removed.every((l) => l.includes('Validate Order')), diff);
    assert.ok(added.every((l) => l.includes('Check Order')), diff);
    assert.equal(saved.split('\n').length, original.split('\n').length);
    // The file keeps its mode.
    assert.equal(statSync(file).mode & 0o777, 0o644);
  });

  test('edits survive a killed app: the next start offers them back and restores them unsaved', async () => {
    const file = path.join(scratch, 'crash-order.asl.json');
    copyFileSync(path.join(repo, 'examples', 'order-processing.asl.json'), file);
    const original = readFileSync(file, 'utf8');
    const recoveryDir = path.join(scratch, 'data', 'dev.stepwise.app', 'recovery');
    const first = await launch([file]);
    try {
      await waitForCanvas(first);
      await renameState(first, 'Charge Payment', 'Charge Card');
      // The recovery file is at most a second or two behind the edit.
      await first.wait(
        async () => existsSync(recoveryDir) && readdirSync(recoveryDir).some((f) => readFileSync(path.join(recoveryDir, f), 'utf8').includes('Charge Card')),
        WAIT_MS,
        'the unsaved edit reaches a recovery file',
      );
      const pids = appPids();
      assert.equal(pids.length, 1, `one app process of this test: ${pids.join(', ')}`);
      // As a crash would: no chance to ask, save or clean up.
      process.kill(/** @type {number} */ (pids[0]), 'SIGKILL');
      await first.wait(async () => appPids().length === 0, WAIT_MS, 'the app is gone');
    } finally {
      // The session's app is dead: end the session without waiting on it for long.
      await Promise.race([first.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    assert.equal(readFileSync(file, 'utf8'), original, 'nothing was saved to the file');

    const second = await launch([]);
    try {
      const row = await second.wait(
        until.elementLocated(By.css('[data-testid="recovered-document"][data-file="crash-order.asl.json"]')),
        WAIT_MS,
        'the next start offers the edits back',
      );
      await second.wait(until.elementIsVisible(row), WAIT_MS, 'the offer is shown');
      await waitForPaint(second);
      await screenshot(second, 'recovery-offer.png');
      await row.findElement(By.css('[data-testid="recovery-restore"]')).click();
      await waitForCanvas(second);
      await second.wait(async () => (await drawnStates(second)).includes('Charge Card'), WAIT_MS, 'the restored edit is drawn');
      assert.ok(!(await drawnStates(second)).includes('Charge Payment'));
      // Restored, not saved: the document is marked unsaved, the file on disk is untouched.
      await second.findElement(By.css('[data-testid="dirty"]'));
      assert.equal(await visibleText(second, await second.findElement(By.css('[data-testid="file-name"]'))), 'crash-order.asl.json');
      assert.equal(readFileSync(file, 'utf8'), original);
      assert.equal(await countOf(second, '[data-testid="recovery-banner"]'), 0);
    } finally {
      await second.quit();
    }
  });
});
