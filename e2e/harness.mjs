// The harness shared by the end-to-end tests: Xvfb + tauri-driver + WebKitWebDriver, driven by
// selenium-webdriver. Each test file calls `startHarness()` in `before` and `stopHarness()` in
// `after`; every process it starts is stopped by PID.
//
// Needs the debug build with the page embedded (`npx tauri build --debug --no-bundle`), and
// `tauri-driver`, `WebKitWebDriver` and `Xvfb` on PATH (`make test` installs them).
// STEPWISE_APP overrides the binary, TAURI_DRIVER the tauri-driver executable.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, until } from 'selenium-webdriver';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = path.resolve(process.env.STEPWISE_APP ?? path.join(repo, 'target', 'debug', 'stepwise-app'));
const screenshots = path.join(repo, 'e2e', 'screenshots');
export const example = path.join(repo, 'examples', 'order-processing.asl.json');
export const WAIT_MS = 20_000;

/** @type {import('node:child_process').ChildProcess[]} processes this file started */
const started = [];
/** @type {string} */
/** The process group of the running tauri-driver, 0 when none. */
let driverGroup = 0;
let serverUrl = '';
/** @type {string} scratch folder of this run: files the tests write, saves and exports */
export let scratch = '';
/** @type {string} the X display the app runs on (":N"), for tools that read its clipboard */
export let display = '';

/** Kills the processes this file started, by PID, newest first. */
/** Children started as the leader of their own process group. */
const groups = new WeakSet();

function stopAll() {
  for (const child of started.reverse()) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        // tauri-driver leads its own process group (see startHarness): the signal reaches
        // WebKitWebDriver, the app and its web processes too, not only the driver.
        process.kill(groups.has(child) ? -child.pid : child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  started.length = 0;
}
process.on('exit', stopAll);

/**
 * A TCP port nobody listens on right now.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Xvfb on a free display and resolves to that display (":N").
 * @param {string} screen the screen's size, "WIDTHxHEIGHT"
 * @returns {Promise<string>}
 */
function startXvfb(screen) {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${screen}x24`, '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    started.push(xvfb);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display: ${err}`)), WAIT_MS);
    xvfb.stderr?.on('data', (chunk) => {
      err += String(chunk);
    });
    xvfb.stdio[3]?.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start Xvfb: ${e.message}`));
    });
    xvfb.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${err}`));
    });
  });
}

/**
 * Polls the WebDriver status endpoint until tauri-driver answers.
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} driverProcess
 */
async function waitForDriver(url, driverProcess) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (driverProcess.exitCode !== null) throw new Error(`tauri-driver exited with ${driverProcess.exitCode}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`tauri-driver did not answer on ${url}/status`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Opens the app in a new WebDriver session, with `args` on its command line.
 * @param {string[]} args
 * @returns {Promise<import('selenium-webdriver').WebDriver>}
 */
export async function launch(args) {
  const driver = await new Builder()
    .usingServer(serverUrl)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app, args } })
    .build();
  try {
    await driver.wait(until.elementLocated(By.css('.app[aria-busy="false"]')), WAIT_MS, 'the app is ready');
  } catch (err) {
    // Close the session, or tauri-driver refuses the next test's ("Maximum number of active sessions").
    const crash = await driver.findElements(By.css('[data-testid="crash"]'));
    const why = crash[0] === undefined ? '' : await crash[0].getText();
    await driver.quit();
    throw why === '' ? err : new Error(`the app crashed: ${why}`);
  }
  return driver;
}

/**
 * Waits until the canvas has drawn a state and its viewport has stopped moving (the first
 * fit, or an animated one, is over), so on-screen positions read now stay true.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
export async function waitForCanvas(driver) {
  await driver.wait(until.elementLocated(By.css('[data-testid="state-node"]')), WAIT_MS, 'the canvas draws a state');
  let last = '';
  let steady = 0;
  await driver.wait(
    async () => {
      const now = String(await driver.executeScript("return document.querySelector('.react-flow__viewport')?.style.transform ?? '';"));
      steady = now === last ? steady + 1 : 0;
      last = now;
      return steady >= 2;
    },
    WAIT_MS,
    'the canvas viewport settles',
  );
}

/**
 * Runs git in `cwd` and answers its output; fails the test when git fails.
 * @param {string} cwd
 * @param {string[]} args
 */
export function git(cwd, args) {
  const run = spawnSync('git', ['-c', 'user.name=Stepwise e2e', '-c', 'user.email=e2e@localhost', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/**
 * How many elements match `css` now. A script, not findElements: WebKitWebDriver makes a
 * handle for each match and calls one stale if it leaves the DOM meanwhile, so a count read
 * while the UI re-renders can throw instead of answering.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} css
 * @returns {Promise<number>}
 */
export async function countOf(driver, css) {
  return Number(await driver.executeScript('return document.querySelectorAll(arguments[0]).length;', css));
}

/**
 * Clicks the element `css` names once it is shown and visible.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} css
 */
export async function click(driver, css) {
  const el = await driver.wait(until.elementLocated(By.css(css)), WAIT_MS, `${css} is shown`);
  await driver.wait(until.elementIsVisible(el), WAIT_MS, `${css} is visible`);
  await el.click();
}

/**
 * Selects a state on the canvas as a click would, and waits until it is selected.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} name
 */
export async function selectNode(driver, name) {
  await driver.executeScript(
    "document.querySelector(`[data-testid=\"state-node\"][data-name=\"${arguments[0]}\"]`).dispatchEvent(new MouseEvent('click', {bubbles: true}));",
    name,
  );
  await driver.wait(
    async () => (await driver.executeScript(`return document.querySelector('[data-testid="state-node"][data-name="${name}"]')?.getAttribute('aria-selected') ?? '';`)) === 'true',
    WAIT_MS,
    `${name} is selected`,
  );
}

/**
 * Types `text` into a textarea or input as React sees typing (the native setter, then `input`).
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} css
 * @param {string} text
 */
export async function typeInto(driver, css, text) {
  const found = await driver.executeScript(
    `const el = document.querySelector(arguments[0]);
     if (el === null) return false;
     el.focus();
     const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event('input', { bubbles: true }));
     return true;`,
    css,
    text,
  );
  assert.ok(found, `${css} is on the page`);
}

/**
 * Saves the webview as PNG into e2e/screenshots/.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} name
 */
export async function screenshot(driver, name) {
  mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, name);
  writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
  return file;
}

/**
 * The rendered text of an element, after checking that it is displayed and has a size.
 * (WebKitWebDriver's getText returns "" for text in `overflow: hidden` boxes, which the
 * ellipsis styles use, so this reads `innerText`, which also skips hidden content.)
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {import('selenium-webdriver').WebElement} element
 * @returns {Promise<string>}
 */
export async function visibleText(driver, element) {
  assert.ok(await element.isDisplayed(), 'element is displayed');
  const rect = await element.getRect();
  assert.ok(rect.width > 0 && rect.height > 0, 'element has a size');
  const text = await driver.executeScript('return arguments[0].innerText;', element);
  return typeof text === 'string' ? text.trim() : '';
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Every state name of a definition, nested ones included (Parallel branches, Map processors).
 * @param {unknown} scope parsed JSON of a machine, branch or processor
 * @returns {string[]}
 */
export function stateNames(scope) {
  /** @type {string[]} */
  const names = [];
  const states = isObject(scope) ? scope.States : undefined;
  if (!isObject(states)) return names;
  for (const [name, state] of Object.entries(states)) {
    names.push(name);
    if (!isObject(state)) continue;
    for (const branch of Array.isArray(state.Branches) ? state.Branches : []) names.push(...stateNames(branch));
    for (const field of ['ItemProcessor', 'Iterator']) names.push(...stateNames(state[field]));
  }
  return names;
}

/**
 * Runs `stepwise validate` (the CLI, built by `cargo test --workspace`) on a file the app saved,
 * so a test knows AWS's rules accept it, not only that it has the expected fields.
 * @param {string} file
 */
export function validate(file) {
  const cli = path.join(repo, 'target', 'debug', 'stepwise');
  assert.ok(existsSync(cli), `no CLI at ${cli}: build it with \`cargo build -p stepwise-cli\``);
  const run = spawnSync(cli, ['validate', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, `stepwise validate ${file}:\n${run.stdout}${run.stderr}`);
}

/**
 * Starts Xvfb and tauri-driver; the app gets a private config folder and save folder.
 * `options.screen` ("WIDTHxHEIGHT", 1280x800 by default) makes room for bigger windows.
 * @param {unknown} [options] `{ screen }`; anything else (a test context) is ignored
 */
export async function startHarness(options) {
  assert.ok(existsSync(app), `no app binary at ${app}: build it with \`npx tauri build --debug --no-bundle\``);
  scratch = mkdtempSync(path.join(tmpdir(), 'stepwise-e2e-'));
  const screen =
    typeof options === 'object' && options !== null && 'screen' in options && typeof options.screen === 'string' ? options.screen : '1280x800';
  display = await startXvfb(screen);
  const [port, nativePort] = [await freePort(), await freePort()];
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, DISPLAY: display };
  delete env.STEPWISE_OPEN;
  // Saves and exports go to the scratch folder without a native dialog; recent files and other
  // settings go to a private config folder, not the user's.
  env.STEPWISE_SAVE_DIR = path.join(scratch, 'saved');
  mkdirSync(env.STEPWISE_SAVE_DIR, { recursive: true });
  env.XDG_CONFIG_HOME = path.join(scratch, 'config');
  env.XDG_DATA_HOME = path.join(scratch, 'data');
  delete env.WAYLAND_DISPLAY;
  const driverProcess = spawn(
    process.env.TAURI_DRIVER ?? 'tauri-driver',
    ['--port', String(port), '--native-port', String(nativePort)],
    { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
  );
  started.push(driverProcess);
  groups.add(driverProcess);
  driverGroup = driverProcess.pid ?? 0;
  driverProcess.on('error', (e) => {
    console.error(`cannot start tauri-driver: ${e.message}`);
  });
  serverUrl = `http://127.0.0.1:${port}`;
  await waitForDriver(serverUrl, driverProcess);
}

/** Stops everything `startHarness` started and removes the scratch folder. */
export async function stopHarness() {
  const group = driverGroup;
  driverGroup = 0;
  stopAll();
  // The app's web processes write its data folder until they are gone: wait for the whole
  // group to end before removing the folder.
  const deadline = Date.now() + 10_000;
  while (group !== 0 && groupAlive(group) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (scratch === '') return;
  try {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch (e) {
    // A leftover temporary folder is not a failure of the app under test.
    console.error(`could not remove ${scratch}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Whether any process of the group `pgid` still runs.
 * @param {number} pgid
 */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
