import { Option, type Command } from 'commander';
import { runCheck } from '../check.js';
import { SEVERITIES, type Severity } from '../config/types.js';
import { reporterFor, reporters } from '../reporters/index.js';
import { useColor, writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

interface CheckFlags {
  config: string;
  format: string;
  out?: string;
  failOn?: Severity;
  failOnUnknown: boolean;
  asOf?: string;
  profile?: string;
  policy: string[];
}

export const registerCheck: RegisterCommand = ({ program, setExit }) => {
  program
    .command('check')
    .description('collect every target, evaluate the policies, report and gate')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(reporters)).default('table'))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: config fail_on, else high)').choices(SEVERITIES))
    .option('--no-fail-on-unknown', 'do not fail the run on unknown findings (they still show)')
    .option('--as-of <time>', 'evaluation time, RFC 3339 (default: config as_of, else now)')
    .option('--profile <name>', 'parameter profile (default: config profile, else baseline)')
    .option('--policy <dir>', 'add a directory of custom Rego policies (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (opts: CheckFlags, command: Command) => {
      const reporter = reporterFor(opts.format);
      const unknownFromCli = command.getOptionValueSource('failOnUnknown') === 'cli';
      const report = await runCheck({
        configPath: opts.config,
        profile: opts.profile,
        failOn: opts.failOn,
        failOnUnknown: unknownFromCli ? opts.failOnUnknown : undefined,
        asOf: opts.asOf,
        policyDirs: opts.policy,
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
};
