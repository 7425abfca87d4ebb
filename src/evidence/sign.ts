import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { readRegularFile } from '../util/read-file.js';

/** A key file: a regular file, small (a PEM key is a few hundred bytes). */
function readKeyFile(file: string): Buffer {
  return readRegularFile(file);
}

/** An Ed25519 private key from a PEM file (e.g. `openssl genpkey -algorithm ed25519`). */
export function loadPrivateKey(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readKeyFile(file));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file }, 'not a PEM private key', { cause: e });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError({ file }, `expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

/** An Ed25519 public key from PEM text (SPKI), or derived from a private key PEM. */
export function parsePublicKey(pem: string | Buffer, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new InputError({ file }, 'not a PEM public key', { cause: e });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError({ file }, `expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

export function loadPublicKey(file: string): KeyObject {
  return parsePublicKey(readKeyFile(file), file);
}

export function signBytes(data: Uint8Array, key: KeyObject): string {
  return `${sign(null, data, key).toString('base64')}\n`;
}

export function verifyBytes(data: Uint8Array, signatureBase64: string, key: KeyObject): boolean {
  try {
    return verify(null, data, key, Buffer.from(signatureBase64.trim(), 'base64'));
  } catch {
    return false;
  }
}
