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
import { cliLog, configureLog, type LogFlags, requestedLogFormat } from './log/process.js';
import { LOG_FORMATS } from './log/sink.js';
import { redactText } from './util/redact.js';
import { VERSION } from './version.js';

const USAGE_HINT = '(run with --help for usage)';

function program(commands: readonly RegisterCommand[], setExit: (code: number) => void, json: boolean): Command {
  const program = new Command('auditready')
    .description('Policy-as-code compliance checker for audit-ready CI/CD access logging')
    .version(VERSION, '-V, --version')
    .exitOverride()
    // under --log-format json a usage error is printed by main() as one JSON line, not by commander
    .showHelpAfterError(json ? false : USAGE_HINT)
    .configureOutput({
      writeErr: (s) => process.stderr.write(redactText(s.replace(/^error: /, 'auditready: '))),
      outputError: (s, write) => {
        if (!json) write(s);
      },
    })
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
export function fullProgram(setExit: (code: number) => void = () => {}, json = false): Command {
  return program(commands, setExit, json);
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const json = requestedLogFormat(argv.slice(2)) === 'json';
  try {
    await fullProgram((c) => (code = c), json).parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; everything else commander rejects is usage (exit 2).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      if (json) {
        const log = configureLog({ logFormat: 'json' });
        log.emit({ level: 'error', message: `${e.message.replace(/^error: /, '')} ${USAGE_HINT}` });
        log.close();
      }
      return EXIT.error;
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
