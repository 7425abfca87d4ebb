import { Box } from 'ink';
import { FilterBar } from '../components/filter-bar/index.js';
import { FindingsList } from '../components/findings-list/index.js';
import { SearchLine } from '../components/search-line/index.js';
import { useExplorer } from '../context.js';

/** Lines the findings screen uses around the list: filter bar (2), search line (1), column header (1). */
const FINDINGS_CHROME = 4;

/** Filter bar, search line and the windowed findings list; Tab moves between the bar and the list. */
export function FindingsScreen({ height }: { readonly height: number }) {
  const { state } = useExplorer();
  return (
    <Box flexDirection="column" height={height}>
      <FilterBar isDisabled={state.searching} />
      <SearchLine />
      <FindingsList height={Math.max(1, height - FINDINGS_CHROME)} isDisabled={state.searching} />
    </Box>
  );
}
