import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import { listFiles } from './files.js';
import { parsePublicKey, verifyBytes } from './sign.js';
import { MANIFEST, META_FILES, SIGNATURE, SIGNER_KEY, type Manifest } from './types.js';

export type SignatureState =
  | 'valid' // checked against the key given with --pub-key
  | 'valid-embedded-key' // checked against the key inside the bundle (integrity, not who signed)
  | 'invalid'
  | 'unsigned'
  | 'missing'; // a key was given but the bundle has no signature

export interface VerifyResult {
  readonly ok: boolean;
  readonly changed: string[];
  readonly added: string[];
  readonly removed: string[];
  readonly signature: SignatureState;
  readonly files: number;
}

export function readManifest(dir: string): { manifest: Manifest; bytes: Buffer } {
  const file = path.join(dir, MANIFEST);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'not an evidence bundle (no manifest.json)' : `cannot read (${code ?? 'error'})`, { cause: e });
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch (e) {
    throw new InputError({ file }, 'manifest is not JSON', { cause: e });
  }
  if (!manifest || !Array.isArray(manifest.files)) throw new InputError({ file }, 'manifest has no files list');
  return { manifest, bytes };
}

/** Recompute every hash, compare the file list, and check the signature. */
export function verifyBundle(dir: string, publicKey?: KeyObject): VerifyResult {
  const { manifest, bytes } = readManifest(dir);
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const present = listFiles(dir).filter((p) => !META_FILES.has(p));
  const changed: string[] = [];
  const added: string[] = [];
  for (const p of present) {
    const want = listed.get(p);
    if (want === undefined) added.push(p);
    else if (sha256(readFileSync(path.join(dir, ...p.split('/')))) !== want) changed.push(p);
  }
  const have = new Set(present);
  const removed = [...listed.keys()].filter((p) => !have.has(p)).sort();

  let signature: SignatureState;
  const sigFile = path.join(dir, SIGNATURE);
  if (!existsSync(sigFile)) {
    signature = publicKey ? 'missing' : 'unsigned';
  } else {
    const sig = readFileSync(sigFile, 'utf8');
    let key = publicKey;
    const embedded = path.join(dir, SIGNER_KEY);
    if (!key && existsSync(embedded)) key = parsePublicKey(readFileSync(embedded), embedded);
    if (!key) signature = 'invalid';
    else if (!verifyBytes(bytes, sig, key)) signature = 'invalid';
    else signature = publicKey ? 'valid' : 'valid-embedded-key';
  }
  const ok = changed.length === 0 && added.length === 0 && removed.length === 0 && signature !== 'invalid' && signature !== 'missing';
  return { ok, changed, added, removed, signature, files: present.length };
}
