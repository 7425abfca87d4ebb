import { openEvidence } from '../evidence/read.js';
import { describeTrust } from '../evidence/trust.js';
import { diffMarkdown, diffReports, diffText } from '../report/diff.js';
import { addFormatOptions, writeOutput } from './output.js';
import { addTrustOptions, type TrustFlags, trustedFromFlags, trustRequired } from './trust.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerDiff: RegisterCommand = ({ program, setExit }) => {
  const command = program
    .command('diff')
    .description('compare two reports or evidence bundles: new failures, fixed, still failing, changed evidence (exit 1 if anything got worse)')
    .argument('<old>', 'JSON report or evidence bundle folder')
    .argument('<new>', 'JSON report or evidence bundle folder');
  addTrustOptions(addFormatOptions(command, ['text', 'json', 'markdown']), 'exit 1, comparing nothing, unless both sides are trusted bundles').action(
    (oldPath: string, newPath: string, opts: TrustFlags & { format: 'text' | 'json' | 'markdown'; out?: string }) => {
      const trusted = trustedFromFlags(opts);
      const before = openEvidence(oldPath, { trusted });
      const after = openEvidence(newPath, { trusted });
      if (trustRequired(opts)) {
        const sides = [
          [oldPath, before],
          [newPath, after],
        ] as const;
        const untrusted = sides.filter(([, side]) => side.trust.state !== 'trusted');
        if (untrusted.length > 0) {
          const what = untrusted.map(([p, side]) => `${p} is ${side.kind === 'bundle' ? 'a bundle' : 'a plain JSON report'}, ${describeTrust(side.trust)}`);
          process.stdout.write(`not trusted: ${what.join('; ')}; nothing compared\n`);
          setExit(EXIT.findings);
          return;
        }
      }
      const d = diffReports(before.report, after.report);
      const trust = { old: `${before.kind}, ${describeTrust(before.trust)}`, new: `${after.kind}, ${describeTrust(after.trust)}` };
      const text =
        opts.format === 'json'
          ? `${JSON.stringify({ trust: { old: before.trust, new: after.trust }, ...d }, null, 2)}\n`
          : opts.format === 'markdown'
            ? diffMarkdown(d, oldPath, newPath, trust)
            : diffText(d, oldPath, newPath, trust);
      writeOutput(text, opts.out);
      setExit(d.new_failures.length > 0 ? EXIT.findings : EXIT.ok);
    },
  );
};
