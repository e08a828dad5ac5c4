// Messages of the core and the CLI in the user's language. The English text is the key, `{0}`…
// are filled from the arguments — the format of `vscode.l10n.t` and its bundles — and the Russian
// bundle, l10n/core.l10n.ru.json, is compiled in, so neither adapter has a file to find. A loader
// of our own, not @vscode/l10n: that one also fetches bundles over HTTP, and no code that can
// reach the network ships in Plain CRM (test/unit/noNetwork.test.ts).
import ru from '../../l10n/core.l10n.ru.json';

export type Language = 'en' | 'ru';

const BUNDLES: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en: {}, ru };

let current: Language = 'en';

/** The message in the chosen language, `{0}`… filled from `args` (a missing argument stays `{n}`). */
export function t(message: string, ...args: ReadonlyArray<string | number | boolean>): string {
  const text = BUNDLES[current][message] ?? message;
  return args.length === 0 ? text : text.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

/** Chooses the language of every later message; the adapters choose once, before loading records. */
export function useLanguage(language: Language): void {
  current = language;
}

export function currentLanguage(): Language {
  return current;
}

/** `ru`, `ru-RU`, `ru_RU.UTF-8` → ru; anything else (or nothing) → en. */
export function languageOf(tag: string | undefined): Language {
  return tag !== undefined && /^ru(?:[-_.@]|$)/i.test(tag.trim()) ? 'ru' : 'en';
}
