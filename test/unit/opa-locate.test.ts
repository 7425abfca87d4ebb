import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOpa, pinnedOpaVersion } from '../../src/opa/locate.js';
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
});
