import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { TargetEvent } from '../../src/collect.js';
import type { Report } from '../../src/report/types.js';
import { LifecycleRoot } from '../../src/tui/lifecycle.js';
import { CheckProgress, type RunCheck } from '../../src/tui/screens/progress.js';
import { waitFor, waitForContent } from '../helpers/ink.js';

/** A check the test drives by hand: emit collector events, then resolve or reject. */
function controlledRun() {
  let emit: (e: TargetEvent) => void = () => {};
  let settle: { resolve: (r: Report) => void; reject: (e: Error) => void } | undefined;
  const run: RunCheck = ({ onTarget }) => {
    emit = onTarget;
    return new Promise<Report>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { run, emit: (e: TargetEvent) => emit(e), settle: () => settle! };
}

function show(run: RunCheck) {
  const reports: Report[] = [];
  const completed: (Error | undefined)[] = [];
  let t = 0;
  const r = render(
    <LifecycleRoot onComplete={(e) => completed.push(e)}>
      <CheckProgress run={run} onReport={(x) => reports.push(x)} now={() => (t += 5)} />
    </LifecycleRoot>,
  );
  return { r, reports, completed };
}

const allOutput = (r: { frames: string[] }) => r.frames.join('\n');

describe('live progress while explore -c collects', () => {
  it('shows running collectors live and finished ones once, then hands over the report', async () => {
    const c = controlledRun();
    const { r, reports, completed } = show(c.run);
    await waitForContent(r, 'loading config');
    c.emit({ id: 'github/acme', phase: 'start' });
    c.emit({ id: 'jenkins/ci-prod', phase: 'start' });
    await waitForContent(r, 'collecting 0/2');
    expect(r.lastFrame()).toContain('… github/acme');
    c.emit({ id: 'jenkins/ci-prod', phase: 'done' });
    await waitForContent(r, 'collecting 1/2');
    expect(allOutput(r)).toMatch(/✓ jenkins\/ci-prod \d+ ms/);
    c.emit({ id: 'github/acme', phase: 'done' });
    await waitForContent(r, 'evaluating policies');
    const report = { findings: [] } as unknown as Report;
    c.settle().resolve(report);
    await waitFor(r, () => completed.length === 1, 'completion');
    expect(reports).toEqual([report]);
    expect(completed).toEqual([undefined]);
    // The app may already have unmounted (ink then writes an empty last frame): judge the
    // final frame that shows the hand-over.
    await waitFor(r, () => r.frames.some((f) => f.includes('checked 2 targets · opening the explorer')), 'the hand-over line');
    const final = [...r.frames].reverse().find((f) => f.includes('checked 2 targets · opening the explorer'))!;
    // A finished collector leaves the live area (it was printed above it, in <Static>).
    expect(final).not.toContain('… jenkins/ci-prod');
    expect(final.match(/✓ jenkins\/ci-prod/g)?.length).toBe(1);
  });

  it('a failing collector is marked, and the error ends the app (the command reports it, exit 2)', async () => {
    const c = controlledRun();
    const { r, reports, completed } = show(c.run);
    await waitForContent(r, 'loading config');
    c.emit({ id: 'vault/prod', phase: 'start' });
    c.emit({ id: 'vault/prod', phase: 'failed' });
    await waitFor(r, () => allOutput(r).includes('✗ vault/prod'), 'the failed mark');
    c.settle().reject(new Error('collector facts: vault/prod: boom'));
    await waitFor(r, () => completed.length === 1, 'completion');
    expect(completed[0]?.message).toBe('collector facts: vault/prod: boom');
    expect(reports).toEqual([]);
  });

  it('Ctrl-C stops waiting without a report', async () => {
    const c = controlledRun();
    const { r, reports, completed } = show(c.run);
    await waitForContent(r, 'loading config');
    await new Promise((res) => setTimeout(res, 10));
    r.stdin.write('\u0003');
    await waitFor(r, () => completed.length === 1, 'completion');
    expect(completed).toEqual([undefined]);
    expect(reports).toEqual([]);
  });
});
