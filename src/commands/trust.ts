import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { trustedKeys, type TrustedKey } from '../evidence/trust.js';

export interface TrustFlags {
  pubKey: string[];
  config?: string;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** --pub-key (repeatable) and -c/--config (its trusted_keys): the keys that make evidence trusted. */
export function addTrustOptions(command: Command, config = true): Command {
  command.option('--pub-key <pem>', 'a trusted Ed25519 public key (PEM); repeatable', collect, [] as string[]);
  if (config) command.option('-c, --config <file>', "trust the keys listed under this config's trusted_keys");
  return command;
}

/** The trusted keys from the flags (the config is validated like for a check). */
export function trustedFromFlags(flags: TrustFlags): TrustedKey[] {
  return trustedKeys(flags.pubKey ?? [], flags.config ? loadConfig(flags.config) : undefined);
}
