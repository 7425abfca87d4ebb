import { useFocusManager, type Key } from 'ink';
import { usePaneKeys } from '../../use-pane-keys.js';
import { useCallback } from 'react';
import { useExplorer } from '../../context.js';
import { FINDINGS_LIST_ID } from '../findings-list/index.js';

/** Keyboard of the filter bar pane: ←/→ pick a filter, ↑/↓ change its value, Enter back to the list. */
export function useFilterBar({ isActive }: { isActive: boolean }): void {
  const { dispatch, state, index } = useExplorer();
  const { focus } = useFocusManager();
  const handler = useCallback(
    (input: string, key: Key) => {
      if (key.leftArrow || input === 'h') return dispatch({ type: 'select-filter-key', dir: -1 });
      if (key.rightArrow || input === 'l') return dispatch({ type: 'select-filter-key', dir: 1 });
      if (key.upArrow || input === 'k') return dispatch({ type: 'cycle-filter', key: state.filterKey, dir: -1, facets: index.facets });
      if (key.downArrow || input === 'j') return dispatch({ type: 'cycle-filter', key: state.filterKey, dir: 1, facets: index.facets });
      if (input === 'x') return dispatch({ type: 'clear-filters' });
      if (key.return) focus(FINDINGS_LIST_ID);
    },
    [dispatch, state.filterKey, index, focus],
  );
  usePaneKeys('filter-bar', handler, isActive);
}
