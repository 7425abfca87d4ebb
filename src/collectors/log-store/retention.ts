/**
 * Retention normalized to days, shared by every log-store collector (Loki, Elasticsearch,
 * OpenSearch, S3, CloudWatch Logs, Splunk). Each store writes its retention in its own unit:
 *
 *  - Go durations (`time.ParseDuration`: `1h30m`, `8760h`, `1.5h`; no days),
 *  - Prometheus durations (`model.Duration`, what Loki's retention_period and max_look_back_period
 *    are: `30d`, `1y`, `2w3d`, `8760h`; y = 365 d, w = 7 d; integers, units in descending order),
 *  - Elasticsearch/OpenSearch time units (`30d`, `12h`, `0ms`: one integer and one of d h m s ms
 *    micros nanos),
 *  - plain seconds (Splunk frozenTimePeriodInSecs), days (CloudWatch retentionInDays, S3 lifecycle
 *    and Object Lock Days) or years (S3 Object Lock Years).
 *
 * A Retention keeps the normalized days (-1 = kept forever) next to the raw value and its unit, so
 * the evidence shows what the tool said and how it became days. Conversions never overstate:
 * fractions of a day are cut (364.99 days is not a year) and a year is 365 days.
 */

import type { FactSource } from '../../model/types.js';

export const FOREVER = -1;
const SECONDS_PER_DAY = 86_400;

export type DurationGrammar = 'go' | 'prometheus' | 'elasticsearch';

export type Parsed = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly problem: string };

const GO_UNITS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
// Prometheus model.Duration units, in the only order it accepts them.
const PROM_UNITS: readonly (readonly [string, number])[] = [
  ['y', 365 * SECONDS_PER_DAY],
  ['w', 7 * SECONDS_PER_DAY],
  ['d', SECONDS_PER_DAY],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
  ['ms', 1e-3],
];
const ES_UNITS: Readonly<Record<string, number>> = { d: SECONDS_PER_DAY, h: 3600, m: 60, s: 1, ms: 1e-3, micros: 1e-6, nanos: 1e-9 };

const EXAMPLES: Readonly<Record<DurationGrammar, string>> = {
  go: 'a Go duration such as 8760h or 720h30m (units ns us ms s m h)',
  prometheus: 'a Prometheus duration such as 8760h, 365d, 52w or 1y (units y w d h m s ms, largest first)',
  elasticsearch: 'an Elasticsearch time value such as 30d, 12h or 0ms (one integer, units d h m s ms micros nanos)',
};

/** Parse a duration written in one tool's grammar; a value the tool itself would refuse is a problem. */
export function parseDuration(text: string, grammar: DurationGrammar): Parsed {
  const t = text.trim();
  const bad = (): Parsed => ({ ok: false, problem: `"${text}" is not ${EXAMPLES[grammar]}` });
  if (t === '0') return { ok: true, seconds: 0 };
  if (grammar === 'go') {
    if (!/^[+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(t)) return bad();
    let seconds = 0;
    for (const m of t.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) seconds += Number(m[1]) * GO_UNITS[m[2]!]!;
    return { ok: true, seconds };
  }
  if (grammar === 'prometheus') {
    const m = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(t);
    if (!m || t === '') return bad();
    let seconds = 0;
    PROM_UNITS.forEach(([, factor], i) => {
      if (m[i + 1] !== undefined) seconds += Number(m[i + 1]) * factor;
    });
    return { ok: true, seconds };
  }
  const m = /^(\d+)(nanos|micros|ms|s|m|h|d)$/.exec(t.toLowerCase());
  if (!m) return bad();
  return { ok: true, seconds: Number(m[1]) * ES_UNITS[m[2]!]! };
}

/** Whole days in a number of seconds, cut down (never rounded up to meet a minimum). */
export function daysFromSeconds(seconds: number): number {
  const days = seconds / SECONDS_PER_DAY;
  // Keep three decimals of a part day so "12h" stays visible as 0.5, still never rounding up.
  return Number.isInteger(days) ? days : Math.floor(days * 1000) / 1000;
}

/** Days text for messages and evidence: "forever", "365 days", "0.5 days". */
export function formatDays(days: number): string {
  if (days === FOREVER) return 'forever';
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** Where a value was read: file position or endpoint, and the documented default when absent. */
export type { FactSource } from '../../model/types.js';

/** A retention in days with the raw value it came from, for the fact and its evidence. */
export interface Retention {
  /** Normalized days; -1 = kept forever. */
  readonly days: number;
  /** The value as the tool gives it ("8760h", 188697600, 400), or null when the setting is absent. */
  readonly raw: string | number | null;
  /** The raw value's unit: "duration", "seconds", "days", "years", or "none" when absent. */
  readonly unit: string;
  /** What the value is, in one line: "limits_config.retention_period", "ILM policy logs delete phase min_age". */
  readonly setting: string;
  /** Why these days, when it needs saying: "0s means kept forever", "compactor retention is off". */
  readonly note?: string;
  readonly sources: readonly FactSource[];
}

/** Kept forever: nothing deletes the records (no rule, retention off, an absent setting). */
export function keptForever(setting: string, note: string, ...sources: FactSource[]): Retention {
  return { days: FOREVER, raw: null, unit: 'none', setting, note, sources };
}

/** A retention from a duration string in a tool's grammar; 0 means forever in every store that uses durations. */
export function fromDuration(text: string, grammar: DurationGrammar, setting: string, ...sources: FactSource[]): Retention | { problem: string } {
  const p = parseDuration(text, grammar);
  if (!p.ok) return { problem: `${setting}: ${p.problem}` };
  if (p.seconds === 0) return { days: FOREVER, raw: text, unit: 'duration', setting, note: `${text} means kept forever (no deletion)`, sources };
  return { days: daysFromSeconds(p.seconds), raw: text, unit: 'duration', setting, sources };
}

export function fromSeconds(seconds: number, setting: string, ...sources: FactSource[]): Retention {
  return { days: daysFromSeconds(seconds), raw: seconds, unit: 'seconds', setting, sources };
}

export function fromDays(days: number, setting: string, ...sources: FactSource[]): Retention {
  return { days, raw: days, unit: 'days', setting, sources };
}

export function fromYears(years: number, setting: string, ...sources: FactSource[]): Retention {
  return { days: years * 365, raw: years, unit: 'years', setting, note: 'a year counted as 365 days', sources };
}

/** Order for "shorter": forever is the longest. */
function shorter(a: number, b: number): boolean {
  if (a === FOREVER) return false;
  if (b === FOREVER) return true;
  return a < b;
}

/** The shortest of several retentions that all apply (the stricter one decides); undefined when none. */
export function shortest(list: readonly Retention[]): Retention | undefined {
  let best: Retention | undefined;
  for (const r of list) if (best === undefined || shorter(r.days, best.days)) best = r;
  return best;
}

/** The evidence of one retention for source.details: days, raw value, unit, setting and note. */
export function retentionEvidence(r: Retention): Record<string, unknown> {
  return {
    days: r.days,
    text: formatDays(r.days),
    raw: r.raw,
    unit: r.unit,
    setting: r.setting,
    ...(r.note ? { note: r.note } : {}),
    read_at: r.sources.map(describeSource),
  };
}

/** "config.yaml:12 /limits_config/retention_period", "GET http://host/config", with "(default: ...)". */
function describeSource(s: FactSource): string {
  const where = s.file !== undefined ? `${s.file}${s.line !== undefined ? `:${s.line}` : ''}${s.pointer ? ` ${s.pointer}` : ''}` : (s.endpoint ?? '(unknown)');
  return s.default !== undefined ? `${where} (absent; default: ${s.default})` : where;
}
