import type { Key } from 'ink';
import { createContext, useContext, type Dispatch } from 'react';
import type { ControlsView } from '../report/controls.js';
import type { Report } from '../report/types.js';
import type { FindingIndex } from './view-model/findings-view.js';
import type { Action, ExplorerState } from './state/explorer-state.js';

/** Side effects the explorer may perform; injected so tests can see what was written. */
export interface ExplorerIo {
  /** Where exports and copies are written. */
  readonly outDir: string;
  writeFile(file: string, text: string): void;
  /** Send an escape sequence to the terminal (OSC 52 copy); absent when the terminal is not ours. */
  readonly sendToTerminal?: (sequence: string) => void;
  /** Path of an HTML report next to the opened report or in the bundle, if there is one. */
  readonly htmlReport: string | null;
  /** The policy's description from the policy catalog, when it is available. */
  describe(policyId: string): string | undefined;
  /** Every control of a framework with its status (as `auditready controls`), when the catalogs are available. */
  readonly controls?: (framework: string) => ControlsView | null;
}

export interface Layout {
  readonly columns: number;
  readonly rows: number;
}

/**
 * Keys that arrive while no pane is listening yet. A pane subscribes to input in an effect after it
 * mounts or gains focus; keys typed in that instant (right after switching screens) would be lost, so
 * the root queues them and the pane replays them when it becomes active (see usePaneKeys).
 */
export interface KeyQueue {
  /** The pane that should get keys, as of the last render (null when none has focus). */
  active: string | null;
  /** The pane whose input subscription is in place (set in its effect, so it lags `active`). */
  live: string | null;
  /** The search line is open or opening (set when the action is sent, before React renders it). */
  isSearching: boolean;
  /** A pane handled the key being delivered right now (cleared in a microtask, after every listener ran). */
  isConsumed: boolean;
  readonly pending: { input: string; key: Key; at: number }[];
}

export interface Explorer {
  readonly report: Report;
  readonly index: FindingIndex;
  readonly state: ExplorerState;
  readonly dispatch: Dispatch<Action>;
  /** The current findings view: indices into report.findings (filtered and sorted). */
  readonly view: readonly number[];
  readonly layout: Layout;
  readonly io: ExplorerIo;
  readonly keys: KeyQueue;
}

export const ExplorerContext = createContext<Explorer | null>(null);

export function useExplorer(): Explorer {
  const e = useContext(ExplorerContext);
  if (!e) throw new Error('useExplorer outside <ExplorerContext>');
  return e;
}
