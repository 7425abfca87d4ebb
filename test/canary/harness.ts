/**
 * The canary harness's runner: each case's CLI runs, with a canary in any stdout, stderr or file
 * written under `out` failing the case and naming where it leaked. Two test files run the cases
 * (canary.test.ts, canary-native.test.ts) so that vitest runs them side by side.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cliAsync, tag, tmpDir } from '../helpers/survive.js';
import { ALL_CANARIES, type CanaryCase } from './cases.js';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function leaks(where: string, text: string, secrets: readonly string[] = ALL_CANARIES): string[] {
  return secrets
    .filter((c) => text.includes(c))
    .map((c) => {
      const i = text.indexOf(c);
      return `${where}: ${c} in "…${text.slice(Math.max(0, i - 60), i + c.length + 20).replace(/\n/g, '⏎')}…"`;
    });
}

/** One test per case. */
export function itRunsCanaryCases(cases: readonly CanaryCase[]): void {
  it.each(cases.map((c) => [c.name, c] as const))(
    tag('secrets', 'canary: %s'),
    async (_name, c) => {
      const work = tmpDir('ar-canary-in-');
      const out = tmpDir('ar-canary-out-');
      mkdirSync(out, { recursive: true });
      const { runs, close, secrets: more = [] } = await c.prepare({ work, out });
      const secrets = [...ALL_CANARIES, ...more];
      // The inputs really carry canaries (a harness that seeds nothing proves nothing).
      const inputs = filesUnder(work)
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      expect(ALL_CANARIES.some((k) => inputs.includes(k)) || c.name.startsWith('github fixture') || / endpoint answering /.test(c.name), 'inputs seeded').toBe(
        true,
      );
      const found: string[] = [];
      try {
        for (const run of runs) {
          const r = await cliAsync([...run.args], { cwd: work, env: { ...run.env }, timeoutMs: 120_000 });
          const label = `auditready ${run.args.map((a) => path.basename(a)).join(' ')}`;
          expect(r.timedOut, `${label} hung`).toBe(false);
          expect(run.exit, `${label}: exit ${r.code}\n${r.stderr.slice(0, 1500)}`).toContain(r.code);
          expect(r.stderr, `${label}: no stack trace`).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)/);
          if (run.stderr) expect(r.stderr.match(run.stderr.pattern) ?? [], `${label}: stderr\n${r.stderr.slice(0, 3000)}`).toHaveLength(run.stderr.count);
          found.push(...leaks(`${label} stdout`, r.stdout, secrets), ...leaks(`${label} stderr`, r.stderr, secrets));
        }
      } finally {
        await close?.();
      }
      for (const f of filesUnder(out)) found.push(...leaks(path.relative(out, f), readFileSync(f).toString('latin1'), secrets));
      expect(found, found.slice(0, 10).join('\n')).toEqual([]);
      // A case makes up to 15 CLI runs: on a loaded 2-core machine that takes minutes, not seconds.
    },
    600_000,
  );
}
