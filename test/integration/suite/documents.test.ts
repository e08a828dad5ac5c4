// Generate Document… and Compose Message… in the real host: the files, the preview, the log line,
// the clipboard. The records they touch are put back afterwards.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { activatedApi, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';
const TOUCHED = ['clients/anna-smirnova.md', 'clients/yulia-tarasova.md'];

describe('documents and messages', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  const saved = new Map<string, string>();
  const read = (file: string): Promise<string> => fs.readFile(path.join(workspaceRoot(), file), 'utf8');

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
    for (const file of TOUCHED) saved.set(file, await read(file));
  });

  after(async () => {
    restoreToday();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [file, text] of saved) await fs.writeFile(path.join(workspaceRoot(), file), text);
    await fs.rm(path.join(workspaceRoot(), 'documents'), { recursive: true, force: true });
    await api.store.updateFiles([...saved.keys()]);
  });

  it('Generate Document: a proposal with the amount in words, its page, the preview and a log line; never over a saved one', async () => {
    const file = await vscode.commands.executeCommand<string>('plainCrm.generateDocument', 'clients/anna-smirnova.md', undefined, 'proposal', undefined, true);
    assert.equal(file, 'documents/2026/anna-smirnova-proposal-2026-11-24.md');
    const text = await read(file);
    assert.match(text, /^---\ntitle: Коммерческое предложение\ntemplate: proposal\nclient: anna-smirnova\ndate: 2026-11-24\n---\n# Коммерческое предложение\n/);
    assert.match(text, /\(Сто двадцать тысяч рублей 00 копеек\)/);
    const html = await read(file.replace(/\.md$/, '.html'));
    assert.match(html, /<strong>Кому:<\/strong> Анна Смирнова, ООО «Ромашка»/);
    assert.match(html, /default-src 'none'/);
    assert.equal(api.documents?.preview?.webview.html, html, 'the preview shows the same page');
    const pdf = await fs.readFile(path.join(workspaceRoot(), file.replace(/\.md$/, '.pdf')));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(api.documents?.preview?.webview.options.enableScripts, false);
    assert.match(await read('clients/anna-smirnova.md'), /^- 2026-11-24 document: Коммерческое предложение \(documents\/2026\/anna-smirnova-proposal-2026-11-24\.md\)$/m);
    const second = await vscode.commands.executeCommand<string>('plainCrm.generateDocument', 'clients/anna-smirnova.md', undefined, 'proposal', undefined, true);
    assert.equal(second, 'documents/2026/anna-smirnova-proposal-2026-11-24-2.md');
    assert.equal(await read(file), text, 'the first one is untouched');
  });

  it('Generate Document: an act for a paid invoice lists its items and total', async () => {
    const file = await vscode.commands.executeCommand<string>('plainCrm.generateDocument', 'clients/yulia-tarasova.md', undefined, 'act', 'INV-2026-0001', true);
    const text = await read(file);
    assert.match(text, /^invoice: INV-2026-0001$/m);
    assert.match(text, /^\| 1 \| Сайт-визитка: дизайн и вёрстка \| 1 \| 65\u00a0000,00\u00a0₽ \| 65\u00a0000,00\u00a0₽ \|$/m);
    assert.match(text, /Восемьдесят четыре тысячи рублей 00 копеек/);
  });

  it('Generate Document on an invoice makes the act for its client; Add Template Files copies the bundled ones once', async () => {
    const file = await vscode.commands.executeCommand<string>('plainCrm.generateDocument', 'invoices/2026/INV-2026-0001.md', undefined, undefined, undefined, true);
    assert.match(file, /^documents\/2026\/yulia-tarasova-act-2026-11-24(-\d+)?\.md$/);
    assert.match(await read(file), /^invoice: INV-2026-0001$/m);
    const added = await vscode.commands.executeCommand<string[]>('plainCrm.addTemplates', 'ru');
    assert.equal(added.length, 9);
    assert.match(await read('.crm/templates/act.md'), /^title: Акт выполненных работ$/m);
    assert.deepEqual(await vscode.commands.executeCommand<string[]>('plainCrm.addTemplates', 'ru'), []);
    await fs.rm(path.join(workspaceRoot(), '.crm', 'templates'), { recursive: true, force: true });
    await api.store.updateFiles([], added.map((f) => `.crm/templates/${f}`));
  });

  it('Compose Messages for Segment: a CSV with one personalized message per client the mailing export allows', async () => {
    const segment = api.store.segments.find((s) => s.name === 'vip')!;
    const file = await vscode.commands.executeCommand<string>('plainCrm.composeSegmentMessages', { segment }, undefined, 'birthday', true);
    assert.equal(file, 'exports/messages-birthday-vip-2026-11-24.csv');
    const csv = await read(file);
    assert.ok(csv.startsWith('\uFEFFemail,name,subject,message\r\n'));
    assert.match(csv, /anna@romashka\.ru,Анна Смирнова,С днём рождения!,"Анна Смирнова, с днём рождения!/);
    await fs.rm(path.join(workspaceRoot(), file), { force: true });
  });

  it('Compose Message: the text goes to the clipboard; the contact is logged only when sent', async () => {
    const before = await read('clients/anna-smirnova.md');
    const text = await vscode.commands.executeCommand<string>('plainCrm.composeMessage', 'clients/anna-smirnova.md', undefined, 'birthday', 'copy', false);
    assert.match(text, /^Анна Смирнова, с днём рождения!$/m);
    assert.equal(await vscode.env.clipboard.readText(), text);
    assert.equal(await read('clients/anna-smirnova.md'), before, 'not sent: nothing logged');
    await vscode.commands.executeCommand('plainCrm.composeMessage', 'clients/anna-smirnova.md', undefined, 'proposal-sent', 'copy', true);
    assert.match(await vscode.env.clipboard.readText(), /^Коммерческое предложение для ООО «Ромашка»\n\nАнна Смирнова, здравствуйте!/);
    const after = await read('clients/anna-smirnova.md');
    assert.match(after, /^last_contact: 2026-11-24$/m);
    assert.match(after, /^- 2026-11-24 email: КП отправлено$/m);
    await waitFor('the store to follow', () => api.store.get('anna-smirnova')?.data.last_contact === '2026-11-24');
  });
});
