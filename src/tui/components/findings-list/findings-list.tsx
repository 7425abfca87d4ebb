import { Box, Text, useFocus } from 'ink';
import { useExplorer } from '../../context.js';
import { STATUS_LABEL, useTheme } from '../../theme.js';
import { useFindingsList } from './use-findings-list.js';
import { useFindingsListState } from './use-findings-list-state.js';

export interface FindingsListProps {
  /** Rows of findings shown at once (the list never renders more). */
  readonly height: number;
  /** Ignore keys (e.g. while the search line is open). @default false */
  readonly isDisabled?: boolean;
}

export const FINDINGS_LIST_ID = 'findings-list';

/**
 * ```
 *   STATUS  SEV       POLICY      TOOL              TITLE
 * ▸ FAIL    high      AR-IDN-001  github/acme       SSO enforced for every human sign-in
 * ```
 */
export function FindingsList({ height, isDisabled = false }: FindingsListProps) {
  const { isFocused } = useFocus({ id: FINDINGS_LIST_ID, autoFocus: true });
  const theme = useTheme();
  const { layout } = useExplorer();
  const { rows, count } = useFindingsListState(height);
  useFindingsList({ isActive: isFocused && !isDisabled, height });
  const toolWidth = Math.max(12, Math.min(30, layout.columns - 31 - 30));
  return (
    <Box flexDirection="column" height={height + 1}>
      <Text bold wrap="truncate">
        {'  '}
        {'STATUS'.padEnd(8)}
        {'SEV'.padEnd(9)}
        {'POLICY'.padEnd(12)}
        {'TOOL'.padEnd(toolWidth + 1)}
        TITLE{isFocused ? '' : '  (Tab: focus list)'}
      </Text>
      {count === 0 ? <Text> no findings match (x clears the filters)</Text> : null}
      {rows.map(({ row, finding: f, isSelected }) => (
        <Text key={row} inverse={isSelected && isFocused} bold={isSelected} wrap="truncate">
          {isSelected ? '▸ ' : '  '}
          <Text color={theme.status(f.status)}>{STATUS_LABEL[f.status].padEnd(8)}</Text>
          <Text color={theme.severity(f.severity)}>{f.severity.padEnd(9)}</Text>
          {f.policy_id.padEnd(12)}
          {truncate(f.tool + (f.resource ? `:${f.resource}` : ''), toolWidth).padEnd(toolWidth + 1)}
          {f.title}
        </Text>
      ))}
    </Box>
  );
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
