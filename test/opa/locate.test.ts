import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOpa, opaMissingMessage, pinnedOpaVersion } from '../../src/opa/locate.js';
import { OPA } from '../helpers/run.js';

function fakeOpa(version: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-fake-opa-'));
  const bin = path.join(dir, 'opa');
  writeFileSync(bin, `#!/bin/sh\necho "Version: ${version}"\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe('locating the OPA CLI', () => {
  it('uses the project binary installed by scripts/install-tools.sh, at the pinned version', async () => {
    const opa = await findOpa({ PATH: process.env.PATH });
    expect(opa.from).toBe('project');
    expect(`v${opa.version}`).toBe(pinnedOpaVersion());
  });

  it('accepts OPA_BIN of major version 1', async () => {
    const opa = await findOpa({ OPA_BIN: OPA });
    expect(opa.from).toBe('OPA_BIN');
    expect(opa.path).toBe(OPA);
  });

  it('rejects OPA_BIN of another major version, and one that does not run, instead of falling back', async () => {
    await expect(findOpa({ OPA_BIN: fakeOpa('0.70.0') })).rejects.toThrow(/OPA_BIN=.* is OPA 0\.70\.0; auditready needs OPA 1\.x/);
    await expect(findOpa({ OPA_BIN: '/nonexistent/opa' })).rejects.toThrow(/OPA_BIN=\/nonexistent\/opa does not run/);
  });

  it('missing: says only custom policies need it and how to install the pinned version, naming no script the package lacks', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'ar-no-opa-'));
    const error = await findOpa({ PATH: empty }, path.join(empty, 'opa')).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const version = pinnedOpaVersion();
    expect(error?.message).toContain('OPA CLI not found.');
    expect(error?.message).toContain('Only custom policies need it');
    expect(error?.message).toContain(`go install github.com/open-policy-agent/opa@${version}`);
    expect(error?.message).toContain('OPA_BIN=/path/to/opa');
    // this checkout has the install script, so it is named; the package (test/cli/package.test.ts) has none
    expect(error?.message).toContain('bash scripts/install-tools.sh');
    expect(opaMissingMessage([], undefined)).not.toMatch(/scripts\//);
  });
});
