/**
 * Property-based tests of the files-mode parsers and normalizers that read a whole fixture folder
 * (time daemons, Vault/OpenBao, the registries, the log stores): one of the folder's files is
 * replaced by arbitrary text or by itself with a few values or lines changed, the others stay. The
 * collection gives a snapshot that validates against the model (the tool unknown with the reason
 * when an input is broken), never an untyped error. The single-file collectors (Argo CD,
 * Kubernetes, Jenkins, GitLab) are in properties.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { collectorNamed } from '../../src/collectors/index.js';
import { runTarget } from '../../src/collectors/kit/run.js';
import { loadConfig } from '../../src/config/load.js';
import { assertValidSnapshot } from '../../src/model/validate.js';
import { anyText, mutate, mutateLines, RUNS, typedOrValueAsync } from '../helpers/properties.js';
import { fixture } from '../helpers/run.js';

/** Each collection reads a whole folder (Vault's holds 30 files): a third of the single-file cases' runs, over 25 cases. */
const FOLDER_RUNS = Math.max(1, Math.round(RUNS / 3));

/** [fixture folder, case, the file replaced]: each reader's kinds of input (configuration, captured output, API export). */
const CASES: readonly (readonly [string, string, string])[] = [
  ['chrony', 'secure', 'chrony.conf'],
  ['chrony', 'secure', 'tracking.csv'],
  ['chrony', 'secure', 'sources.csv'],
  ['ntpsec', 'secure', 'ntp.conf'],
  ['ntpsec', 'secure', 'rv.txt'],
  ['ntpsec', 'secure', 'peers.txt'],
  ['timesyncd', 'secure', 'timesyncd.conf'],
  ['timesyncd', 'secure', 'timesync-status.txt'],
  ['vault', 'secure', 'vault.hcl'],
  ['vault', 'secure', 'export/sys-audit.json'],
  ['vault', 'secure', 'export/policy-admin.json'],
  ['openbao', 'insecure', 'bao.hcl'],
  ['openbao', 'insecure', 'export/auth-userpass-users-alice.json'],
  ['distribution', 'secure', 'config.yml'],
  ['distribution', 'htpasswd', 'htpasswd'],
  ['harbor', 'secure', 'configurations.json'],
  ['harbor', 'insecure', 'harbor.yml'],
  ['loki', 'secure', 'loki.yaml'],
  ['loki', 'secure', 'overrides.yaml'],
  ['s3', 'secure', 'lifecycle.json'],
  ['s3', 'insecure', 'object-lock.txt'],
  ['cloudwatch', 'secure', 'log-groups.json'],
  ['elasticsearch', 'secure', 'ilm-policy.json'],
  ['opensearch', 'secure', 'ism-policy.json'],
  ['splunk', 'secure', 'indexes.conf'],
];

/** The case's target over a private copy of its tool's fixtures; `collect(text)` rewrites `file` and collects. */
function folderTarget(tool: string, name: string, file: string) {
  const work = mkdtempSync(path.join(tmpdir(), `ar-prop-${tool}-`));
  cpSync(fixture(tool), work, { recursive: true });
  const target = loadConfig(path.join(work, name, 'auditready.yaml')).targets[0]!;
  const at = path.join(work, name, file);
  return {
    type: target.type,
    collect: (text: string | Uint8Array) => {
      writeFileSync(at, text);
      return runTarget(collectorNamed(target.collector), target, {
        env: {},
        now: () => new Date('2026-11-20T12:00:00Z'),
        progress: () => {},
        signal: new AbortController().signal,
      });
    },
  };
}

/** The real file with a few values (JSON, YAML) or lines and words (any text) changed. */
function edited(file: string, text: string): fc.Arbitrary<string> {
  if (file.endsWith('.json')) return mutate(JSON.parse(text)).map((v) => JSON.stringify(v, null, 2));
  if (/\.ya?ml$/.test(file))
    return fc.oneof(
      mutate(parse(text)).map((v) => stringify(v)),
      mutateLines(text),
    );
  return mutateLines(text);
}

describe.each(CASES)('%s/%s: %s replaced', (tool, name, file) => {
  const real = readFileSync(fixture(tool, name, file), 'utf8');
  const { type, collect } = folderTarget(tool, name, file);

  it('the real folder collects without an error (the properties reach past the parsers)', async () => {
    const r = await collect(real);
    expect(r.error).toBeUndefined();
    assertValidSnapshot(type, r.snapshot);
  });

  it('arbitrary text: a snapshot that validates against the model, never an untyped error', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const r = await typedOrValueAsync(() => collect(text));
        if (r.ok) assertValidSnapshot(type, r.value.snapshot);
      }),
      { numRuns: FOLDER_RUNS },
    );
  });

  it('the real file with values or lines changed: a valid snapshot or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(edited(file, real), async (text) => {
        const r = await typedOrValueAsync(() => collect(text));
        if (r.ok) assertValidSnapshot(type, r.value.snapshot);
      }),
      { numRuns: FOLDER_RUNS },
    );
  });
});
