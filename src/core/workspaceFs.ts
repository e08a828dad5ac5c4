// The file access the store needs, so the CLI (Node's fs) and tests can supply their own.
import { closeSync, fstatSync, openSync, promises as fsp, readdirSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { t } from './i18n';
import { splitFrontMatter } from './parse/frontMatter';
import { slicer } from './slices';

const LIST_SLICE_MS = 10;

/** A failed read says why in `message` (in the user's language); `notFound` marks a file that is not there. */
export type ReadResult = { ok: true; text: string; size: number; mtimeMs: number } | { ok: false; message: string; size?: number; notFound?: true };

export interface ReadOptions {
  /**
   * Only a Markdown file's front matter (through its closing `---` line) is decoded and returned,
   * the whole text when there is none: positions of fields need no more, and decoding the notes
   * (mostly Cyrillic, two bytes a letter) was half the cost of reading a file.
   */
  frontMatterOnly?: boolean;
}

export interface WorkspaceFs {
  /** Reads a workspace-relative file as UTF-8; files over `maxBytes` are not read. */
  read(root: string, file: string, maxBytes: number): Promise<ReadResult>;
  /**
   * The same, synchronously, for loading many small files: Node's promise API pays four thread
   * pool round trips a file (open, stat, read, close), which made reading 10k records 5× slower
   * than the disk. The store reads in small batches and yields between them.
   */
  readSync?(root: string, file: string, maxBytes: number, options?: ReadOptions): ReadResult;
  /** A regular file's mtime and size (one stat, for the model cache), or undefined when it is not one. */
  stampSync?(root: string, file: string): { mtimeMs: number; size: number } | undefined;
  /** Every file under a workspace-relative folder, as workspace-relative paths with `/`. Symlinks are not followed. */
  list(root: string, folder: string): Promise<string[]>;
  exists(root: string, file: string): Promise<boolean>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const tooLarge = (size: number, maxBytes: number): ReadResult => ({
  ok: false,
  size,
  message: t('file is {0} MB, over the {1} MB limit for a record; not loaded', (size / 1024 / 1024).toFixed(1), (maxBytes / 1024 / 1024).toFixed(0)),
});

/**
 * The bytes through a front matter's closing line. Found on a latin1 view of the bytes, so the
 * record parser's own rules decide where it ends: UTF-8 never puts an ASCII byte (a newline, a
 * dash) inside a multi-byte letter, so latin1 offsets are byte offsets.
 */
function frontMatterBytes(bytes: Buffer): Buffer {
  const end = frontMatterEnd(bytes, true);
  return end === undefined ? bytes : bytes.subarray(0, end);
}

const DASHES = Buffer.from('\n---');
const DOTS = Buffer.from('\n...');

/**
 * Where the front matter in `bytes` ends (just past its closing line), or undefined: when there
 * is none, or, for the first bytes of a file (`whole` false), when they cannot tell yet.
 *
 * It looks first only through the line of the first `---` or `...` after line 1. The split stops
 * at the first closing line, which is that one or a later one, and a prefix cut at a line's end
 * holds the same lines before it; so when that line closes the front matter, the answer is the
 * one the whole file gives, without a string of the notes or the rest of the file read.
 */
function frontMatterEnd(bytes: Buffer, whole: boolean): number | undefined {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const candidate = Math.min(indexOr(bytes, DASHES, bom), indexOr(bytes, DOTS, bom));
  if (candidate < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, candidate + 1);
    if (lineEnd !== -1) {
      const latin = bytes.toString('latin1', bom, lineEnd + 1);
      const split = splitFrontMatter(latin);
      if (split.ok) return bom + latin.length - split.body.length;
    }
  }
  if (!whole) return undefined;
  const latin = bytes.toString('latin1', bom);
  const split = splitFrontMatter(latin);
  return split.ok ? bom + latin.length - split.body.length : undefined;
}

/** Where `marker` first occurs from `from`; the length when it does not. */
function indexOr(bytes: Buffer, marker: Buffer, from: number): number {
  const at = bytes.indexOf(marker, from);
  return at === -1 ? bytes.length : at;
}

function decoded(bytes: Buffer, size: number, mtimeMs: number, options?: ReadOptions): ReadResult {
  try {
    return { ok: true, text: utf8.decode(options?.frontMatterOnly ? frontMatterBytes(bytes) : bytes), size, mtimeMs };
  } catch {
    return { ok: false, size, message: t('not valid UTF-8 text; save the file as UTF-8') };
  }
}

function readError(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? { ok: false, message: t('file not found'), notFound: true } : { ok: false, message: t('cannot read: {0}', code ?? String(error)) };
}

/** One buffer for every synchronous read: records are small, and it grows for a large one. */
let scratch = Buffer.allocUnsafe(256 * 1024);

let temps = 0;

/**
 * A temp file beside `file` for an atomic write (write, then rename over it): unique per process,
 * thread (a worker and the extension host share one pid) and call (two writes of one cache may
 * overlap, as when a reload starts while the last load's cache is still being written).
 */
export function tempPathFor(file: string): string {
  return `${file}.${process.pid}-${threadId}-${++temps}.tmp`;
}

export const nodeFs: WorkspaceFs = {
  async read(root, file, maxBytes) {
    const abs = path.join(root, file);
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(abs, 'r');
      const stat = await handle.stat();
      if (!stat.isFile()) return { ok: false, message: t('not a regular file') };
      if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
      return decoded(await handle.readFile(), stat.size, stat.mtimeMs);
    } catch (error) {
      return readError(error);
    } finally {
      await handle?.close();
    }
  },

  readSync(root, file, maxBytes, options) {
    let fd: number | undefined;
    try {
      fd = openSync(path.join(root, file), 'r');
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { ok: false, message: t('not a regular file') };
      if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
      if (scratch.length < stat.size + 1) scratch = Buffer.allocUnsafe(stat.size + 1);
      // Read to the end rather than trusting the size: the file may have grown since the stat.
      const headOnly = options?.frontMatterOnly === true && file.endsWith('.md');
      let length = 0;
      for (let n; (n = readSync(fd, scratch, length, scratch.length - length, null)) > 0; ) {
        length += n;
        // Positions need the front matter only: once it is closed, the rest is not read.
        const head = headOnly ? frontMatterEnd(scratch.subarray(0, length), false) : undefined;
        if (head !== undefined) return decoded(scratch.subarray(0, head), stat.size, stat.mtimeMs);
        if (length === scratch.length) {
          if (length > maxBytes) return tooLarge(length, maxBytes);
          const bigger = Buffer.allocUnsafe(scratch.length * 2);
          scratch.copy(bigger);
          scratch = bigger;
        }
      }
      return decoded(scratch.subarray(0, length), length, stat.mtimeMs, headOnly ? options : undefined);
    } catch (error) {
      return readError(error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },

  stampSync(root, file) {
    try {
      const stat = statSync(path.join(root, file), { throwIfNoEntry: false });
      return stat?.isFile() ? { mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
    } catch {
      return undefined;
    }
  },

  async list(root, folder) {
    const out: string[] = [];
    // Synchronous reads one folder at a time, yielding between slices: 50 folders listed at once
    // with the promise API came back together, and their entries were handled in one ~100 ms
    // stretch of the extension host's thread (at 50k records) before a timer could run.
    const pause = slicer(LIST_SLICE_MS);
    const pending = [folder];
    for (let rel; (rel = pending.pop()) !== undefined; ) {
      let entries;
      try {
        entries = readdirSync(path.join(root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        // Dirent types come from readdir without a stat; a symlink is neither, so loops cannot happen.
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.')) pending.push(child);
        } else if (entry.isFile()) {
          out.push(child);
        }
      }
      const wait = pause();
      if (wait) await wait;
    }
    return out;
  },

  async exists(root, file) {
    try {
      await fsp.access(path.join(root, file));
      return true;
    } catch {
      return false;
    }
  },
};
