import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readRegularFile, hashRegularFile, decodeUtf8 } from '../util/read-file.js';
import { describeError, primaryError, validator } from '../util/schema.js';
import { checkDerivations, type Derivation } from './derive.js';
import { listEntries, type SpecialEntry } from './files.js';
import { parsePublicKey, verifyBytes } from './sign.js';
import { keyFingerprint, type Trust, type TrustedKey } from './trust.js';
import { MANIFEST, META_FILES, SIGNATURE, SIGNER_KEY, type Manifest } from './types.js';

export interface VerifyOptions {
  /** Keys the user trusts (--pub-key, the config's trusted_keys). */
  readonly trusted?: readonly TrustedKey[];
  /** Re-derive each normalized snapshot from its raw captures. @default true */
  readonly derive?: boolean;
}

export interface VerifyResult {
  /** Consistent: every file matches the manifest, nothing refused, the signature (if any) checks, every derivation holds. */
  readonly ok: boolean;
  readonly changed: string[];
  readonly added: string[];
  readonly removed: string[];
  /** Symbolic links, FIFOs, sockets and devices: refused, never followed or read. */
  readonly refused: SpecialEntry[];
  /** A signature that checks against no key, or a manifest that disagrees with its signature. */
  readonly signatureProblem: string | null;
  readonly trust: Trust;
  readonly derivations: Derivation[];
  readonly files: number;
}

export function readManifest(dir: string): { manifest: Manifest; bytes: Buffer } {
  const file = path.join(dir, MANIFEST);
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, { limit: 'maxBundleFileBytes', noFollow: true });
  } catch (e) {
    if (e instanceof InputError && e.problem === 'file not found') {
      throw new InputError({ file }, 'not an evidence bundle (no manifest.json)', { cause: e });
    }
    throw e;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(decodeUtf8(bytes, file));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file }, 'manifest is not JSON', { cause: e });
  }
  const v = validator('manifest');
  if (!v(manifest)) throw new InputError({ file }, `invalid manifest: ${describeError(primaryError(v.errors ?? []))}`);
  return { manifest: manifest as Manifest, bytes };
}

/** Which key the signature checks against, and so the trust state; or the problem. */
function checkSignature(dir: string, manifest: Manifest, bytes: Buffer, trusted: readonly TrustedKey[]): { trust: Trust; problem: string | null } {
  const sigFile = path.join(dir, SIGNATURE);
  const recorded = manifest.signature;
  const signer = recorded?.signer;
  if (!existsSync(sigFile)) {
    // Stripping the signature leaves an unsigned bundle; a manifest that still says it was signed is inconsistent.
    return {
      trust: { state: 'unsigned' },
      problem: recorded ? `the manifest records a signature (key ${recorded.key_fingerprint}) but ${SIGNATURE} is missing` : null,
    };
  }
  const sig = decodeUtf8(readRegularFile(sigFile, { limit: 'maxBundleFileBytes', noFollow: true }), sigFile);
  const matchRecorded = (fingerprint: string) =>
    recorded && recorded.key_fingerprint !== fingerprint ? `the manifest names key ${recorded.key_fingerprint} but the signature is by ${fingerprint}` : null;
  for (const k of trusted) {
    if (verifyBytes(bytes, sig, k.key)) {
      return {
        trust: { state: 'trusted', fingerprint: k.fingerprint, ...(signer ? { signer } : {}), trustedKey: { name: k.name, source: k.source } },
        problem: matchRecorded(k.fingerprint),
      };
    }
  }
  const embedded = path.join(dir, SIGNER_KEY);
  if (existsSync(embedded)) {
    const key = parsePublicKey(readRegularFile(embedded, { limit: 'maxBundleFileBytes', noFollow: true }), embedded);
    if (verifyBytes(bytes, sig, key)) {
      const fingerprint = keyFingerprint(key);
      return { trust: { state: 'untrusted', fingerprint, ...(signer ? { signer } : {}) }, problem: matchRecorded(fingerprint) };
    }
  }
  const against = [
    trusted.length ? `the ${trusted.length} trusted key${trusted.length === 1 ? '' : 's'}` : '',
    existsSync(embedded) ? `the key in ${SIGNER_KEY}` : '',
  ]
    .filter(Boolean)
    .join(' or ');
  return { trust: { state: 'unsigned' }, problem: `${SIGNATURE} does not check against ${against || 'any key (no key given, none in the bundle)'}` };
}

/**
 * Recompute every hash, compare the file list, refuse special files, check the signature and
 * the trust it earns, and re-derive the normalized snapshots from the raw captures.
 */
export function verifyBundle(dir: string, options: VerifyOptions = {}): VerifyResult {
  const { manifest, bytes } = readManifest(dir);
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const entries = listEntries(dir);
  const present = entries.files.filter((p) => !META_FILES.has(p));
  const changed: string[] = [];
  const added: string[] = [];
  for (const p of present) {
    const want = listed.get(p);
    if (want === undefined) added.push(p);
    else if (hashRegularFile(path.join(dir, ...p.split('/')), p) !== want) changed.push(p);
  }
  const have = new Set([...present, ...entries.special.map((s) => s.path)]);
  const removed = [...listed.keys()].filter((p) => !have.has(p)).sort();
  const refused = entries.special;
  const { trust, problem } = checkSignature(dir, manifest, bytes, options.trusted ?? []);
  // Derivations read the files: only when they are the ones the manifest lists.
  const intact = changed.length === 0 && added.length === 0 && removed.length === 0 && refused.length === 0;
  const derivations = intact && options.derive !== false ? checkDerivations(dir, manifest) : [];
  const ok = intact && problem === null && derivations.every((d) => d.status !== 'mismatch');
  return { ok, changed, added, removed, refused, signatureProblem: problem, trust, derivations, files: present.length };
}

/** One line per problem, for messages: "changed findings.json", "refused tools/x (FIFO)", ... */
export function verifyProblems(v: VerifyResult): string[] {
  return [
    ...v.changed.map((p) => `changed ${p}`),
    ...v.added.map((p) => `added ${p}`),
    ...v.removed.map((p) => `removed ${p}`),
    ...v.refused.map((s) => `refused ${s.path} (${s.kind})`),
    ...(v.signatureProblem ? [`signature: ${v.signatureProblem}`] : []),
    ...v.derivations.filter((d) => d.status === 'mismatch').map((d) => `derivation of ${d.tool}: ${d.detail}`),
  ];
}
