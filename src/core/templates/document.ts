// A generated document as a record of its own: `documents/YYYY/<client>-<template>-<date>.md`
// with front matter linking the client (and the invoice), the rendered text as its body, and a
// line for the client's log. Never over an existing file: the next free name is taken.
import { uniqueFile } from '../actions/newClient';
import type { CrmRecord } from '../model';
import { renderEntryLines, DEFAULT_STYLE } from '../edit/yamlRender';
import type { Template } from './template';

export const DOCUMENTS_FOLDER = 'documents';

/** `documents/2026/anna-smirnova-proposal-2026-11-24.md`, or `…-2.md` and on when taken. */
export function documentFile(client: CrmRecord, template: Template, today: string, exists: (file: string) => boolean): string {
  return uniqueFile(`${DOCUMENTS_FOLDER}/${today.slice(0, 4)}`, `${client.id}-${template.id}-${today}`, 'md', exists);
}

/** The document's file text: front matter (title, template, client, invoice, date), then the body. */
export function documentText(template: Template, body: string, client: CrmRecord, today: string, invoice?: CrmRecord): string {
  const fields: Record<string, string> = { title: template.meta.title, template: template.id, client: client.id, date: today };
  if (invoice) fields['invoice'] = typeof invoice.data.number === 'string' ? invoice.data.number : invoice.id;
  const yaml = Object.entries(fields).flatMap(([key, value]) => renderEntryLines(key, value, 0, DEFAULT_STYLE));
  return ['---', ...yaml, '---', body.trimEnd(), ''].join('\n');
}

/** `document: Коммерческое предложение (documents/2026/…md)`, for the client's `## Log`. */
export function documentLogLine(template: Template, file: string, today: string): string {
  return `${today} document: ${template.meta.title} (${file})`;
}
