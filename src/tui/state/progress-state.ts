import type { TargetEvent } from '../../pipeline/collect-all.js';

export interface TargetProgress {
  readonly id: string;
  readonly phase: 'running' | 'done' | 'failed';
  readonly startedAt: number;
  readonly ms: number | null;
}

export interface ProgressState {
  readonly targets: readonly TargetProgress[];
  /** Finished targets in the order they finished (append-only, as `<Static>` needs). */
  readonly finished: readonly TargetProgress[];
  readonly finishedAt: number | null;
  /** The run's latest status line (src/log events): loading the config, a collector's page, evaluating. */
  readonly status: string | null;
}

export const initialProgress: ProgressState = { targets: [], finished: [], finishedAt: null, status: null };

export type ProgressAction = { type: 'target'; event: TargetEvent; at: number } | { type: 'finished'; at: number } | { type: 'status'; message: string };

/** Per-collector progress of a check, from the collectors' start/done/failed events. */
export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  if (action.type === 'finished') return { ...state, finishedAt: action.at };
  if (action.type === 'status') return { ...state, status: action.message };
  const { event, at } = action;
  if (event.phase === 'start') {
    return { ...state, targets: [...state.targets.filter((t) => t.id !== event.id), { id: event.id, phase: 'running', startedAt: at, ms: null }] };
  }
  const target = state.targets.find((t) => t.id === event.id);
  if (target?.phase !== 'running') return state;
  const ended: TargetProgress = { ...target, phase: event.phase, ms: at - target.startedAt };
  return {
    ...state,
    targets: state.targets.map((t) => (t.id === event.id ? ended : t)),
    finished: [...state.finished, ended],
  };
}
