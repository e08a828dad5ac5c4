// `plain-crm playbooks run` on a copy of the sample workspace: the due date rules once, never twice.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-playbooks-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);
const snapshot = (): Map<string, string> => new Map(readdirSync(path.join(ws, 'clients')).filter((f) => /\.(md|yaml)$/.test(f)).map((f) => [f, readFileSync(path.join(ws, 'clients', f), 'utf8')]));

test('--dry-run prints what is due and writes nothing', () => {
  const before = snapshot();
  const run = cli('playbooks', 'run', '--dry-run');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, 'playbooks: 2 rules fired for 5 clients: 5 tasks, 0 next actions, 0 tag changes (dry run: nothing written)\n');
  assert.match(run.stdout, /^clients\/olga-ivanova\.md {2}birthday {2}- \[ \] 2026-11-24 Поздравить с днём рождения @maria@example\.com <!-- playbook:birthday 2026-11-24 -->$/m);
  assert.deepEqual(snapshot(), before);
});

test('run adds each due task once; running it again the same day adds nothing', () => {
  const before = snapshot();
  const first = cli('playbooks', 'run', '--format', 'json');
  assert.equal(first.code, 0, first.stderr);
  const fired = JSON.parse(first.stdout) as { file: string; playbook: string; anchor: string; tasks: number }[];
  assert.deepEqual(fired.map((f) => [f.file, f.playbook, f.anchor, f.tasks]), [
    ['clients/ekaterina-sidorova.md', 'repeat-sale', '2026-01-20', 1],
    ['clients/grigoriy-antonov.yaml', 'repeat-sale', '2026-03-10', 1],
    ['clients/marina-lebedeva.yaml', 'birthday', '2026-11-27', 1],
    ['clients/olga-ivanova.md', 'birthday', '2026-11-24', 1],
    ['clients/ruslan-khabibullin.md', 'repeat-sale', '2025-12-15', 1],
  ]);
  const after = snapshot();
  for (const [file, text] of after) {
    const old = before.get(file)!;
    if (!fired.some((f) => f.file === `clients/${file}`)) {
      assert.equal(text, old, file);
      continue;
    }
    // One line more, every other line as it was.
    const added = text.split('\n').filter((line) => !old.split('\n').includes(line));
    assert.equal(added.length, 1, `${file}: ${added.join(' | ')}`);
    assert.match(added[0]!, /^\s*- \[ \] 2026-11-24 .* <!-- playbook:[a-z-]+ \d{4}-\d{2}-\d{2} -->$/);
  }
  const second = cli('playbooks', 'run');
  assert.equal(second.code, 0);
  assert.equal(second.stdout, '');
  assert.equal(second.stderr, 'playbooks: 0 rules fired for 0 clients: 0 tasks, 0 next actions, 0 tag changes\n');
  assert.deepEqual(snapshot(), after);
  // The new tasks are tasks: `plain-crm tasks` lists them.
  const tasks = JSON.parse(cli('tasks', '--format', 'json', '--due', 'today').stdout) as { id: string; text: string }[];
  assert.ok(tasks.some((t) => t.id === 'marina-lebedeva' && t.text === 'Поздравить с днём рождения'));
});
