#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import type { RegisterCommand } from './commands/types.js';
import { EXIT } from './commands/types.js';
import { isAuditreadyError } from './errors.js';
import { redactText } from './util/redact.js';
import { VERSION } from './version.js';

function program(commands: readonly RegisterCommand[], setExit: (code: number) => void): Command {
  const program = new Command('auditready')
    .description('Policy-as-code compliance checker for audit-ready CI/CD access logging')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(redactText(s.replace(/^error: /, 'auditready: '))) });
  for (const register of commands) register({ program, setExit });
  return program;
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    // The commands (and everything they import) load only when one runs: `--version` answers
    // before, as commander would (the bundle runs a module's top level on its first import).
    const args = argv.slice(2);
    if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
      process.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const { commands } = await import('./commands/index.js');
    await program(commands, (c) => (code = c)).parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; everything else commander rejects is usage (exit 2).
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.error;
    }
    // Every error path is redacted: a server may echo a token into a message.
    if (isAuditreadyError(e)) {
      process.stderr.write(`auditready: ${redactText(e.message)}\n`);
      return e.exitCode;
    }
    process.stderr.write(`auditready: internal error (please report it): ${redactText(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    return EXIT.error;
  }
}

process.exitCode = await main(process.argv);
// Bounded: work abandoned past its budget (a collector that timed out) must not keep the process
// alive once the command is done. Unref'd, so it never delays a normal exit.
setTimeout(() => process.exit(), 2000).unref();
