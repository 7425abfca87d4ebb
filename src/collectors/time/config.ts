/**
 * What a time daemon's configuration files say, daemon-independent: the configured sources,
 * the local-clock reference, and the settings that decide how the clock is disciplined. The
 * chrony, ntpsec and timesyncd readers fill it; the normalizer turns it into model facts.
 */
import type { Directive } from './directives.js';

type SourceKind = 'server' | 'pool' | 'peer' | 'refclock';

export interface ConfiguredSource {
  readonly kind: SourceKind;
  /** Host name or address as configured; for a reference clock, its refid or driver and device. */
  readonly name: string;
  /** Network Time Security (chrony and ntpsec `nts`). */
  readonly nts: boolean;
  /** Symmetric key id (`key N`), or null. */
  readonly keyId: string | null;
  readonly iburst: boolean;
  /** `noselect`: polled but never used to set the clock. */
  readonly noselect: boolean;
  /** The line that configures it; null for a compiled-in default (timesyncd's FallbackNTP). */
  readonly at: Place | null;
}

/** Where a setting was read (file, line, column), or null when the documented default applies. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

export interface Setting<T> {
  readonly value: T;
  /** The directive that set it; null when the setting is absent and `defaultNote` applies. */
  readonly at: Place | null;
  /** The tool's documented default, described, when `at` is null. */
  readonly defaultNote?: string;
}

/** A directive the daemon itself would refuse: the configuration is a broken input (ToolInputError at its line). */
export interface ConfigProblem {
  readonly at: Place;
  readonly message: string;
}

/** An include, confdir or sourcedir whose files were not given: the sources may be incomplete. */
export interface Unresolved {
  readonly at: Place;
  readonly what: string;
}

export interface TimeConfig {
  readonly daemon: 'chrony' | 'ntpsec' | 'timesyncd';
  /** Main file and fragments read, in the order the daemon reads them. */
  readonly files: readonly string[];
  readonly sources: readonly ConfiguredSource[];
  /** The daemon serves its own clock as a reference (chrony `local`, ntpsec `tos orphan`). */
  readonly local: Setting<{ stratum: number | null }> | null;
  /** Sources that must agree before the clock is updated. */
  readonly minSources: Setting<number>;
  /** Largest root distance a source may have and still be used, milliseconds. */
  readonly maxDistanceMs: Setting<number>;
  /** When the clock may be stepped rather than slewed; null when the daemon has no such setting. */
  readonly step: Setting<string> | null;
  /** Directives the daemon would refuse (chronyd exits on them): the first is reported as a broken input. */
  readonly problems: readonly ConfigProblem[];
  readonly unresolved: readonly Unresolved[];
  /** Settings that matter to an auditor but feed no fact, for the snapshot's details. */
  readonly notes: readonly string[];
}

/** The directive's first argument, or undefined and a problem saying what it needs ("a driver name"). */
export function firstArg(d: Directive, needs: string, problems: ConfigProblem[]): string | undefined {
  const arg = d.args[0];
  if (arg === undefined) problems.push({ at: d, message: `${d.name} needs ${needs}` });
  return arg;
}

/** A number in a directive, or a problem. */
export function numberArg(d: Directive, index: number, problems: ConfigProblem[]): number | undefined {
  const raw = d.args[index];
  const n = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) {
    problems.push({ at: d, message: `${d.name} needs a number${raw === undefined ? '' : `, not "${raw}"`}` });
    return undefined;
  }
  return n;
}
