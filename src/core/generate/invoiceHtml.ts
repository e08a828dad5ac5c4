// The printable HTML invoice: a Mustache template (logic-less: a template cannot run code), every
// value HTML-escaped by Mustache's `{{ }}`, no scripts, a CSP that forbids them anyway. A workspace
// can replace the template with `.crm/templates/invoice.html` using the same placeholders.
import Mustache from 'mustache';
import { t } from '../i18n';
import type { InvoiceView } from './invoiceView';

export const DEFAULT_INVOICE_TEMPLATE = `<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{title}}</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #111; max-width: 180mm; margin: 0 auto; }
  h1 { font-size: 16pt; margin: 0 0 12pt; }
  .parties { display: flex; gap: 24pt; margin-bottom: 14pt; }
  .party { flex: 1; }
  .party h2 { font-size: 9pt; text-transform: uppercase; color: #555; margin: 0 0 3pt; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border-bottom: 1px solid #ccc; padding: 4pt 6pt; text-align: left; vertical-align: top; }
  th { font-size: 9pt; color: #555; }
  .num { text-align: right; white-space: nowrap; }
  tfoot td { border: none; }
  tfoot .total td { font-weight: bold; font-size: 12pt; border-top: 2px solid #111; }
  .notes { margin-top: 14pt; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>{{title}}</h1>
<div class="parties">
  <div class="party"><h2>{{labels.seller}}</h2><strong>{{seller.name}}</strong>{{#seller.lines}}<br>{{.}}{{/seller.lines}}</div>
  <div class="party"><h2>{{labels.buyer}}</h2><strong>{{buyer.name}}</strong>{{#buyer.lines}}<br>{{.}}{{/buyer.lines}}</div>
</div>
<p>{{labels.due}}: <strong>{{due}}</strong></p>
<table>
  <thead><tr><th>{{labels.no}}</th><th>{{labels.item}}</th><th class="num">{{labels.qty}}</th><th class="num">{{labels.price}}</th><th class="num">{{labels.sum}}</th></tr></thead>
  <tbody>
  {{#lines}}<tr><td>{{n}}</td><td>{{description}}</td><td class="num">{{qty}}</td><td class="num">{{price}}</td><td class="num">{{amount}}</td></tr>
  {{/lines}}
  </tbody>
  <tfoot>
    <tr><td></td><td colspan="3">{{labels.subtotal}}</td><td class="num">{{subtotal}}</td></tr>
    {{#taxes}}<tr><td></td><td colspan="3">{{label}}</td><td class="num">{{amount}}</td></tr>{{/taxes}}
    <tr class="total"><td></td><td colspan="3">{{labels.total}}</td><td class="num">{{total}}</td></tr>
  </tfoot>
</table>
{{#totalInWords}}<p>{{labels.inWords}}: {{totalInWords}}</p>{{/totalInWords}}
{{#notes}}<p class="notes">{{notes}}</p>{{/notes}}
</body>
</html>
`;

/**
 * Renders with `template` (the default when omitted). Triple mustaches (`{{{x}}}`) would print a
 * value unescaped, so they are refused rather than trusted.
 */
export function renderInvoiceHtml(view: InvoiceView, template: string = DEFAULT_INVOICE_TEMPLATE): string {
  if (/\{\{\{|\{\{&/.test(template)) throw new Error(t('the invoice template uses {{{…}}} or {{&…}}, which print values unescaped; use {{…}}'));
  return Mustache.render(template, view);
}
