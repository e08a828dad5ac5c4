// "Export Segment for Mailing/SMS" in the real host: the CSV equals what `plain-crm export` writes
// for the same segment and day.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { activatedApi, EXTENSION_ID, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';
const run = promisify(execFile);

describe('segment exports', () => {
  let api: PlainCrmApi;
  let saved: string | undefined;

  before(async () => {
    api = await activatedApi();
    saved = process.env['PLAIN_CRM_TODAY'];
    process.env['PLAIN_CRM_TODAY'] = TODAY;
  });

  after(() => {
    if (saved === undefined) delete process.env['PLAIN_CRM_TODAY'];
    else process.env['PLAIN_CRM_TODAY'] = saved;
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
      const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'plain-crm.js');
      const { stdout } = await run(process.execPath, [cli, 'export', kind, 'mailing', '--out', '-', '--bom', '--workspace', root, '--today', TODAY], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
      const written = fs.readFileSync(path.join(root, file), 'utf8');
      assert.equal(written, stdout);
      assert.ok(written.split('\r\n').length > 3, written);
    });
  }
});
