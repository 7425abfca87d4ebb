import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPA, ROOT } from './run.js';

/** Evaluate a query with OPA's Go evaluator (`opa eval`), optionally with the project's policies loaded. */
export function opaEval(query: string, input?: unknown, data?: unknown, options: { policies?: boolean } = {}): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-opa-'));
  const args = ['eval', '--format', 'json'];
  if (options.policies) args.push('-d', path.join(ROOT, 'policies'));
  if (input !== undefined) {
    writeFileSync(path.join(dir, 'input.json'), JSON.stringify(input));
    args.push('-i', path.join(dir, 'input.json'));
  }
  if (data !== undefined) {
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify(data));
    args.push('-d', path.join(dir, 'data.json'));
  }
  args.push(query);
  const out = JSON.parse(execFileSync(OPA, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as {
    result?: Array<{ expressions: Array<{ value: unknown }> }>;
  };
  return out.result?.[0]?.expressions[0]?.value;
}
