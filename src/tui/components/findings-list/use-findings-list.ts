import type { Key } from 'ink';
import { usePaneKeys } from '../../use-pane-keys.js';
import { useCallback } from 'react';
import { copyFinding, exportView } from '../../actions.js';
import { useExplorer } from '../../context.js';
import type { FilterKey } from '../../view-model/findings-view.js';

/** Quick filter keys on the list; the upper-case letter cycles backwards. */
const QUICK_FILTERS: Readonly<Record<string, FilterKey>> = { s: 'status', v: 'severity', p: 'pillar', t: 'tool', f: 'framework', n: 'control' };

/** Keyboard of the findings list pane: only while it has focus (`isActive`). */
export function useFindingsList({ isActive, height }: { isActive: boolean; height: number }): void {
  const explorer = useExplorer();
  const { dispatch, view, state, index } = explorer;
  const handler = useCallback(
    (input: string, key: Key) => {
      const count = view.length;
      const move = (delta: number) => dispatch({ type: 'move', delta, count, height });
      if (key.upArrow || input === 'k') return move(-1);
      if (key.downArrow || input === 'j') return move(1);
      if (key.pageUp || (key.ctrl && input === 'b')) return move(-height);
      if (key.pageDown || (key.ctrl && input === 'f') || input === ' ') return move(height);
      if (key.home || input === 'g') return dispatch({ type: 'move-to', row: 0, count, height });
      if (key.end || input === 'G') return dispatch({ type: 'move-to', row: -1, count, height });
      if (key.return) {
        const finding = view[state.cursor];
        if (finding !== undefined) dispatch({ type: 'open-detail', finding });
        return;
      }
      const quick = QUICK_FILTERS[input.toLowerCase()];
      if (quick && !key.ctrl) return dispatch({ type: 'cycle-filter', key: quick, dir: input === input.toLowerCase() ? 1 : -1, facets: index.facets });
      if (input === 'o') return dispatch({ type: 'cycle-sort' });
      if (input === 'r') return dispatch({ type: 'reverse-sort' });
      if (input === 'x') return dispatch({ type: 'clear-filters' });
      if (input === 'e') return dispatch({ type: 'message', text: exportView(explorer, 'markdown') });
      if (input === 'E') return dispatch({ type: 'message', text: exportView(explorer, 'json') });
      if (input === 'c') {
        const finding = view[state.cursor];
        dispatch({ type: 'message', text: finding === undefined ? 'nothing to copy' : copyFinding(explorer, finding) });
      }
    },
    [dispatch, view, state.cursor, index, height, explorer],
  );
  usePaneKeys('findings-list', handler, isActive);
}
