import { Option } from 'commander';
import { runCheckDetailed } from '../pipeline/run-check.js';
import { loadPolicyBundle } from '../engine/policy-bundle.js';
import { openEvidence } from '../evidence/read.js';
import { FRAMEWORKS } from '../policy/catalog.js';
import { controlsView, loadFramework, renderControlsTable } from '../report/controls.js';
import { cliLog } from '../log/process.js';
import { addFormatOptions, writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerControls: RegisterCommand = ({ program, setExit }) => {
  const command = program
    .command('controls')
    .description("a framework's controls: the policies that evidence each and their state (satisfied, failing, exception, not covered, ...)")
    .addOption(new Option('--framework <name>', 'framework').choices([...FRAMEWORKS]).makeOptionMandatory())
    .option('-c, --config <file>', 'run a check with this config to get the status')
    .option('--report <path>', 'take the status from a saved JSON report or evidence bundle instead');
  addFormatOptions(command, ['table', 'json']).action(async (opts: { framework: string; config?: string; report?: string; format: string; out?: string }) => {
    const framework = loadFramework(opts.framework);
    // A run's own bundle (it may include the config's custom policies); else the built one.
    const run = !opts.report && opts.config ? await runCheckDetailed({ configPath: opts.config, log: cliLog() }) : undefined;
    cliLog().close();
    // a JSON file or an evidence bundle folder (which must verify)
    const report = opts.report ? openEvidence(opts.report).report : run?.report;
    const view = controlsView(
      framework,
      (run?.policyBundle ?? loadPolicyBundle()).catalog,
      report?.findings,
      report && { claims: report.claims, collection_errors: report.collection_errors, parameters: report.run.parameters },
    );
    writeOutput(opts.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : renderControlsTable(view), opts.out);
    setExit(EXIT.ok);
  });
};
