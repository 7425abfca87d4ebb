import { codequalityReporter } from './codequality.js';
import { csvReporter } from './csv.js';
import { githubReporter } from './github.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { oscalReporter } from './oscal.js';
import { sarifReporter } from './sarif.js';
import { tableReporter } from './table.js';
import type { Reporter } from './types.js';

/** Every output format, by name. A new format is a new module plus one line here. */
export const reporters = {
  table: tableReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  oscal: oscalReporter,
  html: htmlReporter,
  github: githubReporter,
  codequality: codequalityReporter,
  csv: csvReporter,
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;
