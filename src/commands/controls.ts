import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { runCheck } from '../check.js';
import { loadBundle } from '../engine/bundle.js';
import { InputError } from '../errors.js';
import { FRAMEWORKS } from '../policy/catalog.js';
import { controlsView, loadFramework, renderControlsTable } from '../report/controls.js';
import type { Report } from '../report/types.js';
import { writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

function readReport(file: string): Report {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'file not found' : `not a JSON report (${(e as Error).message})`, { cause: e });
  }
}

export const registerControls: RegisterCommand = ({ program, setExit }) => {
  program
    .command('controls')
    .description("a framework's controls: the policies that evidence each and their status (covered, failing, not covered)")
    .addOption(new Option('--framework <name>', 'framework').choices([...FRAMEWORKS]).makeOptionMandatory())
    .option('-c, --config <file>', 'run a check with this config to get the status')
    .option('--report <file>', 'take the status from a saved JSON report instead')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: { framework: string; config?: string; report?: string; format: string; out?: string }) => {
      const framework = loadFramework(opts.framework);
      const report = opts.report ? readReport(opts.report) : opts.config ? await runCheck({ configPath: opts.config }) : undefined;
      const view = controlsView(framework, loadBundle().catalog, report?.findings);
      writeOutput(opts.format === 'json' ? JSON.stringify(view, null, 2) + '\n' : renderControlsTable(view), opts.out);
      setExit(EXIT.ok);
    });
};
