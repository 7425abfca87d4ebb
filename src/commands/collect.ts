import { collectAll } from '../collect.js';
import { loadConfig } from '../config/load.js';
import { loadProfile, resolveParameters } from '../config/profile.js';
import { printStaleWarnings, staleFactsWarnings } from '../report/stale-facts.js';
import { progressToStderr, writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerCollect: RegisterCommand = ({ program, setExit }) => {
  program
    .command('collect')
    .description('collect every target and print the normalized model (the input policies see)')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: { config: string; out?: string }) => {
      const startedAt = new Date().toISOString();
      const config = loadConfig(opts.config);
      const params = resolveParameters(loadProfile(config.profile, { file: config.file, ...config.source.locate('/profile') }), config);
      const collected = await collectAll(config, { progress: progressToStderr });
      const tools = collected.map((c) => c.snapshot).sort((a, b) => (a.id < b.id ? -1 : 1));
      printStaleWarnings(staleFactsWarnings(tools, startedAt, params.max_evidence_age_hours), (line) => progressToStderr(line, 'notice'));
      writeOutput(`${JSON.stringify({ model_version: '1', tools }, null, 2)}\n`, opts.out);
      // A tool that could not be read is in the model with every fact unknown; the run still fails.
      setExit(collected.some((c) => c.error) ? EXIT.findings : EXIT.ok);
    });
};
