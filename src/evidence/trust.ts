/**
 * Trust in evidence, defined once. Every command that reads a bundle or a saved report
 * (verify, evaluate, diff, check --baseline, explore, history, controls --report) shows it with
 * these words:
 *
 * - **unsigned**: no signature (or a plain JSON report). Hashes prove the files match the
 *   manifest, but anyone can rewrite both.
 * - **signed, untrusted**: the signature checks against the public key stored inside the bundle.
 *   That identifies the signer (the key's fingerprint) but vouches for nothing: whoever rewrote
 *   the bundle can sign it again with a key of their own.
 * - **trusted**: the signature checks against a key the user supplies (`--pub-key`) or one listed
 *   under `trusted_keys` in the config.
 *
 * A signature that checks against no key at all is not a trust state: it is a content mismatch,
 * like a changed file.
 */
import { createHash, type KeyObject } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { InputError } from '../errors.js';
import { loadPublicKey } from './sign.js';

export type TrustState = 'unsigned' | 'untrusted' | 'trusted';

/** The words every command prints for a state. */
export const TRUST_LABEL: Readonly<Record<TrustState, string>> = {
  unsigned: 'unsigned',
  untrusted: 'signed, untrusted',
  trusted: 'trusted',
};

/** What each state means, in one line (verify prints it; the README repeats it). */
export const TRUST_MEANING: Readonly<Record<TrustState, string>> = {
  unsigned: 'no signature: the hashes match the manifest, but anyone can rewrite both',
  untrusted: 'the signature checks against the key stored inside the bundle: it identifies the signer but vouches for nothing',
  trusted: 'the signature checks against a key you trust',
};

/** A public key the user trusts, and where it was named. */
export interface TrustedKey {
  readonly name: string;
  readonly key: KeyObject;
  readonly fingerprint: string;
  /** "--pub-key FILE" or "CONFIG: trusted_keys[i]". */
  readonly source: string;
}

/** Trust of one bundle or report. */
export interface Trust {
  readonly state: TrustState;
  /** Fingerprint of the key the signature checks against. */
  readonly fingerprint?: string;
  /** Signer name recorded in the (signed) manifest. */
  readonly signer?: string;
  /** The trusted key that matched: its name and where it was named. */
  readonly trustedKey?: { readonly name: string; readonly source: string };
}

/** sha256 of the key's DER (SubjectPublicKeyInfo), hex: `openssl pkey -pubin -in K -outform DER | sha256sum`. */
export function keyFingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** "signed, untrusted (signer "ci", key sha256:0a1b2c3d4e5f…)" */
export function describeTrust(t: Trust): string {
  const parts: string[] = [];
  if (t.signer) parts.push(`signer "${t.signer}"`);
  if (t.fingerprint) parts.push(`key ${t.fingerprint.slice(0, 23)}…`);
  if (t.trustedKey) parts.push(`trusted as "${t.trustedKey.name}" (${t.trustedKey.source})`);
  return parts.length ? `${TRUST_LABEL[t.state]} (${parts.join(', ')})` : TRUST_LABEL[t.state];
}

/** Why a gate refuses a baseline in this state, and what to do. */
export function untrustedBaselineReason(t: Trust, what: string): string {
  const how =
    'sign bundles with --sign-key and pass the public key with --pub-key or list it under trusted_keys in the config, or accept it with --allow-unsigned';
  return `baseline ${what} is ${describeTrust(t)}: a gate only accepts a trusted baseline (${TRUST_MEANING[t.state]}); ${how}`;
}

function withFingerprint(name: string, key: KeyObject, source: string): TrustedKey {
  return { name, key, fingerprint: keyFingerprint(key), source };
}

/**
 * The keys the user trusts: each `--pub-key` file, then the config's `trusted_keys`
 * (paths relative to the config).
 */
export function trustedKeys(pubKeys: readonly string[], config?: Pick<Config, 'file' | 'dir' | 'trustedKeys' | 'source'>): TrustedKey[] {
  const out = pubKeys.map((file) => withFingerprint(path.basename(file), loadPublicKey(file), `--pub-key ${file}`));
  for (const [i, k] of (config?.trustedKeys ?? []).entries()) {
    const file = path.resolve(config!.dir, k.public_key);
    let key: KeyObject;
    try {
      key = loadPublicKey(file);
    } catch (e) {
      const { line, col } = config!.source.locate(`/trusted_keys/${i}/public_key`);
      const problem = e instanceof InputError ? e.problem : 'cannot read the key';
      throw new InputError({ file: config!.file, line, col }, `trusted key "${k.name}" (${k.public_key}): ${problem}`, { cause: e });
    }
    out.push(withFingerprint(k.name, key, `${config!.file}: trusted_keys[${i}]`));
  }
  return out;
}
