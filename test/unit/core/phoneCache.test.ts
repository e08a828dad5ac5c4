// libphonenumber's answers kept between CLI runs (src/core/phoneCache.ts): used when they are
// this build's, ignored when not, written only when the run learned something.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { normalizePhone, phoneMemoSize, rememberPhones } from '../../../src/core/contact';
import { buildHash } from '../../../src/core/modelCache';
import { readPhoneCache, writePhoneCache } from '../../../src/core/phoneCache';

function inTemp(body: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-phones-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('phone cache: answers are written when the run learned some, and read back as the answers', () => {
  inTemp((dir) => {
    const file = path.join(dir, 'phones.json');
    assert.equal(normalizePhone('+7 912 345-67-89', 'RU'), '+79123456789');
    assert.equal(normalizePhone('8 (912) 345 67 88', 'RU'), '+79123456788');
    assert.equal(normalizePhone('12', 'RU'), undefined);
    const known = phoneMemoSize();
    assert.equal(writePhoneCache(file, known), false, 'nothing new: not written');
    assert.equal(writePhoneCache(file, 0), true);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { build: string; entries: unknown[] };
    assert.equal(data.build, buildHash());
    assert.deepEqual(
      data.entries.filter((e) => ['+7 912 345-67-89', '8 (912) 345 67 88', '12'].includes((e as string[])[1]!)),
      [
        ['RU', '+7 912 345-67-89', '+79123456789'],
        ['RU', '8 (912) 345 67 88', '+79123456788'],
        ['RU', '12', null],
      ],
    );
  });
});

test('phone cache: a cached answer is taken as it is; another build\'s cache and damaged entries are not', () => {
  inTemp((dir) => {
    const file = path.join(dir, 'phones.json');
    // An answer libphonenumber would never give proves the cache, not the library, answered.
    const planted = (build: string, text: string): void =>
      writeFileSync(file, JSON.stringify({ format: 'plain-crm-phones/1', build, entries: [['RU', text, '+70000000001'], ['RU', 42, 'x'], 'junk', ['RU', 'x'.repeat(41), '+7']] }));
    planted('another build', '+7 000 000-00-02');
    readPhoneCache(file);
    assert.equal(normalizePhone('+7 000 000-00-02', 'RU'), '+70000000002');
    planted(buildHash(), '+7 000 000-00-03');
    const before = phoneMemoSize();
    assert.equal(readPhoneCache(file), before + 1, 'only the well-formed entry');
    assert.equal(normalizePhone('+7 000 000-00-03', 'RU'), '+70000000001');
    writeFileSync(file, '{ not json');
    assert.equal(readPhoneCache(file), before + 1);
    rememberPhones('not a list');
    assert.equal(phoneMemoSize(), before + 1);
  });
});
