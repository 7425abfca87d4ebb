import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { TargetEvent } from '../../src/pipeline/collect-all.js';
import { SILENT, type Log, type LogEvent } from '../../src/log/types.js';
import type { Report } from '../../src/report/types.js';
import { LifecycleRoot } from '../../src/tui/lifecycle.js';
import { CheckProgress, type RunCheck } from '../../src/tui/screens/progress.js';
import { waitFor, waitForContent } from '../helpers/ink.js';

/** A check the test drives by hand: emit collector events, then resolve or reject. */
function controlledRun() {
  let emit: (e: TargetEvent) => void = () => {};
  let log: Log = SILENT;
  let settle: { resolve: (r: Report) => void; reject: (e: Error) => void } | undefined;
  const run: RunCheck = (hooks) => {
    emit = hooks.onTarget;
    log = hooks.log;
    return new Promise<Report>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { run, emit: (e: TargetEvent) => emit(e), log: (e: LogEvent) => log.emit(e), settle: () => settle! };
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
    await waitForContent(r, 'preparing the check');
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
    await waitForContent(r, 'preparing the check');
    c.emit({ id: 'vault/prod', phase: 'start' });
    c.emit({ id: 'vault/prod', phase: 'failed' });
    await waitFor(r, () => allOutput(r).includes('✗ vault/prod'), 'the failed mark');
    c.settle().reject(new Error('collector facts: vault/prod: boom'));
    await waitFor(r, () => completed.length === 1, 'completion');
    expect(completed[0]?.message).toBe('collector facts: vault/prod: boom');
    expect(reports).toEqual([]);
  });

  it("shows what the run is doing before and while it collects (the log's statuses), and a long list of running targets in short", async () => {
    const c = controlledRun();
    const { r } = show(c.run);
    await waitForContent(r, 'preparing the check');
    c.log({ level: 'info', phase: 'policies', message: 'compiling custom policies (policies.d) with the OPA CLI', status: true });
    await waitForContent(r, 'compiling custom policies (policies.d)');
    for (let i = 0; i < 12; i++) c.emit({ id: `facts/t${i}`, phase: 'start' });
    c.log({ level: 'info', phase: 'collect', message: 'github/acme: 30/230 repositories (4 requests, GraphQL cost 9)', status: true });
    const frame = await waitForContent(r, 'github/acme: 30/230 repositories');
    expect(frame).toContain('… facts/t7');
    expect(frame).not.toContain('… facts/t8');
    expect(frame).toContain('… and 4 more');
    expect(frame).toContain('collecting 0/12');
    // debug lines (each request) are not for this screen
    c.log({ level: 'debug', phase: 'collect', message: 'github/acme: POST /graphql 200' });
    c.log({ level: 'info', phase: 'evaluate', message: 'evaluating 46 policies on 12 tools', status: true });
    const evaluating = await waitForContent(r, 'evaluating 46 policies on 12 tools');
    expect(evaluating).not.toContain('POST /graphql');
  });

  it('Ctrl-C stops waiting without a report', async () => {
    const c = controlledRun();
    const { r, reports, completed } = show(c.run);
    await waitForContent(r, 'preparing the check');
    await new Promise((res) => setTimeout(res, 10));
    r.stdin.write('\u0003');
    await waitFor(r, () => completed.length === 1, 'completion');
    expect(completed).toEqual([undefined]);
    expect(reports).toEqual([]);
  });
});
