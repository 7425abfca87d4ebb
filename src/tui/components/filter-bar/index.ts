export { FilterBar, FILTER_BAR_ID, type FilterBarProps } from './filter-bar.js';
export { useFilterBar } from './use-filter-bar.js';
