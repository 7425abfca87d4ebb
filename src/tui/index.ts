export { renderCheckProgress, renderExplorer, type RenderExplorerOptions } from './render.js';
export { catalogDescriptions, frameworkControlsFor, loadReportPath, readCatalog, type LoadedReport } from './load.js';
export { readReportFile } from '../evidence/read.js';
export type { ExplorerIo } from './context.js';
export { colorFromEnv } from './theme.js';
