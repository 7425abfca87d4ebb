import { InputError } from '../errors.js';
import type { SourceDocument } from '../util/yaml-source.js';

/** A waiver longer than this (approval to expiry) is reported unless the config sets waiver_max_days. */
export const DEFAULT_WAIVER_MAX_DAYS = 365;

/** A waiver as written in auditready.yaml (schemas/config.schema.json#/$defs/waiver). */
export interface WaiverConfig {
  readonly id?: string;
  readonly policy: string;
  readonly tool: string;
  readonly resource?: string;
  readonly justification: string;
  readonly approver: string;
  readonly approved_on: string;
  readonly expires_on: string;
  /** JSON pointer in the config, for positions. */
  readonly pointer: string;
}

/**
 * Check waivers against what the run knows: the policy ids of the catalog and the targets
 * of the config. A typo here would silently waive nothing, so it is an input error.
 */
export function validateWaivers(
  waivers: readonly WaiverConfig[],
  known: { policyIds: ReadonlySet<string>; toolIds: ReadonlySet<string> },
  config: { file: string; source: SourceDocument },
): void {
  for (const w of waivers) {
    const at = (key: string) => {
      const { line, col } = config.source.locate(`${w.pointer}/${key}`);
      return { file: config.file, line, col };
    };
    if (!known.policyIds.has(w.policy)) {
      throw new InputError(at('policy'), `waiver names unknown policy "${w.policy}" (see: auditready policies list)`);
    }
    if (!known.toolIds.has(w.tool)) {
      throw new InputError(at('tool'), `waiver names unknown tool "${w.tool}"; targets are: ${[...known.toolIds].sort().join(', ')}`);
    }
    if (w.expires_on < w.approved_on) {
      throw new InputError(at('expires_on'), `waiver expires (${w.expires_on}) before it was approved (${w.approved_on})`);
    }
  }
}
