import type { Command } from 'commander';
import { loadPublicKey } from '../evidence/sign.js';
import { verifyBundle } from '../evidence/verify.js';
import { EXIT, type RegisterCommand } from './types.js';

const SIGNATURE_TEXT = {
  valid: 'valid (key given with --pub-key)',
  'valid-embedded-key': 'valid for the key inside the bundle (pass --pub-key to check who signed)',
  invalid: 'INVALID',
  unsigned: 'none (bundle not signed)',
  missing: 'MISSING (a key was given but the bundle is not signed)',
} as const;

export const registerVerify: RegisterCommand = ({ program, setExit }) => {
  program
    .command('verify')
    .description('check an evidence bundle: recompute every hash, check the signature, name changed, added and removed files')
    .argument('<dir>', 'evidence bundle folder')
    .option('--pub-key <pem>', 'Ed25519 public key (PEM) the manifest must be signed with')
    .action((dir: string, opts: { pubKey?: string }, _command: Command) => {
      const key = opts.pubKey ? loadPublicKey(opts.pubKey) : undefined;
      const r = verifyBundle(dir, key);
      const out: string[] = [];
      for (const p of r.changed) out.push(`changed: ${p}`);
      for (const p of r.added) out.push(`added: ${p}`);
      for (const p of r.removed) out.push(`removed: ${p}`);
      out.push(`signature: ${SIGNATURE_TEXT[r.signature]}`);
      out.push(
        r.ok
          ? `verified: ${r.files} files match manifest.json`
          : `FAILED: ${r.changed.length} changed, ${r.added.length} added, ${r.removed.length} removed${r.signature === 'invalid' || r.signature === 'missing' ? ', bad signature' : ''}`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
      setExit(r.ok ? EXIT.ok : EXIT.findings);
    });
};
