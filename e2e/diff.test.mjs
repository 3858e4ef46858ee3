// End-to-end test of compare mode: the order example in a fresh git repository, changed on
// disk since the commit (a state removed, one added, one renamed) and in the inspector (not
// saved); compared with HEAD, the canvas marks each change (data-diff), the change list steps
// through them and the side-by-side panel shows the state in both versions; compared with the
// last saved file, only the inspector's edit is left. Compare mode follows the document: undo
// and redo (Ctrl+Z, Ctrl+Y) and a reload after an edit in another editor ask for the comparison
// again. The screenshot is the README's.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { WAIT_MS, example, launch, repo, scratch, screenshot, startHarness, stopHarness, waitForCanvas, countOf, git } from './harness.mjs';

before(startHarness);
after(stopHarness);

/** The order example committed, then changed in the working tree: Send Confirmation removed,
 * Audit Order added in its place, Order Complete renamed Done. */
function changedRepo() {
  const dir = path.join(scratch, 'diff-repo');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'order.asl.json');
  const machine = JSON.parse(readFileSync(example, 'utf8'));
  writeFileSync(file, JSON.stringify(machine, null, 2) + '\n');
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'as in the example']);
  const s = machine.States;
  delete s['Send Confirmation'];
  s['Save Order'].Next = 'Audit Order';
  s['Audit Order'] = { Type: 'Pass', Comment: 'Records the order for the auditors.', Next: 'Done' };
  s.Done = s['Order Complete'];
  delete s['Order Complete'];
  writeFileSync(file, JSON.stringify(machine, null, 2) + '\n');
  return file;
}

/**
 * @param {import('selenium-webdriver').WebDriver} driver
 * @returns {Promise<string[]>} "kind state" per row of the change list
 */
async function changeList(driver) {
  return /** @type {string[]} */ (
    await driver.executeScript(
      "return [...document.querySelectorAll('[data-testid=\"diff-change\"]')].map((r) => r.dataset.kind + ' ' + r.dataset.state);",
    )
  );
}

/**
 * Waits until the change list (sorted) is `expected`.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string[]} expected sorted "kind state" rows
 * @param {string} why
 */
async function waitForList(driver, expected, why) {
  let last = /** @type {string[]} */ ([]);
  try {
    await driver.wait(async () => {
      last = (await changeList(driver)).sort();
      return JSON.stringify(last) === JSON.stringify(expected);
    }, WAIT_MS);
  } catch {
    assert.fail(`${why}: the list is ${JSON.stringify(last)}, not ${JSON.stringify(expected)}`);
  }
}

/**
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {{kind: 'saved'} | {kind: 'revision', rev: string}} what
 */
async function compareWith(driver, what) {
  await driver.findElement(By.css('[data-testid="toolbar-compare"]')).click();
  const dialog = await driver.wait(until.elementLocated(By.css('[data-testid="compare-dialog"]')), WAIT_MS, 'the Compare dialog opens');
  await dialog.findElement(By.css(`[data-testid="compare-${what.kind}"]`)).click();
  if (what.kind === 'revision') {
    const rev = await dialog.findElement(By.css('[data-testid="compare-rev"]'));
    await driver.executeScript('arguments[0].select();', rev);
    await rev.sendKeys(what.rev);
  }
  await dialog.findElement(By.css('[data-testid="compare-go"]')).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="diff-mode"]')), WAIT_MS, 'compare mode opens');
  await waitForCanvas(driver);
}

/**
 * @param {import('selenium-webdriver').WebDriver} driver
 * @returns {Promise<Record<string, string>>} state name -> data-diff, for the marked nodes
 */
async function nodeMarks(driver) {
  return /** @type {Record<string, string>} */ (
    await driver.executeScript(
      "return Object.fromEntries([...document.querySelectorAll('[data-testid=\"state-node\"][data-diff]')].map((n) => [n.dataset.name, n.dataset.diff]));",
    )
  );
}

describe('Compare mode', { timeout: 240_000 }, () => {
  test('an edited machine compared with HEAD and with the last saved file', async () => {
    const file = changedRepo();
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      // An edit in the inspector, not saved: Charge Payment's timeout.
      await driver.findElement(By.css('[data-testid="state-node"][data-name="Charge Payment"]')).click();
      const timeout = await driver.wait(until.elementLocated(By.css('[data-testid="inspector"] input[data-field="TimeoutSeconds"]')), WAIT_MS, 'the inspector shows the timeout');
      await driver.executeScript('arguments[0].focus(); arguments[0].select();', timeout);
      await timeout.sendKeys('45', Key.ENTER);
      await driver.wait(until.elementLocated(By.css('[data-testid="dirty"]')), WAIT_MS, 'the edit made the document unsaved');

      await compareWith(driver, { kind: 'revision', rev: 'HEAD' });
      const against = await driver.findElement(By.css('[data-testid="diff-against"]')).getText();
      assert.equal(against, 'HEAD:order.asl.json');
      assert.deepEqual((await changeList(driver)).sort(), [
        'added Audit Order',
        'changed Charge Payment',
        'changed Save Order',
        'removed Send Confirmation',
        'renamed Done',
      ]);
      // The canvas: added green, changed amber, renamed marked, the removed state a ghost.
      assert.deepEqual(await nodeMarks(driver), {
        'Audit Order': 'added',
        'Charge Payment': 'changed',
        'Save Order': 'changed',
        'Send Confirmation': 'removed',
        Done: 'renamed',
      });
      const colours = /** @type {{added: string, changed: string, removed: string}} */ (
        await driver.executeScript(`
          const of = (name) => getComputedStyle(document.querySelector('[data-testid="state-node"][data-name="' + name + '"]'));
          return { added: of('Audit Order').boxShadow, changed: of('Charge Payment').boxShadow, removed: of('Send Confirmation').borderTopStyle };`)
      );
      assert.match(colours.added, /rgb\(22, 163, 74\)/, 'added states are ringed green');
      assert.match(colours.changed, /rgb\(217, 119, 6\)/, 'changed states are ringed amber');
      assert.equal(colours.removed, 'dashed', 'a removed state is a dashed ghost');
      const edgeMarks = /** @type {string[]} */ (
        await driver.executeScript("return [...document.querySelectorAll('[data-testid=\"edge\"][data-diff]')].map((e) => e.dataset.diff).sort();")
      );
      assert.ok(edgeMarks.includes('added'), `an added transition is marked: ${edgeMarks}`);
      assert.ok(edgeMarks.includes('removed'), `the ghost's transitions are marked removed: ${edgeMarks}`);

      // Stepping: the first change is selected; Next moves down the list, Previous back.
      const current = async () =>
        String(await driver.executeScript("return document.querySelector('[data-testid=\"diff-change\"][aria-current=\"true\"]')?.dataset.state ?? '';"));
      const rows = (await changeList(driver)).map((r) => r.split(' ').slice(1).join(' '));
      assert.equal(await current(), rows[0]);
      await driver.findElement(By.css('[data-testid="diff-next"]')).click();
      assert.equal(await current(), rows[1]);
      await driver.findElement(By.css('[data-testid="diff-previous"]')).click();
      await driver.findElement(By.css('[data-testid="diff-previous"]')).click();
      assert.equal(await current(), rows.at(-1), 'Previous from the first wraps to the last');

      // Clicking a change selects its state on the canvas; the panel shows both versions.
      await driver.findElement(By.css('[data-testid="diff-change"][data-state="Charge Payment"]')).click();
      await driver.wait(until.elementLocated(By.css('[data-testid="state-node"][data-name="Charge Payment"].is-selected')), WAIT_MS, 'the state is selected');
      const changedLines = /** @type {string[][]} */ (
        await driver.executeScript(
          "return ['diff-before', 'diff-after'].map((id) => [...document.querySelectorAll('[data-testid=\"' + id + '\"] [data-changed]')].map((l) => l.textContent.trim()));",
        )
      );
      assert.deepEqual(changedLines, [['"TimeoutSeconds": 30,'], ['"TimeoutSeconds": 45,']]);
      // Both columns fit in the window (1200×760 on a 1280×800 screen) and nothing in them
      // is cut: long values wrap inside their own column.
      const fit = /** @type {{window: number, inspector: [number, number], sides: [[number, number], [number, number]], overflow: string[]}} */ (
        await driver.executeScript(`
          const box = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; };
          const sides = ['diff-before', 'diff-after'].map((id) => document.querySelector('[data-testid="' + id + '"]'));
          return {
            window: document.documentElement.clientWidth,
            inspector: box(document.querySelector('[data-testid="diff-inspector"]')),
            sides: sides.map(box),
            overflow: [...document.querySelectorAll('.diff-inspector pre, .diff-inspector .diff-side')]
              .filter((el) => el.scrollWidth > el.clientWidth + 1)
              .map((el) => el.className + ' ' + el.scrollWidth + '>' + el.clientWidth),
          };`)
      );
      const [before, after] = fit.sides;
      assert.ok(fit.inspector[1] <= fit.window, `the inspector ends inside the window: ${JSON.stringify(fit)}`);
      assert.ok(before[0] >= fit.inspector[0] && before[1] <= after[0] && after[1] <= fit.inspector[1], `Before, then After, inside the inspector: ${JSON.stringify(fit)}`);
      assert.ok(after[1] - after[0] >= 150 && before[1] - before[0] >= 150, `each column has room: ${JSON.stringify(fit)}`);
      assert.deepEqual(fit.overflow, [], 'no column scrolls sideways: its lines wrap');
      await screenshot(driver, 'diff-head.png');
      mkdirSync(path.join(repo, 'docs'), { recursive: true });
      writeFileSync(path.join(repo, 'docs', 'diff-canvas.png'), Buffer.from(await driver.takeScreenshot(), 'base64'));

      // Escape leaves compare mode; against the last saved file only the edit is left.
      await driver.findElement(By.css('body')).sendKeys(Key.ESCAPE);
      await driver.wait(async () => (await countOf(driver, '[data-testid="diff-mode"]')) === 0, WAIT_MS, 'Escape closes compare mode');
      await compareWith(driver, { kind: 'saved' });
      assert.deepEqual(await changeList(driver), ['changed Charge Payment']);
      assert.equal(await driver.findElement(By.css('[data-testid="diff-against"]')).getText(), 'last saved');

      // Compare mode follows the document: undo takes the edit back out of the list, redo
      // brings it back, and undo again leaves the document as saved.
      const body = driver.findElement(By.css('body'));
      await body.sendKeys(Key.chord(Key.CONTROL, 'z'));
      await waitForList(driver, [], 'Ctrl+Z in compare mode: the undone edit leaves the list');
      assert.equal(await driver.findElement(By.css('[data-testid="diff-count"]')).getText(), 'No state changed');
      await body.sendKeys(Key.chord(Key.CONTROL, 'y'));
      await waitForList(driver, ['changed Charge Payment'], 'Ctrl+Y in compare mode: the edit is back in the list');
      await body.sendKeys(Key.chord(Key.CONTROL, 'z'));
      await waitForList(driver, [], 'undone again');
      await driver.findElement(By.css('[data-testid="diff-close"]')).click();
      await driver.wait(until.elementLocated(By.css('[data-testid="inspector"]')), WAIT_MS, 'back to the document');

      // Against HEAD, an edit made in another editor reloads the document and appears in the
      // list (with its fields side by side); Ctrl+Z undoes the reload and it is gone again.
      await compareWith(driver, { kind: 'revision', rev: 'HEAD' });
      const onDisk = ['added Audit Order', 'changed Save Order', 'removed Send Confirmation', 'renamed Done'];
      assert.deepEqual((await changeList(driver)).sort(), onDisk);
      const machine = JSON.parse(readFileSync(file, 'utf8'));
      machine.States['Validate Order'].Comment = 'Edited in another editor while comparing.';
      writeFileSync(file, JSON.stringify(machine, null, 2) + '\n');
      await waitForList(driver, [...onDisk, 'changed Validate Order'].sort(), 'the outside edit appears in the list');
      await driver.findElement(By.css('[data-testid="diff-change"][data-state="Validate Order"]')).click();
      await driver.wait(
        async () => String(await driver.executeScript("return document.querySelector('[data-testid=\"diff-after\"] [data-changed]')?.textContent ?? '';")).includes('Edited in another editor'),
        WAIT_MS,
        'the After column shows the new comment',
      );
      await screenshot(driver, 'diff-refreshed.png');
      await body.sendKeys(Key.chord(Key.CONTROL, 'z'));
      await waitForList(driver, onDisk, 'Ctrl+Z undoes the reload: its change leaves the list');
      await driver.findElement(By.css('[data-testid="diff-close"]')).click();
      await driver.wait(until.elementLocated(By.css('[data-testid="inspector"]')), WAIT_MS, 'back to the document');
    } finally {
      await driver.quit();
    }
  });
});
