/**
 * No secret of a Jenkins or GitLab fixture appears in any output: every report format, the
 * evidence bundle (raw captures, snapshots, config copy) and the terminal, errors included.
 * The secrets are the fixtures' canaries (passwords, client secrets, Jenkins {AQAAAB...} values,
 * bcrypt hashes, LDAP bind passwords, a token in a webhook URL).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/run.js';

const FIXTURES = [
  ['jenkins', 'insecure'],
  ['jenkins', 'insecure-helm'],
  ['jenkins', 'secure-helm'],
  ['jenkins', 'broken'],
  ['gitlab', 'insecure'],
  ['gitlab', 'secure'],
  ['gitlab', 'saas-group'],
];

/** Every secret in a fixture folder: canary-* values, and the shapes that are secrets by themselves. */
function secretsIn(dir: string): string[] {
  const out = new Set<string>();
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/canary-[A-Za-z0-9-]+/g)) out.add(m[0]);
    for (const m of text.matchAll(/\{AQAAAB[A-Za-z0-9+/=]+\}/g)) out.add(m[0]);
    for (const m of text.matchAll(/\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/g)) out.add(m[0]);
    // The path of a webhook receiver URL carries its token.
    for (const m of text.matchAll(/hooks\.acme\.example\/gitlab\/([A-Za-z0-9]+)/g)) out.add(m[1]!);
  }
  return [...out];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('no fixture secret in any output', () => {
  for (const parts of FIXTURES) {
    it(parts.join('/'), () => {
      const dir = fixture(...parts);
      const secrets = secretsIn(dir);
      if (parts[1] !== 'secure' && parts[1] !== 'secure-helm') expect(secrets.length).toBeGreaterThan(0);
      const out = mkdtempSync(path.join(os.tmpdir(), 'ar-secrets-'));
      const evidence = path.join(out, 'evidence');
      const reports = path.join(out, 'reports');
      const r = cli([
        'check',
        '-c',
        path.join(dir, 'auditready.yaml'),
        '--format',
        'table,json,sarif,junit,markdown,oscal,html',
        '--out',
        reports,
        '--evidence',
        evidence,
      ]);
      const collect = cli(['collect', '-c', path.join(dir, 'auditready.yaml')]);
      const texts = [r.stdout, r.stderr, collect.stdout, collect.stderr];
      for (const d of [reports, evidence]) {
        try {
          for (const f of filesUnder(d)) texts.push(readFileSync(f, 'utf8'));
        } catch {
          // a config error writes no folder
        }
      }
      if (parts[1] !== 'broken') expect(texts.length).toBeGreaterThan(10);
      const all = texts.join('\n');
      for (const s of secrets) expect({ secret: s, found: all.includes(s) }).toEqual({ secret: s, found: false });
    });
  }
});
