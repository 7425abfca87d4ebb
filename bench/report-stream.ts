/**
 * Reads the findings of a JSON report one at a time, for reports larger than one string can hold
 * (the report of 10,000 tools is about 560 MB): the report is JSON.stringify(report, null, 2)
 * written in pieces (src/reporters/chunks.ts), so each element of "findings" spans the lines from
 * "    {" to "    }" and JSON strings never hold a raw newline.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function forEachReportFinding(file: string, each: (finding: Record<string, unknown>) => void): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let inFindings = false;
  let element: string[] = [];
  let n = 0;
  for await (const line of lines) {
    if (!inFindings) {
      if (line === '  "findings": [') inFindings = true;
      continue;
    }
    if (line === '  ]' || line === '  ],') break;
    element.push(line);
    if (line === '    }' || line === '    },') {
      const text = element.join('\n');
      each(JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text) as Record<string, unknown>);
      element = [];
      n++;
    }
  }
  lines.close();
  if (element.length > 0) throw new Error(`${file}: a finding is cut off`);
  return n;
}
