// The parsed model on disk, so a warm start reads one file instead of parsing every record:
// parsing the YAML and validating cost ~100 µs a record, four times the read itself. An entry is
// trusted only while its file's mtime and size are the ones it was parsed from, and only for the
// same config, language and build; anything else is read and parsed again.
//
// Layout: a 1 KiB header (JSON, space-padded), then blocks of up to BLOCK_ROWS files, each
// [u32 json bytes][u32 body bytes][JSON array of rows][the rows' notes as UTF-16LE]. Notes are
// most of the bytes and mostly Cyrillic: UTF-16 copies in, where UTF-8 would be decoded (7× slower,
// measured). Blocks let both reading and writing pause between them.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { RACY_MS } from './fileStamp';
import type { Language } from './i18n';
import type { CrmConfig } from './model';
import { slicer } from './slices';
import type { FileEntry } from './store';
import { tempPathFor } from './workspaceFs';

/** What a file looked like when it was parsed: a later stat that differs means re-read it. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

export interface CachedFile {
  stamp: FileStamp;
  entry: FileEntry;
}

/** Bumped whenever the layout or the meaning of a cached entry changes. */
const FORMAT = 1;
const HEADER_BYTES = 1024;
const BLOCK_ROWS = 128;

interface Header {
  format: number;
  key: string;
  rows: number;
  blocks: number;
  sha1: string;
}

/** A row as stored: file, mtime, size, the notes' length in UTF-16 units, the entry without its notes. */
type Row = [string, number, number, number, FileEntry];

/**
 * Says which model a cache holds: everything a record's analysis depends on besides its text.
 * The build is a hash of this module's file (the bundle, in a package), so a new build never
 * trusts an old cache: its size and mtime alone would not do, as an npm package sets one date for
 * every file of every version.
 */
export function modelCacheKey(config: CrmConfig, language: Language): string {
  return createHash('sha1').update(JSON.stringify({ format: FORMAT, build: buildHash(), language, config })).digest('hex');
}

/**
 * A record's `stamp`: the file's mtime and size, and the build that parsed it (another build may
 * read the same file into another record).
 */
export function recordStamp(stamp: FileStamp): string {
  return `${stamp.mtimeMs}:${stamp.size}:${buildHash().slice(0, 12)}`;
}

let build: string | undefined;

/** The running build's hash, once a process (3.4 MB of bundle: ~8 ms). */
export function buildHash(): string {
  if (build === undefined) {
    try {
      // The mtime too: under tsc's out/ this module is its own file, rewritten by every compile.
      // Hashed with the bytes, so any prefix of the hash (a record's stamp takes 12) covers both.
      build = createHash('sha1').update(fs.readFileSync(__filename)).update(`\0${fs.statSync(__filename).mtimeMs}`).digest('hex');
    } catch {
      build = 'unknown'; // no file to read (an unusual loader): the format and config still key the cache
    }
  }
  return build;
}

/**
 * The cached entries keyed by file, or undefined when the cache is missing, of another key, or
 * damaged in any way. Read block by block, so the whole file (200 MB at 50k records) is never in
 * memory beside the model it decodes to.
 */
export async function readModelCache(
  file: string,
  key: string,
  sliceMs = Number.POSITIVE_INFINITY,
  /** Called once the header says the cache is `key`'s, before its blocks are read. */
  onHeader?: () => void,
): Promise<Map<string, CachedFile> | undefined> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    return await decode(handle, key, sliceMs, onHeader);
  } catch {
    return undefined; // missing, garbled JSON, a short block: never trusted, rebuilt by the next write
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function decode(handle: fsp.FileHandle, key: string, sliceMs: number, onHeader: (() => void) | undefined): Promise<Map<string, CachedFile> | undefined> {
  const fileSize = (await handle.stat()).size;
  const readAt = async (position: number, length: number): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    if (bytesRead !== length) throw new Error('short read');
    return buffer;
  };
  if (fileSize < HEADER_BYTES) return undefined;
  const header = JSON.parse((await readAt(0, HEADER_BYTES)).toString('utf8')) as Partial<Header>;
  if (header.format !== FORMAT || header.key !== key || typeof header.rows !== 'number' || typeof header.blocks !== 'number') return undefined;
  onHeader?.();
  const hash = createHash('sha1');
  const out = new Map<string, CachedFile>();
  const pause = slicer(sliceMs);
  // Each read takes one block and the next block's sizes, and the next read starts before this
  // block is decoded, so the disk and the decoding overlap.
  const blockAt = (at: number, sizes: Buffer): { sizes: Buffer; jsonBytes: number; length: number; end: number; bytes: Promise<Buffer> } | undefined => {
    const jsonBytes = sizes.readUInt32LE(0);
    const length = jsonBytes + sizes.readUInt32LE(4);
    const end = at + 8 + length;
    if (end > fileSize) return undefined;
    const bytes = readAt(at + 8, length + (end + 8 <= fileSize ? 8 : 0));
    bytes.catch(() => undefined); // handled: a damaged block may end the decoding before this read is awaited
    return { sizes, jsonBytes, length, end, bytes };
  };
  let at = HEADER_BYTES;
  let current = header.blocks > 0 ? blockAt(at, await readAt(at, 8)) : undefined;
  for (let block = 0; block < header.blocks; block++) {
    if (!current) return undefined;
    const { sizes, jsonBytes, length, end } = current;
    const bytes = await current.bytes;
    current = bytes.length > length ? blockAt(end, bytes.subarray(length)) : undefined;
    hash.update(sizes);
    hash.update(bytes.subarray(0, length));
    const rows = JSON.parse(bytes.toString('utf8', 0, jsonBytes)) as Row[];
    let body = jsonBytes;
    for (const [name, mtimeMs, size, chars, entry] of rows) {
      if (entry.file !== name || body + chars * 2 > length) return undefined;
      if (entry.record) entry.record.body = bytes.toString('utf16le', body, body + chars * 2);
      body += chars * 2;
      out.set(name, { stamp: { mtimeMs, size }, entry });
    }
    if (body !== length) return undefined;
    at = end;
    await pause();
  }
  if (at !== fileSize || out.size !== header.rows || hash.digest('hex') !== header.sha1) return undefined;
  return out;
}

/** Only what JSON gives back as it was: YAML's `.nan`, `.inf` and `-0` would come back as null and 0. */
function jsonSafe(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || value === null) return typeof value !== 'undefined';
  if (depth > 64) return false;
  for (const child of Object.values(value)) if (!jsonSafe(child, depth + 1)) return false;
  return true;
}

/**
 * Writes the entries atomically (a temp file renamed over the old one), leaving out the racy and
 * the ones JSON cannot carry. False when it could not be written (a read-only folder): the next
 * start parses again, nothing else is lost.
 */
export async function writeModelCache(
  file: string,
  key: string,
  files: Iterable<[string, CachedFile]>,
  options: { sliceMs?: number; now?: number } = {},
): Promise<boolean> {
  const racyFrom = (options.now ?? Date.now()) - RACY_MS;
  const pause = slicer(options.sliceMs ?? Number.POSITIVE_INFINITY);
  const temp = tempPathFor(file);
  let handle: fsp.FileHandle | undefined;
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    handle = await fsp.open(temp, 'w');
    const hash = createHash('sha1');
    let position = HEADER_BYTES;
    let rows = 0;
    let blocks = 0;
    let block: Row[] = [];
    let bodies: string[] = [];
    const flush = async (): Promise<void> => {
      if (block.length === 0) return;
      const json = Buffer.from(JSON.stringify(block), 'utf8');
      const body = Buffer.from(bodies.join(''), 'utf16le');
      const sizes = Buffer.alloc(8);
      sizes.writeUInt32LE(json.length, 0);
      sizes.writeUInt32LE(body.length, 4);
      for (const part of [sizes, json, body]) {
        hash.update(part);
        await handle!.write(part, 0, part.length, position);
        position += part.length;
      }
      rows += block.length;
      blocks++;
      block = [];
      bodies = [];
      await pause();
    };
    for (const [name, { stamp, entry }] of files) {
      if (stamp.mtimeMs > racyFrom || !jsonSafe(entry)) continue;
      const body = entry.record?.body ?? '';
      block.push([name, stamp.mtimeMs, stamp.size, body.length, entry.record ? { ...entry, record: { ...entry.record, body: '' } } : entry]);
      bodies.push(body);
      if (block.length === BLOCK_ROWS) await flush();
    }
    await flush();
    const header = Buffer.from(JSON.stringify({ format: FORMAT, key, rows, blocks, sha1: hash.digest('hex') } satisfies Header), 'utf8');
    if (header.length > HEADER_BYTES) throw new Error('header too long');
    await handle.write(Buffer.concat([header, Buffer.alloc(HEADER_BYTES - header.length, ' ')]), 0, HEADER_BYTES, 0);
    await handle.close();
    handle = undefined;
    await fsp.rename(temp, file);
    return true;
  } catch {
    await handle?.close().catch(() => undefined);
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    return false;
  }
}
