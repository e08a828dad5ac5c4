// A playbook's `message: {template}` must name a template the workspace has: a file of
// `.crm/templates/` or a bundled one. Checked across files (a template added or deleted changes
// the answer), as a `schema` problem on the `template` key of `.crm/playbooks.yaml`.
import { t } from '../i18n';
import { PLAYBOOKS_FILE } from '../playbooks/playbook';
import { bundledTemplates, templateLanguage } from '../templates/bundled';
import { TEMPLATES_FOLDER } from '../templates/template';
import type { Finding, LintContext, LintRule } from './rule';

export const playbookTemplateRule: LintRule = {
  codes: ['schema'],
  check({ store, config }: LintContext): Finding[] {
    const uses = store.playbooks.flatMap((playbook) => playbook.do.map((action, index) => ({ playbook, action, index }))).filter(({ action }) => action.kind === 'message');
    if (uses.length === 0) return [];
    // Bundled messages only (a proposal or contract is a document, not something to send).
    const bundled = Object.entries(bundledTemplates(templateLanguage(config.locale))).filter(([, text]) => /^kind: message$/m.test(text));
    const known = new Set(bundled.map(([file]) => file.replace(/\.md$/, '')));
    for (const entry of store.files()) if (entry.kind === 'template' && entry.file.startsWith(`${TEMPLATES_FOLDER}/`)) known.add(entry.file.slice(TEMPLATES_FOLDER.length + 1).replace(/\.md$/, ''));
    const findings: Finding[] = [];
    for (const { playbook, action, index } of uses) {
      if (action.kind !== 'message' || known.has(action.template)) continue;
      findings.push({
        file: PLAYBOOKS_FILE,
        path: [playbook.id, 'do', index, 'message', 'template'],
        code: 'schema',
        message: t('no message template "{0}": add {1}/{0}.md or name a bundled one ({2})', action.template, TEMPLATES_FOLDER, [...known].sort().join(', ')),
      });
    }
    return findings;
  },
};
