// The binary encoding of posting lists in the search cache: unsigned LEB128 varints, carried in
// the cache's JSON as one base64 string. Document ids are stored as gaps and most gaps and
// frequencies are below 128, so a posting takes about 2 bytes instead of the ~10 characters of
// a JSON number pair, and decoding is one pass over bytes instead of JSON parsing millions of
// numbers. Web-standard APIs only (`TextEncoder`/`TextDecoder`), no Node `Buffer`.

import { runToEnd } from '../slices';

export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  writeVarint(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a varint: ${value}`);
    let v = value;
    if (this.length + 8 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  /** The bytes written (a view: nothing is written after the caller takes them). */
  toBytes(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** Base64 by table into ASCII bytes, then one native decode to a string (no per-char strings). */
  toBase64(): string {
    const bytes = this.bytes;
    const n = this.length;
    const out = new Uint8Array(Math.ceil(n / 3) * 4);
    let o = 0;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      out[o++] = ALPHABET[v >> 18] ?? 0;
      out[o++] = ALPHABET[(v >> 12) & 63] ?? 0;
      out[o++] = ALPHABET[(v >> 6) & 63] ?? 0;
      out[o++] = ALPHABET[v & 63] ?? 0;
    }
    if (i < n) {
      const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
      out[o++] = ALPHABET[v >> 18] ?? 0;
      out[o++] = ALPHABET[(v >> 12) & 63] ?? 0;
      out[o++] = i + 1 < n ? (ALPHABET[(v >> 6) & 63] ?? 0) : PAD;
      out[o++] = PAD;
    }
    return new TextDecoder('ascii').decode(out);
  }
}

const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 0x3d; // '='

/** Base64 character code → 6-bit value; 255 for characters that are not base64. */
const DECODE = new Uint8Array(128).fill(255);
ALPHABET.forEach((code, value) => {
  DECODE[code] = value;
});

/**
 * Decodes base64 with a table: `atob` in Node validates and builds a binary string first, and
 * was the slowest step of loading a 50k-record cache. Throws on characters outside the alphabet.
 */
export function decodeBase64(text: string): Uint8Array {
  return runToEnd(decodeBase64Steps(text));
}

/** `decodeBase64`, pausing (a `yield`) every 256k characters: a 50k-record cache has ~15 million. */
export function* decodeBase64Steps(text: string): Generator<void, Uint8Array, void> {
  let n = text.length;
  while (n > 0 && text.charCodeAt(n - 1) === PAD) n--;
  const bytes = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 0x3ffff) === 0x3ffff) yield;
    const value = DECODE[text.charCodeAt(i)] ?? 255;
    if (value === 255) throw new RangeError('not base64');
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, o);
}

export class ByteReader {
  /** The decoded bytes and the read position, public so a hot loop can decode inline. */
  readonly bytes: Uint8Array;
  position = 0;

  /** Throws on text that is not base64 (a corrupt cache; the caller rebuilds). Bytes are read as they are. */
  constructor(input: string | Uint8Array) {
    this.bytes = typeof input === 'string' ? decodeBase64(input) : input;
  }

  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  /** Throws on a truncated or over-long varint. */
  readVarint(): number {
    let value = 0;
    let scale = 1;
    for (let shift = 0; shift < 7; shift++) {
      const byte = this.bytes[this.position++];
      if (byte === undefined) throw new RangeError('truncated varint');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new RangeError('varint too long');
  }
}
