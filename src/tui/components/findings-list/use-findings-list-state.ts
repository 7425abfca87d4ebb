import { useMemo } from 'react';
import type { Finding } from '../../../report/types.js';
import { useExplorer } from '../../context.js';

export interface ListRow {
  /** Position in the view (0-based). */
  readonly row: number;
  /** Index into report.findings. */
  readonly index: number;
  readonly finding: Finding;
  readonly isSelected: boolean;
}

/** The rows [top, top + height) of a view: the only ones rendered, however long the view is. */
function windowRows(view: readonly number[], top: number, height: number): { row: number; index: number }[] {
  return view.slice(top, top + height).map((index, i) => ({ row: top + i, index }));
}

/** Visible rows of the findings list, derived from the explorer state. */
export function useFindingsListState(height: number): { rows: ListRow[]; count: number } {
  const { report, view, state } = useExplorer();
  const rows = useMemo(
    () =>
      windowRows(view, state.top, height).map(({ row, index }) => ({
        row,
        index,
        finding: report.findings[index]!,
        isSelected: row === state.cursor,
      })),
    [report, view, state.top, state.cursor, height],
  );
  return { rows, count: view.length };
}
