// A file the operating system refused (read-only, immutable, no space, a folder where a file
// should be): one clear line on stderr and exit 2, never a stack trace. The file was left as it
// was: the CLI writes through a temp file and a rename, and the rename is what failed.
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'the operating system does not allow it (read-only or immutable file?)',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EBUSY: 'the file is busy',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** The message for a file-system error, or undefined for anything else (a bug: shown with its stack). */
export function fileErrorMessage(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || !(e.code in REASONS)) return undefined;
  const file = (e as { dest?: string }).dest ?? e.path;
  return `${file ? `cannot change ${String(file).replace(/\.[0-9]+$/, '')}` : 'a file operation failed'}: ${REASONS[e.code]} (${e.code}); the file was not changed`;
}
