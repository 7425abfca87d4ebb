import { UsageError } from '../errors.js';
import { reevaluateBundle } from '../evidence/evaluate.js';
import { describeTrust } from '../evidence/trust.js';
import { verifyBundle, verifyProblems } from '../evidence/verify.js';
import { writeOutput } from './output.js';
import { addTrustOptions, type TrustFlags, trustedFromFlags, trustRequired } from './trust.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerEvaluate: RegisterCommand = ({ program, setExit }) => {
  const command = program
    .command('evaluate')
    .description('re-evaluate an evidence bundle offline and check it reproduces the recorded findings and every report byte for byte')
    .requiredOption('--evidence <dir>', 'evidence bundle folder')
    .option('-o, --out <file>', 'also write the re-evaluated findings (JSON) to a file')
    .option('--no-verify', 'skip checking the bundle (hashes, signature, derivations) first');
  addTrustOptions(command, 'exit 1 unless the bundle is trusted').action(async (opts: TrustFlags & { evidence: string; out?: string; verify: boolean }) => {
    // Trust is decided by verifying: asking for it and skipping the check would accept anything.
    if (!opts.verify && trustRequired(opts)) {
      throw new UsageError('--no-verify skips the signature check that --require-signature and --pub-key ask for; drop one of them');
    }
    if (opts.verify) {
      const v = verifyBundle(opts.evidence, { trusted: trustedFromFlags(opts) });
      if (!v.ok) {
        process.stdout.write(`bundle does not verify (${verifyProblems(v).join(', ')}); run: auditready verify ${opts.evidence}\n`);
        setExit(EXIT.findings);
        return;
      }
      process.stdout.write(`trust: ${describeTrust(v.trust)}\n`);
      if (trustRequired(opts) && v.trust.state !== 'trusted') {
        process.stdout.write(`not trusted: the bundle is ${describeTrust(v.trust)}\n`);
        setExit(EXIT.findings);
        return;
      }
    } else {
      process.stdout.write('trust: not checked (--no-verify)\n');
    }
    const r = await reevaluateBundle(opts.evidence);
    if (opts.out) writeOutput(r.text, opts.out);
    if (r.identical) {
      process.stdout.write(`reproduced: ${r.findings.length} findings and ${r.files.length - 1} reports, byte for byte identical to the bundle's\n`);
      setExit(EXIT.ok);
      return;
    }
    const out = [
      `DIFFERENT: re-evaluation does not reproduce ${r.files
        .filter((f) => !f.identical)
        .map((f) => f.path)
        .join(', ')}`,
    ];
    if (r.differences.length) out.push(`findings.json: ${r.differences.length} findings differ`, ...r.differences.map((k) => `  ${k}`));
    process.stdout.write(`${out.join('\n')}\n`);
    setExit(EXIT.findings);
  });
};
