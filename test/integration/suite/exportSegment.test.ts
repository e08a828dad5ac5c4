// "Export Segment for Mailing/SMS" in the real host: the CSV equals what `plain-crm export` writes
// for the same segment and day.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { cliOutput } from './cli';
import { activatedApi, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

describe('segment exports', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
  });

  after(() => {
    restoreToday();
    fs.rmSync(path.join(workspaceRoot(), 'exports'), { recursive: true, force: true });
  });

  for (const [command, kind] of [
    ['plainCrm.exportMailing', 'mailing'],
    ['plainCrm.exportPhones', 'phones'],
  ] as const) {
    it(`${command} writes the segment's CSV, equal to the CLI's`, async () => {
      const segment = api.store.segments.find((s) => s.name === 'mailing');
      assert.ok(segment, 'the sample has a "mailing" segment');
      const file = await vscode.commands.executeCommand<string>(command, { segment }, undefined, true, null);
      assert.equal(file, `exports/${kind}-mailing-${TODAY}.csv`);
      const root = workspaceRoot();
      const stdout = await cliOutput(root, TODAY, ['export', kind, 'mailing', '--out', '-', '--bom']);
      const written = fs.readFileSync(path.join(root, file), 'utf8');
      assert.equal(written, stdout);
      assert.ok(written.split('\r\n').length > 3, written);
    });
  }

  it('plainCrm.exportTasksCalendar writes exports/tasks.ics and plainCrm.exportContactsVcf a segment\'s exports/contacts.vcf, equal to the CLI\'s', async () => {
    const root = workspaceRoot();
    const calendar = await vscode.commands.executeCommand<string>('plainCrm.exportTasksCalendar');
    assert.equal(calendar, 'exports/tasks.ics');
    const ics = fs.readFileSync(path.join(root, calendar), 'utf8');
    assert.equal(ics, await cliOutput(root, TODAY, ['tasks', '--format', 'ics']));
    assert.ok((ics.match(/BEGIN:VEVENT/g) ?? []).length > 10, ics.slice(0, 500));
    const segment = api.store.segments.find((s) => s.name === 'vip')!;
    const contacts = await vscode.commands.executeCommand<string>('plainCrm.exportContactsVcf', { segment }, undefined, true);
    assert.equal(contacts, 'exports/contacts.vcf');
    const vcf = fs.readFileSync(path.join(root, contacts), 'utf8');
    assert.equal(vcf, await cliOutput(root, TODAY, ['export', 'vcf', 'vip', '--out', '-']));
    assert.match(vcf, /^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
  });

  it('logs the export as a campaign (no client file changes) and the computed fields see it', async () => {
    const root = workspaceRoot();
    const segment = api.store.segments.find((s) => s.name === 'vip')!;
    const clients = api.store.clients().map((r) => [r.file, fs.readFileSync(path.join(root, r.file), 'utf8')]);
    try {
      const file = await vscode.commands.executeCommand<string>('plainCrm.exportMailing', { segment }, undefined, true, 'Зимняя акция');
      assert.equal(file, `exports/mailing-vip-${TODAY}.csv`);
      const log = `campaigns/2026/${TODAY}-zimniaia-aktsiia.md`;
      assert.match(fs.readFileSync(path.join(root, log), 'utf8'), /^---\nname: Зимняя акция\ndate: 2026-11-24\nchannel: email\nsegment: vip\nquery: tag:vip\nrecipients:\n/);
      assert.ok(api.store.campaigns().some((c) => c.file === log), 'the store reads the campaign log');
      const anna = api.store.get('anna-smirnova')!;
      assert.equal(api.queries.computeContext().field(anna, 'last_mailed'), TODAY);
      assert.deepEqual(api.store.clients().map((r) => [r.file, fs.readFileSync(path.join(root, r.file), 'utf8')]), clients);
    } finally {
      fs.rmSync(path.join(root, 'campaigns'), { recursive: true, force: true });
      await api.store.updateFiles([], [`campaigns/2026/${TODAY}-zimniaia-aktsiia.md`]);
    }
  });

  it('Import Unsubscribes marks the main contact and the contact person, nothing else', async () => {
    const root = workspaceRoot();
    const list = path.join(root, 'exports', 'unsubscribes.csv');
    fs.mkdirSync(path.dirname(list), { recursive: true });
    fs.writeFileSync(list, 'email\nanna@romashka.ru\nkovaleva@meridian.example.ru\nnobody@example.com\n');
    const before = { anna: fs.readFileSync(path.join(root, 'clients/anna-smirnova.md'), 'utf8'), meridian: fs.readFileSync(path.join(root, 'clients/ooo-meridian.md'), 'utf8') };
    const result = await vscode.commands.executeCommand<{ files: string[]; marked: number; notFound: string[] }>('plainCrm.importUnsubscribes', vscode.Uri.file(list));
    assert.deepEqual(result, { files: ['clients/anna-smirnova.md', 'clients/ooo-meridian.md'], marked: 2, already: 0, notFound: ['nobody@example.com'] });
    const anna = fs.readFileSync(path.join(root, 'clients/anna-smirnova.md'), 'utf8');
    assert.equal(anna, before.anna.replace('unsubscribed: false\n', `unsubscribed: true\nunsubscribed_on: ${TODAY}\n`));
    assert.match(fs.readFileSync(path.join(root, 'clients/ooo-meridian.md'), 'utf8'), new RegExp(`source: form }\\n    unsubscribed: true\\n    unsubscribed_on: ${TODAY}\\n`));
    // Put the sample back for the suites after this one.
    for (const [file, text] of [['clients/anna-smirnova.md', before.anna], ['clients/ooo-meridian.md', before.meridian]] as const) {
      fs.writeFileSync(path.join(root, file), text);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(root, file));
      if (document) await waitFor(`${file} re-read`, () => document.getText() === text);
    }
    await api.store.updateFiles(['clients/anna-smirnova.md', 'clients/ooo-meridian.md']);
    fs.rmSync(list, { force: true });
  });
});
