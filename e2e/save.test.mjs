// End-to-end test of saving: a YAML file with comments, quoted strings and a `|` block keeps
// all of them when a state is renamed in the inspector and the file is saved with Ctrl+S;
// only the lines that name the state change, and the file keeps its mode (see harness.mjs).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key } from 'selenium-webdriver';
import { WAIT_MS, launch, repo, scratch, screenshot, startHarness, stopHarness, validate, waitForCanvas } from './harness.mjs';

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

describe('Saving', { timeout: 180_000 }, () => {
  test('a YAML file keeps its comments, quotes, block scalar and mode when a renamed state is saved', async () => {
    const file = path.join(scratch, 'commented-order.asl.yaml');
    copyFileSync(fixture, file);
    chmodSync(file, 0o644);
    const original = readFileSync(file, 'utf8');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Validate Order"]')).click();
      const input = await driver.findElement(By.css('[data-testid="state-name-input"]'));
      await driver.wait(async () => (await input.getAttribute('value')) === 'Validate Order', WAIT_MS, 'the inspector shows the state');
      // Select the old name (as a double-click would), type the new one over it, press Enter.
      await driver.executeScript('arguments[0].focus(); arguments[0].select();', input);
      await input.sendKeys('Check Order', Key.ENTER);
      await driver.wait(async () => (await drawnStates(driver)).includes('Check Order'), WAIT_MS, 'the canvas draws the renamed state');

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
});
