import { Option } from 'commander';
import { buildHistory, findBundles, renderHistoryTable } from '../evidence/history.js';
import { FRAMEWORKS } from '../policy/catalog.js';
import { loadFramework } from '../report/controls.js';
import { addFormatOptions, writeOutput } from './output.js';
import { addTrustOptions, type TrustFlags, trustedFromFlags, trustRequired } from './trust.js';
import { EXIT, type RegisterCommand } from './types.js';

interface HistoryFlags extends TrustFlags {
  framework: string;
  format: 'table' | 'json';
  out?: string;
  from?: string;
  to?: string;
}

export const registerHistory: RegisterCommand = ({ program, setExit }) => {
  const command = program
    .command('history')
    .description("each control's state over a period, from a series of evidence bundles (SOC 2 Type 2): every bundle verified, with its trust state")
    .argument('<bundles...>', 'evidence bundle folders, or folders holding bundles')
    .addOption(new Option('--framework <name>', 'framework').choices([...FRAMEWORKS]).makeOptionMandatory())
    .option('--from <date>', 'only runs evaluated at or after this date or RFC 3339 time')
    .option('--to <date>', 'only runs evaluated at or before this date or RFC 3339 time');
  addTrustOptions(addFormatOptions(command, ['table', 'json']), 'bundles that are not trusted are left out (exit 1)').action(
    (args: string[], opts: HistoryFlags) => {
      const h = buildHistory(findBundles(args), loadFramework(opts.framework), {
        trusted: trustedFromFlags(opts),
        requireTrusted: trustRequired(opts),
        from: opts.from,
        to: opts.to,
      });
      writeOutput(opts.format === 'json' ? `${JSON.stringify(h, null, 2)}\n` : renderHistoryTable(h), opts.out);
      setExit(h.excluded.length > 0 ? EXIT.findings : EXIT.ok);
    },
  );
};
