import { Box, Static, Text, useInput, type Key } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { TargetEvent } from '../../pipeline/collect-all.js';
import type { Log } from '../../log/types.js';
import type { Report } from '../../report/types.js';
import { useComplete } from '../lifecycle.js';
import { initialProgress, progressReducer, type TargetProgress } from '../state/progress-state.js';
import { useTheme } from '../theme.js';

/** Runs the check; the explorer gives it a hook for collector events and a log for every phase. */
export type RunCheck = (hooks: { onTarget: (event: TargetEvent) => void; log: Log; signal: AbortSignal }) => Promise<Report>;

/** Running targets listed at most (an estate of hundreds starts them all at once). */
const MAX_RUNNING_SHOWN = 8;

export interface CheckProgressProps {
  readonly run: RunCheck;
  /** Called with the report before the app completes. */
  readonly onReport: (report: Report) => void;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

/**
 * Live progress while `explore -c` collects: finished collectors are printed once (`<Static>`),
 * running ones stay in the live area with a summary line under them.
 * ```
 * ✓ github/acme 12 ms
 * … jenkins/ci-prod
 * collecting 1/2 · Ctrl-C to stop
 * ```
 */
export function CheckProgress({ run, onReport, now = Date.now }: CheckProgressProps) {
  const complete = useComplete();
  const theme = useTheme();
  const [state, dispatch] = useReducer(progressReducer, initialProgress);
  const [report, setReport] = useState<Report | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the collection runs once per mount, whatever the props do later
  useEffect(() => {
    let isCancelled = false;
    // quitting (Ctrl-C, q) cancels the collectors' requests and waits: nothing lingers
    const stop = new AbortController();
    const log: Log = {
      // what the run is doing (loading the config, compiling policies, a collector's page, evaluating)
      emit: (e) => !isCancelled && (e.level === 'info' || e.level === 'notice') && dispatch({ type: 'status', message: e.message }),
      close: () => {},
    };
    run({ onTarget: (event) => !isCancelled && dispatch({ type: 'target', event, at: now() }), log, signal: stop.signal }).then(
      (r) => {
        if (isCancelled) return;
        dispatch({ type: 'finished', at: now() });
        setReport(r);
      },
      (error: unknown) => !isCancelled && complete(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      isCancelled = true;
      stop.abort(new Error('stopped by the user'));
    };
  }, []);
  // Complete only after the final progress has been rendered, so the finished list stays on screen.
  const isDone = useRef(false);
  useEffect(() => {
    if (!report || isDone.current) return;
    isDone.current = true;
    onReport(report);
    complete();
  }, [report, onReport, complete]);
  const onKey = useCallback(
    (input: string, key: Key) => {
      if ((key.ctrl && input === 'c') || input === 'q') complete();
    },
    [complete],
  );
  useInput(onKey);
  const { finished } = state;
  const running = state.targets.filter((t) => t.phase === 'running');
  const mark = (t: TargetProgress) => (t.phase === 'done' ? '✓' : '✗');
  return (
    <>
      <Static items={[...finished]}>
        {(t) => (
          <Text key={t.id} color={theme.status(t.phase === 'done' ? 'pass' : 'fail')}>
            {mark(t)} {t.id} {t.ms ?? 0} ms{t.phase === 'failed' ? ' (failed)' : ''}
          </Text>
        )}
      </Static>
      <Box flexDirection="column">
        {running.slice(0, MAX_RUNNING_SHOWN).map((t) => (
          <Text key={t.id} color={theme.status('unknown')}>
            … {t.id}
          </Text>
        ))}
        {running.length > MAX_RUNNING_SHOWN && <Text color={theme.status('unknown')}>… and {running.length - MAX_RUNNING_SHOWN} more</Text>}
        {state.status && state.finishedAt === null && (
          <Text wrap="truncate-end" dimColor>
            {state.status}
          </Text>
        )}
        <Text>{progressLine(state.finishedAt !== null, finished.length, running.length, state.targets.length)}</Text>
      </Box>
    </>
  );
}

const plural = (n: number) => `${n} target${n === 1 ? '' : 's'}`;

function progressLine(isFinished: boolean, finished: number, running: number, total: number): string {
  if (isFinished) return `checked ${plural(finished)} · opening the explorer`;
  if (total === 0) return 'preparing the check · Ctrl-C to stop';
  if (running > 0) return `collecting ${finished}/${total} · Ctrl-C to stop`;
  return `collected ${plural(finished)} · evaluating policies…`;
}
