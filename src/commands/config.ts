import type { Command } from 'commander';
import { prepareRun } from '../check.js';
import { EXIT, type RegisterCommand } from './types.js';

interface ValidateFlags {
  config: string;
  profile?: string;
  policy: string[];
}

/**
 * `auditready config validate`: everything `check` checks before it collects (schema, target
 * types and modes, files and globs, collector options, profile, parameters, as_of, policy
 * directories, waivers), without collecting. Errors name file:line:col and exit 2.
 */
export const registerConfig: RegisterCommand = ({ program, setExit }) => {
  const config = program.command('config').description('work with auditready.yaml');
  config
    .command('validate')
    .description('check a config as `check` does before collecting: schema, targets, files, options, profile, parameters, waivers (exit 0 valid, 2 error)')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .option('--profile <name>', 'parameter profile (default: config profile, else baseline)')
    .option('--policy <dir>', 'add a directory of custom Rego policies (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (opts: ValidateFlags, _command: Command) => {
      const run = await prepareRun({ configPath: opts.config, profile: opts.profile, policyDirs: opts.policy });
      const { config } = run;
      const modes = config.targets.map(
        (t) =>
          `${t.type}/${t.name} (${t.mode === 'facts' ? 'facts file' : t.mode === 'files' ? `${t.inputs.length} file${t.inputs.length === 1 ? '' : 's'}` : 'live'})`,
      );
      const lines = [
        `${config.file}: valid`,
        `  profile ${run.profile.name}, fail_on ${run.gate.failOn}, unknown ${run.gate.failOnUnknown ? 'gates' : 'does not gate'}, ${config.waivers.length} waiver${config.waivers.length === 1 ? '' : 's'}`,
        `  ${config.targets.length} target${config.targets.length === 1 ? '' : 's'}: ${modes.join(', ')}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      setExit(EXIT.ok);
    });
};
