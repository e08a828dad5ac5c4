// "Create Plain CRM Workspace": the starter files load as a workspace with no problem at all.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { starterFiles } from '../../../../src/core/actions/newWorkspace';
import { defaultConfig } from '../../../../src/core/config';
import { lintWorkspace } from '../../../../src/core/lint';
import { WorkspaceStore } from '../../../../src/core/store';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-starter-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the starter workspace: its config, two segments, one valid client, and lint finds nothing', async () => {
  for (const [file, text] of Object.entries(starterFiles(defaultConfig(), '2026-11-24'))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const store = new WorkspaceStore(dir);
  await store.load();
  assert.deepEqual(store.config.stages.map((s) => s.id), ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
  assert.equal(store.config.stages.find((s) => s.id === 'proposal')?.probability, 0.4);
  assert.deepEqual(store.segments.map((s) => s.name), ['vip', 'stale']);
  assert.deepEqual(store.clients().map((r) => [r.file, r.data.name, r.data.stage]), [['clients/first-client.md', 'First Client', 'lead']]);
  assert.deepEqual(await lintWorkspace(store, { today: '2026-11-24' }), []);
});
