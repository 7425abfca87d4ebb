/**
 * The canary harness: every fixture, every output format, the evidence bundle and the commands
 * that read it, collect, and the error paths, run with canary secrets in the token env var, in
 * configs, in facts files and in server responses. A canary in any stdout, stderr or written file
 * fails the case, naming where it leaked. Cases: test/canary/cases.ts; the native collectors'
 * fixtures run in canary-native.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/run.js';
import { ALL_CANARIES, CANARY, canaryCases, fixtureSecrets, NATIVE_TOOLS, nativeFixtureCases } from './cases.js';
import { filesUnder, itRunsCanaryCases, leaks } from './harness.js';

describe('canary harness: no secret reaches any output', () => {
  it('the canaries are distinct and not token-shaped (only context or known values can catch them)', () => {
    expect(new Set(ALL_CANARIES).size).toBe(ALL_CANARIES.length);
    for (const c of ALL_CANARIES) expect(c).toMatch(/^cnry[a-z]{3}[0-9a-f]{12}$/);
  });

  itRunsCanaryCases(canaryCases);

  it('the Jenkins and GitLab fixtures that are not secure carry secrets of their own for the harness to look for', () => {
    for (const tool of ['jenkins', 'gitlab'] as const) {
      expect(NATIVE_TOOLS).toContain(tool);
      for (const name of nativeFixtureCases(tool).filter((n) => !/^secure/.test(n) && n !== 'saas-group')) {
        expect(fixtureSecrets(fixture(tool, name)).length, `${tool}/${name}`).toBeGreaterThan(0);
      }
    }
  });

  it('the native fixtures whose inputs hold secrets list them, and each listed secret is in an input (a stale list proves nothing)', () => {
    const holding = ['argocd', 'kubernetes', 'jenkins', 'gitlab', 'chrony', 'distribution', 'harbor', 'vault', 'openbao', 'loki', 'splunk'];
    for (const tool of NATIVE_TOOLS) {
      const secrets = fixtureSecrets(fixture(tool));
      if (holding.includes(tool)) expect(secrets.length, tool).toBeGreaterThan(0);
      const inputs = filesUnder(fixture(tool))
        .filter((f) => !/(^|\/)(secrets\.txt|normalized\.json)$/.test(f))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      for (const s of secrets) expect(inputs.includes(s), `${tool}: ${s}`).toBe(true);
    }
  });

  it('a canary that is not redacted would be found (the scanner works)', () => {
    expect(leaks('x', `hello ${CANARY.freeText}`)).toHaveLength(1);
  });
});
