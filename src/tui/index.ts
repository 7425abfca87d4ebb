export { renderCheckProgress, renderExplorer, type RenderExplorerOptions } from './render.js';
export { catalogDescriptions, frameworkControlsFor, loadReportPath, readCatalog, readReportFile, type LoadedReport } from './load.js';
export type { ExplorerIo } from './context.js';
export { colorFromEnv } from './theme.js';
