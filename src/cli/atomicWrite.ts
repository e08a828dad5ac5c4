// The CLI's only way to write into a workspace: a temp file in the same folder, fsynced, then
// renamed over the target, so a crash or Ctrl-C leaves the old file or the new one, never half
// of one (PRODUCT.md §6). `write-file-atomic` (npm's own) does the replace; creating a new file
// links the temp file into place, which fails instead of overwriting a file that appeared since.
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** Replaces (or creates) `file` with `text` atomically, keeping the old file's mode. */
export async function replaceFileAtomic(file: string, text: string | Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, text, typeof text === 'string' ? { encoding: 'utf8' } : {});
}

/** Creates `file` with `text` atomically; false (and nothing written) when it already exists. */
export async function createFileAtomic(file: string, text: string | Buffer): Promise<boolean> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.promises.open(temp, 'wx');
  try {
    await handle.writeFile(text, typeof text === 'string' ? 'utf8' : undefined);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}
