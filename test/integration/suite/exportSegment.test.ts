// "Export Segment for Mailing/SMS" in the real host: the CSV equals what `plain-crm export` writes
// for the same segment and day.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { cliOutput } from './cli';
import { activatedApi, pinToday, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

describe('segment exports', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
  });

  after(() => {
    restoreToday();
    fs.rmSync(path.join(workspaceRoot(), 'exports'), { recursive: true, force: true });
  });

  for (const [command, kind] of [
    ['plainCrm.exportMailing', 'mailing'],
    ['plainCrm.exportPhones', 'phones'],
  ] as const) {
    it(`${command} writes the segment's CSV, equal to the CLI's`, async () => {
      const segment = api.store.segments.find((s) => s.name === 'mailing');
      assert.ok(segment, 'the sample has a "mailing" segment');
      const file = await vscode.commands.executeCommand<string>(command, { segment }, undefined, true);
      assert.equal(file, `exports/${kind}-mailing-${TODAY}.csv`);
      const root = workspaceRoot();
      const stdout = await cliOutput(root, TODAY, ['export', kind, 'mailing', '--out', '-', '--bom']);
      const written = fs.readFileSync(path.join(root, file), 'utf8');
      assert.equal(written, stdout);
      assert.ok(written.split('\r\n').length > 3, written);
    });
  }
});
