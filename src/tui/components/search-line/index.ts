export { SearchLine } from './search-line.js';
export { useSearchLine } from './use-search-line.js';
