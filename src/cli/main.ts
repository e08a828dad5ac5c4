// `plain-crm`: the command-line tool over the same core as the extension (PRODUCT.md §7).
import { Command, CommanderError } from 'commander';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerInvoice } from './commands/invoice';
import { registerLint } from './commands/lint';
import { registerReport } from './commands/report';
import { registerQuery } from './commands/query';
import { registerSearch } from './commands/search';
import { registerStats } from './commands/stats';
import { registerPlaybooks } from './commands/playbooks';
import { registerRender } from './commands/render';
import { registerTask, registerTasks } from './commands/tasks';
import { registerTime } from './commands/time';
import { registerWatch } from './commands/watch';
import { fileErrorMessage } from './fileError';
import { cliVersion, createContext, type CliContext, type GlobalOptions } from './context';
import { UsageError } from './usageError';
import { t, useLanguage } from '../core/i18n';
import { chooseLanguage } from './language';

/** Commander's help headings, in the chosen language (it passes the English ones to styleTitle). */
function helpTitle(title: string): string {
  const titles: Readonly<Record<string, string>> = {
    'Usage:': t('Usage:'),
    'Arguments:': t('Arguments:'),
    'Options:': t('Options:'),
    'Global Options:': t('Global Options:'),
    'Commands:': t('Commands:'),
  };
  return titles[title] ?? title;
}

/** One line of a commander error, in the chosen language; a line it does not know stays as it is. */
const COMMANDER_MESSAGES: readonly (readonly [RegExp, (...parts: string[]) => string])[] = [
  [/^unknown command '(.*)'$/, (name) => t("unknown command '{0}'", name)],
  [/^unknown option '(.*)'$/, (flag) => t("unknown option '{0}'", flag)],
  [/^missing required argument '(.*)'$/, (name) => t("missing required argument '{0}'", name)],
  [/^option '(.*)' argument missing$/, (flags) => t("option '{0}' argument missing", flags)],
  [/^too many arguments for '(.*)'\. Expected 1 argument but got (\d+)\.$/, (name, got) => t("too many arguments for '{0}'. Expected 1 argument but got {1}.", name, got)],
  [/^too many arguments for '(.*)'\. Expected (\d+) arguments but got (\d+)\.$/, (name, expected, got) => t("too many arguments for '{0}'. Expected {1} arguments but got {2}.", name, expected, got)],
  [/^\(Did you mean one of (.*)\?\)$/, (names) => t('(Did you mean one of {0}?)', names)],
  [/^\(Did you mean (.*)\?\)$/, (name) => t('(Did you mean {0}?)', name)],
];

function commanderMessage(message: string): string {
  return message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => {
      for (const [pattern, translate] of COMMANDER_MESSAGES) {
        const match = pattern.exec(line);
        if (match) return translate(...match.slice(1).map((part) => part ?? ''));
      }
      return line;
    })
    .join('\n');
}

export function buildProgram(): Command {
  const program = new Command();
  const help = { showGlobalOptions: true, styleTitle: helpTitle };
  program
    .name('plain-crm')
    .description(t('Plain CRM: client records as Markdown/YAML files in git'))
    .version(cliVersion(), '--version', t('print the version'))
    .helpOption('-h, --help', t('display help for command'))
    .helpCommand('help [command]', t('display help for command'))
    .option('-w, --workspace <dir>', t('the workspace folder (default: nearest folder upwards with .crm/, else the current folder)'))
    .option('--today <YYYY-MM-DD>', t('pin "today" for reproducible output (also PLAIN_CRM_TODAY)'))
    .option('--format <format>', t('output format; each command lists the ones it supports'))
    .option('--lang <language>', t('language of messages and help: en or ru (default: from LC_ALL, LC_MESSAGES or LANG)'))
    .showHelpAfterError(false)
    .configureHelp(help)
    .exitOverride()
    .configureOutput({
      // Commander's own messages are usage errors: one line on stderr, exit 2 (see main()).
      outputError: () => undefined,
    });
  const context = (): CliContext => createContext(program.opts<GlobalOptions>());
  registerStats(program, context);
  registerLint(program, context);
  registerQuery(program, context);
  registerSearch(program, context);
  registerExport(program, context);
  registerInvoice(program, context);
  registerImport(program, context);
  registerReport(program, context);
  registerTasks(program, context);
  registerTask(program, context);
  registerTime(program, context);
  registerPlaybooks(program, context);
  registerRender(program, context);
  registerWatch(program, context);
  for (const command of program.commands) command.configureHelp(help).exitOverride().configureOutput({ outputError: () => undefined });
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let program: Command;
  try {
    useLanguage(chooseLanguage(argv, process.env));
    program = buildProgram();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`plain-crm: ${error.message}\n`);
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      process.stderr.write(`plain-crm: ${commanderMessage(error.message)}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`plain-crm: ${error.message}\n`);
      return 2;
    }
    const fileError = fileErrorMessage(error);
    if (fileError !== undefined) {
      process.stderr.write(`plain-crm: ${fileError}\n`);
      return 2;
    }
    throw error;
  }
}

/** Runs the CLI with the process's arguments and sets the exit code. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug, not bad input: say so plainly, with the stack for the report.
      process.stderr.write(`plain-crm: ${t('internal error: {0}', error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
      process.exitCode = 3;
    },
  );
}

if (require.main === module) run();
