import type { Key } from 'ink';
import { useCallback } from 'react';
import { usePaneKeys } from '../../use-pane-keys.js';
import { useExplorer } from '../../context.js';

/** While the search line is open every printable key goes to the query; Enter keeps it (Esc, handled by the root, restores it). */
export function useSearchLine({ isActive }: { isActive: boolean }): void {
  const { dispatch } = useExplorer();
  const handler = useCallback(
    (input: string, key: Key) => {
      if (key.return) return dispatch({ type: 'search-commit' });
      if (key.backspace || key.delete) return dispatch({ type: 'search-backspace' });
      if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
      if (input) dispatch({ type: 'search-type', text: input });
    },
    [dispatch],
  );
  usePaneKeys('search', handler, isActive);
}
