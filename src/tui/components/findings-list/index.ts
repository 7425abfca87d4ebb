export { FindingsList, FINDINGS_LIST_ID, type FindingsListProps } from './findings-list.js';
export { useFindingsListState, windowRows, type ListRow } from './use-findings-list-state.js';
export { useFindingsList, QUICK_FILTERS } from './use-findings-list.js';
