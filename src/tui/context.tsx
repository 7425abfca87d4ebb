import { createContext, useContext, type Dispatch } from 'react';
import type { ControlsView } from '../report/controls.js';
import type { Report } from '../report/types.js';
import type { FindingIndex } from './model/findings-view.js';
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

export interface Explorer {
  readonly report: Report;
  readonly index: FindingIndex;
  readonly state: ExplorerState;
  readonly dispatch: Dispatch<Action>;
  /** The current findings view: indices into report.findings (filtered and sorted). */
  readonly view: readonly number[];
  readonly layout: Layout;
  readonly io: ExplorerIo;
}

export const ExplorerContext = createContext<Explorer | null>(null);

export function useExplorer(): Explorer {
  const e = useContext(ExplorerContext);
  if (!e) throw new Error('useExplorer outside <ExplorerContext>');
  return e;
}
