// Which record field each CSV column fills (PRODUCT.md §9, CSV import): a header maps by the field's
// name or a common Russian or English alias, case-insensitively; `--map "Column=field,…"` overrides;
// any other column becomes a snake_case custom field. `notes` is the record's Markdown notes.
import { t } from '../i18n';

/** Header aliases, compared after `headerKey()`: lower case, `ё` as `е`, no spaces, dashes or dots. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  name: ['name', 'fullname', 'фио', 'имя', 'клиент', 'контакт', 'contact', 'client'],
  first_name: ['firstname', 'givenname', 'имяотчество'],
  last_name: ['lastname', 'surname', 'familyname', 'фамилия'],
  email: ['email', 'e-mail', 'mail', 'почта', 'электроннаяпочта', 'емейл', 'емэйл'],
  phone: ['phone', 'tel', 'telephone', 'mobile', 'phonenumber', 'телефон', 'тел', 'мобильный', 'мобильныйтелефон', 'номертелефона'],
  company: ['company', 'organization', 'organisation', 'компания', 'организация', 'фирма'],
  city: ['city', 'town', 'город'],
  address: ['address', 'адрес'],
  position: ['position', 'title', 'должность'],
  'requisites.inn': ['requisites.inn', 'inn', 'инн'],
  tags: ['tags', 'tag', 'labels', 'теги', 'тег', 'метки', 'метка'],
  source: ['source', 'leadsource', 'источник'],
  stage: ['stage', 'status', 'стадия', 'этап', 'статус'],
  owner: ['owner', 'manager', 'ответственный', 'менеджер'],
  value: ['value', 'amount', 'dealvalue', 'сумма', 'суммасделки', 'бюджет'],
  currency: ['currency', 'валюта'],
  birthday: ['birthday', 'birthdate', 'dateofbirth', 'деньрождения', 'датарождения'],
  created: ['created', 'createdat', 'датасоздания', 'создан'],
  last_contact: ['lastcontact', 'последнийконтакт'],
  'consent.email': ['consent.email', 'emailconsent', 'согласиенарассылку', 'согласиенаemail'],
  'consent.sms': ['consent.sms', 'smsconsent', 'согласиенаsms', 'согласиенасмс'],
  'consent.processing': ['consent.processing', 'согласиенаобработку', 'согласиенаобработкупд', 'согласиенаобработкуперсональныхданных'],
  unsubscribed: ['unsubscribed', 'отписался', 'отписан'],
  notes: ['notes', 'note', 'comment', 'comments', 'заметки', 'заметка', 'примечание', 'примечания', 'комментарий', 'комментарии', 'описание'],
};

/** Fields a column may name directly (with `--map` or as its header) besides custom ones. */
export const IMPORT_FIELDS: readonly string[] = Object.keys(ALIASES);

/** Written by the import itself (or not settable from a cell): a column naming one is ignored. */
const RESERVED = new Set(['stage_since', 'next_action', 'purchases', 'consent', 'pipeline', 'deals', 'contacts']);

const headerKey = (header: string): string => header.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[\s_\-.:]+/g, '');
const ALIAS_INDEX = new Map<string, string>();
for (const [field, aliases] of Object.entries(ALIASES)) {
  ALIAS_INDEX.set(headerKey(field), field);
  for (const alias of aliases) ALIAS_INDEX.set(headerKey(alias), field);
}

/** `Дата визита` → `дата_визита`, `Job Title` → `job_title`: letters (any script) and digits. */
export function snakeCase(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\p{N})/u, '_$1');
}

export interface ColumnMapping {
  /** 0-based index of the column. */
  index: number;
  header: string;
  /** A field name or a dotted path (`consent.email`); undefined when the column is skipped. */
  field: string | undefined;
  how: 'alias' | 'map' | 'custom' | 'skipped';
}

/** `"Имя", "Телефон"`: column names for a message, each in the quotes of the user's language. */
function quotedList(columns: readonly string[]): string {
  return columns.map((column) => t('"{0}"', column)).join(', ');
}

/**
 * `"Имя=name, Должность=title, Примечание=-"` as column → field; `-` or nothing after `=` skips
 * the column. Columns compare like aliases (case, spaces, `ё`).
 */
export function parseMapOption(text: string): Map<string, string> | { error: string } {
  const map = new Map<string, string>();
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    if (eq <= 0) return { error: t('--map: "{0}" is not Column=field', part.trim()) };
    const field = part.slice(eq + 1).trim();
    if (field !== '' && field !== '-' && !/^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)?$/u.test(field)) {
      return { error: t('--map: "{0}" is not a field name (letters, digits and _, or consent.email)', field) };
    }
    map.set(part.slice(0, eq).trim(), field === '' ? '-' : field);
  }
  return map;
}

/**
 * The field of every column; an error when two columns would fill the same field or none names
 * the client. "Фамилия" next to "Имя" makes "Имя" the first name (the name is then both).
 */
export function mapColumns(header: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): ColumnMapping[] | { error: string } {
  const byKey = new Map([...overrides].map(([column, field]) => [headerKey(column), field]));
  const unknown = [...overrides.keys()].filter((column) => !header.some((h) => headerKey(h) === headerKey(column)));
  if (unknown.length > 0) return { error: t('--map: no column {0}; the columns are {1}', quotedList(unknown), quotedList(header)) };
  const mappings: ColumnMapping[] = header.map((text, index) => {
    const override = byKey.get(headerKey(text));
    if (override !== undefined) return { index, header: text, field: override === '-' ? undefined : override, how: override === '-' ? 'skipped' : 'map' };
    const known = ALIAS_INDEX.get(headerKey(text));
    if (known !== undefined) return { index, header: text, field: known, how: 'alias' };
    const custom = snakeCase(text);
    if (custom === '' || RESERVED.has(custom)) return { index, header: text, field: undefined, how: 'skipped' };
    return { index, header: text, field: custom, how: 'custom' };
  });
  const has = (field: string): boolean => mappings.some((m) => m.field === field);
  const guessedName = mappings.find((m) => m.field === 'name' && m.how === 'alias');
  if (guessedName && has('last_name') && !has('first_name')) guessedName.field = 'first_name';
  const seen = new Map<string, string>();
  for (const m of mappings) {
    if (m.field === undefined) continue;
    if (RESERVED.has(m.field)) return { error: t('column "{0}": {1} is not filled from a CSV cell', m.header, m.field) };
    const other = seen.get(m.field);
    if (other !== undefined) return { error: t('columns "{0}" and "{1}" both map to {2}; use --map "{1}=-" to skip one', other, m.header, m.field) };
    seen.set(m.field, m.header);
  }
  if (!['name', 'first_name', 'last_name', 'email', 'phone'].some(has)) {
    return { error: t('no column for the name, e-mail or phone among {0}; use --map "Column=name"', quotedList(header)) };
  }
  return mappings;
}

/** The mapping as `--map` text, to show and to edit: `Имя=name, Телефон=phone, Пусто=-`. */
export function mappingText(mappings: readonly ColumnMapping[]): string {
  return mappings.map((m) => `${m.header}=${m.field ?? '-'}`).join(', ');
}
