import { Box, Text, useFocusManager, type Key } from 'ink';
import { useKeys } from './use-keys.js';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Report } from '../report/types.js';
import { htmlReportMessage } from './actions.js';
import { FINDINGS_LIST_ID } from './components/findings-list/index.js';
import { ExplorerContext, type Explorer, type ExplorerIo, type KeyQueue, type Layout } from './context.js';
import { useComplete } from './lifecycle.js';
import { applyView, indexReport } from './view-model/findings-view.js';
import { DetailScreen, DETAIL_ID } from './screens/detail.js';
import { FindingsScreen } from './screens/findings.js';
import { FrameworksScreen, FRAMEWORKS_ID } from './screens/frameworks.js';
import { HelpScreen, helpOverflow } from './screens/help.js';
import { OverviewScreen, OVERVIEW_ID } from './screens/overview.js';
import { explorerReducer, initialState, type Action, type ExplorerState, type Screen } from './state/explorer-state.js';
import { makeTheme, ThemeContext } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface ExplorerAppProps {
  readonly report: Report;
  readonly io: ExplorerIo;
  /** Colour output. @default false */
  readonly isColor?: boolean;
  /** A fixed size instead of the terminal's (tests, bench). */
  readonly size?: Partial<Layout>;
  /** Where to start (tests). */
  readonly initial?: Partial<ExplorerState>;
  /** Shown in the header: the file or directory the report came from. */
  readonly sourceLabel?: string;
}

const TABS: readonly [Exclude<Screen, 'detail'>, string][] = [
  ['overview', '1 Overview'],
  ['findings', '2 Findings'],
  ['frameworks', '3 Frameworks'],
];

const MOVES_FOCUS: ReadonlySet<Action['type']> = new Set([
  'go',
  'open-detail',
  'set-filters',
  'search-start',
  'search-commit',
  'escape',
  'toggle-help',
  'close-help',
]);

const PANE_OF: Record<Screen, string> = { overview: OVERVIEW_ID, findings: FINDINGS_LIST_ID, detail: DETAIL_ID, frameworks: FRAMEWORKS_ID };

/** Header, current screen, footer; global keys. Quits through `useComplete` (the lifecycle root owns exit). */
export function ExplorerApp({ report, io, isColor = false, size, initial, sourceLabel }: ExplorerAppProps) {
  const complete = useComplete();
  const layout = useTerminalSize(size);
  const [state, reduce] = useReducer(explorerReducer, { ...initialState, ...initial });
  const keysRef = useRef<KeyQueue>({ active: null, live: null, isSearching: false, isConsumed: false, pending: [] });
  // An action that moves the keyboard to another pane revokes the current claim at once: React renders the
  // change a moment later, and keys typed meanwhile are queued for the new pane instead of the old one.
  const dispatch = useCallback((action: Action) => {
    const keys = keysRef.current;
    if (MOVES_FOCUS.has(action.type) && !(action.type === 'set-filters' && !action.screen)) keys.active = null;
    if (action.type === 'search-start') keys.isSearching = true;
    if (action.type === 'search-commit' || action.type === 'escape') keys.isSearching = false;
    reduce(action);
  }, []);
  const index = useMemo(() => indexReport(report), [report]);
  const view = useMemo(() => applyView(index, state.filters, state.sort), [index, state.filters, state.sort]);
  const explorer: Explorer = useMemo(
    () => ({ report, index, state, dispatch, view, layout, io, keys: keysRef.current }),
    [report, index, state, dispatch, view, layout, io],
  );
  const theme = useMemo(() => makeTheme(isColor), [isColor]);
  const { focus } = useFocusManager();
  // One line each for header and footer; one spare line so ink never fills the whole screen (no flicker).
  const height = Math.max(6, layout.rows - 3);
  // Esc makes ink drop focus; bump this to give it back to the pane of the current screen.
  const [focusEpoch, setFocusEpoch] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focusEpoch is the trigger that gives focus back after Esc
  useEffect(() => {
    if (!state.isHelpOpen) focus(PANE_OF[state.screen]);
  }, [state.screen, state.isHelpOpen, focusEpoch, focus]);

  // The root's input listener can be one render behind (ink re-subscribes in an effect): read the latest state.
  const latest = useRef(state);
  latest.current = state;
  const keys = keysRef.current;
  const handler = useCallback(
    (input: string, key: Key) => {
      const s = latest.current;
      if (key.ctrl && input === 'c') return complete();
      if (key.escape) {
        dispatch({ type: 'escape' });
        setFocusEpoch((n) => n + 1);
        return;
      }
      const queue = () => {
        // No pane is listening yet (it takes focus and subscribes just after a screen change): keep the key for it.
        if (keys.isConsumed) return;
        if (keys.active === null || keys.active !== keys.live) keys.pending.push({ input, key, at: Date.now() });
      };
      if (s.searching || keys.isSearching) return queue(); // the search line takes every other key
      if (input === 'q') return complete();
      if (s.isHelpOpen) {
        const max = helpOverflow(height, layout.columns);
        if (key.upArrow || input === 'k') return dispatch({ type: 'scroll-help', delta: -1, max });
        if (key.downArrow || input === 'j') return dispatch({ type: 'scroll-help', delta: 1, max });
        if (key.pageUp || key.pageDown) return dispatch({ type: 'scroll-help', delta: key.pageUp ? -height : height, max });
        return dispatch({ type: 'close-help' });
      }
      if (input === '?') return dispatch({ type: 'toggle-help' });
      if (input === '1') return dispatch({ type: 'go', screen: 'overview' });
      if (input === '2') return dispatch({ type: 'go', screen: 'findings' });
      if (input === '3') return dispatch({ type: 'go', screen: 'frameworks' });
      if (input === '/') return dispatch({ type: 'search-start' });
      if (input === 'H') return dispatch({ type: 'message', text: htmlReportMessage(explorer) });
      queue();
    },
    [complete, explorer, height, layout.columns, keys, dispatch],
  );
  useKeys(handler);

  const active: Screen = state.screen === 'detail' ? state.detailFrom : state.screen;
  return (
    <ThemeContext.Provider value={theme}>
      <ExplorerContext.Provider value={explorer}>
        <Box flexDirection="column" width={layout.columns}>
          <Text wrap="truncate">
            <Text bold color={theme.accent}>
              auditready
            </Text>
            {TABS.map(([screen, label]) => (
              <Text key={screen} inverse={active === screen} bold={active === screen}>
                {' '}
                {label}{' '}
              </Text>
            ))}
            {state.screen === 'detail' ? <Text bold> › Detail </Text> : null}
            {'  '}
            {sourceLabel ?? report.run.config}
          </Text>
          {state.isHelpOpen ? (
            <HelpScreen height={height} columns={layout.columns} scroll={state.helpScroll} />
          ) : state.screen === 'overview' ? (
            <OverviewScreen height={height} />
          ) : state.screen === 'findings' ? (
            <FindingsScreen height={height} />
          ) : state.screen === 'frameworks' ? (
            <FrameworksScreen height={height} />
          ) : (
            <DetailScreen height={height} />
          )}
          <Text wrap="truncate" color={state.message ? theme.accent : undefined}>
            {state.message ?? footerHint(state, layout.columns)}
          </Text>
        </Box>
      </ExplorerContext.Provider>
    </ThemeContext.Provider>
  );
}

/** The footer's hints, most useful first; "? keys" always shows, the others while they fit. */
function footerHint(state: ExplorerState, columns: number): string {
  if (state.isHelpOpen) return 'q quit · any other key closes the help';
  return fitHints(HINTS[state.screen], columns);
}

const HINTS: Record<ExplorerState['screen'], readonly string[]> = {
  overview: ['arrows move', 'Enter findings of cell', '2 findings', '/ search', 'q quit', '? keys'],
  findings: ['Enter detail', 's v p t f n filter', '/ search', 'o sort', 'e/E export', 'c copy', 'Tab filters', '? keys'],
  detail: ['↑/↓ scroll', '[ ] prev/next', 'c copy', 'Esc back', 'q quit', '? keys'],
  frameworks: ['←/→ framework', '↑/↓ control', 'Enter findings', 'q quit', '? keys'],
};

/** Hints joined by " · ", leaving out the least useful (before the last, "? keys") until they fit in `columns`. */
function fitHints(hints: readonly string[], columns: number): string {
  const kept = [...hints];
  while (kept.length > 1 && kept.join(' · ').length > columns) kept.splice(kept.length - 2, 1);
  return kept.join(' · ');
}
