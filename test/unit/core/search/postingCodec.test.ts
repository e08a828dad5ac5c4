import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteReader, ByteWriter } from '../../../../src/core/search/postingCodec';

test('varints round-trip through base64, small and large', () => {
  const values = [0, 1, 127, 128, 255, 300, 16_383, 16_384, 65_535, 2 ** 31 - 1, 2 ** 40];
  const out = new ByteWriter();
  for (let i = 0; i < 20_000; i++) out.writeVarint(i % 200); // grows past its first buffer
  for (const v of values) out.writeVarint(v);
  const input = new ByteReader(out.toBase64());
  for (let i = 0; i < 20_000; i++) assert.equal(input.readVarint(), i % 200);
  for (const v of values) assert.equal(input.readVarint(), v);
  assert.ok(input.done);
});

test('corrupt input throws (the cache is then rebuilt)', () => {
  assert.throws(() => new ByteReader('not base64!!'));
  const truncated = new ByteReader(btoa(String.fromCharCode(0x80)));
  assert.throws(() => truncated.readVarint());
  assert.throws(() => new ByteWriter().writeVarint(-1));
});

test('every length round-trips (base64 padding)', () => {
  for (let n = 0; n < 10; n++) {
    const out = new ByteWriter();
    for (let i = 0; i < n; i++) out.writeVarint(i * 37);
    const input = new ByteReader(out.toBase64());
    for (let i = 0; i < n; i++) assert.equal(input.readVarint(), i * 37);
    assert.ok(input.done);
  }
});

test('our base64 is the standard one', () => {
  const out = new ByteWriter();
  for (const v of [0, 1, 2, 250 % 128, 99, 127]) out.writeVarint(v);
  assert.equal(out.toBase64(), btoa(String.fromCharCode(0, 1, 2, 250 % 128, 99, 127)));
});
