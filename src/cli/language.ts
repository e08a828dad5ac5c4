// The CLI's language: `--lang en|ru`, else the locale variables in POSIX order (LC_ALL, then
// LC_MESSAGES, then LANG). Chosen before the program is built, because the help texts are
// translated when the commands are declared.
import { languageOf, type Language } from '../core/i18n';
import { UsageError } from './usageError';

export const LANGUAGES: readonly Language[] = ['en', 'ru'];

/** The value of `--lang x` / `--lang=x` before a `--` (commander parses the same option later). */
function langOption(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang') return argv[i + 1] ?? '';
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const option = langOption(argv);
  if (option !== undefined) {
    if (!(LANGUAGES as readonly string[]).includes(option)) throw new UsageError(`--lang: "${option}" is not supported; use ${LANGUAGES.join(' or ')}`);
    return option as Language;
  }
  const tag = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return languageOf(tag);
}
