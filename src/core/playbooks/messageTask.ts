// A task a playbook's `message` action adds names the template to send (and the invoice it speaks
// of): `- [ ] 2026-12-04 Поблагодарить за оплату ✉ thank-you (INV-2026-0007)`. Plain text, so it
// reads well in any editor; the Tasks view finds the mark and offers the message's draft.
import { TEMPLATE_ID } from './playbook';

export const MESSAGE_MARK = '✉';

export interface TaskMessage {
  template: string;
  invoice?: string;
}

export function messageTaskText(what: string, message: TaskMessage): string {
  return `${what} ${MESSAGE_MARK} ${message.template}${message.invoice === undefined ? '' : ` (${message.invoice})`}`;
}

const MARK = /✉\s*(\S+?)(?:\s+\(([^()\s]+)\))?\s*$/u;

/** The template (and invoice) a task's text ends with, when it has the mark. */
export function messageOfTask(text: string): TaskMessage | undefined {
  const match = MARK.exec(text);
  if (!match || !TEMPLATE_ID.test(match[1]!)) return undefined;
  return { template: match[1]!, ...(match[2] !== undefined && { invoice: match[2] }) };
}
