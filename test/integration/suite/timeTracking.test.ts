// Time tracking in the real host: Log Time writes a time line under ## Log, the stopwatch writes
// one when it stops, and Invoice Unbilled Time creates the invoice and marks the lines in one
// edit; a second run bills nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { activatedApi, pinToday, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';
const PROBE = 'clients/zz-time-probe.md';
const PROBE_TEXT = [
  '---',
  'name: Проба Времени   # a comment that must survive',
  'stage: won',
  'rate: 2000',
  'deals:',
  '  - { id: site, title: Сайт, stage: won }',
  '---',
  '## Notes',
  'Почасовая работа.',
  '',
  '## Log',
  '- 2026-11-19 call: first call',
  '- 2026-11-20 1h Бриф #site',
  '',
].join('\n');

describe('time tracking', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  const created: string[] = [];
  const probe = (): string => path.join(workspaceRoot(), PROBE);

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
    await fs.writeFile(probe(), PROBE_TEXT);
    await api.store.updateFiles([PROBE]);
  });

  after(async () => {
    restoreToday();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of [PROBE, ...created]) await fs.rm(path.join(workspaceRoot(), file), { force: true });
    await api.store.updateFiles([], [PROBE, ...created]);
  });

  it('Log Time with arguments appends the time line under ## Log', async () => {
    const line = await vscode.commands.executeCommand<string>('plainCrm.logTime', PROBE, undefined, '1,5ч', 'Прототип', 'site');
    assert.equal(line, '- 2026-11-24 1h30m Прототип #site');
    assert.equal(await fs.readFile(probe(), 'utf8'), PROBE_TEXT.replace('#site\n', '#site\n- 2026-11-24 1h30m Прототип #site\n'));
  });

  it('the stopwatch writes the time rounded up to 5 minutes when it stops', async () => {
    assert.equal(await vscode.commands.executeCommand('plainCrm.startTimer', PROBE), true);
    const line = await vscode.commands.executeCommand<string>('plainCrm.stopTimer', 'Созвон', null);
    assert.equal(line, '- 2026-11-24 5m Созвон');
    assert.match(await fs.readFile(probe(), 'utf8'), /^- 2026-11-24 5m Созвон$/m);
    assert.equal(await vscode.commands.executeCommand('plainCrm.stopTimer'), undefined, 'no timer runs any more');
  });

  it('Invoice Unbilled Time creates the invoice and marks the lines; a second run bills nothing', async () => {
    const file = await vscode.commands.executeCommand<string>('plainCrm.invoiceTime', PROBE, undefined, { mode: 'per-service' });
    assert.ok(file?.startsWith('invoices/2026/'), String(file));
    created.push(file);
    const invoice = await fs.readFile(path.join(workspaceRoot(), file), 'utf8');
    assert.match(invoice, /^client: zz-time-probe$/m);
    assert.match(invoice, /description: "Сайт", qty: 2\.5, price: 2000, unit: ч/);
    assert.match(invoice, /description: "Работы", qty: 0\.08, price: 2000, unit: ч/);
    const number = /^number: (.+)$/m.exec(invoice)![1]!;
    const text = await fs.readFile(probe(), 'utf8');
    assert.match(text, new RegExp(`^- 2026-11-20 1h Бриф #site → ${number}$`, 'm'));
    assert.match(text, new RegExp(`^- 2026-11-24 1h30m Прототип #site → ${number}$`, 'm'));
    assert.match(text, new RegExp(`^- 2026-11-24 5m Созвон → ${number}$`, 'm'));
    assert.match(text, /^- 2026-11-19 call: first call$/m);
    assert.match(text, /^name: Проба Времени {3}# a comment that must survive$/m);
    assert.equal(api.store.byFile(file)?.kind, 'invoice');

    const count = api.store.invoices().length;
    assert.equal(await vscode.commands.executeCommand('plainCrm.invoiceTime', PROBE, undefined, {}), undefined);
    assert.equal(api.store.invoices().length, count);
    assert.equal(await fs.readFile(probe(), 'utf8'), text);
  });
});
