import { describeTrust, TRUST_MEANING } from '../evidence/trust.js';
import { verifyBundle } from '../evidence/verify.js';
import { addTrustOptions, type TrustFlags, trustedFromFlags, trustRequired } from './trust.js';
import { EXIT, type RegisterCommand } from './types.js';

export const registerVerify: RegisterCommand = ({ program, setExit }) => {
  const command = program
    .command('verify')
    .description(
      'check an evidence bundle: recompute every hash, re-derive the snapshots from the raw captures, check the signature and print the trust state (unsigned, signed untrusted, trusted)',
    )
    .argument('<dir>', 'evidence bundle folder');
  addTrustOptions(command, 'exit 1 unless the bundle is trusted').action((dir: string, opts: TrustFlags) => {
    const trusted = trustedFromFlags(opts);
    const r = verifyBundle(dir, { trusted });
    const out: string[] = [];
    for (const p of r.changed) out.push(`changed: ${p}`);
    for (const p of r.added) out.push(`added: ${p}`);
    for (const p of r.removed) out.push(`removed: ${p}`);
    for (const s of r.refused) out.push(`refused: ${s.path} (${s.kind}; never followed or read)`);
    for (const d of r.derivations) if (d.status === 'mismatch') out.push(`derivation: ${d.tool}: ${d.detail}`);
    // Snapshots checked against their raw capture's hash only: say which, and why.
    for (const d of r.derivations) if (d.status === 'binding' && d.tool !== 'policy bundle') out.push(`not derived again: ${d.tool}: ${d.detail}`);
    if (r.signatureProblem) out.push(`signature: INVALID (${r.signatureProblem})`);
    if (r.derivations.length > 0 && r.derivations.every((d) => d.status !== 'mismatch')) {
      const tools = r.derivations.filter((d) => d.tool !== 'policy bundle');
      const derived = tools.filter((d) => d.status === 'ok').length;
      const bound = tools.filter((d) => d.status === 'binding').length;
      const policy = r.derivations.find((d) => d.tool === 'policy bundle');
      out.push(
        `derivation: ${derived} snapshot${derived === 1 ? '' : 's'} derived again from the raw captures${bound ? `, ${bound} bound to their raw capture's hash only` : ''}${policy ? `; policy bundle: ${policy.detail}` : ''}`,
      );
    }
    out.push(
      r.signatureProblem
        ? 'trust: none: a signature that checks against no key is a content mismatch, not a trust state'
        : `trust: ${describeTrust(r.trust)}: ${TRUST_MEANING[r.trust.state]}`,
    );
    const needTrust = trustRequired(opts);
    if (!r.ok) {
      out.push(
        `FAILED: ${r.changed.length} changed, ${r.added.length} added, ${r.removed.length} removed${r.refused.length ? `, ${r.refused.length} refused` : ''}${r.signatureProblem ? ', bad signature' : ''}${r.derivations.some((d) => d.status === 'mismatch') ? ', snapshots that do not follow from their raw captures' : ''}`,
      );
      setExit(EXIT.findings);
    } else if (needTrust && r.trust.state !== 'trusted') {
      out.push(
        `FAILED: the bundle is ${describeTrust(r.trust)}, not trusted (${opts.pubKey.length ? 'it is not signed by the key given with --pub-key' : 'sign it with --sign-key and pass the key with --pub-key or list it under trusted_keys'})`,
      );
      setExit(EXIT.findings);
    } else {
      out.push(`verified: ${r.files} files match manifest.json`);
      setExit(EXIT.ok);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  });
};
