import { Box, Text, useFocus } from 'ink';
import { STATUSES } from '../../../report/types.js';
import { useExplorer } from '../../context.js';
import { countStatuses, FILTER_KEYS, type FilterKey, filterValueLabel } from '../../view-model/findings-view.js';
import { STATUS_LABEL, useTheme } from '../../theme.js';
import { useFilterBar } from './use-filter-bar.js';

const FILTER_BAR_ID = 'filter-bar';

/** One filter as the bar writes it: "severity:high and above", "tool:any", or just "tool" when compact. */
function filterText(key: FilterKey, value: string | null, compact: boolean): string {
  if (value !== null) return `${key}:${filterValueLabel(key, value)}`;
  return compact ? key : `${key}:any`;
}

export interface FilterBarProps {
  /** Ignore keys (e.g. while the search line is open). @default false */
  readonly isDisabled?: boolean;
}

/**
 * Two lines: the filters (the selected one highlighted while focused), then the counts of the view.
 * ```
 * status:fail severity:high and above pillar:any tool:github/acme framework:any control:any
 * 3 of 60 · sort severity ↑ · FAIL 3
 * ```
 * (the status counts separated by one space when " · " would not fit the width)
 */
export function FilterBar({ isDisabled = false }: FilterBarProps) {
  const { isFocused } = useFocus({ id: FILTER_BAR_ID });
  const { state, view, report, layout } = useExplorer();
  const theme = useTheme();
  useFilterBar({ isActive: isFocused && !isDisabled });
  const counts = countStatuses(report, view);
  // Too wide for the terminal with every "any" written out: unset filters show their name only.
  const full = FILTER_KEYS.map((k) => `${filterText(k, state.filters[k], false)} `).join('');
  const compact = full.length + (isFocused ? 2 : 0) > layout.columns;
  // The counts line: " · " between the status counts unless that is wider than the terminal (a
  // large estate's three-digit counts), then one space, so every status still shows.
  const shown = STATUSES.filter((s) => counts[s] > 0);
  const head = `${view.length} of ${report.findings.length} · sort ${state.sort.key} ↑`;
  const wide = head.length + shown.reduce((n, s) => n + 3 + `${STATUS_LABEL[s]} ${counts[s]}`.length, 0);
  const between = wide > layout.columns ? ' ' : ' · ';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {isFocused ? '▸ ' : ''}
        {FILTER_KEYS.map((k) => {
          const value = state.filters[k];
          const isSelected = isFocused && state.filterKey === k;
          return (
            <Text key={k} inverse={isSelected} bold={value !== null}>
              {filterText(k, value, compact && !isSelected)}{' '}
            </Text>
          );
        })}
      </Text>
      <Text wrap="truncate">
        <Text bold>
          {view.length} of {report.findings.length}
        </Text>
        {' · '}sort {state.sort.key} {state.sort.descending ? '↓' : '↑'}
        {shown.map((s, i) => (
          <Text key={s}>
            {i === 0 ? ' · ' : between}
            <Text color={theme.status(s)}>
              {STATUS_LABEL[s]} {counts[s]}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
