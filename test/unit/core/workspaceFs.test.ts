// Node's file access for the store: the synchronous reader the loader uses must say the same as the
// asynchronous one for every kind of file, including one larger than its reusable buffer.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { nodeFs } from '../../../src/core/workspaceFs';

const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-fs-'));
after(() => rmSync(root, { recursive: true, force: true }));
const big = `---\nname: Большой\n---\n${'Заметка про клиента. '.repeat(20000)}\n`; // ~780 KB, over the 256 KB buffer
writeFileSync(path.join(root, 'small.md'), '---\nname: Анна\n---\n');
writeFileSync(path.join(root, 'big.md'), big);
writeFileSync(path.join(root, 'huge.md'), Buffer.alloc(2 * 1024 * 1024, 0x61));
writeFileSync(path.join(root, 'latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
mkdirSync(path.join(root, 'folder.md'));

test('readSync and read agree on text, size limits, bad encodings, folders and missing files', async () => {
  for (const [file, expected] of [
    ['small.md', { ok: true, text: '---\nname: Анна\n---\n' }],
    ['big.md', { ok: true, text: big }],
    ['huge.md', { ok: false, message: 'file is 2.0 MB, over the 1 MB limit for a record; not loaded' }],
    ['latin1.md', { ok: false, message: 'not valid UTF-8 text; save the file as UTF-8' }],
    ['folder.md', { ok: false, message: 'not a regular file' }],
    ['missing.md', { ok: false, message: 'file not found' }],
  ] as const) {
    const sync = nodeFs.readSync!(root, file, 1024 * 1024);
    const async = await nodeFs.read(root, file, 1024 * 1024);
    for (const result of [sync, async]) {
      assert.equal(result.ok, expected.ok, file);
      if (result.ok && 'text' in expected) assert.equal(result.text, expected.text, file);
      if (!result.ok && 'message' in expected) assert.equal(result.message, expected.message, file);
    }
  }
});
