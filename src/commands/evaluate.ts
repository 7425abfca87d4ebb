import { UsageError } from '../errors.js';
import { reevaluateBundle } from '../evidence/evaluate.js';
import { verifyBundle } from '../evidence/verify.js';
import { writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerEvaluate: RegisterCommand = ({ program, setExit }) => {
  program
    .command('evaluate')
    .description('re-evaluate an evidence bundle offline and check it reproduces the recorded findings byte for byte')
    .requiredOption('--evidence <dir>', 'evidence bundle folder')
    .option('-o, --out <file>', 'also write the re-evaluated findings (JSON) to a file')
    .option('--no-verify', 'skip checking the bundle hashes first')
    .action(async (opts: { evidence: string; out?: string; verify: boolean }) => {
      if (!opts.evidence) throw new UsageError('--evidence <dir> is required');
      if (opts.verify) {
        const v = verifyBundle(opts.evidence);
        if (!v.ok) {
          process.stdout.write(
            `bundle does not verify (${[...v.changed.map((p) => `changed ${p}`), ...v.added.map((p) => `added ${p}`), ...v.removed.map((p) => `removed ${p}`), `signature ${v.signature}`].join(', ')}); run: auditready verify ${opts.evidence}\n`,
          );
          setExit(EXIT.findings);
          return;
        }
      }
      const r = await reevaluateBundle(opts.evidence);
      if (opts.out) writeOutput(r.text, opts.out);
      if (r.identical) {
        process.stdout.write(`reproduced: ${r.findings.length} findings, byte for byte identical to findings.json\n`);
        setExit(EXIT.ok);
      } else {
        process.stdout.write(
          `DIFFERENT: re-evaluation does not reproduce findings.json (${r.differences.length} findings differ)\n${r.differences.map((k) => `  ${k}`).join('\n')}\n`,
        );
        setExit(EXIT.findings);
      }
    });
};
