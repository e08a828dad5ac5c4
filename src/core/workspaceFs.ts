// The file access the store needs, so the CLI (Node's fs) and tests can supply their own.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

export type ReadResult = { ok: true; text: string; size: number; mtimeMs: number } | { ok: false; message: string; size?: number };

export interface WorkspaceFs {
  /** Reads a workspace-relative file as UTF-8; files over `maxBytes` are not read. */
  read(root: string, file: string, maxBytes: number): Promise<ReadResult>;
  /** Every file under a workspace-relative folder, as workspace-relative paths with `/`. Symlinks are not followed. */
  list(root: string, folder: string): Promise<string[]>;
  exists(root: string, file: string): Promise<boolean>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const nodeFs: WorkspaceFs = {
  async read(root, file, maxBytes) {
    const abs = path.join(root, file);
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(abs, 'r');
      const stat = await handle.stat();
      if (!stat.isFile()) return { ok: false, message: 'not a regular file' };
      if (stat.size > maxBytes) {
        return { ok: false, size: stat.size, message: `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(0)} MB limit for a record; not loaded` };
      }
      const bytes = await handle.readFile();
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        return { ok: false, size: stat.size, message: 'not valid UTF-8 text; save the file as UTF-8' };
      }
      return { ok: true, text, size: stat.size, mtimeMs: stat.mtimeMs };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, message: code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? String(error)}` };
    } finally {
      await handle?.close();
    }
  },

  async list(root, folder) {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fsp.readdir(path.join(root, rel), { withFileTypes: true });
      } catch {
        return;
      }
      const dirs: string[] = [];
      for (const entry of entries) {
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        // Dirent types come from readdir without a stat; a symlink is neither, so loops cannot happen.
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.')) dirs.push(child);
        } else if (entry.isFile()) {
          out.push(child);
        }
      }
      await Promise.all(dirs.map(walk));
    };
    await walk(folder);
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
