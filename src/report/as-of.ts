// A fixed as_of far from when the run happened: every report format says so at the top, because
// the verdicts then describe the estate at another time than the run's.
import type { Report, ReportWarning } from './types.js';

const HOUR_MS = 3_600_000;

/** The warning for an as_of more than `maxHours` from the run's start, or null. */
export function asOfWarning(asOf: string, startedAt: string, maxHours: unknown): ReportWarning | null {
  const limit = typeof maxHours === 'number' && Number.isFinite(maxHours) ? maxHours : 24;
  const delta = Date.parse(asOf) - Date.parse(startedAt);
  if (!Number.isFinite(delta) || Math.abs(delta) <= limit * HOUR_MS) return null;
  // whole days or hours, so runs seconds apart print the same text
  const days = Math.floor(Math.abs(delta) / (24 * HOUR_MS));
  const span = days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${Math.floor(Math.abs(delta) / HOUR_MS)} hours`;
  return {
    kind: 'as_of_distant',
    message: `as_of ${asOf} is fixed ${span} ${delta < 0 ? 'before' : 'after'} the run (started ${startedAt}): waivers and dates are judged as of then, not when the evidence was checked`,
  };
}

/** Warnings a report shows first, before anything else (today: a distant as_of). */
export function headlineWarnings(report: Pick<Report, 'warnings'>): ReportWarning[] {
  return (report.warnings ?? []).filter((w) => w.kind === 'as_of_distant');
}
