import type { Reporter } from './types.js';

export const jsonReporter: Reporter = {
  name: 'json',
  description: 'The versioned report (schemas/report.schema.json)',
  extension: 'json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
