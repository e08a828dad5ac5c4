// The words of an invoice in its language, and its dates, shared by the Markdown record, the
// HTML and the PDF so all three say the same thing.

export const INVOICE_LABELS = {
  ru: { title: 'Счёт № {number} от {date}', seller: 'Исполнитель', buyer: 'Заказчик', due: 'Оплатить до', no: '№', item: 'Наименование', qty: 'Кол-во', price: 'Цена', sum: 'Сумма', subtotal: 'Итого без налога', tax: 'Налог {rate} %', total: 'Всего к оплате', inWords: 'Сумма прописью', inn: 'ИНН', kpp: 'КПП', bank: 'Банк', bik: 'БИК', account: 'Р/с', corr: 'К/с' },
  en: { title: 'Invoice {number} of {date}', seller: 'Seller', buyer: 'Bill to', due: 'Due', no: '#', item: 'Description', qty: 'Qty', price: 'Price', sum: 'Amount', subtotal: 'Subtotal', tax: 'Tax {rate} %', total: 'Total due', inWords: 'Amount in words', inn: 'INN', kpp: 'KPP', bank: 'Bank', bik: 'BIK', account: 'Account', corr: 'Corr. account' },
} as const;

export function invoiceLanguage(locale: string): 'ru' | 'en' {
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function formatDocumentDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
