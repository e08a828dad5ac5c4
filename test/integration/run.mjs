#!/usr/bin/env node
// Runs the extension's mocha tests inside a real VS Code workbench, offline: code-server (see
// scripts/ensure-vscode-host.mjs) driven by Debian's Chromium through playwright-core. Builds
// nothing: `npm run test:integration` compiles the tests and bundles the extension first.
//
// The workspace is a temp copy of sample-workspace/, so tests that edit files never dirty the
// repository. Mocha's output arrives through the workbench's `codeAutomationLog` hook; the exit
// code is the one the workbench reports through `codeAutomationExit` (0 pass, 1 fail), 124 on
// timeout. A screenshot of the workbench goes to test-results/screenshots/pipeline.png.
//
// Environment: PLAIN_CRM_TEST_TIMEOUT (seconds, default 300), PLAIN_CRM_TEST_GREP (mocha grep),
// PLAIN_CRM_TEST_WORKSPACE (another folder to copy instead of sample-workspace/),
// PLAIN_CRM_TEST_VERBOSE=1 (also print workbench log lines and the host's output),
// PLAIN_CRM_HOST_DIR (where the host is cached), CHROMIUM (the browser binary),
// PLAIN_CRM_IT_VSIX (a packaged .vsix: installed into the host with --install-extension and tested
// there instead of the source tree; `npm run test:vsix`), PLAIN_CRM_IT_LOCALE (the display
// language, e.g. ru; `npm run test:ru`), PLAIN_CRM_IT_SCALE=1 (the "host at scale" suite, with
// PLAIN_CRM_TEST_WORKSPACE a generated workspace; `npm run bench -- --host 10000`).
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as util from 'node:util';
import { chromium } from 'playwright-core';
import { ensureVscodeHost } from '../../scripts/ensure-vscode-host.mjs';
import { onShutdown, startVscodeHost } from '../../scripts/vscode-host.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TESTS_ENTRY = path.join(REPO, 'out', 'test', 'integration', 'suite', 'index.js');
const EXTENSION_MAIN = path.join(REPO, 'dist', 'extension.js');
const VSIX = process.env.PLAIN_CRM_IT_VSIX ? path.resolve(process.env.PLAIN_CRM_IT_VSIX) : undefined;
// With a .vsix the development extension is only this empty one: the tests run in its place while
// Plain CRM itself is the installed package.
const VSIX_RUNNER = path.join(REPO, 'test', 'integration', 'vsix-runner');
const LOCALE = process.env.PLAIN_CRM_IT_LOCALE;

const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
const VERBOSE = process.env.PLAIN_CRM_TEST_VERBOSE === '1';
const TIMEOUT_S = Number(process.env.PLAIN_CRM_TEST_TIMEOUT ?? 300);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** A stage row of the Pipeline view: "<label> <count> · <sum>". */
const STAGE_ROW = /\d+ · /;

// Workbench lines that share codeAutomationLog with mocha and say nothing about the tests. Mocha's
// spec reporter never starts a line with "[tag]"; the workbench's own loggers do.
const NOISE = [
  /^\[[\w:. -]+\]/,
  /^Resolv(?:ing|ed) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution/,
  /^Timed out waiting for authentication provider/,
  /^(?:Error: )?Canceled(?:: Canceled)?$/,
  /^Extension host .* (?:started|exited)/i,
];
// `@@plain-crm:screenshot <ack file> [name]`: the end-of-run Pipeline shot, or a named one a test asks for.
const SCREENSHOT_REQUEST = /^@@plain-crm:screenshot (\S+)(?: ([a-z0-9-]+))?$/;

function log(line) {
  process.stdout.write(`${line}\n`);
}

function elapsed(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

/** Drags the side bar's sash so stage totals and company names fit in the screenshot. */
async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox().catch(() => null);
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  // Off the sash, or it stays highlighted.
  await page.mouse.move(box.x + width + 300, box.y + box.height - 20);
}

async function main() {
  const started = Date.now();
  for (const [file, hint] of [
    VSIX ? [VSIX, 'npm run package'] : [EXTENSION_MAIN, 'node esbuild.mjs extension'],
    [TESTS_ENTRY, 'npm run compile'],
  ]) {
    if (!existsSync(file)) throw new Error(`${path.relative(REPO, file)} is missing: run \`${hint}\` first (npm run test:integration does both)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set CHROMIUM)`);

  const source = path.resolve(process.env.PLAIN_CRM_TEST_WORKSPACE ?? path.join(REPO, 'sample-workspace'));
  if (!existsSync(source)) throw new Error(`${source} not found`);

  // Screenshots of an earlier run would pass for this one's.
  for (const name of ['pipeline.png', 'failure.png', 'timeout.png']) await rm(path.join(SCREENSHOTS, name), { force: true });

  const { node, entry } = await ensureVscodeHost();
  const work = await mkdtemp(path.join(os.tmpdir(), 'plain-crm-it-'));
  const cleanupWork = () => rm(work, { recursive: true, force: true });
  onShutdown(cleanupWork);
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const workspace = path.join(work, path.basename(source));
  await cp(source, workspace, { recursive: true, filter: (src) => !src.includes(`${path.sep}.crm${path.sep}.cache`) });

  let host;
  let browser;
  let exitCode = 1;
  try {
    const handshake = path.join(work, 'handshake');
    await mkdir(handshake);
    host = await startVscodeHost({
      node,
      entry,
      installExtensions: VSIX ? [VSIX] : [],
      ...(LOCALE ? { languagePack: { locale: LOCALE, translations: path.join(REPO, 'test', 'integration', `language-pack-${LOCALE}`, 'translations', 'main.i18n.json') } } : {}),
      // Code 1.139 saves dirty editors after a second by default; tests of "an unsaved editor stays
      // unsaved" need the user who has auto save off, or they race the timer.
      // PLAIN_CRM_IT_RESTRICTED=1: Workspace Trust on and the folder not trusted (Restricted Mode).
      settings: {
        'files.autoSave': 'off',
        // A playbook's "will add 2 tasks" question is modal: a test answers it through the setting.
        'plainCrm.confirmPlaybooks': false,
        ...(process.env.PLAIN_CRM_IT_RESTRICTED === '1' ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
      },
      // The extension host inherits this environment: the suite finds the handshake dir here.
      ...(VERBOSE ? { onOutput: (line) => log(`[host] ${line}`) } : {}),
      env: {
        PLAIN_CRM_IT_HANDSHAKE: handshake,
        ...(process.env.PLAIN_CRM_TEST_GREP ? { PLAIN_CRM_TEST_GREP: process.env.PLAIN_CRM_TEST_GREP } : {}),
        ...(process.env.PLAIN_CRM_IT_RESTRICTED === '1' ? { PLAIN_CRM_IT_RESTRICTED: '1' } : {}),
        ...(VSIX ? { PLAIN_CRM_IT_VSIX: VSIX } : {}),
        ...(process.env.PLAIN_CRM_IT_LOCALE ? { PLAIN_CRM_IT_LOCALE: process.env.PLAIN_CRM_IT_LOCALE } : {}),
        // `npm run bench -- --host`: the "host at scale" suite and the extension's event-loop watch.
        ...(process.env.PLAIN_CRM_IT_SCALE ? { PLAIN_CRM_IT_SCALE: process.env.PLAIN_CRM_IT_SCALE, PLAIN_CRM_MEASURE_LOOP: '1' } : {}),
      },
    });
    if (VERBOSE) log(`host: ${host.origin} (${elapsed(started)})`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Our own shutdown closes it (before the host stops); Playwright's would exit first.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-default-apps',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        '--metrics-recording-only',
        '--password-store=basic',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(work, 'chromium-config'), XDG_CACHE_HOME: path.join(work, 'chromium-cache') },
    });
    if (VERBOSE) log(`browser: launched (${elapsed(started)})`);
    let closing = false;
    onShutdown(() => browser.close().catch(() => undefined));
    onShutdown(() => (closing = true)); // runs first: cleanups run newest first

    // The browser's language picks the workbench's (Accept-Language), as for a user in Russia.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, ...(LOCALE ? { locale: LOCALE } : {}) });
    // The suite asks for the screenshot while the extension host is still up, then waits for `ack`.
    let shotTaken = false;
    const screenshot = async (ack, name) => {
      try {
        await mkdir(SCREENSHOTS, { recursive: true });
        if (!name) {
          await page.locator('.monaco-list-row', { hasText: STAGE_ROW }).first().waitFor({ timeout: 5000 }).catch(() => undefined);
          await widenSideBar(page, 520);
        }
        await page.waitForTimeout(300);
        const shot = path.join(SCREENSHOTS, `${name ?? 'pipeline'}.png`);
        await page.screenshot({ path: shot });
        if (!name) shotTaken = true;
        log(`screenshot: ${path.relative(process.cwd(), shot)}`);
      } catch (error) {
        log(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await writeFile(ack, '').catch(() => undefined);
      }
    };
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      const request = SCREENSHOT_REQUEST.exec(text);
      if (request) {
        void screenshot(request[1], request[2]);
        return;
      }
      if (VERBOSE) log(`[${elapsed(started)}] [${type}] ${text}`);
      else if (type === 'info' && !NOISE.some((re) => re.test(text))) log(text);
      // Errors that concern the extension or its tests (a failing run() says how many failed).
      else if (type === 'error' && (text.includes(REPO) || text.includes(workspace) || /\btests? failed\b/.test(text))) log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    if (VERBOSE) page.on('pageerror', (error) => log(`[page] ${error.message}`));

    const url = host.url({
      folder: workspace,
      extensionDevelopmentPath: VSIX ? VSIX_RUNNER : REPO,
      extensionTestsPath: TESTS_ENTRY,
    });
    let timer;
    let timedOut = false;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve((timedOut = true) && 'timeout'), TIMEOUT_S * 1000)));
    // Loading the workbench counts against the timeout too.
    const loaded = page.goto(url, { timeout: 0 }).then(
      () => VERBOSE && log(`page: loaded (${elapsed(started)})`),
      (error) => timedOut || closing || log(`page: ${error.message.split('\n')[0]}`),
    );
    const result = await Promise.race([exited, timeout]);
    await Promise.race([loaded, timeout]);
    clearTimeout(timer);
    await mkdir(SCREENSHOTS, { recursive: true });
    if (result === 'timeout') {
      log(`integration tests: timed out after ${TIMEOUT_S} s`);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'timeout.png') }).catch(() => undefined);
      log(`code-server output (last lines):\n${host.logTail()}`);
      exitCode = 124;
    } else {
      exitCode = result;
      if (!shotTaken) {
        // The suite never got to ask (its entry threw): whatever the workbench shows now.
        await page.screenshot({ path: path.join(SCREENSHOTS, 'failure.png') }).catch(() => undefined);
        log(`screenshot: ${path.relative(process.cwd(), path.join(SCREENSHOTS, 'failure.png'))}`);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await cleanupWork();
  }
  log(`integration tests: ${exitCode === 0 ? 'passed' : `failed (exit ${exitCode})`} in ${elapsed(started)}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`integration tests: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
