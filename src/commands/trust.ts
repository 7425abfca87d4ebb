import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { trustedKeys, type TrustedKey } from '../evidence/trust.js';

export interface TrustFlags {
  pubKey: string[];
  config?: string;
  requireSignature?: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/**
 * --pub-key (repeatable), -c/--config (its trusted_keys): the keys that make evidence trusted;
 * --require-signature: only trusted evidence will do (`whatElse` says what happens to the rest).
 */
export function addTrustOptions(command: Command, whatElse: string): Command {
  return command
    .option('--pub-key <pem>', 'a trusted Ed25519 public key (PEM); repeatable; implies --require-signature', collect, [] as string[])
    .option('-c, --config <file>', "trust the keys listed under this config's trusted_keys")
    .option('--require-signature', `only evidence signed by a trusted key will do: ${whatElse}`);
}

/** The trusted keys from the flags (the config is validated like for a check). */
export function trustedFromFlags(flags: TrustFlags): TrustedKey[] {
  return trustedKeys(flags.pubKey ?? [], flags.config ? loadConfig(flags.config) : undefined);
}

/**
 * Whether only trusted evidence will do. Asking for a key is asking for a signature: with
 * --pub-key, evidence that is unsigned or signed by another key is refused like with
 * --require-signature, by every command that reads evidence.
 */
export function trustRequired(flags: TrustFlags): boolean {
  return flags.requireSignature === true || (flags.pubKey?.length ?? 0) > 0;
}
