import { Option } from 'commander';
import { diffMarkdown, diffReports, diffText, loadReport } from '../report/diff.js';
import { writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerDiff: RegisterCommand = ({ program, setExit }) => {
  program
    .command('diff')
    .description('compare two reports or evidence bundles: new failures, fixed, still failing, changed evidence (exit 1 if anything got worse)')
    .argument('<old>', 'JSON report or evidence bundle folder')
    .argument('<new>', 'JSON report or evidence bundle folder')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((oldPath: string, newPath: string, opts: { format: 'text' | 'json' | 'markdown'; out?: string }) => {
      const d = diffReports(loadReport(oldPath), loadReport(newPath));
      const text =
        opts.format === 'json'
          ? `${JSON.stringify(d, null, 2)}\n`
          : opts.format === 'markdown'
            ? diffMarkdown(d, oldPath, newPath)
            : diffText(d, oldPath, newPath);
      writeOutput(text, opts.out);
      setExit(d.new_failures.length > 0 ? EXIT.findings : EXIT.ok);
    });
};
