// Generated workspaces for `npm run bench` (PRODUCT.md §5): realistic Russian and English records
// of 1–3 KB, 10% with purchases, some invoices, some stale. Deterministic: the same size gives the
// same files, so runs compare.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when the generated files change, so cached workspaces are rebuilt. */
export const GENERATOR_VERSION = 3;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RU_FIRST = ['Анна', 'Иван', 'Мария', 'Пётр', 'Ольга', 'Сергей', 'Елена', 'Дмитрий', 'Наталья', 'Алексей', 'Юлия', 'Михаил'];
const RU_LAST = ['Смирнов', 'Иванов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков'];
const EN_FIRST = ['John', 'Emma', 'James', 'Olivia', 'Thomas', 'Sophie', 'Daniel', 'Grace'];
const EN_LAST = ['Smith', 'Carter', 'Becker', 'Miller', 'Taylor', 'Brown', 'Wilson', 'Clark'];
const CITIES = ['Москва', 'Санкт-Петербург', 'Нижний Новгород', 'Казань', 'Екатеринбург', 'Новосибирск', 'London', 'Berlin'];
const COMPANIES = ['ООО «Ромашка»', 'ООО «Вектор»', 'ИП Петров', 'Кофейня «Зерно»', 'Acme Ltd', 'Northwind GmbH', 'Студия «Баланс»'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const TAGS = ['vip', 'b2b', 'b2c', 'moscow', 'referral', 'repeat', 'web', 'seo', 'design'];
const RU_SENTENCES = [
  'Обсудили новый сайт для сети магазинов, клиент хочет интернет-магазин с доставкой по Москве.',
  'Отправил коммерческое предложение, ждём ответа до конца месяца.',
  'Созвонились, уточнили бюджет и сроки; нужен лендинг к запуску рекламы.',
  'Клиент просит скидку, предложил разбить оплату на два этапа.',
  'Встреча в офисе прошла хорошо, договорились о пилотном проекте.',
  'Нужна интеграция с 1С и CRM, сроки сжатые.',
]
const EN_SENTENCES = [
  'Discussed a redesign of the landing page and a new booking form.',
  'Sent the revised proposal; they will decide after the board meeting.',
  'Call about the integration with their accounting system next week.',
  'They asked for references from similar projects in retail.',
  'Good meeting; the budget is approved for the first phase.',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/**
 * About seven people per company, as in a real client base: `ООО «Ромашка-12»`, `Acme Ltd 12`. v2
 * drew one of seven company names for the whole workspace, so every client shared its name and
 * company with dozens of others and `possible-duplicate` fired on nearly all of them. The draw is
 * kept (its value unused) so the random stream, and every other field, stays as in v2.
 */
function companyFor(i: number, random: () => number): string {
  pick(random, COMPANIES);
  const n = Math.floor(i / 7);
  const base = COMPANIES[n % COMPANIES.length]!;
  return base.includes('»') ? base.replace('»', `-${n}»`) : `${base} ${n}`;
}

function isoDay(base: Date, offsetDays: number): string {
  const d = new Date(base.getTime() + offsetDays * 86400000);
  return d.toISOString().slice(0, 10);
}

const TODAY = new Date('2026-11-20T00:00:00Z');

function record(i: number, random: () => number): { file: string; text: string } {
  const russian = random() < 0.75;
  const first = russian ? pick(random, RU_FIRST) : pick(random, EN_FIRST);
  const last = russian ? pick(random, RU_LAST) : pick(random, EN_LAST);
  const name = `${first} ${last}`;
  const tags = [...new Set([pick(random, TAGS), pick(random, TAGS)])].slice(0, 1 + Math.floor(random() * 2));
  const stage = pick(random, STAGES);
  const created = isoDay(TODAY, -30 - Math.floor(random() * 700));
  // A third are stale: last contact 40–200 days ago.
  const lastContact = isoDay(TODAY, random() < 0.33 ? -40 - Math.floor(random() * 160) : -Math.floor(random() * 25));
  const lines = [
    '---',
    `name: ${name}`,
    `company: ${companyFor(i, random)}`,
    `email: client${i}@example.${russian ? 'ru' : 'com'}`,
    `phone: "+7 9${String(10 + (i % 89)).padStart(2, '0')} ${String(100 + (i % 900)).padStart(3, '0')}-${String(10 + (i % 90))}-${String(10 + ((i * 7) % 90))}"`,
    `city: ${pick(random, CITIES)}`,
    `stage: ${stage}`,
    `tags: [${tags.join(', ')}]`,
    `value: ${1000 * (5 + Math.floor(random() * 300))}`,
    `source: ${pick(random, ['referral', 'web', 'event', 'cold'])}`,
    `created: ${created}`,
    `last_contact: ${lastContact}`,
    `next_action: { date: ${isoDay(TODAY, Math.floor(random() * 40) - 10)}, what: ${russian ? 'Позвонить по предложению' : 'Call about the proposal'} }`,
    `consent: { processing: true, email: ${random() < 0.7}, sms: false, date: ${created} }`,
    `owner: owner${i % 5}@example.com`,
  ];
  // Birthdays for one in seven (the birthday playbook); by index, so the random stream is unchanged.
  if (i % 7 === 0) lines.push(`birthday: ${1960 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
  if (random() < 0.1) {
    lines.push('purchases:');
    const n = 1 + Math.floor(random() * 4);
    for (let p = 0; p < n; p++) lines.push(`  - { date: ${isoDay(TODAY, -Math.floor(random() * 500))}, amount: ${1000 * (10 + Math.floor(random() * 90))}, item: ${russian ? 'Лендинг' : 'Landing page'} }`);
  }
  lines.push('---', '## Notes');
  const target = 700 + Math.floor(random() * 2000);
  let body = '';
  while (body.length < target) body += `${pick(random, russian ? RU_SENTENCES : EN_SENTENCES)} `;
  lines.push(body.trim());
  // Tasks in a third of the notes: open ones from 10 days overdue to 3 weeks ahead, some done.
  if (i % 3 === 0) {
    lines.push('', `- [ ] ${isoDay(TODAY, (i % 31) - 10)} ${russian ? 'Позвонить и обсудить смету' : 'Call about the estimate'} @owner${(i + 1) % 5}@example.com`);
    if (i % 6 === 0) lines.push(`- [x] ${isoDay(TODAY, -(i % 40) - 1)} ${russian ? 'Отправить КП' : 'Send the proposal'} ✓ ${isoDay(TODAY, -(i % 40))}`);
    if (i % 9 === 0) lines.push(`- [ ] ${russian ? 'Попросить отзыв' : 'Ask for a review'}`);
  }
  lines.push('', '## Log', `- ${lastContact} call: ${russian ? 'обсудили сроки' : 'discussed timing'}`, '');
  const slug = `client-${String(i).padStart(6, '0')}`;
  return { file: `clients/${Math.floor(i / 1000)}/${slug}.md`, text: lines.join('\n') };
}

/** Writes a workspace of `size` records into `dir` (replacing what was there). */
export function generateWorkspace(dir: string, size: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const random = prng(size);
  fs.mkdirSync(path.join(dir, '.crm'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.crm', 'config.yaml'), 'currency: RUB\nlocale: ru-RU\nstale: { default: 30, lead: 7, proposal: 14 }\n');
  fs.writeFileSync(path.join(dir, '.crm', 'segments.yaml'), 'vip: tag:vip\nhot: stage:proposal,negotiation value:>=100000\n');
  fs.writeFileSync(
    path.join(dir, '.crm', 'playbooks.yaml'),
    [
      'won: { when: won, do: [ { task: { in: 2w, what: Ask for a review, owner: $owner } } ] }',
      'repeat-sale: { when: { days_after: { field: last_purchase, days: 180 } }, if: "lifecycle:new,active,sleeping", do: [ { task: { what: Offer a repeat sale, owner: $owner } } ] }',
      'birthday: { when: { birthday: { days_before: 3 } }, do: [ { task: { what: Поздравить с днём рождения } } ] }',
      '',
    ].join('\n'),
  );
  for (let i = 0; i < size; i++) {
    const { file, text } = record(i, random);
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  // Invoices for one client in twenty.
  fs.mkdirSync(path.join(dir, 'invoices', '2026'), { recursive: true });
  for (let i = 0, n = 1; i < size; i += 20, n++) {
    const number = `INV-2026-${String(n).padStart(4, '0')}`;
    const status = n % 3 === 0 ? 'paid' : n % 3 === 1 ? 'sent' : 'draft';
    const text = [
      '---',
      `number: ${number}`,
      `client: client-${String(i).padStart(6, '0')}`,
      'date: 2026-09-01',
      'due: 2026-10-01',
      `status: ${status}`,
      ...(status === 'paid' ? ['paid_on: 2026-09-20'] : []),
      'currency: RUB',
      'items: [{ description: Разработка сайта, qty: 1, price: 50000 }]',
      'total: 50000',
      '---',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'invoices', '2026', `${number}.md`), text);
  }
  fs.writeFileSync(path.join(dir, '.bench-version'), String(GENERATOR_VERSION));
}

/** Generates the workspace unless an up-to-date one is already there. */
export function ensureWorkspace(dir: string, size: number): boolean {
  try {
    if (fs.readFileSync(path.join(dir, '.bench-version'), 'utf8') === String(GENERATOR_VERSION)) return false;
  } catch {
    // not there yet
  }
  generateWorkspace(dir, size);
  return true;
}
