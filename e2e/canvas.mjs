// Helpers the end-to-end tests share to drive the canvas and read what it drew.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Origin } from 'selenium-webdriver';
import { WAIT_MS, example, scratch } from './harness.mjs';

/**
 * A copy of an example (the order-processing one unless `from` names another) in the scratch
 * folder, so a test can save over it.
 * @param {string} name
 * @param {string} [from]
 */
export function exampleCopy(name, from = example) {
  const file = path.join(scratch, name);
  copyFileSync(from, file);
  return file;
}

/** @param {string} file */
export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The names of the states drawn on the canvas.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @returns {Promise<string[]>}
 */
export async function drawnStates(driver) {
  const names = await driver.executeScript(
    "return [...document.querySelectorAll('[data-testid=\"state-node\"]')].map((n) => n.dataset.name);",
  );
  return Array.isArray(names) ? names.map(String) : [];
}

/**
 * Waits until the canvas draws a state named `name` (or, with `present` false, none).
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string | RegExp} name
 */
export async function waitForState(driver, name, present = true) {
  await driver.wait(
    async () => {
      const names = await drawnStates(driver);
      const found = names.some((n) => (typeof name === 'string' ? n === name : name.test(n)));
      return found === present;
    },
    WAIT_MS,
    `the canvas ${present ? 'draws' : 'no longer draws'} ${String(name)}`,
  );
}

/**
 * The on-screen middle of an edge's drawn path, in viewport pixels.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} source state pointer
 * @param {string} kind edge kind
 * @returns {Promise<{x: number, y: number}>}
 */
export async function edgeMiddle(driver, source, kind) {
  const point = await driver.executeScript(
    `const edge = document.querySelector('[data-testid="edge"][data-source="' + arguments[0] + '"][data-kind="' + arguments[1] + '"]');
     if (edge === null) return null;
     const p = edge.tagName.toLowerCase() === 'path' ? edge : edge.querySelector('path');
     const at = p.getPointAtLength(p.getTotalLength() / 2);
     // Flow coordinates to the screen through the viewport's translate and scale (WebKit's
     // getScreenCTM leaves out the CSS scale of the HTML around the SVG).
     const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
     const box = document.querySelector('.react-flow').getBoundingClientRect();
     const [tx, ty, zoom] = [m.e, m.f, m.a];
     return { x: Math.round(box.left + tx + at.x * zoom), y: Math.round(box.top + ty + at.y * zoom) };`,
    source,
    kind,
  );
  assert.ok(point !== null && typeof point === 'object', `an edge ${kind} from ${source}`);
  return /** @type {{x: number, y: number}} */ (point);
}

/**
 * The middle of a rectangle, in whole pixels.
 * @param {{x: number, y: number, width: number, height: number}} r
 */
export function center(r) {
  return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
}

/**
 * Presses at `from`, moves past the drag threshold, glides to `to` (the last step short, as a
 * hand slows down) and releases there.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {{x: number, y: number}} from
 * @param {{x: number, y: number}} to
 */
export async function drag(driver, from, to) {
  await driver
    .actions({ async: true })
    .move({ x: from.x, y: from.y, origin: Origin.VIEWPORT })
    .press()
    .move({ x: from.x + 30, y: from.y + 10, origin: Origin.VIEWPORT, duration: 100 })
    .move({ x: to.x - 10, y: to.y, origin: Origin.VIEWPORT, duration: 300 })
    .move({ x: to.x, y: to.y, origin: Origin.VIEWPORT, duration: 100 })
    .release()
    .perform();
}

/**
 * Waits for the window to have no unsaved edits.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
export async function waitSaved(driver) {
  await driver.wait(
    // A script, not findElements: WebKitWebDriver can call an element stale while the toolbar re-renders.
    async () => (await driver.executeScript('return document.querySelector(\'[data-testid="dirty"]\') === null;')) === true,
    WAIT_MS,
    'the document is saved',
  );
}
