import { describe, expect, it } from 'vitest';
import type { ToolSnapshot } from '../../src/model/types.js';
import { MAX_PRINTED_STALE, printStaleWarnings, staleFactsWarnings } from '../../src/report/stale-facts.js';

const snap = (id: string, method: string, collected_at: string) =>
  ({ id, source: { collector: 'facts', method, location: `${id}.yaml`, collected_at, sha256: '0' } }) as unknown as ToolSnapshot;

describe('stale facts warnings', () => {
  const start = '2026-11-20T12:00:00Z';

  it('only declared snapshots, only beyond the limit; an unreadable time is left to AR-TIM-002', () => {
    const w = staleFactsWarnings(
      [
        snap('jenkins/old', 'facts-file', '2026-11-18T12:00:00Z'),
        snap('jenkins/edge', 'facts-file', '2026-11-19T12:00:00Z'),
        snap('github/api', 'api', '2026-01-01T00:00:00Z'),
        snap('vault/bad', 'facts-file', 'yesterday'),
      ],
      start,
      24,
    );
    expect(w.map((x) => x.message)).toEqual([
      'jenkins/old: facts file jenkins/old.yaml: collected_at 2026-11-18T12:00:00Z is 2 days before the run (max_evidence_age_hours 24): the declared facts may no longer hold; re-check them and update collected_at',
    ]);
  });

  it('prints at most MAX_PRINTED_STALE warnings and then how many more (the log adds "warning: ")', () => {
    const many = Array.from({ length: MAX_PRINTED_STALE + 5 }, (_, i) => snap(`chrony/h${i}`, 'facts-file', '2026-11-01T00:00:00Z'));
    const lines: string[] = [];
    printStaleWarnings(staleFactsWarnings(many, start, 24), (l) => lines.push(l));
    expect(lines).toHaveLength(MAX_PRINTED_STALE + 1);
    expect(lines.at(-1)).toBe("5 more facts files with a stale or future collected_at (listed in the report's warnings)");
  });
});
