// End-to-end test of projects: a published SAM project (../shared/realworld/projects/) copied
// into a git repository, its template.yaml opened in the app, one state changed in the
// inspector and saved; `git diff` then shows that only that state's line changed (comments,
// short tags and every other resource untouched). A DefinitionUri project saves to its ASL
// file, shows its placeholders as the resources they name; a template with several machines
// lets the user pick one (see harness.mjs).

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { WAIT_MS, launch, repo, scratch, startHarness, stopHarness, visibleText, waitForCanvas, git } from './harness.mjs';

before(startHarness);
after(stopHarness);

const projects = path.resolve(repo, '..', 'shared', 'realworld', 'projects');

/**
 * A copy of a published project in a fresh git repository with everything committed.
 * @param {string} name
 */
function checkout(name) {
  const from = path.join(projects, name);
  assert.ok(existsSync(from), `${from} is not here: the published projects sit beside the repository (shared/)`);
  const dir = path.join(scratch, name);
  cpSync(from, dir, { recursive: true });
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'as published']);
  return dir;
}

/**
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} name
 */
async function selectState(driver, name) {
  await driver.findElement(By.css(`[data-testid="state-node"][data-name="${name}"]`)).click();
  const input = await driver.findElement(By.css('[data-testid="state-name-input"]'));
  await driver.wait(async () => (await input.getAttribute('value')) === name, WAIT_MS, `the inspector shows ${name}`);
}

/**
 * Types `text` over an inspector field and commits it with Enter.
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} field the input's data-field
 * @param {string} text
 */
async function setField(driver, field, text) {
  const input = await driver.findElement(By.css(`[data-testid="inspector"] input[data-field="${field}"]`));
  await driver.executeScript('arguments[0].focus(); arguments[0].select();', input);
  await input.sendKeys(text, Key.ENTER);
  await driver.wait(until.elementLocated(By.css('[data-testid="dirty"]')), WAIT_MS, 'the edit made the document unsaved');
}

/** @param {import('selenium-webdriver').WebDriver} driver */
async function save(driver) {
  await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.CONTROL, 's'));
  await driver.wait(
    async () => (await driver.executeScript('return document.querySelector(\'[data-testid="dirty"]\') === null;')) === true,
    WAIT_MS,
    'the document is saved',
  );
}

/**
 * Saves the window as a PNG at `file` (docs/).
 * @param {import('selenium-webdriver').WebDriver} driver
 * @param {string} file
 */
async function screenshotTo(driver, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));');
  writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
}

describe('Projects', { timeout: 240_000 }, () => {
  test('a SAM template with an inline Definition: one state changed in the inspector, only its line changes', async () => {
    const dir = checkout('tts-converter');
    const template = path.join(dir, 'template.yaml');
    const driver = await launch([template]);
    try {
      await waitForCanvas(driver);
      await driver.wait(async () => (await driver.getTitle()).includes('template.yaml › TTSStateMachine'), WAIT_MS, 'the title names the machine');
      const banner = await driver.findElement(By.css('[data-testid="project-banner"]'));
      const said = await visibleText(driver, banner);
      assert.match(said, /TTSStateMachine/);
      assert.match(said, /SAM template template\.yaml/);
      assert.match(said, /inline in template\.yaml/);

      await selectState(driver, 'Wait');
      await setField(driver, 'Seconds', '15');
      await save(driver);
      await screenshotTo(driver, path.join(repo, 'docs', 'project-open.png'));
    } finally {
      await driver.quit();
    }

    assert.equal(git(dir, ['diff', '--numstat']).trim(), '1\t1\ttemplate.yaml');
    const hunks = git(dir, ['diff', '-U0', '--no-color', 'template.yaml'])
      .split('\n')
      .filter((l) => (l.startsWith('-') || l.startsWith('+')) && !l.startsWith('---') && !l.startsWith('+++'));
    assert.deepEqual(hunks, ['-            Seconds: 10', '+            Seconds: 15']);
  });

  test('a DefinitionUri project: placeholders shown as the resources they name, saved to its ASL file', async () => {
    const dir = checkout('lambda-orchestration-sam');
    const driver = await launch([dir]);
    try {
      await waitForCanvas(driver);
      const banner = await driver.findElement(By.css('[data-testid="project-banner"]'));
      const said = await visibleText(driver, banner);
      assert.match(said, /SampleStateMachine/);
      assert.match(said, /statemachine\/statemachine\.asl\.json/);
      // The canvas draws the Task by the function its placeholder names, not "${checkPriceFnArn}".
      const sub = await driver.findElement(By.css('[data-testid="state-node"][data-name="Check Stock Price"] .sw-state__sub'));
      assert.equal(await visibleText(driver, sub), 'CheckPriceFunction');

      await selectState(driver, 'Check Stock Price');
      const chip = await driver.findElement(By.css('[data-testid="placeholder-chip"][data-name="checkPriceFnArn"]'));
      assert.match(await visibleText(driver, chip), /CheckPriceFunction · AWS::Serverless::Function · template\.yaml:\d+/);
      // The Problems panel checks the machine as deployed: nothing about the placeholders.
      const problems = String(await driver.executeScript("return document.querySelector('.problems-panel')?.innerText ?? '';"));
      assert.doesNotMatch(problems, /\$\{checkPriceFnArn\}/);

      await screenshotTo(driver, path.join(repo, 'docs', 'project-placeholders.png'));

      await setField(driver, 'TimeoutSeconds', '30');
      await save(driver);

      // The run panel lists the placeholders with the values a run gives them (editable).
      await driver.findElement(By.css('[data-testid="tab-run"]')).click();
      const value = await driver.wait(
        until.elementLocated(By.css('[data-testid="run-placeholder"][data-name="checkPriceFnArn"]')),
        WAIT_MS,
        'the run panel lists the placeholders',
      );
      assert.match(String(await value.getAttribute('value')), /^arn:aws:lambda:us-east-1:123456789012:function:/);
      await screenshotTo(driver, path.join(repo, 'docs', 'project-run-values.png'));
    } finally {
      await driver.quit();
    }
    // Only the definition's own file changed; the template is as published.
    assert.equal(git(dir, ['diff', '--name-only']).trim(), 'statemachine/statemachine.asl.json');
    const saved = JSON.parse(readFileSync(path.join(dir, 'statemachine', 'statemachine.asl.json'), 'utf8'));
    assert.equal(saved.States['Check Stock Price'].TimeoutSeconds, 30);
    assert.equal(saved.States['Check Stock Price'].Resource, '${checkPriceFnArn}');
  });

  test('a template with several machines: the banner lists the others and opens the one picked', async () => {
    const dir = checkout('inventory-management-sam');
    const driver = await launch([path.join(dir, 'template.yaml')]);
    try {
      await waitForCanvas(driver);
      await driver.findElement(By.css('[data-testid="switch-machine"]')).click();
      const picker = await driver.wait(until.elementLocated(By.css('[data-testid="machine-picker"]')), WAIT_MS, 'the picker opens');
      const items = await picker.findElements(By.css('[data-testid="machine-item"]'));
      const ids = await Promise.all(items.map((i) => i.getAttribute('data-machine')));
      assert.equal(ids.length, 3);
      assert.ok(ids.includes('CreatePurchaseOrderStateMachine'), ids.join(', '));
      await screenshotTo(driver, path.join(repo, 'docs', 'project-picker.png'));
      await picker.findElement(By.css('[data-machine="CreatePurchaseOrderStateMachine"]')).click();
      await driver.wait(
        async () => (await driver.getTitle()).includes('template.yaml › CreatePurchaseOrderStateMachine'),
        WAIT_MS,
        'the picked machine opens',
      );
    } finally {
      await driver.quit();
    }
  });

  test('a definition put together with Fn::Join opens read-only, saying why', async () => {
    const dir = path.join(scratch, 'joined');
    mkdirSync(dir, { recursive: true });
    const template = path.join(dir, 'template.yaml');
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Joined:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: !Join',
      '        - ""',
      '        - - \'{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}\'',
      '',
    ].join('\n');
    writeFileSync(template, text);
    const driver = await launch([template]);
    try {
      await waitForCanvas(driver);
      const note = await driver.findElement(By.css('[data-testid="read-only"]'));
      assert.match(await visibleText(driver, note), /^Read-only: .*Fn::Join/);
      await selectState(driver, 'A');
      const fieldset = await driver.findElement(By.css('[data-testid="inspector"] fieldset'));
      assert.equal(await fieldset.getAttribute('disabled'), 'true');
    } finally {
      await driver.quit();
    }
    assert.equal(readFileSync(template, 'utf8'), text);
  });
});
