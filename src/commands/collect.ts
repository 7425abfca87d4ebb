import { collectAll } from '../pipeline/collect-all.js';
import { loadConfig } from '../config/load.js';
import { loadProfile, resolveParameters } from '../config/profile.js';
import { printStaleWarnings, staleFactsWarnings } from '../report/stale-facts.js';
import { setLimits } from '../util/limits.js';
import { parseSeconds } from './formats.js';
import { cliLog } from '../log/process.js';
import { writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerCollect: RegisterCommand = ({ program, setExit }) => {
  program
    .command('collect')
    .description('collect every target and print the normalized model (the input policies see)')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--timeout <seconds>', 'wall-clock budget of each collector (default: config limits.collector_timeout_s, else 600)', parseSeconds)
    .option(
      '--facts-root <dir>',
      "allow facts files from this folder too (besides the config's folder and its facts_roots); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .action(async (opts: { config: string; out?: string; timeout?: number; factsRoot: string[] }) => {
      const startedAt = new Date().toISOString();
      const config = loadConfig(opts.config, { factsRoots: opts.factsRoot });
      const params = resolveParameters(loadProfile(config.profile, { file: config.file, ...config.source.locate('/profile') }), config);
      if (opts.timeout !== undefined) setLimits({ collector_timeout_s: opts.timeout });
      const log = cliLog();
      const collected = await collectAll(config, { log });
      const tools = collected.map((c) => c.snapshot).sort((a, b) => (a.id < b.id ? -1 : 1));
      printStaleWarnings(staleFactsWarnings(tools, startedAt, params.max_evidence_age_hours), (message) => log.emit({ level: 'warn', message }));
      log.close();
      writeOutput(`${JSON.stringify({ model_version: '1', tools }, null, 2)}\n`, opts.out);
      // A tool that could not be read is in the model with every fact unknown; the run still fails.
      setExit(collected.some((c) => c.error) ? EXIT.findings : EXIT.ok);
    });
};
