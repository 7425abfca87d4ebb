/**
 * The facts builder: every fact of the model starts unset, and `build()` refuses while any fact is
 * neither a value nor null plus a gap. No collector can forget a fact — including facts the model
 * gains later (the list comes from schemas/model.schema.json, see model/fact-list.ts). The
 * model's optional facts (e.g. time.local_reference, which only time daemons report) may be set or
 * gapped like any other; left unset, they are absent from the snapshot.
 *
 *   const f = ctx.facts();
 *   f.set('identity.anonymous_access', false, cm.absent('/data/users.anonymous.enabled', 'anonymous access is off unless "true"'));
 *   f.gap('audit_log.fields.source_ip', 'not_supported', 'Argo CD does not record client IPs');
 *   f.from('identity.mfa_required', outcome, source);   // an Outcome: value, or a gap
 *   return { facts: f.build(), ... };
 *
 * Each fact records where it was read (FactSource: file/line/column/pointer, endpoint, or command) and, when
 * the setting was absent, which documented default the value is.
 */
import { CollectorError } from '../../errors.js';
import { modelFactPaths, modelOptionalFactPaths } from '../../model/fact-list.js';
import type { FactSource, Facts, Gap, GapReason } from '../../model/types.js';
import type { Outcome } from './result.js';

type Fields = Facts['audit_log']['fields'];
type GroupPath<G extends keyof Facts> = G extends 'audit_log'
  ? `audit_log.${Exclude<keyof Facts['audit_log'], 'fields'> & string}`
  : `${G}.${keyof Facts[G] & string}`;

/** Every fact path of the model: 'identity.sso_provider', 'audit_log.fields.actor', ... */
export type FactPath = { [G in keyof Facts]: GroupPath<G> }[keyof Facts] | `audit_log.fields.${keyof Fields & string}`;

/** The type of a fact's value (without null: null is only ever set through a gap). */
export type FactValue<P extends FactPath> = NonNullable<
  P extends `audit_log.fields.${infer F extends keyof Fields & string}`
    ? Fields[F]
    : P extends `${infer G extends keyof Facts}.${infer K}`
      ? K extends keyof Facts[G]
        ? Facts[G][K]
        : never
      : never
>;

/**
 * What the log store decides about the records, not the tool writing them: how long they stay, a
 * second copy, immutability. A tool that hands its records on says nothing about these.
 */
export const STORE_FACTS = [
  'audit_log.retention_days',
  'audit_log.retention_online_days',
  'audit_log.backup',
  'audit_log.immutable',
] as const satisfies readonly FactPath[];

/** What build() returns: the four fact groups, the gaps, and where each fact was read. */
export interface BuiltFacts {
  readonly facts: Facts;
  readonly gaps: Gap[];
  readonly provenance: Record<string, FactSource[]>;
}

interface GapOptions {
  /** Scope or permission that would let the collector read the fact. */
  readonly permission?: string;
  /** Where the collector looked (an endpoint that refused, the file without the setting). */
  readonly sources?: readonly (FactSource | undefined)[];
}

export interface FactsBuilder {
  /** A known value, read at `sources`. Setting a fact twice is a bug and throws. */
  set<P extends FactPath>(path: P, value: FactValue<P>, ...sources: (FactSource | undefined)[]): FactsBuilder;
  /** null plus the reason it could not be read. */
  gap(path: FactPath, reason: GapReason, detail: string, options?: GapOptions): FactsBuilder;
  /** The same gap for several facts (e.g. every time.* fact of a SaaS). */
  gapEach(paths: readonly FactPath[], reason: GapReason, detail: string, options?: GapOptions): FactsBuilder;
  /** A value from an Outcome, or its gap. */
  from<P extends FactPath>(path: P, outcome: Outcome<FactValue<P>>, ...sources: (FactSource | undefined)[]): FactsBuilder;
  /** Whether a fact is still unset. */
  isSet(path: FactPath): boolean;
  /** Required facts neither set nor gapped yet, in model order. */
  unset(): FactPath[];
  /** The facts, gaps and provenance; throws a CollectorError naming every unset fact. */
  build(): BuiltFacts;
}

type Entry = { kind: 'value'; value: unknown; sources: FactSource[] } | { kind: 'gap'; gap: Gap; sources: FactSource[] };

/**
 * A new builder for one snapshot. `collector` names the collector in errors. Normally reached as
 * `ctx.facts()` from a collector's context.
 */
export function factsBuilder(collector: string): FactsBuilder {
  const known = new Set(modelFactPaths());
  // Optional facts (time.local_reference, ...) may be stated; unstated, they stay absent.
  const optional = new Set(modelOptionalFactPaths());
  const entries = new Map<string, Entry>();
  const claim = (path: string) => {
    if (!known.has(path) && !optional.has(path)) throw new CollectorError(collector, `"${path}" is not a fact of the model (schemas/model.schema.json)`);
    if (entries.has(path)) throw new CollectorError(collector, `fact ${path} is set twice`);
  };
  // Sources without the undefined ones and without repeats (two facts of one line name it once).
  const clean = (sources: readonly (FactSource | undefined)[]) => {
    const seen = new Set<string>();
    return sources.filter((s): s is FactSource => {
      if (s === undefined) return false;
      const key = JSON.stringify(s);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const builder: FactsBuilder = {
    set(path, value, ...sources) {
      claim(path);
      if (value === null || value === undefined) {
        throw new CollectorError(collector, `fact ${path} set to ${String(value)}; a fact without a value is a gap (builder.gap) saying why`);
      }
      entries.set(path, { kind: 'value', value, sources: clean(sources) });
      return builder;
    },
    gap(path, reason, detail, options = {}) {
      claim(path);
      const g: Gap = { fact: path, reason, detail, ...(options.permission ? { permission: options.permission } : {}) };
      entries.set(path, { kind: 'gap', gap: g, sources: clean(options.sources ?? []) });
      return builder;
    },
    gapEach(paths, reason, detail, options) {
      for (const p of paths) builder.gap(p, reason, detail, options);
      return builder;
    },
    from(path, outcome, ...sources) {
      return outcome.ok
        ? builder.set(path, outcome.value, ...sources)
        : builder.gap(path, outcome.reason, outcome.detail, { ...(outcome.permission ? { permission: outcome.permission } : {}), sources: clean(sources) });
    },
    isSet: (path) => entries.has(path),
    unset: () => [...known].filter((p) => !entries.has(p)) as FactPath[],
    build() {
      const missingFacts = builder.unset();
      if (missingFacts.length > 0) {
        throw new CollectorError(collector, `facts left unset (each needs a value, or null plus a gap): ${missingFacts.join(', ')}`);
      }
      const facts: Record<string, unknown> = {};
      const gaps: Gap[] = [];
      const provenance: Record<string, FactSource[]> = {};
      for (const path of [...known, ...[...optional].filter((p) => entries.has(p))]) {
        const e = entries.get(path)!;
        const segments = path.split('.');
        let group = facts;
        for (const seg of segments.slice(0, -1)) {
          group[seg] ??= {};
          group = group[seg] as Record<string, unknown>;
        }
        group[segments.at(-1)!] = e.kind === 'value' ? e.value : null;
        if (e.kind === 'gap') gaps.push(e.gap);
        if (e.sources.length > 0) provenance[path] = e.sources;
      }
      return { facts: facts as unknown as Facts, gaps, provenance };
    },
  };
  return builder;
}

/** Mark a source as the tool's documented default for an absent setting. */
export function asDefault(source: FactSource, documentedDefault: string): FactSource {
  return { ...source, default: documentedDefault };
}
