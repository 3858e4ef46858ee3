// End-to-end tests of a new user's first hour in the real window (see harness.mjs): nothing
// loses work, right-clicks show Stepwise's own menus, and adding and connecting states does
// what it says. Each scenario saves a screenshot into e2e/screenshots/.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, Origin, until } from 'selenium-webdriver';
import { center, drag, drawnStates, edgeMiddle, exampleCopy, readJson, waitForState, waitSaved } from './canvas.mjs';
import { WAIT_MS, example, launch, screenshot, startHarness, stopHarness, validate, visibleText, waitForCanvas, countOf } from './harness.mjs';

before(startHarness);
after(stopHarness);

/** @param {import('selenium-webdriver').WebDriver} driver */
function body(driver) {
  return driver.findElement(By.css('body'));
}

/**
 * The state node drawn for `name`.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} name
 */
function stateNode(driver, name) {
  return driver.findElement(By.css(`[data-testid="state-node"][data-name="${name}"]`));
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function isDirty(driver) {
  return (await driver.executeScript('return document.querySelector(\'[data-testid="dirty"]\') !== null;')) === true;
}

/**
 * Makes an unsaved edit: deletes a state from the canvas.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} name
 */
async function deleteState(driver, name) {
  await stateNode(driver, name).click();
  await body(driver).sendKeys(Key.DELETE);
  await waitForState(driver, name, false);
  assert.equal(await isDirty(driver), true, 'the edit is unsaved');
}

/**
 * Waits for the unsaved-changes question and checks what it is about.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} reason
 */
async function unsavedDialog(driver, reason) {
  const dialog = await driver.wait(until.elementLocated(By.css('[data-testid="unsaved-dialog"]')), WAIT_MS, 'the unsaved-changes question');
  await driver.wait(until.elementIsVisible(dialog), WAIT_MS);
  assert.equal(await dialog.getAttribute('data-reason'), reason);
  return dialog;
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function dialogGone(driver) {
  await driver.wait(async () => (await countOf(driver, '[data-testid="unsaved-dialog"]')) === 0, WAIT_MS, 'the question is gone');
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function fileName(driver) {
  return visibleText(driver, await driver.findElement(By.css('[data-testid="file-name"]')));
}

/**
 * Opens the context menu at an element (or a point of the window) with a real right-click.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {import('selenium-webdriver').WebElement | {x: number, y: number}} at
 */
async function rightClick(driver, at) {
  const actions = driver.actions({ async: true });
  if ('x' in at) await actions.move({ x: at.x, y: at.y, origin: Origin.VIEWPORT }).contextClick().perform();
  else await actions.contextClick(at).perform();
  const menu = await driver.wait(until.elementLocated(By.css('[data-testid="context-menu"]')), WAIT_MS, 'the context menu opens');
  await driver.wait(until.elementIsVisible(menu), WAIT_MS);
  return menu;
}

/**
 * The labels of a menu's items, as shown.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} css
 * @returns {Promise<string[]>}
 */
async function menuLabels(driver, css = '[data-testid="context-menu"]') {
  const labels = await driver.executeScript(
    `return [...document.querySelectorAll(arguments[0] + ' > [role="menuitem"] .sw-menu__label')].map((e) => e.textContent);`,
    css,
  );
  return Array.isArray(labels) ? labels.map(String) : [];
}

/**
 * Picks a menu item by its id: with the mouse, or inside a submenu with the keys (the submenu
 * may open on either side, and WebDriver's pointer jumps straight across the menu).
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} id
 * @param {string} [submenu]
 */
async function choose(driver, id, submenu) {
  if (submenu === undefined) {
    const item = await driver.wait(until.elementLocated(By.css(`[data-testid="menu-${id}"]`)), WAIT_MS, `the menu item ${id}`);
    await driver.wait(until.elementIsVisible(item), WAIT_MS);
    await item.click();
  } else {
    const trigger = await driver.findElement(By.css(`[data-testid="menu-${submenu}"]`));
    await trigger.click();
    await driver.wait(until.elementLocated(By.css(`[data-testid="submenu-${submenu}"]`)), WAIT_MS, `the ${submenu} submenu opens`);
    await driver.actions({ async: true }).sendKeys(Key.ARROW_RIGHT).perform();
    const focused = () => driver.executeScript('return document.activeElement?.dataset.testid ?? "";');
    for (let i = 0; i < 40 && (await focused()) !== `menu-${id}`; i++) await driver.actions({ async: true }).sendKeys(Key.ARROW_DOWN).perform();
    assert.equal(await focused(), `menu-${id}`, `the keys reach ${id}`);
    await driver.actions({ async: true }).sendKeys(Key.ENTER).perform();
  }
  await driver.wait(async () => (await countOf(driver, '[data-testid="context-menu"]')) === 0, WAIT_MS, 'the menu closes');
}

/**
 * The edges drawn, as `kind source -> target`.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @returns {Promise<string[]>}
 */
async function drawnEdges(driver) {
  const edges = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"edge\"]')].map((e) => `${e.dataset.kind} ${e.dataset.source} -> ${e.dataset.target}`);",
  );
  return Array.isArray(edges) ? edges.map(String) : [];
}

/**
 * Where a state is on the screen.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} name
 */
async function screenRect(driver, name) {
  return (await stateNode(driver, name)).getRect();
}

describe('never losing work', { timeout: 240_000 }, () => {
  test('Ctrl+N with unsaved edits asks; Cancel keeps them, Don\'t save starts anew and leaves the file', async () => {
    const file = exampleCopy('unsaved-new.asl.json');
    const bytes = readFileSync(file);
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await deleteState(driver, 'Save Order');
      await body(driver).sendKeys(Key.chord(Key.CONTROL, 'n'));
      const dialog = await unsavedDialog(driver, 'new');
      assert.match(await visibleText(driver, dialog), /Save changes to unsaved-new\.asl\.json\?/);
      await screenshot(driver, 'unsaved-new.png');
      // Delete while asked must not reach the canvas behind the question.
      await driver.findElement(By.css('[data-testid="unsaved-cancel"]')).sendKeys(Key.DELETE);
      await driver.findElement(By.css('[data-testid="unsaved-cancel"]')).click();
      await dialogGone(driver);
      assert.equal(await fileName(driver), 'unsaved-new.asl.json');
      assert.equal(await isDirty(driver), true, 'the edits are still there');
      assert.equal((await drawnStates(driver)).includes('Save Order'), false);

      await body(driver).sendKeys(Key.chord(Key.CONTROL, 'n'));
      await unsavedDialog(driver, 'new');
      await driver.findElement(By.css('[data-testid="unsaved-discard"]')).click();
      await dialogGone(driver);
      await driver.wait(async () => (await fileName(driver)) === 'Untitled.asl.json', WAIT_MS, 'a new document');
      // A new document has nothing unsaved until it is edited.
      assert.equal(await isDirty(driver), false);
      assert.deepEqual(readFileSync(file), bytes, 'the file on disk is as it was');
      // Nothing to lose now: Ctrl+N asks nothing.
      await body(driver).sendKeys(Key.chord(Key.CONTROL, 'n'));
      await driver.sleep(500);
      assert.equal(await countOf(driver, '[data-testid="unsaved-dialog"]'), 0);
    } finally {
      await driver.quit();
    }
  });

  test('opening a recent file with unsaved edits: Save writes them first', async () => {
    const other = exampleCopy('recent-other.asl.json', path.join(path.dirname(example), 'polling-loop.asl.json'));
    const file = exampleCopy('unsaved-open.asl.json');
    // Open the other file once, so it is a recent file.
    let driver = await launch([other]);
    await waitForCanvas(driver);
    await driver.quit();
    driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await deleteState(driver, 'Save Order');
      await driver.findElement(By.css('[data-testid="toolbar-open-menu"]')).click();
      const item = await driver.wait(until.elementLocated(By.xpath("//*[@role='menuitem'][contains(., 'recent-other.asl.json')]")), WAIT_MS);
      await item.click();
      await unsavedDialog(driver, 'open');
      await driver.findElement(By.css('[data-testid="unsaved-save"]')).click();
      await driver.wait(async () => (await fileName(driver)) === 'recent-other.asl.json', WAIT_MS, 'the recent file opens');
      validate(file);
      assert.equal(readJson(file).States['Save Order'], undefined, 'the edit was saved before the other file opened');
    } finally {
      await driver.quit();
    }
  });

  test('closing the window with unsaved edits asks; Cancel stays, Save saves and closes', async () => {
    const file = exampleCopy('unsaved-close.asl.json');
    const driver = await launch([file]);
    let closed = false;
    try {
      await waitForCanvas(driver);
      await deleteState(driver, 'Send Confirmation');
      // Ctrl+Q closes the window as its close button does.
      await body(driver).sendKeys(Key.chord(Key.CONTROL, 'q'));
      await unsavedDialog(driver, 'close');
      await screenshot(driver, 'unsaved-close.png');
      await driver.findElement(By.css('[data-testid="unsaved-cancel"]')).click();
      await dialogGone(driver);
      assert.equal(await fileName(driver), 'unsaved-close.asl.json');

      await body(driver).sendKeys(Key.chord(Key.CONTROL, 'q'));
      await unsavedDialog(driver, 'close');
      await driver.findElement(By.css('[data-testid="unsaved-save"]')).click();
      await driver.wait(
        async () => {
          try {
            await driver.getTitle();
            return false;
          } catch {
            return true;
          }
        },
        WAIT_MS,
        'the window closes',
      );
      closed = true;
      validate(file);
      assert.equal(readJson(file).States['Send Confirmation'], undefined, 'saved before closing');
    } finally {
      try {
        await driver.quit();
      } catch (err) {
        if (!closed) throw err;
      }
    }
  });

  test('reload and navigation keys never reload the page', async () => {
    const driver = await launch([]);
    try {
      await driver.wait(until.elementLocated(By.css('[data-testid="empty-state"]')), WAIT_MS);
      await driver.executeScript('window.__stepwiseMark = 42;');
      for (const keys of [Key.F5, Key.chord(Key.CONTROL, 'r'), Key.chord(Key.CONTROL, Key.SHIFT, 'r'), Key.chord(Key.ALT, Key.ARROW_LEFT)]) {
        await body(driver).sendKeys(keys);
        await driver.sleep(400);
        assert.equal(await driver.executeScript('return window.__stepwiseMark ?? null;'), 42, 'the page was not reloaded');
      }
    } finally {
      await driver.quit();
    }
  });
});

describe("Stepwise's own context menus", { timeout: 240_000 }, () => {
  test('a state, an edge, the canvas and a panel each get their menu, and each item does what it says', async () => {
    const file = exampleCopy('menus.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      // A state: its own actions.
      const menu = await rightClick(driver, await stateNode(driver, 'Charge Payment'));
      assert.deepEqual(await menuLabels(driver), ['Rename…', 'Duplicate', 'Copy', 'Add Catch', 'Set breakpoint', 'Run from here', 'Delete']);
      assert.equal(await menu.getAttribute('aria-label'), 'State Charge Payment');
      await choose(driver, 'add-catch-fail', 'add-catch');
      await waitForState(driver, 'Charge Payment failed');
      assert.ok((await drawnEdges(driver)).includes('catch /States/Charge Payment -> /States/Charge Payment failed'));

      await rightClick(driver, await stateNode(driver, 'Save Order'));
      await screenshot(driver, 'context-menu.png');
      await choose(driver, 'duplicate');
      await waitForState(driver, 'Save Order copy');

      // Rename puts the name up for editing.
      await rightClick(driver, await stateNode(driver, 'Save Order copy'));
      await choose(driver, 'rename');
      await driver.wait(async () => (await driver.switchTo().activeElement().getAttribute('data-testid')) === 'state-name-input', WAIT_MS, 'the name field has the focus');
      // The old name is selected: typing replaces it. (Lower case: WebKitWebDriver's key
      // actions can lose the Shift of capitals; a real keyboard does not, see F2 by hand.)
      await driver.actions({ async: true }).sendKeys('archived order', Key.ENTER).perform();
      await waitForState(driver, 'archived order');

      // An edge: insert a state on it.
      const middle = await edgeMiddle(driver, '/States/Reserve Inventory', 'next');
      await rightClick(driver, middle);
      assert.deepEqual(await menuLabels(driver), ['Insert a state here', 'Remove this transition', 'Select Reserve Inventory', 'Select Charge Payment']);
      await choose(driver, 'insert-wait', 'insert');
      await waitForState(driver, 'Wait');
      assert.ok((await drawnEdges(driver)).includes('next /States/Wait -> /States/Charge Payment'));

      // The canvas: add a state where the pointer is. Opened at the canvas's bottom-right
      // corner, the menu still fits inside the window.
      const canvas = await driver.findElement(By.css('[data-testid="canvas"]')).getRect();
      await rightClick(driver, { x: Math.round(canvas.x + canvas.width - 10), y: Math.round(canvas.y + canvas.height - 10) });
      assert.deepEqual(await menuLabels(driver), ['Paste', 'Add a state', 'Select all', 'Find a state…', 'Fit to view', 'Auto-layout']);
      const inner = await driver.executeScript('return [window.innerWidth, window.innerHeight];');
      const [width, height] = /** @type {number[]} */ (inner);
      const rect = await driver.findElement(By.css('[data-testid="context-menu"]')).getRect();
      assert.ok(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= (width ?? 0) && rect.y + rect.height <= (height ?? 0), `the menu fits: ${JSON.stringify(rect)}`);
      await choose(driver, 'add-succeed', 'add-state');
      await waitForState(driver, 'Success');

      // A panel: Stepwise's menu, not the webview's; a text field keeps the webview's editing menu.
      const problems = await driver.findElement(By.css('[data-testid="problems-toggle"]'));
      await rightClick(driver, problems);
      const labels = await menuLabels(driver);
      assert.deepEqual(labels.slice(0, 2), ['Fold the bottom panel', 'Copy']);
      assert.ok(labels.some((l) => l.startsWith('Undo Add Success')), `undo names the last edit: ${labels}`);
      await choose(driver, 'undo');
      await waitForState(driver, 'Success', false);
      const prevented = await driver.executeScript(
        `const field = document.querySelector('[data-testid="state-name-input"], input, textarea');
         const panel = document.querySelector('[data-testid="palette"]');
         const fire = (el) => !el.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 5, clientY: 5 }));
         return [fire(panel), fire(field)];`,
      );
      assert.deepEqual(prevented, [true, false], 'panels get our menu; text fields their own');
      await body(driver).sendKeys(Key.ESCAPE);

      await body(driver).sendKeys(Key.chord(Key.CONTROL, 's'));
      await waitSaved(driver);
      const saved = readJson(file);
      assert.equal(saved.States['Reserve Inventory'].Next, 'Wait');
      assert.deepEqual(saved.States['Charge Payment failed'], { Type: 'Fail', Error: 'WorkflowFailed', Cause: 'The workflow could not complete.' });
      assert.ok(saved.States['archived order'] !== undefined && saved.States['Save Order copy'] === undefined);
    } finally {
      await driver.quit();
    }
  });
});

describe('adding and connecting states', { timeout: 240_000 }, () => {
  test('a palette click after a Choice adds a rule, keeps the Default, and keeps the view still', async () => {
    const file = exampleCopy('palette-choice.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await stateNode(driver, 'Is Order Valid?').click();
      const before = await screenRect(driver, 'Is Order Valid?');
      await driver.findElement(By.css('[data-palette-item="pass"]')).click();
      await waitForState(driver, 'Pass');
      const edges = await drawnEdges(driver);
      assert.ok(edges.includes('choice /States/Is Order Valid? -> /States/Pass'), `a new rule leads to Pass: ${edges}`);
      assert.ok(edges.includes('default /States/Is Order Valid? -> /States/Reject Order'), 'the Default is kept');
      // The new state is selected and in view; the Choice did not move on the screen.
      const selected = await driver.executeScript("return [...document.querySelectorAll('.react-flow__node.selected')].map((n) => n.dataset.id);");
      assert.deepEqual(selected, ['/States/Pass']);
      const after = await screenRect(driver, 'Is Order Valid?');
      assert.ok(Math.abs(after.x - before.x) <= 2 && Math.abs(after.y - before.y) <= 2, `the Choice stays put: ${JSON.stringify([before, after])}`);
      const canvas = await driver.findElement(By.css('[data-testid="canvas"]')).getRect();
      const added = await screenRect(driver, 'Pass');
      assert.ok(added.x >= canvas.x && added.y >= canvas.y && added.x + added.width <= canvas.x + canvas.width && added.y + added.height <= canvas.y + canvas.height, 'the new state is in view');
      await screenshot(driver, 'palette-after-choice.png');

      await body(driver).sendKeys(Key.chord(Key.CONTROL, 's'));
      await waitSaved(driver);
      const choice = readJson(file).States['Is Order Valid?'];
      assert.equal(choice.Default, 'Reject Order');
      assert.deepEqual(choice.Choices[choice.Choices.length - 1], { Variable: '$', IsPresent: true, Next: 'Pass' });
    } finally {
      await driver.quit();
    }
  });

  test('a new Choice has no rule leading nowhere; dragging from it adds one', async () => {
    const file = exampleCopy('new-choice.asl.json');
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      await body(driver).sendKeys(Key.ESCAPE);
      await driver.findElement(By.css('[data-palette-item="choice"]')).click();
      await waitForState(driver, 'Choice');
      const problem = await driver.wait(until.elementLocated(By.css('.problem[data-pointer="/States/Choice/Choices"]')), WAIT_MS, 'the Problems panel asks for a rule');
      assert.match(await visibleText(driver, problem), /at least one rule/);
      const handle = await driver.findElement(By.css('.react-flow__node[data-id="/States/Choice"] .sw-handle--next'));
      await driver.actions({ async: true }).move({ origin: await stateNode(driver, 'Choice') }).perform();
      await drag(driver, center(await handle.getRect()), center(await screenRect(driver, 'Order Complete')));
      await driver.wait(
        async () => (await drawnEdges(driver)).includes('choice /States/Choice -> /States/Order Complete'),
        WAIT_MS,
        'the drag made a rule, not a Default',
      );
      await driver.wait(async () => (await countOf(driver, '.problem[data-pointer="/States/Choice/Choices"]')) === 0, WAIT_MS, 'the rule satisfies the validator');
      await screenshot(driver, 'new-choice-rule.png');
    } finally {
      await driver.quit();
    }
  });

  test('a state dragged into a Parallel branch moves there, and out again', async () => {
    const file = exampleCopy('move-into.asl.json', path.join(path.dirname(example), 'parallel-fanout.asl.json'));
    const driver = await launch([file]);
    try {
      await waitForCanvas(driver);
      // A loose Pass at the top level, then into the second branch.
      await body(driver).sendKeys(Key.ESCAPE);
      await driver.findElement(By.css('[data-palette-item="pass"]')).click();
      await waitForState(driver, 'Pass');
      await driver.findElement(By.css('[data-testid="canvas-fit"]')).click();
      await waitForCanvas(driver);
      const lane = await driver.executeScript(
        `const node = document.querySelector('.react-flow__node[data-id="/States/Enrich Customer"]');
         const lane = node.querySelector('[data-testid="lane"][data-scope="/States/Enrich Customer/Branches/1"]');
         const r = lane.getBoundingClientRect();
         return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height - 12) };`,
      );
      const from = center(await screenRect(driver, 'Pass'));
      await drag(driver, from, /** @type {{x: number, y: number}} */ (lane));
      await driver.wait(
        async () => (await countOf(driver, '[data-testid="state-node"][data-pointer="/States/Enrich Customer/Branches/1/States/Pass"]')) === 1,
        WAIT_MS,
        'Pass is now in branch 2',
      );
      await screenshot(driver, 'moved-into-branch.png');
      await body(driver).sendKeys(Key.chord(Key.CONTROL, 's'));
      await waitSaved(driver);
      const saved = readJson(file);
      assert.equal(saved.States.Pass, undefined);
      // Moved as it was: unconnected in its new branch (the validator says so until it is wired).
      assert.deepEqual(saved.States['Enrich Customer'].Branches[1].States.Pass, { Type: 'Pass', End: true });
    } finally {
      await driver.quit();
    }
  });
});
