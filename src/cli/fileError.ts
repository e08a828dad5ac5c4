// A file the operating system refused (read-only, immutable, no space, a folder where a file
// should be): one clear line on stderr and exit 2, never a stack trace. The file was left as it
// was: the CLI writes through a temp file and a rename, and the rename is what failed.
import { t } from '../core/i18n';

/** Functions, not texts: the language is chosen after this module is loaded. */
const REASONS: Readonly<Record<string, () => string>> = {
  EACCES: () => t('permission denied'),
  EPERM: () => t('the operating system does not allow it (read-only or immutable file?)'),
  EROFS: () => t('the file system is read-only'),
  ENOSPC: () => t('the disk is full'),
  EDQUOT: () => t('the disk quota is exceeded'),
  EISDIR: () => t('it is a folder'),
  ENOTDIR: () => t('a part of the path is not a folder'),
  EBUSY: () => t('the file is busy'),
  EMFILE: () => t('too many open files'),
  ENAMETOOLONG: () => t('the name is too long'),
};

/** The message for a file-system error, or undefined for anything else (a bug: shown with its stack). */
export function fileErrorMessage(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || !Object.hasOwn(REASONS, e.code)) return undefined;
  const file = (e as { dest?: string }).dest ?? e.path;
  const reason = REASONS[e.code]!();
  return file
    ? t('cannot change {0}: {1} ({2}); the file was not changed', String(file).replace(/\.[0-9]+$/, ''), reason, e.code)
    : t('a file operation failed: {0} ({1}); the file was not changed', reason, e.code);
}
