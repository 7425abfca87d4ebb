/**
 * The secret harness for a collector's fixtures: run `check` on each config in every output format
 * with an evidence bundle, and list every fixture secret found in any file written, stdout or stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './run.js';

export const ALL_FORMATS = 'table,json,sarif,junit,markdown,oscal,html';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The secret values of a `secrets.txt` (one a line, # comments). */
export function secretList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** `where: secret` for every secret found in any output of `check` on the configs. */
export function leakedSecrets(configs: readonly string[], secrets: readonly string[], env: Record<string, string> = {}): string[] {
  const out = mkdtempSync(path.join(tmpdir(), 'ar-secret-scan-'));
  const leaks: string[] = [];
  configs.forEach((config, i) => {
    const reports = path.join(out, `${i}-reports`);
    const evidence = path.join(out, `${i}-evidence`);
    const r = cli(['check', '-c', config, '--format', ALL_FORMATS, '--out', reports, '--evidence', evidence], { env });
    // A run that wrote nothing would find no leak: every format and the bundle must be there.
    if (r.code === 2 || readdirSync(reports).length !== ALL_FORMATS.split(',').length || !statSync(path.join(evidence, 'manifest.json')).isFile()) {
      throw new Error(`check -c ${config} did not write every format and the evidence bundle (exit ${r.code}): ${r.stderr}`);
    }
    const texts: [string, string][] = [
      [`${config} stdout`, r.stdout],
      [`${config} stderr`, r.stderr],
      ...filesUnder(out).map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
    ];
    for (const [where, text] of texts) for (const s of secrets) if (text.includes(s)) leaks.push(`${where}: ${s}`);
  });
  return [...new Set(leaks)];
}
