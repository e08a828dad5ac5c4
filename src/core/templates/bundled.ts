// The templates Plain CRM ships, in Russian and English: copied into a workspace's
// `.crm/templates/` (Add Template Files, `plain-crm templates init`) and edited there.
// Placeholders: client.* (any field of the record, and name), seller.* (config.seller), today,
// invoice.* (number, date, due, total, subtotal, items with n, description, qty, price, amount);
// sections money, number, date and words format what they enclose.

export const BUNDLED_TEMPLATES: Readonly<Record<string, string>> = {
  'ru/proposal.md': `---
kind: document
title: Коммерческое предложение
output: [md, html, pdf]
lang: ru
---
# Коммерческое предложение

{{today}}

**Кому:** {{client.name}}{{#client.company}}, {{client.company}}{{/client.company}}
**От кого:** {{seller.name}}

{{client.name}}, благодарим за интерес к нашей работе. По итогам нашего разговора предлагаем:

| Работа | Стоимость |
|---|---|
| Разработка и запуск проекта (объём — по итогам брифа) | {{#money}}{{client.value}}{{/money}} |

**Итого:** {{#money}}{{client.value}}{{/money}} ({{#words}}{{client.value}}{{/words}}).

Сроки и порядок работ согласуем в договоре. Предложение действует 14 дней.

С уважением,
{{seller.name}}
{{seller.phone}} · {{seller.email}}
`,
  'ru/contract.md': `---
kind: document
title: Договор оказания услуг
output: [md, html, pdf]
lang: ru
---
# Договор оказания услуг

{{today}}

**Исполнитель:** {{seller.name}}, ИНН {{seller.inn}}, адрес: {{seller.address}}.
**Заказчик:** {{client.company}}{{#client.requisites.inn}}, ИНН {{client.requisites.inn}}{{/client.requisites.inn}}{{#client.requisites.kpp}}, КПП {{client.requisites.kpp}}{{/client.requisites.kpp}}{{#client.requisites.inn}},{{/client.requisites.inn}} в лице {{client.name}}.

## 1. Предмет договора
1.1. Исполнитель оказывает Заказчику услуги по разработке, а Заказчик принимает и оплачивает их.

## 2. Стоимость и порядок оплаты
2.1. Стоимость услуг — {{#money}}{{client.value}}{{/money}} ({{#words}}{{client.value}}{{/words}}).
2.2. Оплата производится на расчётный счёт Исполнителя: {{seller.bank}}, БИК {{seller.bik}}, р/с {{seller.account}}, к/с {{seller.corr_account}}.

## 3. Сдача и приёмка
3.1. Результат услуг передаётся по акту выполненных работ.

## Подписи сторон
Исполнитель: ____________ / {{seller.name}} /
Заказчик: ____________ / {{client.name}} /
`,
  'ru/act.md': `---
kind: document
title: Акт выполненных работ
output: [md, html, pdf]
lang: ru
---
# Акт выполненных работ № {{invoice.number}}

{{today}}

**Исполнитель:** {{seller.name}}, ИНН {{seller.inn}}
**Заказчик:** {{client.company}} ({{client.name}}){{#client.requisites.inn}}, ИНН {{client.requisites.inn}}{{/client.requisites.inn}}{{#client.requisites.kpp}}, КПП {{client.requisites.kpp}}{{/client.requisites.kpp}}

Основание: счёт № {{invoice.number}} от {{invoice.date}}

| № | Наименование | Кол-во | Цена | Сумма |
|---|---|---|---|---|
{{#invoice.items}}| {{n}} | {{description}} | {{qty}} | {{price}} | {{amount}} |
{{/invoice.items}}

**Итого:** {{invoice.total}} ({{#words}}{{invoice.total_amount}}{{/words}}).

Работы выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам не имеет.

Исполнитель: ____________ / {{seller.name}} /
Заказчик: ____________ / {{client.name}} /
`,
  'ru/first-follow-up.md': `---
kind: message
title: После первого разговора
channel: email
lang: ru
subject: "{{seller.name}}: по итогам разговора"
---
{{client.name}}, добрый день!

Спасибо за разговор. Как договорились, подготовлю предложение и пришлю его в ближайшие дни.
Если появятся вопросы — пишите или звоните: {{seller.phone}}.

{{seller.name}}
`,
  'ru/proposal-sent.md': `---
kind: message
title: КП отправлено
channel: email
lang: ru
subject: "Коммерческое предложение для {{client.company}}"
---
{{client.name}}, здравствуйте!

Отправляю коммерческое предложение: {{#money}}{{client.value}}{{/money}}. Буду рад обсудить детали —
удобно созвониться на этой неделе?

{{seller.name}}
`,
  'ru/birthday.md': `---
kind: message
title: Поздравление с днём рождения
channel: messenger
lang: ru
subject: "С днём рождения!"
---
{{client.name}}, с днём рождения!

Желаем здоровья, интересных проектов и отличного настроения. Спасибо, что работаете с нами!

{{seller.name}}
`,
  'ru/repeat-sale.md': `---
kind: message
title: Предложение повторной работы
channel: email
lang: ru
subject: "{{client.company}}: что дальше?"
---
{{client.name}}, добрый день!

Прошло время с нашего последнего проекта — как он работает? Если есть новые задачи (доработки,
поддержка, новый раздел), с радостью поможем: для постоянных клиентов — приоритет и скидка.

{{seller.name}}
`,
  'ru/payment-reminder.md': `---
kind: message
title: Напоминание об оплате
channel: email
lang: ru
subject: "Счёт № {{invoice.number}}: напоминание"
---
{{client.name}}, добрый день!

Напоминаем об оплате счёта № {{invoice.number}} от {{invoice.date}} на сумму {{invoice.total}}
(срок оплаты — {{invoice.due}}). Если оплата уже прошла, просто проигнорируйте это письмо.

Спасибо!
{{seller.name}}
`,
  'ru/thank-you.md': `---
kind: message
title: Спасибо за оплату
channel: email
lang: ru
subject: "Счёт № {{invoice.number}} оплачен — спасибо!"
---
{{client.name}}, добрый день!

Получили оплату по счёту № {{invoice.number}} на сумму {{invoice.total}} — спасибо! Закрывающие
документы пришлём в ближайшие дни. Если понадобится что-то ещё — пишите.

{{seller.name}}
`,
  'en/proposal.md': `---
kind: document
title: Proposal
output: [md, html, pdf]
lang: en
---
# Proposal

{{today}}

**To:** {{client.name}}{{#client.company}}, {{client.company}}{{/client.company}}
**From:** {{seller.name}}

Thank you for your interest. Following our conversation, we propose:

| Work | Price |
|---|---|
| Design, development and launch (scope as briefed) | {{#money}}{{client.value}}{{/money}} |

**Total:** {{#money}}{{client.value}}{{/money}}. This proposal is valid for 14 days.

Best regards,
{{seller.name}} · {{seller.email}}
`,
  'en/contract.md': `---
kind: document
title: Service agreement
output: [md, html, pdf]
lang: en
---
# Service agreement

{{today}}

**Contractor:** {{seller.name}}, {{seller.address}}
**Client:** {{client.company}}{{#client.requisites.inn}}, INN {{client.requisites.inn}}{{/client.requisites.inn}}{{#client.requisites.kpp}}, KPP {{client.requisites.kpp}}{{/client.requisites.kpp}}, represented by {{client.name}}

1. The Contractor provides development services; the Client accepts and pays for them.
2. The price is {{#money}}{{client.value}}{{/money}}, paid to {{seller.bank}}, account {{seller.account}}.
3. The result is handed over with a certificate of completion.

Contractor: ____________ {{seller.name}}
Client: ____________ {{client.name}}
`,
  'en/act.md': `---
kind: document
title: Certificate of completion
output: [md, html, pdf]
lang: en
---
# Certificate of completion {{invoice.number}}

{{today}}

**Contractor:** {{seller.name}}
**Client:** {{client.company}} ({{client.name}}){{#client.requisites.inn}}, INN {{client.requisites.inn}}{{/client.requisites.inn}}{{#client.requisites.kpp}}, KPP {{client.requisites.kpp}}{{/client.requisites.kpp}}

Under invoice {{invoice.number}} of {{invoice.date}}:

| # | Description | Qty | Price | Amount |
|---|---|---|---|---|
{{#invoice.items}}| {{n}} | {{description}} | {{qty}} | {{price}} | {{amount}} |
{{/invoice.items}}

**Total:** {{invoice.total}}. The work is complete; the Client has no claims.

Contractor: ____________ {{seller.name}}
Client: ____________ {{client.name}}
`,
  'en/first-follow-up.md': `---
kind: message
title: After the first call
channel: email
lang: en
subject: "{{seller.name}}: following up"
---
Hi {{client.name}},

Thanks for the call. As agreed, I will send a proposal in the next few days.
Any questions in the meantime: {{seller.phone}}.

{{seller.name}}
`,
  'en/proposal-sent.md': `---
kind: message
title: Proposal sent
channel: email
lang: en
subject: "Proposal for {{client.company}}"
---
Hi {{client.name}},

Here is our proposal: {{#money}}{{client.value}}{{/money}}. Shall we go through it this week?

{{seller.name}}
`,
  'en/birthday.md': `---
kind: message
title: Birthday greeting
channel: messenger
lang: en
subject: "Happy birthday!"
---
Happy birthday, {{client.name}}!

All the best, and thank you for working with us.

{{seller.name}}
`,
  'en/repeat-sale.md': `---
kind: message
title: Repeat-sale offer
channel: email
lang: en
subject: "{{client.company}}: what's next?"
---
Hi {{client.name}},

How is our last project doing? If there is anything new (improvements, support, a new section),
we would be glad to help — with priority for returning clients.

{{seller.name}}
`,
  'en/payment-reminder.md': `---
kind: message
title: Payment reminder
channel: email
lang: en
subject: "Invoice {{invoice.number}}: a reminder"
---
Hi {{client.name}},

A friendly reminder about invoice {{invoice.number}} of {{invoice.date}} for {{invoice.total}},
due {{invoice.due}}. If it is already paid, please ignore this message.

Thank you!
{{seller.name}}
`,
  'en/thank-you.md': `---
kind: message
title: Thank you for the payment
channel: email
lang: en
subject: "Invoice {{invoice.number}} paid: thank you!"
---
Hi {{client.name}},

We have received the payment for invoice {{invoice.number}} ({{invoice.total}}): thank you! If
there is anything else we can help with, just reply to this message.

{{seller.name}}
`,
};

/** The language of the bundled templates a workspace gets: English for an `en` locale, else Russian. */
export function templateLanguage(locale: string | undefined): 'ru' | 'en' {
  return (locale ?? 'ru-RU').toLowerCase().startsWith('en') ? 'en' : 'ru';
}

/** The bundled templates of one language, by file name (`proposal.md` …). */
export function bundledTemplates(lang: 'ru' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(BUNDLED_TEMPLATES)) if (key.startsWith(`${lang}/`)) out[key.slice(3)] = text;
  return out;
}
