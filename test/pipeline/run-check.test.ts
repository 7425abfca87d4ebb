import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/pipeline/run-check.js';
import { fixture } from '../helpers/run.js';

describe('evaluation time', () => {
  it('without a fixed as_of, evidence collected during the run is not from the future', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-asof-'));
    // Collected one second after the run started (as a live collector would stamp it).
    const facts = readFileSync(fixture('cases', 'compliant', 'facts', 'vault.yaml'), 'utf8').replace(
      /collected_at: "[^"]+"/,
      'collected_at: "2026-11-20T12:00:01Z"',
    );
    writeFileSync(path.join(dir, 'v.yaml'), facts);
    writeFileSync(path.join(dir, 'auditready.yaml'), 'targets:\n  - type: vault\n    name: v\n    facts: v.yaml\n');
    const times = ['2026-11-20T12:00:00Z', '2026-11-20T12:00:02Z', '2026-11-20T12:00:03Z'].map((t) => new Date(t));
    let i = 0;
    const report = await runCheck({ configPath: path.join(dir, 'auditready.yaml'), now: () => times[Math.min(i++, times.length - 1)]! });
    expect(report.run.started_at).toBe('2026-11-20T12:00:00Z');
    expect(report.run.as_of).toBe('2026-11-20T12:00:02Z');
    expect(report.findings.find((f) => f.policy_id === 'AR-TIM-002')!.status).toBe('pass');
  });
});
