#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import type { RegisterCommand } from './commands/types.js';
import { EXIT } from './commands/types.js';
import { isAuditreadyError } from './errors.js';
import { VERSION } from './version.js';

function program(commands: readonly RegisterCommand[], setExit: (code: number) => void): Command {
  const program = new Command('auditready')
    .description('Policy-as-code compliance checker for audit-ready CI/CD access logging')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s.replace(/^error: /, 'auditready: ')) });
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
    if (isAuditreadyError(e)) {
      process.stderr.write(`auditready: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`auditready: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.error;
  }
}

process.exitCode = await main(process.argv);
