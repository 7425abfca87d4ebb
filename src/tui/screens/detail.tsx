import { Box, Text, useFocus, type Key } from 'ink';
import { usePaneKeys } from '../use-pane-keys.js';
import { useCallback, useMemo } from 'react';
import { copyFinding } from '../actions.js';
import { useExplorer } from '../context.js';
import { useTheme } from '../theme.js';
import { detailLines, type DetailLine } from './detail-lines.js';

export const DETAIL_ID = 'detail';

/** One finding, scrollable: ↑/↓ PgUp/PgDn, [ ] previous/next finding of the view, c copy, Esc back. */
export function DetailScreen({ height }: { readonly height: number }) {
  const explorer = useExplorer();
  const { report, state, dispatch, layout, view, io } = explorer;
  const theme = useTheme();
  const { isFocused } = useFocus({ id: DETAIL_ID, autoFocus: true });
  const f = state.detail === null ? undefined : report.findings[state.detail];
  const lines = useMemo(() => (f ? detailLines(report, f, layout.columns - 1, io.describe(f.policy_id)) : []), [report, f, layout.columns, io]);
  const max = Math.max(0, lines.length - height);
  const handler = useCallback(
    (input: string, key: Key) => {
      const scroll = (delta: number) => dispatch({ type: 'scroll-detail', delta, max });
      if (key.upArrow || input === 'k') return scroll(-1);
      if (key.downArrow || input === 'j') return scroll(1);
      if (key.pageUp) return scroll(-height);
      if (key.pageDown || input === ' ') return scroll(height);
      if (key.home || input === 'g') return scroll(-lines.length);
      if (key.end || input === 'G') return scroll(lines.length);
      if (input === 'c' && state.detail !== null) return dispatch({ type: 'message', text: copyFinding(explorer, state.detail) });
      if (input === ']' || input === '[') {
        const at = state.detail === null ? -1 : view.indexOf(state.detail);
        const next = view[at + (input === ']' ? 1 : -1)];
        if (at >= 0 && next !== undefined) dispatch({ type: 'open-detail', finding: next });
      }
    },
    [dispatch, max, height, lines.length, explorer, state.detail, view],
  );
  usePaneKeys(DETAIL_ID, handler, isFocused);
  if (!f) return <Text>no finding selected</Text>;
  const colour = (l: DetailLine) =>
    l.tone === 'status' ? theme.status(f.status) : l.tone === 'bad' ? theme.status('fail') : l.tone === 'good' ? theme.status('pass') : undefined;
  const shown = lines.slice(state.detailScroll, state.detailScroll + height);
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a line's identity is its position in the scrolled text
        <Text key={state.detailScroll + i} bold={l.bold} color={colour(l)} dimColor={l.tone === 'dim' && theme.dim} wrap="truncate">
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
