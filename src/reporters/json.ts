import { jsonChunks } from './chunks.js';
import { defineReporter, type Reporter } from './types.js';

export const jsonReporter: Reporter = defineReporter({
  name: 'json',
  extension: 'json',
  chunks: (report) => jsonChunks(report),
});
