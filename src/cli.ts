#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './check.js';
import { collectAll } from './collect.js';
import { loadConfig } from './config/load.js';
import { SEVERITIES, type Severity } from './config/types.js';
import { InputError, isAuditreadyError } from './errors.js';
import { reporterFor, reporters } from './reporters/index.js';
import { VERSION } from './version.js';

/** Exit codes: 0 nothing gated fails, 1 a gated finding fails or is unknown, 2 usage/config/runtime error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

function writeOutput(text: string, out: string | undefined): void {
  if (!out || out === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    throw new InputError({ file: out }, `cannot write output (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
  }
}

function program(setExit: (code: number) => void): Command {
  const cmd = new Command('auditready')
    .description('Policy-as-code compliance checker for audit-ready CI/CD access logging')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s.replace(/^error: /, 'auditready: ')) });

  cmd
    .command('check')
    .description('collect every target, evaluate the policies, report and gate')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(reporters)).default('table'))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: config fail_on, else high)').choices(SEVERITIES))
    .option('--no-fail-on-unknown', 'do not fail the run on unknown findings (they still show)')
    .option('--as-of <time>', 'evaluation time, RFC 3339 (default: config as_of, else now)')
    .option('--profile <name>', 'parameter profile (default: config profile, else baseline)')
    .action(async (opts: { config: string; format: string; out?: string; failOn?: Severity; failOnUnknown: boolean; asOf?: string; profile?: string }, command: Command) => {
      const reporter = reporterFor(opts.format);
      const unknownFromCli = command.getOptionValueSource('failOnUnknown') === 'cli';
      const report = await runCheck({
        configPath: opts.config,
        profile: opts.profile,
        failOn: opts.failOn,
        failOnUnknown: unknownFromCli ? opts.failOnUnknown : undefined,
        asOf: opts.asOf,
        progress: (m) => {
          if (process.stderr.isTTY) process.stderr.write(`${m}\n`);
        },
      });
      writeOutput(reporter.render(report, { color: !opts.out && useColor() }), opts.out);
      if (opts.out && opts.out !== '-') {
        process.stderr.write(`auditready: wrote ${opts.format} report to ${opts.out} (${report.summary.result}, ${report.summary.gating} gating)\n`);
      }
      setExit(report.summary.result === 'fail' ? EXIT.findings : EXIT.ok);
    });

  cmd
    .command('collect')
    .description('collect every target and print the normalized model (the input policies see)')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: { config: string; out?: string }) => {
      const config = loadConfig(opts.config);
      const tools = (await collectAll(config)).map((c) => c.snapshot).sort((a, b) => (a.id < b.id ? -1 : 1));
      writeOutput(JSON.stringify({ model_version: '1', tools }, null, 2) + '\n', opts.out);
      setExit(EXIT.ok);
    });

  return cmd;
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program((c) => (code = c)).parseAsync(argv);
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
