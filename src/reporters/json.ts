import { jsonChunks } from './chunks.js';
import { defineReporter, type Reporter } from './types.js';

export const jsonReporter: Reporter = defineReporter({
  name: 'json',
  description: 'The versioned report (schemas/report.schema.json)',
  extension: 'json',
  chunks: (report) => jsonChunks(report),
});
