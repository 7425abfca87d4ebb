import { Box, Text, useFocus, type Key } from 'ink';
import { usePaneKeys } from '../use-pane-keys.js';
import { useCallback, useMemo } from 'react';
import { SEVERITIES } from '../../report/types.js';
import { useExplorer } from '../context.js';
import { cellKey, cellStatus, overviewOf, runSeconds } from '../view-model/overview.js';
import { scrollWindow } from '../state/explorer-state.js';
import { PILLAR_LABEL, STATUS_LABEL, useTheme } from '../theme.js';
import { STATUSES } from '../../report/types.js';

export const OVERVIEW_ID = 'overview';

/**
 * ```
 * Score 53.3%  ·  profile baseline  ·  as of 2026-11-20T12:00:00Z  ·  run 0.2 s  ·  FAIL (13 gating)
 * TOOL              identity  access    events    central   retention time       cells: pass/fail/unknown
 * argocd/prod       2/0/1     1/0/0     …
 * ```
 * ↑/↓/←/→ move over the grid; Enter lists that cell's findings.
 */
export function OverviewScreen({ height }: { readonly height: number }) {
  const { report, state, dispatch, layout } = useExplorer();
  const theme = useTheme();
  const { isFocused } = useFocus({ id: OVERVIEW_ID, autoFocus: true });
  const ov = useMemo(() => overviewOf(report), [report]);
  // Cells 6–10 columns wide, the tool column takes what is left (at most 30).
  const cellWidth = Math.max(6, Math.min(10, Math.floor((layout.columns - 1 - 16) / Math.max(1, ov.pillars.length))));
  const toolWidth = Math.max(12, Math.min(30, layout.columns - 1 - cellWidth * ov.pillars.length));
  const gridHeight = Math.max(1, height - 4 - 2 - SEVERITIES.length - 1);
  const { top } = scrollWindow(state.gridRow, Math.max(0, state.gridRow - gridHeight + 1), gridHeight, ov.tools.length);
  const handler = useCallback(
    (input: string, key: Key) => {
      const move = (dRow: number, dCol: number) => dispatch({ type: 'grid-move', dRow, dCol, rows: ov.tools.length, cols: ov.pillars.length });
      if (key.upArrow || input === 'k') return move(-1, 0);
      if (key.downArrow || input === 'j') return move(1, 0);
      if (key.leftArrow || input === 'h') return move(0, -1);
      if (key.rightArrow || input === 'l') return move(0, 1);
      if (key.return) {
        const tool = ov.tools[state.gridRow];
        const pillar = ov.pillars[state.gridCol];
        if (tool && pillar) dispatch({ type: 'set-filters', filters: { tool, pillar }, screen: 'findings' });
      }
    },
    [dispatch, ov, state.gridRow, state.gridCol],
  );
  usePaneKeys(OVERVIEW_ID, handler, isFocused);
  const secs = runSeconds(report);
  const scoreColour = ov.score === null ? undefined : theme.status(ov.score >= 90 ? 'pass' : ov.score >= 60 ? 'unknown' : 'fail');
  if (report.findings.length === 0) {
    return (
      <Box flexDirection="column" height={height}>
        <Text>This report has no findings (no targets or no policies applied).</Text>
        <Text>
          profile {report.run.profile} · as of {report.run.as_of} · config {report.run.config}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">
        <Text bold color={scoreColour}>
          Score {ov.score === null ? 'n/a' : `${ov.score}%`}
        </Text>{' '}
        ({ov.byStatus.pass} pass of {report.findings.length - ov.byStatus.not_applicable - ov.byStatus.waived} applicable) · result{' '}
        <Text bold color={theme.status(report.summary.result)}>
          {report.summary.result.toUpperCase()}
        </Text>{' '}
        ({report.summary.gating} gating)
      </Text>
      <Text wrap="truncate">
        profile {report.run.profile} · as of {report.run.as_of} · run {secs === null ? '?' : `${secs.toFixed(1)} s`} · fail-on {report.run.fail_on}
      </Text>
      <Text wrap="truncate">
        {STATUSES.map((s) => (
          <Text key={s} color={theme.status(s)}>
            {STATUS_LABEL[s]} {ov.byStatus[s]}
            {'  '}
          </Text>
        ))}
      </Text>
      <Text> </Text>
      <Text bold wrap="truncate">
        {'TOOL'.padEnd(toolWidth)}
        {ov.pillars.map((p) => (PILLAR_LABEL[p] ?? p).slice(0, cellWidth - 1).padEnd(cellWidth)).join('')}
      </Text>
      {ov.tools.slice(top, top + gridHeight).map((tool, r) => {
        const row = top + r;
        return (
          <Text key={tool} wrap="truncate">
            <Text bold={row === state.gridRow}>{truncate(tool, toolWidth - 1).padEnd(toolWidth)}</Text>
            {ov.pillars.map((p, c) => {
              const cell = ov.cells.get(cellKey(tool, p));
              const text = !cell ? '·' : cell.pass + cell.fail + cell.unknown === 0 ? 'n/a' : `${cell.pass}/${cell.fail}/${cell.unknown}`;
              const isSelected = isFocused && row === state.gridRow && c === state.gridCol;
              return (
                <Text key={p}>
                  <Text color={theme.status(cellStatus(cell))} inverse={isSelected}>
                    {text}
                  </Text>
                  {' '.repeat(Math.max(1, cellWidth - text.length))}
                </Text>
              );
            })}
          </Text>
        );
      })}
      <Text dimColor={theme.dim} wrap="truncate">
        cells: pass/fail/unknown · n/a: only not-applicable or waived · ·: no policy
      </Text>
      <Text bold wrap="truncate">
        {'SEVERITY'.padEnd(10)}
        {'fail'.padEnd(7)}
        {'unknown'.padEnd(9)}
        {'error'.padEnd(7)}total
      </Text>
      {ov.bySeverity.map((s) => (
        <Text key={s.severity} wrap="truncate">
          <Text color={theme.severity(s.severity)}>{s.severity.padEnd(10)}</Text>
          <Text color={s.fail ? theme.status('fail') : undefined}>{String(s.fail).padEnd(7)}</Text>
          <Text color={s.unknown ? theme.status('unknown') : undefined}>{String(s.unknown).padEnd(9)}</Text>
          {String(s.error).padEnd(7)}
          {s.total}
        </Text>
      ))}
    </Box>
  );
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
