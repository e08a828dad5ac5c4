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
import { registerWatch } from './commands/watch';
import { fileErrorMessage } from './fileError';
import { cliVersion, createContext, type CliContext, type GlobalOptions } from './context';
import { UsageError } from './usageError';


export function buildProgram(): Command {
  const program = new Command();
  program
    .name('plain-crm')
    .description('Plain CRM: client records as Markdown/YAML files in git')
    .version(cliVersion(), '--version', 'print the version')
    .option('-w, --workspace <dir>', 'the workspace folder (default: nearest folder upwards with .crm/, else the current folder)')
    .option('--today <YYYY-MM-DD>', 'pin "today" for reproducible output (also PLAIN_CRM_TODAY)')
    .option('--format <format>', 'output format; each command lists the ones it supports')
    .showHelpAfterError(false)
    .configureHelp({ showGlobalOptions: true })
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
  registerWatch(program, context);
  for (const command of program.commands) command.configureHelp({ showGlobalOptions: true }).exitOverride().configureOutput({ outputError: () => undefined });
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      process.stderr.write(`plain-crm: ${error.message.replace(/^error: /, '')}\n`);
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
      process.stderr.write(`plain-crm: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}

if (require.main === module) run();
