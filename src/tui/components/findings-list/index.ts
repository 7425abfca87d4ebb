export { FindingsList, FINDINGS_LIST_ID } from './findings-list.js';
