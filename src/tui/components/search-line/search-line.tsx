import { Text } from 'ink';
import { useExplorer } from '../../context.js';
import { useSearchLine } from './use-search-line.js';

/**
 * ```
 * / sso github█   (Enter keep · Esc cancel)
 * ```
 */
export function SearchLine() {
  const { state } = useExplorer();
  useSearchLine({ isActive: state.searching });
  if (state.searching) {
    return (
      <Text wrap="truncate">
        / {state.filters.query}
        <Text inverse> </Text>
        {'   (Enter keep · Esc cancel)'}
      </Text>
    );
  }
  return <Text wrap="truncate">{state.filters.query ? `search: ${state.filters.query}   (/ to change)` : ' '}</Text>;
}
