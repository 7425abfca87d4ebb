import type { Command } from 'commander';
import { prepareRun } from '../pipeline/run-check.js';
import { isAuditreadyError } from '../errors.js';
import { type LimitName, LIMIT_SETTINGS, limits, resetLimits } from '../util/limits.js';
import { EXIT, type RegisterCommand } from './types.js';

interface ValidateFlags {
  config: string;
  profile?: string;
  policy: string[];
  factsRoot: string[];
}

/** "max_file_mb 64, collector_timeout_s 600, ...": the limits a check with this config runs under. */
function describeLimits(): string {
  const now = limits();
  return Object.entries(LIMIT_SETTINGS)
    .map(([name, s]) => `${s.config} ${+(now[name as LimitName] / s.unit).toFixed(3)}`)
    .join(', ');
}

async function validateOne(file: string, opts: ValidateFlags): Promise<string> {
  // Each file under its own limits: one config's limits: must not carry over to the next file.
  resetLimits();
  const run = await prepareRun({ configPath: file, profile: opts.profile, policyDirs: opts.policy, factsRoots: opts.factsRoot });
  const { config } = run;
  const modes = config.targets.map(
    (t) =>
      `${t.type}/${t.name} (${t.mode === 'facts' ? 'facts file' : t.mode === 'files' ? `${t.inputs.length} file${t.inputs.length === 1 ? '' : 's'}` : 'live'})`,
  );
  const lines = [
    `${config.file}: valid`,
    `  profile ${run.profile.name}, fail_on ${run.gate.failOn}, unknown ${run.gate.failOnUnknown ? 'gates' : 'does not gate'}, ${config.waivers.length} waiver${config.waivers.length === 1 ? '' : 's'}`,
    `  ${config.targets.length} target${config.targets.length === 1 ? '' : 's'}: ${modes.join(', ')}`,
    `  limits: ${describeLimits()}; ${run.trusted.length} trusted key${run.trusted.length === 1 ? '' : 's'}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `auditready config validate`: everything `check` checks before it collects (schema, target
 * types and modes, files and globs, collector options, limits, facts_roots, trusted_keys, profile,
 * parameters, as_of, policy directories, waivers), without collecting. Errors name file:line:col
 * and exit 2.
 */
export const registerConfig: RegisterCommand = ({ program, setExit }) => {
  const config = program.command('config').description('work with auditready.yaml');
  config
    .command('validate')
    .description(
      'check a config as `check` does before collecting: schema, targets, files, options, limits, facts roots, trusted keys, profile, parameters, waivers (exit 0 valid, 2 error)',
    )
    .argument('[files...]', 'config files to validate (instead of -c; for pre-commit hooks)')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .option('--profile <name>', 'parameter profile (default: config profile, else baseline)')
    .option('--policy <dir>', 'add a directory of custom Rego policies (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option(
      '--facts-root <dir>',
      "allow facts files from this folder too (besides the config's folder and its facts_roots); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .action(async (files: string[], opts: ValidateFlags, _command: Command) => {
      const paths = files.length > 0 ? files : [opts.config];
      let failed = 0;
      for (const file of paths) {
        try {
          process.stdout.write(await validateOne(file, opts));
        } catch (e) {
          // one file's error does not hide the next file's (pre-commit passes several)
          if (paths.length === 1 || !isAuditreadyError(e)) throw e;
          process.stderr.write(`auditready: ${e.message}\n`);
          failed++;
        }
      }
      if (failed > 0) {
        setExit(EXIT.error);
        return;
      }
      setExit(EXIT.ok);
    });
};
