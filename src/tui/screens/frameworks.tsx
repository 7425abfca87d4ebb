import { Box, Text, useFocus, type Key } from 'ink';
import { useCallback, useMemo } from 'react';
import { FRAMEWORKS } from '../../policy/catalog.js';
import { CONTROL_LABEL, CONTROL_STATES, stateCounts } from '../../report/control-state.js';
import { useExplorer } from '../context.js';
import { maxOf } from '../../util/max.js';
import { frameworkRows } from '../view-model/frameworks.js';
import { useTheme } from '../theme.js';
import { usePaneKeys } from '../use-pane-keys.js';

export const FRAMEWORKS_ID = 'frameworks';

/**
 * ```
 * framework:  cis-sscs  hipaa  iso27001  nist-800-53 [pci-dss] soc2
 * 27 controls · 9 satisfied · 6 failing · 3 unknown · 9 not covered
 *   CONTROL           STATE           POLICIES
 * ▸ 10.2.1            FAILING         AR-EVT-001 (2 fail, 4 pass)
 * 10.2.1 Audit logs are enabled and active for all system components
 * ```
 * ←/→ framework, ↑/↓ control, Enter lists the control's findings.
 */
export function FrameworksScreen({ height }: { readonly height: number }) {
  const { report, state, dispatch, index, io } = useExplorer();
  const theme = useTheme();
  const { isFocused } = useFocus({ id: FRAMEWORKS_ID, autoFocus: true });
  const hasCatalog = Boolean(io.controls?.(FRAMEWORKS[0]));
  const frameworks: readonly string[] = hasCatalog ? FRAMEWORKS : index.facets.framework;
  const framework = frameworks[state.framework] ?? null;
  const rows = useMemo(() => (framework ? frameworkRows(report, framework, io.controls?.(framework) ?? null) : []), [report, framework, io]);
  const listHeight = Math.max(1, height - 5);
  const selected = rows[state.controlCursor];
  const handler = useCallback(
    (input: string, key: Key) => {
      if (key.leftArrow || input === 'h') return dispatch({ type: 'select-framework', dir: -1, count: frameworks.length });
      if (key.rightArrow || input === 'l') return dispatch({ type: 'select-framework', dir: 1, count: frameworks.length });
      const move = (delta: number) => dispatch({ type: 'move-control', delta, count: rows.length, height: listHeight });
      if (key.upArrow || input === 'k') return move(-1);
      if (key.downArrow || input === 'j') return move(1);
      if (key.pageUp) return move(-listHeight);
      if (key.pageDown) return move(listHeight);
      if (key.return && selected && framework) {
        if (!selected.hasFindings) return dispatch({ type: 'message', text: `no finding evidences ${framework} ${selected.control}` });
        dispatch({ type: 'set-filters', filters: { framework, control: selected.control }, screen: 'findings' });
      }
    },
    [dispatch, frameworks.length, rows.length, listHeight, selected, framework],
  );
  usePaneKeys(FRAMEWORKS_ID, handler, isFocused);
  if (!framework) return <Text>No finding maps to a framework control.</Text>;
  const idWidth = Math.min(
    24,
    maxOf(rows, (r) => r.control.length + 1, 8),
  );
  // worst state first, as every view orders them
  const counts = stateCounts(rows);
  const present = CONTROL_STATES.filter((st) => counts[st] > 0);
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
        {rows.length} controls{present.map((st) => ` · ${counts[st]} ${CONTROL_LABEL[st].toLowerCase()}`).join('')}
        {hasCatalog ? '' : ' (mapped or manual; no policy catalog)'}
      </Text>
      <Text bold wrap="truncate">
        {'  CONTROL'.padEnd(idWidth + 2)}
        {'STATE'.padEnd(16)}POLICIES
      </Text>
      <Box flexDirection="column" height={listHeight}>
        {rows.slice(state.controlTop, state.controlTop + listHeight).map((r, i) => {
          const isSelected = state.controlTop + i === state.controlCursor;
          return (
            <Text key={r.control} wrap="truncate" inverse={isSelected && isFocused}>
              {isSelected ? '▸ ' : '  '}
              {r.control.padEnd(idWidth)}
              <Text color={theme.status(r.tone)}>{r.label.padEnd(16)}</Text>
              {r.policies.length ? r.policies.join('; ') : (r.note ?? 'no policy evidences it')}
            </Text>
          );
        })}
      </Box>
      <Text wrap="truncate" bold>
        {selected ? `${selected.control} ${selected.title ?? ''}` : ' '}
      </Text>
      <Text wrap="truncate">{selected?.note ?? (selected && !selected.hasFindings ? 'no finding maps to this control' : ' ')}</Text>
    </Box>
  );
}
