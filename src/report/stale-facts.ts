// A facts file is the organization's word at one moment (collected_at). When that moment is
// older than max_evidence_age_hours before the run, or after it, the run says so as soon as the
// file is read (stderr) and at the top of the report's warnings, not only as an AR-TIM-002 finding.
import { isDeclared } from '../model/provenance.js';
import type { ToolSnapshot } from '../model/types.js';
import type { ReportWarning } from './types.js';

const HOUR_MS = 3_600_000;

function age(ms: number): string {
  const days = Math.floor(ms / (24 * HOUR_MS));
  if (days >= 1) return `${days} day${days === 1 ? '' : 's'}`;
  const hours = Math.floor(ms / HOUR_MS);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** One warning per declared snapshot whose collected_at is stale or after the run started. */
export function staleFactsWarnings(snapshots: readonly ToolSnapshot[], startedAt: string, maxHours: unknown): ReportWarning[] {
  const limit = typeof maxHours === 'number' && Number.isFinite(maxHours) ? maxHours : 24;
  const start = Date.parse(startedAt);
  const out: ReportWarning[] = [];
  for (const s of snapshots) {
    if (!isDeclared(s.source)) continue;
    const at = Date.parse(s.source.collected_at);
    if (!Number.isFinite(at) || !Number.isFinite(start)) continue; // AR-TIM-002 reports an unreadable time as an error
    const where = `${s.id}: facts file ${s.source.location}`;
    if (start - at > limit * HOUR_MS) {
      out.push({
        kind: 'facts_stale',
        message: `${where}: collected_at ${s.source.collected_at} is ${age(start - at)} before the run (max_evidence_age_hours ${limit}): the declared facts may no longer hold; re-check them and update collected_at`,
      });
    } else if (at - start > 60_000) {
      out.push({
        kind: 'facts_stale',
        message: `${where}: collected_at ${s.source.collected_at} is ${age(at - start)} after the run started: a wrong clock or a wrong date in the file`,
      });
    }
  }
  return out;
}

/** Stale facts warnings printed on stderr at most; the report lists them all. */
export const MAX_PRINTED_STALE = 10;

/** Print the warnings (the first MAX_PRINTED_STALE, then how many more), so a large estate's stderr stays short. */
export function printStaleWarnings(warnings: readonly ReportWarning[], print: (line: string) => void): void {
  for (const w of warnings.slice(0, MAX_PRINTED_STALE)) print(w.message);
  const more = warnings.length - MAX_PRINTED_STALE;
  if (more > 0) print(`${more} more facts file${more === 1 ? '' : 's'} with a stale or future collected_at (listed in the report's warnings)`);
}
