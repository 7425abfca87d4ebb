/**
 * The Vault/OpenBao collector: HCL positions and errors, policy analysis, the fixtures' normalized
 * snapshots (files mode), the same model from the API (a loopback server shaped like the documented
 * API, serving the same fixture) and from the export script, and the API's failures: a rejected
 * token, 403 per endpoint (a permission gap naming the capability), 5xx, timeouts, OpenBao paging.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedTool } from '../../../src/pipeline/collect-all.js';
import { analyzePolicy, defaultPermission } from '../../../src/collectors/vault/policy.js';
import { parseHclSource } from '../../../src/util/hcl-source.js';
import { validator } from '../../../src/util/schema.js';
import { collectConfig, FAST_HTTP, writeTree } from '../../helpers/collect.js';
import { fixture, ROOT } from '../../helpers/run.js';
import { type FakeVault, startFakeVault, type VaultFault } from '../../helpers/vault-server.js';

const UPDATE = process.env.UPDATE_VAULT === '1';
const TOKEN = 'hvs.LoopbackAuditorToken0123456789';
const CASES = [
  ['vault', 'secure'],
  ['openbao', 'secure'],
  ['openbao', 'insecure'],
] as const;

const stable = (snapshot: object): unknown => JSON.parse(JSON.stringify(snapshot, (k, v) => (k === 'collected_at' ? '<time>' : v)));
/** The facts and resources, without where they were read (which differs between modes). */
const model = (t: CollectedTool) => {
  const { identity, access, audit_log, time, gaps, resources } = t.snapshot;
  return { identity, access, audit_log, time, gaps: gaps.map(({ fact, reason, permission }) => ({ fact, reason, permission })), resources };
};

async function collectTarget(target: Record<string, unknown>, env: Record<string, string> = {}, tuning = FAST_HTTP): Promise<CollectedTool> {
  const config = writeTree({});
  writeFileSync(config, `targets:\n  - ${JSON.stringify(target)}\n`);
  const { tools } = await collectConfig(config, { env, httpTuning: tuning });
  return tools[0]!;
}

let server: FakeVault | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(type: string, name: string, extra: { faults?: VaultFault[]; paginate?: boolean; options?: Record<string, unknown>; token?: string } = {}) {
  server = await startFakeVault({
    exportDir: fixture(type, name, 'export'),
    token: TOKEN,
    paginate: type === 'openbao',
    ...(extra.faults ? { faults: extra.faults } : {}),
  });
  const config = fixture(type, name, type === 'vault' ? 'vault.hcl' : 'bao.hcl');
  return collectTarget(
    { type, name, endpoint: server.url, token_env: 'AR_TEST_VAULT_TOKEN', files: [config], ...(extra.options ? { options: extra.options } : {}) },
    { AR_TEST_VAULT_TOKEN: extra.token ?? TOKEN },
  );
}

describe('HCL', () => {
  it('positions of blocks and attributes in the HCL v1 shape; a syntax error at its line', () => {
    const text = readFileSync(fixture('openbao', 'insecure', 'bao.hcl'), 'utf8');
    const doc = parseHclSource(text, 'bao.hcl');
    const lines = text.split('\n');
    expect(doc.locate('/audit/0/file/0/local/0/options/0/log_raw').line).toBe(lines.findIndex((l) => l.includes('log_raw')) + 1);
    expect(doc.locate('/seal/0/transit/0/token').line).toBe(lines.findIndex((l) => l.includes('token ')) + 1);
    expect(() => parseHclSource('path "x" {\n  capabilities = [\n  token = "s.secret"\n', 'p.hcl')).toThrowError(/^p\.hcl:3:\d+: invalid HCL: /);
  });

  it.each([
    // punctuation, keys and the values of keys that are not secrets are shown: that is what to fix
    ['kms_key_id = = "alias/x"\n', 'f.hcl:1:14: invalid HCL: unexpected "=" (ASSIGN)'],
    ['ui = true\nstorag\n', `f.hcl:3:1: invalid HCL: 'storag' where a key was expected: it is followed by neither "{" nor "="`],
    ['address = "a" b\n', `f.hcl:2:1: invalid HCL: 'b' where a key was expected: it is followed by neither "{" nor "="`],
    ['k = [1,\n', 'f.hcl:2:1: invalid HCL: unexpected end of file in a list'],
    ['x = [{ a = = }]\n', 'f.hcl:1:6: invalid HCL: error while trying to parse object within list: at 1:12: unexpected "=" (ASSIGN)'],
    // the value of a secret-named key (or one whose key cannot be told) is named by its type only
    ['password = hunter2x\n', 'f.hcl:1:12: invalid HCL: unexpected IDENT (the value of password, not shown: it may be a secret)'],
    ['seal "transit" {\n  token =\n    s3cretvalue\n}\n', 'f.hcl:3:5: invalid HCL: unexpected IDENT (the value of token, not shown: it may be a secret)'],
    [
      'secret_key = "abc" rest0fsecret\n',
      'f.hcl:2:1: invalid HCL: a word (the value of secret_key, not shown: it may be a secret) where a key was expected: it is followed by neither "{" nor "="',
    ],
    [
      'x = [{ password = hunter2x }]\n',
      'f.hcl:1:6: invalid HCL: error while trying to parse object within list: at 1:19: unexpected IDENT (the value of password, not shown: it may be a secret)',
    ],
  ])('a syntax error names file:line:col and the token unless it may be a secret: %j', (text, message) => {
    expect(() => parseHclSource(text, 'f.hcl')).toThrowError(message);
  });

  it('through the kit: the offending "=" is shown, a secret value in the error is not', async () => {
    const config = writeTree({
      'a.hcl': 'ui = true\nseal "awskms" {\n  kms_key_id = = "alias/vault-unseal"\n}\n',
      'b.hcl': 'ui = true\nseal "transit" {\n  token = BareTokenValue42\n}\n',
      'auditready.yaml': 'targets:\n  - { type: vault, name: a, files: [a.hcl] }\n  - { type: vault, name: b, files: [b.hcl] }\n',
    });
    const [a, b] = (await collectConfig(config)).tools;
    expect(a!.error?.message).toMatch(/a\.hcl:3:16: invalid HCL: unexpected "=" \(ASSIGN\); expected /);
    expect(b!.error?.message).toMatch(/b\.hcl:3:11: invalid HCL: unexpected IDENT \(the value of token, not shown: it may be a secret\); expected /);
    expect(JSON.stringify([a, b])).not.toContain('BareTokenValue42');
  });

  it('a broken server configuration makes that tool unknown at file:line, with secrets kept out of the message', async () => {
    const config = writeTree({
      'bao.hcl': 'ui = true\nseal "transit" {\n  token = "s.BrokenConfigToken77"\n  address = \n}\n',
      'auditready.yaml': 'targets:\n  - { type: openbao, name: lab, files: [bao.hcl] }\n',
    });
    const [t] = (await collectConfig(config)).tools;
    expect(t!.error?.message).toMatch(/bao\.hcl:6:1: invalid HCL: object expected closing RBRACE got: EOF; expected the Vault\/OpenBao server configuration/);
    expect(JSON.stringify(t)).not.toContain('BrokenConfigToken77');
  });
});

describe('ACL policy analysis', () => {
  it('wildcard, sudo and writes to privilege-granting sys/ paths make an administrator policy; lease renewal does not', () => {
    const p = analyzePolicy(
      'p',
      'path "*" { capabilities = ["read"] }\npath "sys/audit" {\n  capabilities = ["read", "sudo"]\n}\npath "sys/leases/renew" { capabilities = ["update"] }\n',
      'p',
    );
    expect(p.wildcard.map((r) => r.line)).toEqual([1]);
    expect(p.sudo.map((r) => r.path)).toEqual(['sys/audit']);
    expect(p.sysWrite.map((r) => r.path)).toEqual(['sys/audit']);
    expect(
      analyzePolicy('q', 'path "sys/leases/renew" { capabilities = ["update"] }\npath "s*" { capabilities = ["update"] }\n', 'q').sysWrite.map((r) => r.path),
    ).toEqual(['s*']);
    expect(analyzePolicy('d', 'path "*" { capabilities = ["deny"] }\n', 'd').admin).toBe(false);
    expect(analyzePolicy('l', 'path "secret/*" {\n  policy = "write"\n}\n', 'l').rules[0]!.capabilities).toContain('update');
  });

  it('the default policy: its built-in paths grant nothing; anything more is read or write', () => {
    const builtin =
      'path "auth/token/lookup-self" { capabilities = ["read"] }\npath "cubbyhole/*" { capabilities = ["create", "read", "update", "delete", "list"] }\n';
    expect(defaultPermission(analyzePolicy('default', builtin, 'd'))).toBe('none');
    expect(defaultPermission(analyzePolicy('default', `${builtin}path "secret/*" { capabilities = ["list"] }\n`, 'd'))).toBe('read');
    expect(defaultPermission(analyzePolicy('default', `${builtin}path "kv/data/*" { capabilities = ["update"] }\n`, 'd'))).toBe('write');
  });
});

describe('files mode', () => {
  it.each(CASES)('%s/%s: valid normalized snapshot, as reviewed (normalized.json)', async (type, name) => {
    const { tools } = await collectConfig(fixture(type, name, 'auditready.yaml'));
    const t = tools[0]!;
    expect(t.error).toBeUndefined();
    expect(validator('model')({ model_version: '1', tools: [t.snapshot] }), JSON.stringify(validator('model').errors)).toBe(true);
    const file = fixture(type, name, 'normalized.json');
    if (UPDATE) writeFileSync(file, `${JSON.stringify(stable(t.snapshot), null, 2)}\n`);
    expect(stable(t.snapshot)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('openbao/insecure: log_raw, a root token, a wildcard policy held by people, userpass without MFA', async () => {
    const t = (await collectConfig(fixture('openbao', 'insecure', 'auditready.yaml'))).tools[0]!;
    const s = t.snapshot;
    expect(s.audit_log).toMatchObject({ records_secret_values: true, destinations: [{ name: 'local', type: 'local-file', central: false }] });
    // where log_raw was read: the export of sys/audit and the bao.hcl line
    const raw = s.provenance!['audit_log.records_secret_values']!;
    expect(raw.map((x) => x.file)).toContain('fixtures/openbao/insecure/export/sys-audit.json');
    expect(s.identity).toMatchObject({
      sso_enforced: false,
      mfa_required: false,
      mfa_exempt: ['auth/userpass/ (userpass): outside every login MFA enforcement'],
    });
    expect(s.identity.local_accounts).toContain('root token "root" (created 2025-10-09, never expires)');
    expect(s.access.wildcard_grants!.map((g) => g.principal)).toEqual([
      'breakglass (auth/userpass/users)',
      'ops-admin (auth/userpass/users)',
      'root token "root" (created 2025-10-09, never expires)',
    ]);
    expect(s.resources!.find((r) => r.id === 'acl-policy:ops')!.facts).toMatchObject({
      wildcard: true,
      sudo: true,
      human_holders: ['breakglass (auth/userpass/users)', 'ops-admin (auth/userpass/users)'],
    });
    expect(s.source.details!.warnings).toEqual(['local/: hmac_accessor=false records token accessors in clear']);
  });

  it('openbao/secure: the audit devices come from bao.hcl (OpenBao refuses API-created ones), at their lines', async () => {
    const s = (await collectConfig(fixture('openbao', 'secure', 'auditready.yaml'))).tools[0]!.snapshot;
    expect(s.audit_log.destinations).toEqual([
      { name: 'local', type: 'local-file', central: false, endpoint: '/var/log/openbao/audit.log' },
      { name: 'siem', type: 'socket', central: true, endpoint: 'tcp://siem.acme.example:9514' },
    ]);
    const lines = readFileSync(fixture('openbao', 'secure', 'bao.hcl'), 'utf8').split('\n');
    const at = s.provenance!['audit_log.destinations']!.filter((x) => x.file === 'fixtures/openbao/secure/bao.hcl').map((x) => x.line);
    expect(at).toContain(lines.findIndex((l) => l.startsWith('audit "socket" "siem"')) + 1);
    expect(s.source.details!.warnings).toEqual([expect.stringMatching(/declares, which OpenBao enforces without unsafe_allow_api_audit_creation/)]);
  });
});

describe('several server configuration files', () => {
  it('make one configuration: the audit stanzas of all of them, the API-audit setting of the file that sets it', async () => {
    const config = writeTree({
      'listener.hcl': 'listener "tcp" {\n  address = "0.0.0.0:8200"\n}\nunsafe_allow_api_audit_creation = false\n',
      'audit-file.hcl': 'audit "file" "local" {\n  options {\n    file_path = "/var/log/openbao/audit.log"\n  }\n}\n',
      'audit-siem.hcl': 'audit "socket" "siem" {\n  options {\n    address = "siem.example:9514"\n  }\n}\n',
      'auditready.yaml': 'targets:\n  - { type: openbao, name: lab, files: ["*.hcl"] }\n',
    });
    const s = (await collectConfig(config)).tools[0]!.snapshot;
    expect(s.audit_log.destinations!.map((d) => d.name).sort()).toEqual(['local', 'siem']);
    expect(s.source.details!.unsafe_allow_api_audit_creation).toBe(false);
  });
});

describe('live mode (a loopback server shaped like the documented Vault/OpenBao API)', () => {
  it.each(CASES)('%s/%s gives the same model as files mode', async (type, name) => {
    const fromApi = await live(type, name);
    expect(fromApi.error).toBeUndefined();
    const fromFiles = (await collectConfig(fixture(type, name, 'auditready.yaml'))).tools[0]!;
    // openbao/secure: its export has no sys/audit, which the API serves (404 here means none): compare what both read
    if (type === 'openbao' && name === 'secure') {
      expect(model(fromApi).audit_log.destinations).toEqual(model(fromFiles).audit_log.destinations);
      expect(model(fromApi).access).toEqual(model(fromFiles).access);
      return;
    }
    expect(model(fromApi)).toEqual(model(fromFiles));
    expect(JSON.stringify(fromApi)).not.toContain(TOKEN);
  });

  it('OpenBao lists are paged with after/limit until a short page', async () => {
    const t = await live('openbao', 'insecure', { options: { list_page_size: 1 } });
    expect(t.snapshot.identity.local_accounts).toHaveLength(4);
    expect(server!.requests.filter((r) => r.startsWith('GET auth/userpass/users (list)'))).toEqual([
      'GET auth/userpass/users (list)',
      'GET auth/userpass/users (list) after=alice',
      'GET auth/userpass/users (list) after=breakglass',
      'GET auth/userpass/users (list) after=ops-admin',
    ]);
  });

  it('a rejected token stops that tool (collection error), never a permission gap', async () => {
    const t = await live('vault', 'secure', { token: 'hvs.WrongToken' });
    expect(t.error?.message).toMatch(/auth\/token\/lookup-self: the token in \$AR_TEST_VAULT_TOKEN was rejected \(HTTP 403: permission denied\)/);
    expect(JSON.stringify(t)).not.toContain('hvs.WrongToken');
  });

  it('a token that cannot be looked up (a server error) makes the tool unreadable, not a run of gaps', async () => {
    const t = await live('vault', 'secure', { faults: [{ path: 'auth/token/lookup-self', kind: 500 }] });
    expect(t.error?.message).toMatch(/\/v1\/auth\/token\/lookup-self: HTTP 500 after 2 retries$/);
    expect(t.snapshot.source.details?.collection_error).toBe(t.error?.message);
  });

  it('403 on sys/audit: the audit facts are permission gaps naming read and sudo on sys/audit', async () => {
    const t = await live('vault', 'secure', { faults: [{ path: 'sys/audit', kind: 403 }] });
    const g = t.snapshot.gaps.find((x) => x.fact === 'audit_log.enabled')!;
    expect(g).toMatchObject({ reason: 'permission_missing', permission: 'read and sudo on sys/audit' });
    expect(t.snapshot.audit_log.enabled).toBeNull();
    expect(t.snapshot.identity.sso_enforced).toBe(true); // the rest is still read
  });

  it('403 on the token accessors: root tokens unknown (local accounts, admins, the token store), never "none"', async () => {
    const t = await live('vault', 'secure', { faults: [{ path: 'auth/token/accessors', kind: 403 }] });
    const s = t.snapshot;
    expect(s.identity.local_accounts).toBeNull();
    expect(s.access.admin_count).toBeNull();
    expect(s.gaps.find((x) => x.fact === 'identity.local_accounts')).toMatchObject({
      reason: 'permission_missing',
      permission: 'list and sudo on auth/token/accessors',
    });
    expect(s.resources!.find((r) => r.id === 'token-store')).toMatchObject({
      facts: { root_tokens: null },
      gaps: [{ fact: 'root_tokens', reason: 'permission_missing' }],
    });
  });

  it.each([
    [500, /HTTP 500 after 2 retries/],
    ['hang', /timed out after 300 ms/],
  ] as const)(
    '%s on identity/group: the principals are error gaps, the rest is read',
    async (kind, detail) => {
      server = await startFakeVault({ exportDir: fixture('vault', 'secure', 'export'), token: TOKEN, faults: [{ path: 'identity/group', kind }] });
      const t = await collectTarget(
        { type: 'vault', name: 'prod', endpoint: server.url, token_env: 'T' },
        { T: TOKEN },
        { ...FAST_HTTP, ...(kind === 'hang' ? { timeoutMs: 300 } : {}) },
      );
      const g = t.snapshot.gaps.find((x) => x.fact === 'access.principals')!;
      expect(g.reason).toBe('error');
      expect(g.detail).toMatch(detail);
      expect(t.snapshot.audit_log.records_secret_values).toBe(false);
    },
    30_000,
  );
});

describe('scripts/export-vault.mjs', () => {
  it('exports what live mode reads; files mode on the export gives the live model', async () => {
    server = await startFakeVault({ exportDir: fixture('vault', 'secure', 'export'), token: TOKEN });
    const out = mkdtempSync(path.join(os.tmpdir(), 'ar-vault-export-'));
    const code = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, [path.join(ROOT, 'scripts', 'export-vault.mjs'), out], {
        env: { ...process.env, VAULT_ADDR: server!.url, VAULT_TOKEN: TOKEN },
        stdio: 'ignore',
      });
      p.on('close', (c) => resolve(c ?? -1));
    });
    expect(code).toBe(0);
    const fromExport = await collectTarget({ type: 'vault', name: 'prod', files: [`${out}/*.json`, fixture('vault', 'secure', 'vault.hcl')] });
    const fromApi = await collectTarget(
      { type: 'vault', name: 'prod', endpoint: server.url, token_env: 'T', files: [fixture('vault', 'secure', 'vault.hcl')] },
      { T: TOKEN },
    );
    expect(model(fromExport)).toEqual(model(fromApi));
    const { readdirSync } = await import('node:fs');
    for (const f of readdirSync(out)) expect(readFileSync(path.join(out, f), 'utf8')).not.toContain(TOKEN);
  }, 60_000);
});
