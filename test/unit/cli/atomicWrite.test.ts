import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createFileAtomic, replaceFileAtomic } from '../../../src/cli/atomicWrite';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-crm-atomic-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('replace writes the whole text, keeps the mode, and leaves no temp file behind', async () => {
  const file = path.join(dir, 'clients', 'a.md');
  await replaceFileAtomic(file, 'first\n');
  fs.chmodSync(file, 0o640);
  await replaceFileAtomic(file, '---\nname: Анна\n---\n');
  assert.equal(fs.readFileSync(file, 'utf8'), '---\nname: Анна\n---\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['a.md']);
});

test('create never overwrites: an existing file stays byte-identical', async () => {
  const file = path.join(dir, 'invoices', 'INV-2026-0001.md');
  assert.equal(await createFileAtomic(file, 'one\n'), true);
  assert.equal(await createFileAtomic(file, 'two\n'), false);
  assert.equal(fs.readFileSync(file, 'utf8'), 'one\n');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['INV-2026-0001.md']);
});

test('a reader never sees a half-written file while it is replaced', async () => {
  const file = path.join(dir, 'big.md');
  const a = 'a'.repeat(2_000_000);
  const b = 'b'.repeat(2_000_000);
  await replaceFileAtomic(file, a);
  let writing = true;
  const seen = new Set<string>();
  const reader = (async () => {
    while (writing) {
      const text = fs.readFileSync(file, 'utf8');
      seen.add(text === a ? 'a' : text === b ? 'b' : `torn:${text.length}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  for (let i = 0; i < 5; i++) await replaceFileAtomic(file, i % 2 === 0 ? b : a);
  writing = false;
  await reader;
  assert.deepEqual([...seen].filter((s) => s.startsWith('torn')), []);
});
