/**
 * The CLI: every command (src/commands/), its global options, exit codes and error handling. The
 * executable is src/bin.ts (dist/cli.js), which answers `--version` and the top-level help itself
 * and imports this module (dist/main.js) for everything else.
 */
import { Command, CommanderError, Option } from 'commander';
import { commands } from './commands/index.js';
import type { RegisterCommand } from './commands/types.js';
import { EXIT } from './commands/types.js';
import { isAuditreadyError } from './errors.js';
import { cliLog, configureLog, type LogFlags } from './log/process.js';
import { LOG_FORMATS } from './log/sink.js';
import { redactText } from './util/redact.js';
import { VERSION } from './version.js';

function program(commands: readonly RegisterCommand[], setExit: (code: number) => void): Command {
  const program = new Command('auditready')
    .description('Policy-as-code compliance checker for audit-ready CI/CD access logging')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(redactText(s.replace(/^error: /, 'auditready: '))) })
    .addOption(new Option('-q, --quiet', 'print errors only on stderr (no progress, warnings or summaries)').conflicts('verbose'))
    .option('--verbose', 'print every request and status on stderr')
    .addOption(
      new Option('--log-format <format>', 'stderr as text (a status line on a terminal, timestamped lines elsewhere) or JSON lines')
        .choices(LOG_FORMATS)
        .default('text'),
    )
    // every command's progress goes to one log, chosen by these flags and whether stderr is a terminal
    .hook('preAction', (_, action) => {
      configureLog(action.optsWithGlobals<LogFlags>());
    });
  for (const register of commands) register({ program, setExit });
  return program;
}

/** The program with every command registered (scripts/bundle.mjs records its help from it: src/cli-help.ts). */
export function fullProgram(setExit: (code: number) => void = () => {}): Command {
  return program(commands, setExit);
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await fullProgram((c) => (code = c)).parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; everything else commander rejects is usage (exit 2).
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.error;
    }
    // Every error path is redacted (the log redacts): a server may echo a token into a message.
    const log = cliLog();
    log.close();
    if (isAuditreadyError(e)) {
      log.emit({ level: 'error', message: e.message });
      return e.exitCode;
    }
    log.emit({ level: 'error', message: `internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    return EXIT.error;
  }
}

/** Runs the command `argv` names and sets the process's exit code. */
export async function runCli(argv: string[]): Promise<void> {
  process.exitCode = await main(argv);
  // Bounded: work abandoned past its budget (a collector that timed out) must not keep the process
  // alive once the command is done. Unref'd, so it never delays a normal exit.
  setTimeout(() => {
    cliLog().emit({ level: 'debug', message: 'work still pending 2 s after the command ended (abandoned past its budget); exiting' });
    process.exit();
  }, 2000).unref();
}
