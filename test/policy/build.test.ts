import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ToolchainError } from '../../src/errors.js';
import { buildPolicies } from '../../src/policy/build.js';
import { ROOT } from '../helpers/run.js';

/** A copy of the policy tree with one policy file rewritten. */
function policiesWith(edit: (src: string) => string, file = 'identity/mfa_required.rego'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-pol-'));
  cpSync(path.join(ROOT, 'policies'), dir, { recursive: true });
  const f = path.join(dir, file);
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return dir;
}

async function buildError(dir: string): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), 'ar-out-'));
  try {
    await buildPolicies(dir, out);
  } catch (e) {
    expect(e).toBeInstanceOf(ToolchainError);
    return (e as Error).message;
  }
  throw new Error('build unexpectedly succeeded');
}

describe('policy build', () => {
  it('builds the library into a Wasm module and a schema-valid catalog', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ar-out-'));
    const { catalog, manifest } = await buildPolicies(path.join(ROOT, 'policies'), out);
    expect(catalog.policies.length).toBe(manifest.policy_count);
    expect(catalog.policies.length).toBeGreaterThanOrEqual(6);
    expect(new Set(catalog.policies.map((p) => p.pillar)).size).toBeGreaterThanOrEqual(6);
    const wasm = readFileSync(path.join(out, 'policy.wasm'));
    expect(wasm.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d])); // \0asm
  });

  it('fails with file:line when metadata is missing a field', async () => {
    const msg = await buildError(policiesWith((s) => s.replace(/^# {3}severity: critical\n/m, '')));
    expect(msg).toMatch(/identity\/mfa_required\.rego:\d+: invalid policy metadata: missing required property "severity"/);
  });

  it('fails when metadata has a malformed value', async () => {
    const msg = await buildError(policiesWith((s) => s.replace('severity: critical', 'severity: urgent')));
    expect(msg).toMatch(/mfa_required\.rego:\d+: invalid policy metadata: severity: must be one of "critical", "high", "medium", "low"/);
  });

  it('fails when two policies share an id', async () => {
    const msg = await buildError(policiesWith((s) => s.replace('id: AR-IDN-002', 'id: AR-IDN-001')));
    expect(msg).toMatch(/policy id AR-IDN-001 is also used by/);
  });

  it('fails the build, not the audit, when a policy needs a built-in the engine lacks', async () => {
    for (const builtin of ['sprintf("%v", [tool.id])', 'time.now_ns()', 'http.send({"method": "get", "url": "http://127.0.0.1"})']) {
      const msg = await buildError(
        policiesWith((s) =>
          s.replace('some tool in lib.in_scope(rego.metadata.chain())', `some tool in lib.in_scope(rego.metadata.chain())\n\t_ := ${builtin}`),
        ),
      );
      expect(msg, builtin).toMatch(/policy build failed[\s\S]*undefined function/);
    }
  });

  it('fails when a policy package has no metadata', async () => {
    const msg = await buildError(policiesWith((s) => s.replace(/^# METADATA[\s\S]*?(?=^package )/m, '')));
    expect(msg).toMatch(/mfa_required\.rego:1: policy package auditready\.policies\.identity\.mfa_required has no package-scoped # METADATA/);
  });

  it('fails when a per-tool policy reads the whole estate (it is evaluated on chunks of tools)', async () => {
    for (const read of ['count(input.tools) > 0', 'count(input["tools"]) > 0', 'count(object.get(input, "tools", [])) > 0']) {
      const msg = await buildError(
        policiesWith((s) => s.replace('some tool in lib.in_scope(rego.metadata.chain())', `some tool in lib.in_scope(rego.metadata.chain())\n\t${read}`)),
      );
      expect(msg, read).toMatch(
        /^[^:]*\/identity\/mfa_required\.rego:\d+: AR-IDN-002 \(pillar identity\) reads the whole estate \(.+\); a per-tool policy judges each tool on its own snapshot: take tools from lib\.in_scope\(rego\.metadata\.chain\(\)\), or make it a cross_tool policy and list every fact it reads in facts$/,
      );
    }
  });

  it('accepts input.as_of, and input.tools in comments and strings, in a per-tool policy', async () => {
    const dir = policiesWith((s) =>
      s.replace(
        'some tool in lib.in_scope(rego.metadata.chain())',
        'some tool in lib.in_scope(rego.metadata.chain()) # not input.tools\n\tis_string(object.get(input, "as_of", ""))\n\t"input.tools" != input.as_of',
      ),
    );
    const out = mkdtempSync(path.join(tmpdir(), 'ar-out-'));
    await expect(buildPolicies(dir, out)).resolves.toBeDefined();
  });
});
