export { SearchLine } from './search-line.js';
