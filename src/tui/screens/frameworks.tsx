import { Box, Text, useFocus, type Key } from 'ink';
import { useKeys } from '../use-keys.js';
import { useCallback, useMemo } from 'react';
import { useExplorer } from '../context.js';
import { frameworkControls } from '../model/frameworks.js';
import { STATUS_LABEL, useTheme } from '../theme.js';

export const FRAMEWORKS_ID = 'frameworks';

/**
 * ```
 * framework: ◂ pci-dss ▸   (←/→ choose · Enter lists the control's findings)
 * CONTROL        STATUS   POLICIES
 * 10.2.1         FAIL     AR-EVT-001 FAIL, AR-EVT-002 PASS
 * ```
 */
export function FrameworksScreen({ height }: { readonly height: number }) {
  const { report, state, dispatch, index } = useExplorer();
  const theme = useTheme();
  const { isFocused } = useFocus({ id: FRAMEWORKS_ID, autoFocus: true });
  const frameworks = index.facets.framework;
  const framework = frameworks[state.framework] ?? null;
  const rows = useMemo(() => (framework ? frameworkControls(report, framework) : []), [report, framework]);
  const listHeight = Math.max(1, height - 3);
  const handler = useCallback(
    (input: string, key: Key) => {
      if (key.leftArrow || input === 'h') return dispatch({ type: 'select-framework', dir: -1, count: frameworks.length });
      if (key.rightArrow || input === 'l') return dispatch({ type: 'select-framework', dir: 1, count: frameworks.length });
      const move = (delta: number) => dispatch({ type: 'move-control', delta, count: rows.length, height: listHeight });
      if (key.upArrow || input === 'k') return move(-1);
      if (key.downArrow || input === 'j') return move(1);
      if (key.pageUp) return move(-listHeight);
      if (key.pageDown) return move(listHeight);
      if (key.return) {
        const row = rows[state.controlCursor];
        if (row && framework) dispatch({ type: 'set-filters', filters: { framework, control: row.control }, screen: 'findings' });
      }
    },
    [dispatch, frameworks.length, rows, listHeight, state.controlCursor, framework],
  );
  useKeys(handler, { isActive: isFocused });
  if (!framework) return <Text>No finding maps to a framework control.</Text>;
  const covered = rows.filter((r) => r.status === 'pass' || r.status === 'not_applicable').length;
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">
        framework:{' '}
        {frameworks.map((fw, i) => (
          <Text key={fw} inverse={i === state.framework} bold={i === state.framework}>
            {' '}
            {fw}{' '}
          </Text>
        ))}
      </Text>
      <Text wrap="truncate">
        {rows.length} controls · {covered} fully passing · ←/→ framework · Enter lists a control's findings
      </Text>
      <Text bold wrap="truncate">
        {'  CONTROL'.padEnd(20)}
        {'STATUS'.padEnd(9)}POLICIES (worst status)
      </Text>
      {rows.slice(state.controlTop, state.controlTop + listHeight).map((r, i) => {
        const isSelected = state.controlTop + i === state.controlCursor;
        return (
          <Text key={r.control} wrap="truncate" inverse={isSelected && isFocused}>
            {isSelected ? '▸ ' : '  '}
            {r.control.padEnd(18)}
            <Text color={theme.status(r.status)}>{STATUS_LABEL[r.status].padEnd(9)}</Text>
            {r.policies.map((p) => `${p.policy_id} ${STATUS_LABEL[p.status]}`).join(', ')}
          </Text>
        );
      })}
    </Box>
  );
}
