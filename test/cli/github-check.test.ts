/**
 * End to end: `auditready check` / `collect` (the built CLI, a separate process) against the
 * loopback GitHub (test/helpers/github-server.ts, which executes the collector's GraphQL against
 * GitHub's published schema). Fixtures: fixtures/github/<case>/case.json describes the
 * organization and the token; normalized.json and findings.json next to it are the expected
 * model and verdicts (regenerate with UPDATE_GITHUB_FIXTURES=1, then review the diff).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidSnapshot } from '../../src/model/validate.js';
import { validator } from '../../src/util/schema.js';
import type { ToolSnapshot } from '../../src/model/types.js';
import { TOKEN } from '../helpers/github-collect.js';
import { generateEnterprise, generateOrg, startFakeGithub, type FakeGithub, type OrgShape } from '../helpers/github-server.js';
import { cliAsync } from '../helpers/loopback.js';
import { fixture, withoutProgress } from '../helpers/run.js';
import type { Report } from '../../src/report/types.js';

interface Case {
  org: OrgShape;
  enterprise?: { compliant: boolean; managedUsers?: boolean };
  scopes: string[] | null;
  owner: boolean;
  options: Record<string, unknown>;
}

const CASES = ['compliant', 'noncompliant', 'no-admin-scopes', 'emu'] as const;
/** The verdicts the fixtures pin: the GitHub policies and the foundation's generic ones (others evolve). */
const PINNED = new Set([
  'AR-ACC-001',
  'AR-ACC-002',
  'AR-CLG-001',
  'AR-EVT-001',
  'AR-EVT-002',
  'AR-IDN-001',
  'AR-IDN-002',
  'AR-RET-001',
  'AR-TIM-001',
  'AR-ACC-101',
  'AR-ACC-102',
  'AR-ACC-103',
  'AR-CLG-101',
  'AR-EVT-101',
  'AR-ACC-004',
  'AR-IDN-004',
  'AR-IDN-005',
  'AR-XTL-001',
  'AR-ACC-104',
  'AR-ACC-105',
  'AR-ACC-106',
  'AR-ACC-107',
  'AR-ACC-108',
  'AR-ACC-109',
  'AR-ACC-110',
  'AR-ACC-111',
  'AR-ACC-112',
  'AR-ACC-113',
  'AR-ACC-114',
  'AR-ACC-115',
  'AR-ACC-116',
  'AR-ACC-117',
  'AR-ACC-118',
  'AR-ACC-119',
  'AR-ACC-121',
  'AR-ACC-122',
  'AR-ACC-123',
  'AR-ACC-124',
  'AR-IDN-102',
  'AR-IDN-103',
  'AR-EVT-102',
]);
const UPDATE = process.env.UPDATE_GITHUB_FIXTURES === '1';

const run = cliAsync;

async function serve(c: Case): Promise<FakeGithub> {
  const org = generateOrg(c.org);
  return startFakeGithub({
    orgs: [org],
    ...(c.enterprise ? { enterprise: generateEnterprise(org.login, c.enterprise.compliant, c.enterprise.managedUsers) } : {}),
    token: TOKEN,
    scopes: c.scopes,
    owner: c.owner,
  });
}

function configFor(server: FakeGithub, c: Case, others: Record<string, unknown>[] = []): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-gh-e2e-'));
  const file = path.join(dir, 'auditready.yaml');
  const target = { type: 'github', name: 'acme', endpoint: server.url, token_env: 'AR_E2E_GITHUB_TOKEN', options: c.options };
  // facts files outside the config's folder need their folders allowed (facts_roots)
  const roots = [...new Set(others.flatMap((t) => (typeof t.facts === 'string' ? [path.dirname(t.facts)] : [])))];
  const factsRoots = roots.length > 0 ? `facts_roots: ${JSON.stringify(roots)}\n` : '';
  writeFileSync(file, `version: 1\n${factsRoots}targets:\n${[target, ...others].map((t) => `  - ${JSON.stringify(t)}\n`).join('')}`);
  return file;
}

/** Replace what changes between runs (port, time, hashes of raw bytes that embed the port). */
function stable(snapshot: ToolSnapshot, url: string): unknown {
  const text = JSON.stringify(snapshot).split(url).join('http://127.0.0.1:PORT');
  const s = JSON.parse(text) as ToolSnapshot;
  s.source.collected_at = 'COLLECTED_AT';
  s.source.sha256 = 'SHA256';
  return s;
}

function expectFixture(name: string, file: string, actual: unknown): void {
  const p = fixture('github', name, file);
  if (UPDATE || !existsSync(p)) writeFileSync(p, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(readFileSync(p, 'utf8')));
}

describe.each(CASES)('github fixture %s', (name) => {
  const c = JSON.parse(readFileSync(fixture('github', name, 'case.json'), 'utf8')) as Case;
  let server: FakeGithub;
  let config: string;
  beforeAll(async () => {
    server = await serve(c);
    config = configFor(server, c);
  });
  afterAll(() => server.close());

  it('collect: the normalized output is valid against the model and matches normalized.json', async () => {
    const r = await run(['collect', '-c', config], { AR_E2E_GITHUB_TOKEN: TOKEN });
    expect(withoutProgress(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { model_version: string; tools: ToolSnapshot[] };
    expect(doc.tools).toHaveLength(1);
    expect(() => assertValidSnapshot('github', doc.tools[0]!)).not.toThrow();
    expectFixture(name, 'normalized.json', stable(doc.tools[0]!, server.url));
  });

  it('check: verdicts match findings.json, the exit code follows the gate, and the token appears nowhere', async () => {
    const r = await run(['check', '-c', config, '--format', 'json'], { AR_E2E_GITHUB_TOKEN: TOKEN });
    const table = await run(['check', '-c', config], { AR_E2E_GITHUB_TOKEN: TOKEN });
    const report = JSON.parse(r.stdout) as {
      findings: {
        policy_id: string;
        tool: string;
        resource: string | null;
        status: string;
        message: string;
        gaps: { fact: string; reason: string; permission?: string }[];
      }[];
      summary: { result: string };
    };
    const verdicts = report.findings
      .filter((f) => PINNED.has(f.policy_id))
      .map((f) => ({
        policy: f.policy_id,
        ...(f.resource ? { resource: f.resource } : {}),
        status: f.status,
        message: f.message.split(String(server.url)).join('http://127.0.0.1:PORT'),
        ...(f.gaps.length ? { gaps: f.gaps.map((g) => `${g.fact}: ${g.reason}${g.permission ? ` (${g.permission})` : ''}`) } : {}),
      }))
      .sort((a, b) => `${a.policy} ${a.resource ?? ''}`.localeCompare(`${b.policy} ${b.resource ?? ''}`));
    expectFixture(name, 'findings.json', verdicts);
    const validReport = validator('report');
    expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
    expect(r.code).toBe(report.summary.result === 'fail' ? 1 : 0);
    for (const out of [r.stdout, r.stderr, table.stdout, table.stderr]) expect(out).not.toContain(TOKEN);
    expect(table.stdout).toMatch(/github\/acme/);
  });
});

/** Policies over the organization facts and the repository facts issue 16 added. */
const ORG_FACT_POLICIES = ['AR-ACC-112', 'AR-ACC-113', 'AR-ACC-114', 'AR-ACC-115', 'AR-IDN-102', 'AR-IDN-103'];
const REPO_FACT_POLICIES = ['AR-ACC-116', 'AR-ACC-117', 'AR-ACC-118', 'AR-ACC-119', 'AR-ACC-121', 'AR-ACC-122', 'AR-ACC-123', 'AR-ACC-124', 'AR-EVT-102'];

describe('github end to end: what each fixture must show', () => {
  const statuses = (name: string, policy: string) =>
    (JSON.parse(readFileSync(fixture('github', name, 'findings.json'), 'utf8')) as { policy: string; status: string }[])
      .filter((v) => v.policy === policy)
      .map((v) => v.status);
  const verdicts = (name: string) =>
    new Map(
      (JSON.parse(readFileSync(fixture('github', name, 'findings.json'), 'utf8')) as { policy: string; status: string }[]).map((v) => [v.policy, v.status]),
    );

  it('compliant: every GitHub policy passes; identity and access pass', () => {
    const v = verdicts('compliant');
    expect(statuses('compliant', 'AR-ACC-103')).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    for (const id of ['AR-ACC-101', 'AR-ACC-102', 'AR-EVT-101', 'AR-CLG-101', 'AR-IDN-001', 'AR-IDN-002', 'AR-ACC-001', 'AR-ACC-002', 'AR-CLG-001'])
      expect(v.get(id), id).toBe('pass');
    expect(v.get('AR-TIM-001')).toBe('not_applicable'); // SaaS clocks
    // the policies over what is already collected (issue 16): every repository and the organization pass
    for (const id of ['AR-ACC-104', 'AR-ACC-105', 'AR-ACC-106', 'AR-ACC-107', 'AR-ACC-108'])
      expect(statuses('compliant', id), id).toEqual(Array(5).fill('pass'));
    for (const id of ['AR-ACC-109', 'AR-ACC-110', 'AR-ACC-111']) expect(v.get(id), id).toBe('pass');
    // the new facts (issue 16): organization settings, and every repository's protection, webhooks and Actions settings
    for (const id of ORG_FACT_POLICIES) expect(v.get(id), id).toBe('pass');
    for (const id of REPO_FACT_POLICIES) expect(statuses('compliant', id), id).toEqual(Array(5).fill('pass'));
  });

  it('non-compliant: every GitHub policy and the identity/access basics fail', () => {
    const v = verdicts('noncompliant');
    // 10 repositories, one archived (skipped): none requires review through a ruleset; the
    // even ones have classic protection
    expect(statuses('noncompliant', 'AR-ACC-103')).toEqual(['pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'pass']);
    for (const id of ['AR-ACC-101', 'AR-ACC-102', 'AR-EVT-101', 'AR-CLG-101', 'AR-IDN-001', 'AR-IDN-002', 'AR-ACC-001', 'AR-ACC-002', 'AR-CLG-001'])
      expect(v.get(id), id).toBe('fail');
    // admins and a team bypass review where it is required (the odd repositories require none: not applicable)
    expect(statuses('noncompliant', 'AR-ACC-104')).toEqual([
      'fail',
      'not_applicable',
      'fail',
      'not_applicable',
      'fail',
      'not_applicable',
      'fail',
      'not_applicable',
      'fail',
    ]);
    // the fourth and eighth repositories have no classic protection and DELETION, NON_FAST_FORWARD and UPDATE rules of a
    // ruleset that only evaluates: none of it counts, so deletion is not blocked (nor force pushes, pushes restricted)
    expect(statuses('noncompliant', 'AR-ACC-105')).toEqual(['pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'pass']);
    // every fourth repository from the second gives its three collaborators admin (the limit is 2)
    expect(statuses('noncompliant', 'AR-ACC-106')).toEqual(['pass', 'fail', 'pass', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass']);
    expect(statuses('noncompliant', 'AR-ACC-107')).toEqual(['fail', 'pass', 'pass', 'fail', 'pass', 'pass', 'fail', 'pass', 'pass']);
    expect(new Set(statuses('noncompliant', 'AR-ACC-108'))).toEqual(new Set(['fail']));
    for (const id of ['AR-ACC-109', 'AR-ACC-110', 'AR-ACC-111']) expect(v.get(id), id).toBe('fail');
    // visibility changes, forking, notifications, no verified domain, open runner groups, an administering app
    for (const id of ORG_FACT_POLICIES) expect(v.get(id), id).toBe('fail');
    // no dismissal restriction, code-owner or last-push review, push restriction anywhere; stale approvals survive
    for (const id of ['AR-ACC-116', 'AR-ACC-118', 'AR-ACC-119', 'AR-ACC-121']) expect(new Set(statuses('noncompliant', id)), id).toEqual(new Set(['fail']));
    // dismissal restriction applies only where review is required (the even repositories)
    expect(statuses('noncompliant', 'AR-ACC-117')).toEqual([
      'fail',
      'not_applicable',
      'fail',
      'not_applicable',
      'fail',
      'not_applicable',
      'fail',
      'not_applicable',
      'fail',
    ]);
    // every fourth repository from the third, and from the fourth, has a ruleset that only evaluates
    expect(statuses('noncompliant', 'AR-ACC-122')).toEqual(['pass', 'pass', 'fail', 'fail', 'pass', 'pass', 'fail', 'fail', 'pass']);
    // the second repository has an unsigned http webhook; Actions tokens inherit the organization's write default
    expect(statuses('noncompliant', 'AR-EVT-102')).toEqual(['pass', 'fail', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(new Set(statuses('noncompliant', 'AR-ACC-123'))).toEqual(new Set(['fail']));
    expect(statuses('noncompliant', 'AR-ACC-124')).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
  });

  it('token without admin:org/read:org: those verdicts are unknown, never pass or fail', () => {
    const v = verdicts('no-admin-scopes');
    // rulesets are readable with read access, but the required approvals also depend on classic
    // protection, which only repository admins read: the count is unknown, never a pass
    expect(statuses('no-admin-scopes', 'AR-ACC-103')).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    for (const id of ['AR-ACC-101', 'AR-ACC-102', 'AR-EVT-101', 'AR-CLG-101', 'AR-IDN-001', 'AR-IDN-002', 'AR-ACC-001', 'AR-ACC-002', 'AR-CLG-001'])
      expect(v.get(id), id).toBe('unknown');
    for (const id of ['AR-ACC-104', 'AR-ACC-106', 'AR-ACC-107', 'AR-ACC-108'])
      expect(new Set(statuses('no-admin-scopes', id)), id).toEqual(new Set(['unknown']));
    for (const id of ['AR-ACC-109', 'AR-ACC-110', 'AR-ACC-111', ...ORG_FACT_POLICIES]) expect(v.get(id), id).toBe('unknown');
    for (const id of ['AR-ACC-117', 'AR-ACC-121', 'AR-ACC-123', 'AR-ACC-124', 'AR-EVT-102'])
      expect(new Set(statuses('no-admin-scopes', id)), id).toEqual(new Set(['unknown']));
    // a DELETION ruleset rule is readable with read access: deletion is known blocked
    expect(new Set(statuses('no-admin-scopes', 'AR-ACC-105'))).toEqual(new Set(['pass']));
  });

  it("emu: Enterprise Managed Users, whose MFA is the IdP's, are unknown on MFA, never a critical fail", () => {
    const v = verdicts('emu');
    expect(v.get('AR-IDN-002')).toBe('unknown');
    expect(v.get('AR-IDN-001')).toBe('pass');
    // the setup user signs in outside the IdP, within max_local_accounts
    expect(v.get('AR-IDN-004')).toBe('pass');
  });

  it('non-compliant: internal repositories are grants to every enterprise member; tokens and SSH keys bypass 2FA', () => {
    expect(verdicts('noncompliant').get('AR-ACC-004')).toBe('fail');
    expect(verdicts('compliant').get('AR-IDN-005')).toBe('fail');
  });

  it("an audit-log stream mapped to a log-store target: AR-XTL-001 follows it to that store's retention", async () => {
    const c = JSON.parse(readFileSync(fixture('github', 'compliant', 'case.json'), 'utf8')) as Case;
    const server = await serve(c);
    try {
      const store = { type: 'loki', name: 'central', facts: fixture('demo', 'facts', 'loki-central.yaml') };
      const mapped = { ...c, options: { ...c.options, stream_stores: { '7': 'loki/central' } } };
      // The demo's facts file lies outside the temporary config's folder: allowed explicitly.
      const r = await run(['check', '-c', configFor(server, mapped, [store]), '--facts-root', fixture('demo', 'facts'), '--format', 'json'], {
        AR_E2E_GITHUB_TOKEN: TOKEN,
      });
      const report = JSON.parse(r.stdout) as Report;
      const xtl = report.findings.find((f) => f.policy_id === 'AR-XTL-001' && f.tool === 'github/acme')!;
      // the demo Loki keeps 90 days, short of 365
      expect(xtl.status).toBe('fail');
      expect(xtl.message).toMatch(
        /^Central stores keep audit records too briefly: \["loki\/central"\]: .*Splunk stream 7 to loki\/central \(retention_days 90, retention_online_days 90\)/,
      );
    } finally {
      await server.close();
    }
  });

  it('the evidence bundle records which account collected (viewer.login) for the tool', async () => {
    const c = JSON.parse(readFileSync(fixture('github', 'compliant', 'case.json'), 'utf8')) as Case;
    const server = await serve(c);
    try {
      const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ar-gh-bundle-')), 'bundle');
      await run(['check', '-c', configFor(server, c), '--format', 'json', '--evidence', dir], { AR_E2E_GITHUB_TOKEN: TOKEN });
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { tools: { id: string; collected_as?: string }[] };
      expect(manifest.tools).toEqual([expect.objectContaining({ id: 'github/acme', collected_as: 'auditready-bot' })]);
      const snapshot = JSON.parse(readFileSync(path.join(dir, 'tools', 'github', 'acme', 'normalized.json'), 'utf8')) as ToolSnapshot;
      expect(snapshot.source.collected_as).toBe('auditready-bot');
    } finally {
      await server.close();
    }
  });

  it('a whole enterprise: evaluate re-derives each organization (<target>:<org>) from its own raw capture and reproduces the reports', async () => {
    // two organizations, one compliant, one not, of one enterprise; options.enterprise without org
    const acme = generateOrg({ login: 'acme', members: 6, repos: 3 });
    const labs = generateOrg({ login: 'acme-labs', members: 5, repos: 4, compliant: false });
    const server = await startFakeGithub({
      orgs: [acme, labs],
      enterprise: { ...generateEnterprise('acme'), organizations: ['acme', 'acme-labs'] },
      token: TOKEN,
      scopes: ['repo', 'admin:org', 'admin:org_hook', 'admin:enterprise', 'read:audit_log'],
      owner: true,
    });
    try {
      // deployment: cloud decides audit-log retention and clocks: re-deriving without the expanded target's options would differ
      const config = configFor(server, {
        org: {},
        scopes: null,
        owner: true,
        options: { enterprise: 'acme-corp', deployment: 'cloud', stream_stores: { '7': 'splunk/siem' } },
      });
      const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ar-gh-ent-bundle-')), 'bundle');
      const checked = await run(['check', '-c', config, '--format', 'json', '--evidence', dir], { AR_E2E_GITHUB_TOKEN: TOKEN });
      expect(checked.code, checked.stderr).toBe(1);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { tools: { id: string }[] };
      expect(manifest.tools.map((t) => t.id)).toEqual(['github/acme:acme', 'github/acme:acme-labs']);
      const verified = await run(['verify', dir], {});
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toMatch(/^derivation: 2 snapshots derived again from the raw captures;/m);
      const evaluated = await run(['evaluate', '--evidence', dir], {});
      expect(evaluated.code, evaluated.stdout + evaluated.stderr).toBe(0);
      // each organization's snapshot follows from its own capture only: captures swapped (and the manifest re-hashed, as
      // someone rewriting an unsigned bundle would) are caught
      const tools = manifest.tools as unknown as { id: string; raw: string[] }[];
      const [a, b] = tools.map((t) => path.join(dir, t.raw[0]!));
      const [bytesA, bytesB] = [readFileSync(a!), readFileSync(b!)];
      writeFileSync(a!, bytesB);
      writeFileSync(b!, bytesA);
      const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; size: number }[] };
      for (const f of m.files) {
        const bytes = readFileSync(path.join(dir, f.path));
        f.sha256 = createHash('sha256').update(bytes).digest('hex');
        f.size = bytes.length;
      }
      writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
      const swapped = await run(['evaluate', '--evidence', dir], {});
      expect(swapped.code).toBe(1);
      expect(swapped.stdout + swapped.stderr).toMatch(/github\/acme:acme: the raw captures do not hash to the sha256 its snapshot records/);
    } finally {
      await server.close();
    }
  });

  it('a missing token variable is a one-line config error (exit 2)', async () => {
    const server = await serve({ org: {}, scopes: ['repo'], owner: true, options: { org: 'acme' } });
    try {
      const config = configFor(server, { org: {}, scopes: ['repo'], owner: true, options: { org: 'acme' } });
      const r = await run(['check', '-c', config], { AR_E2E_GITHUB_TOKEN: '' });
      expect(r.code).toBe(2);
      expect(withoutProgress(r.stderr)).toMatch(
        /^auditready: .*auditready\.yaml:3:\d+: github target acme: environment variable AR_E2E_GITHUB_TOKEN is not set or empty\n$/,
      );
    } finally {
      await server.close();
    }
  });
});
