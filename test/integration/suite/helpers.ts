// Shared by the integration tests: the activated extension's API and small waiting helpers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'plain-crm.plain-crm';

/** Activates the extension (if the workspace did not already) and waits for the first load. */
export async function activatedApi(): Promise<PlainCrmApi> {
  const extension = vscode.extensions.getExtension<PlainCrmApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(api, 'activate returned the API (a workspace folder is open)');
  await api.ready;
  return api;
}

/**
 * Pins "today" for the extension and the CLIs it starts (`PLAIN_CRM_TODAY`), so dated rules give
 * the same answers on any day; returns what puts the previous value back.
 */
export function pinToday(today: string): () => void {
  const saved = process.env['PLAIN_CRM_TODAY'];
  process.env['PLAIN_CRM_TODAY'] = today;
  return () => {
    if (saved === undefined) delete process.env['PLAIN_CRM_TODAY'];
    else process.env['PLAIN_CRM_TODAY'] = saved;
  };
}

/** The first workspace folder's path: the runner's temp copy of sample-workspace. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

/** Polls `check` (after `step`, when given) until it returns true or `timeoutMs` passes. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10000, step?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await step?.();
    if (check()) return;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The item texts VS Code shows: label and description as plain strings. */
export function itemText(item: vscode.TreeItem): { label: string; description: string } {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const description = typeof item.description === 'string' ? item.description : '';
  return { label, description };
}

/**
 * Under the runner (test/integration/run.mjs): asks it for a screenshot of the workbench as it is
 * now, saved as test-results/screenshots/<name>.png, and waits for it. Elsewhere a no-op.
 */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env['PLAIN_CRM_IT_HANDSHAKE'];
  if (!dir) return;
  const done = path.join(dir, `${name}.done`);
  console.log(`@@plain-crm:screenshot ${done} ${name}`);
  const deadline = Date.now() + 15000;
  while (!fs.existsSync(done) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
