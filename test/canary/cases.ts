/**
 * The canary harness's cases, in one place. A case prepares inputs that carry canary secrets
 * (in the token env var, in the config, in facts files, in server responses) and lists the CLI
 * runs to make; the harness (canary.test.ts) runs them and fails if a canary shows up in any
 * stdout, stderr or file written under `out`.
 *
 * Adding a collector's fixtures: append a case here (see `githubCases` for one that serves a
 * loopback API, `factsCases` for facts files, `nativeCases` for a collector's files mode: add its
 * fixtures folder's name to NATIVE_TOOLS; `errorPathCases` for live error paths: add the
 * collector's type and options to LIVE_OPTIONS, or to LIVE_FAILING for a server shaped like its API
 * failing every way, `apiError` giving its documented error body);
 * `runsFor` gives the standard set of runs over a config.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { generateEnterprise, generateOrg, startFakeGithub, type OrgShape } from '../helpers/github-server.js';
import { fixture } from '../helpers/run.js';

const core = (kind: string) => `cnry${kind}${randomBytes(6).toString('hex')}`;

/** Canary secrets: alphanumeric cores (so escaping cannot hide them), each placed in its own context. */
export const CANARY = {
  /** The value of the token env var (AR_CANARY_TOKEN): redacted by value wherever it appears. */
  envToken: core('env'),
  /** A URL password with "/" and "@" around it. */
  urlPassword: core('url'),
  /** A ?token= query parameter. */
  queryToken: core('qry'),
  /** password= in free text. */
  freeText: core('txt'),
  /** Put in server responses (error messages, webhook URLs, IdP URLs). */
  server: core('srv'),
  /** Under a secret-named key of a tool's own configuration file (clientSecret: ...). */
  toolFile: core('fil'),
} as const;

export const CANARY_ENV = 'AR_CANARY_TOKEN';
export const ALL_CANARIES: readonly string[] = Object.values(CANARY);

/** A URL with every kind of config canary in it. */
export const canaryUrl = (host = 'svc.example.com') => `https://svc:p/${CANARY.urlPassword}@x@${host}/api?token=${CANARY.queryToken}`;

export interface CanaryRun {
  readonly args: readonly string[];
  /** Exit codes this run may end with (a run that crashes differently fails the case). */
  readonly exit: readonly number[];
  readonly env?: Readonly<Record<string, string>>;
  /** Lines stderr must hold (a global, multiline pattern, matched `count` times): the error path was really taken. */
  readonly stderr?: { readonly pattern: RegExp; readonly count: number };
}

export interface CanaryContext {
  /** Inputs go here (a private copy of a fixture). */
  readonly work: string;
  /** Every output goes here; the harness scans it all. */
  readonly out: string;
}

export interface CanaryCase {
  readonly name: string;
  /** `secrets`: more values no output may contain (a fixture's own secrets, listed in its secrets.txt). */
  prepare(ctx: CanaryContext): Promise<{ runs: CanaryRun[]; close?: () => Promise<void>; secrets?: readonly string[] }>;
}

const FORMATS = 'table,json,sarif,junit,markdown,oscal,html';

/**
 * The standard runs over a config: every format to files and to stdout, an evidence bundle, the
 * commands that read it (verify, evaluate, diff, controls, history, explore's loader via diff),
 * collect, and a baseline.
 */
export function runsFor(
  config: string,
  out: string,
  { exit = [0, 1], collectExit = [0], stdoutFormats = true }: { exit?: readonly number[]; collectExit?: readonly number[]; stdoutFormats?: boolean } = {},
): CanaryRun[] {
  const ev = path.join(out, 'evidence');
  const reports = path.join(out, 'reports');
  return [
    { args: ['check', '-c', config, '--format', FORMATS, '--out', reports, '--evidence', ev], exit },
    { args: ['check', '-c', config], exit },
    // Each format on stdout too (the reporters are the ones --out wrote; the facts cases run these).
    ...(stdoutFormats ? ['json', 'sarif', 'junit', 'markdown', 'oscal', 'html'] : []).map((f) => ({ args: ['check', '-c', config, '--format', f], exit })),
    { args: ['collect', '-c', config], exit: collectExit },
    { args: ['collect', '-c', config, '--out', path.join(out, 'model.json')], exit: collectExit },
    { args: ['verify', ev], exit: [0] },
    { args: ['evaluate', '--evidence', ev, '--out', path.join(out, 're-evaluated.json')], exit: [0] },
    { args: ['diff', path.join(reports, 'auditready.json'), ev, '--format', 'markdown'], exit: [0, 1] },
    { args: ['controls', '--framework', 'soc2', '--report', ev], exit: [0] },
    { args: ['history', ev, '--framework', 'pci-dss'], exit: [0] },
    { args: ['check', '-c', config, '--baseline', ev, '--allow-unsigned', '--format', 'json'], exit: [0, 1] },
  ];
}

/** A config comment with credentials pasted by mistake. */
const configComment = () => `# deploy credentials: password=${CANARY.freeText} (pasted by mistake)\n`;

/** Put canaries into a config: every target gets the token env var and an endpoint with credentials. */
export function seedConfig(file: string): void {
  const text = readFileSync(file, 'utf8')
    .replace(
      /^([ \t]*)- type: ([\w-]+)\n/gm,
      (_m, indent: string, type: string) => `${indent}- type: ${type}\n${indent}  token_env: ${CANARY_ENV}\n${indent}  endpoint: "${canaryUrl()}"\n`,
    )
    .replace(
      /^([ \t]*)- \{ ?type: ([\w-]+),/gm,
      (_m, indent: string, type: string) => `${indent}- { type: ${type}, token_env: ${CANARY_ENV}, endpoint: "${canaryUrl()}",`,
    );
  writeFileSync(file, `${configComment()}${text}`);
}

/**
 * Put canaries into a native collector's input file (YAML, and gitlab.rb; JSON and other text
 * formats are left as they are, their secrets are in the fixture's secrets.txt): a comment with
 * URL credentials and a password (kept in the raw capture), and every literal value of a
 * clientSecret/bindPW/password/token key.
 */
export function seedToolFile(file: string): void {
  if (file.endsWith('.rb')) {
    // gitlab.rb: Ruby assignments to secret-named settings, and a Ruby comment.
    const rb = readFileSync(file, 'utf8').replace(
      /^(\w+\[['"]\w*(?:password|secret|token)\w*['"]\]\s*=\s*)(["']).*?\2[ \t]*$/gm,
      (_m, key: string) => `${key}"${CANARY.toolFile}"`,
    );
    writeFileSync(file, `# exported from ${canaryUrl()} (password=${CANARY.freeText})\n${rb}`);
    return;
  }
  // JSON, and text in a format of its own (HCL, .conf files, captured command outputs, htpasswd):
  // their secrets are in the fixture's secrets.txt, the config carries the canaries.
  if (!/\.ya?ml$/.test(file)) return;
  const text = readFileSync(file, 'utf8').replace(
    /^(\s*-?\s*(?:clientSecret|bindPW|password|token):[ \t]*)(?![$"'])\S+[ \t]*$/gm,
    (_m, key: string) => `${key}${CANARY.toolFile}`,
  );
  writeFileSync(file, `# exported from ${canaryUrl()} (password=${CANARY.freeText})\n${text}`);
}

/** Put canaries into a facts file: a comment (kept in the raw capture) and the free-text observed_from. */
export function seedFacts(file: string): void {
  const text = readFileSync(file, 'utf8');
  const observed = `observed_from: "export by ${CANARY.envToken} from ${canaryUrl('ci.example.com')} (password=${CANARY.freeText})"`;
  const seeded = /^observed_from: .*$/m.test(text)
    ? text.replace(/^observed_from: .*$/m, observed)
    : text.replace(/^model_version: .*$/m, (m) => `${m}\n${observed}`);
  writeFileSync(file, `# exported with ${canaryUrl()} token ${CANARY.envToken}\n${seeded}`);
}

const env = { [CANARY_ENV]: CANARY.envToken };

function factsCase(name: string, dir: string): CanaryCase {
  return {
    name: `facts fixture ${name}`,
    async prepare({ work, out }) {
      cpSync(dir, work, { recursive: true });
      const config = path.join(work, 'auditready.yaml');
      seedConfig(config);
      const factsDir = path.join(work, 'facts');
      if (existsSync(factsDir)) for (const f of readdirSync(factsDir)) seedFacts(path.join(factsDir, f));
      return { runs: runsFor(config, out).map((r) => ({ ...r, env })) };
    },
  };
}

/** Every facts fixture: the demo and the cases. */
export const factsCases: CanaryCase[] = [
  factsCase('demo', fixture('demo')),
  ...readdirSync(fixture('cases')).map((c) => factsCase(`cases/${c}`, fixture('cases', c))),
];

/** Every invalid fixture: the error paths (exit 2, or 1 when a broken input makes a tool unknown). */
export const invalidCases: CanaryCase[] = readdirSync(fixture('invalid'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({
    name: `invalid fixture ${f}`,
    async prepare({ work, out }) {
      cpSync(fixture('invalid'), work, { recursive: true });
      const config = path.join(work, f);
      seedConfig(config);
      for (const facts of readdirSync(path.join(work, 'facts'))) seedFacts(path.join(work, 'facts', facts));
      return {
        runs: [
          {
            args: ['check', '-c', config, '--format', FORMATS, '--out', path.join(out, 'reports'), '--evidence', path.join(out, 'evidence')],
            exit: [1, 2],
            env,
          },
          { args: ['check', '-c', config], exit: [1, 2], env },
          { args: ['collect', '-c', config], exit: [0, 1, 2], env },
        ],
      };
    },
  }));

/**
 * A fixture folder's own secrets (none may appear in any output): the values every secrets.txt in
 * it lists, and what its files mark as canaries (canary-* values; Jenkins {AQAAAB...} values,
 * bcrypt hashes and a webhook receiver's token are secrets by their shape).
 */
export function fixtureSecrets(dir: string): string[] {
  const out = new Set<string>();
  for (const file of filesIn(dir)) {
    const text = readFileSync(file, 'utf8');
    if (path.basename(file) === 'secrets.txt') {
      for (const l of text.split('\n')) if (l && !l.startsWith('#')) out.add(l);
      continue;
    }
    for (const m of text.matchAll(/canary-[A-Za-z0-9-]+/g)) out.add(m[0]);
    for (const m of text.matchAll(/\{AQAAAB[A-Za-z0-9+/=]+\}/g)) out.add(m[0]);
    for (const m of text.matchAll(/\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/g)) out.add(m[0]);
    for (const m of text.matchAll(/hooks\.acme\.example\/gitlab\/([A-Za-z0-9]+)/g)) out.add(m[1]!);
  }
  return [...out];
}

/** Every file under a folder (the inputs of a native fixture; GitLab keeps API responses in api/). */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesIn(p) : e.isFile() ? [p] : [];
  });
}

/**
 * The native collectors' fixture folders (fixtures/<tool>/<case>/auditready.yaml) the harness
 * runs: every files-mode collector's.
 */
export const NATIVE_TOOLS = [
  'argocd',
  'kubernetes',
  'jenkins',
  'gitlab',
  'chrony',
  'ntpsec',
  'timesyncd',
  'distribution',
  'harbor',
  'vault',
  'openbao',
  'loki',
  's3',
  'cloudwatch',
  'elasticsearch',
  'opensearch',
  'splunk',
] as const;

/** The cases of a native fixture folder: its subfolders with a config (others hold shared inputs). */
export function nativeFixtureCases(tool: string): string[] {
  return readdirSync(fixture(tool), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(fixture(tool, e.name, 'auditready.yaml')))
    .map((e) => e.name);
}

/**
 * Every fixture of the native collectors (files mode: the tool's own files), with canaries in the
 * config and in every YAML input file. The fixtures' folders are copied together (a broken case
 * names files of its neighbours). A fixture with a broken input makes collect exit 1.
 */
export const nativeCases: CanaryCase[] = NATIVE_TOOLS.flatMap((tool) =>
  nativeFixtureCases(tool).map(
    (name): CanaryCase => ({
      name: `native collector fixture ${tool}/${name}`,
      async prepare({ work, out }) {
        cpSync(fixture(tool), path.join(work, tool), { recursive: true });
        cpSync(fixture('cases'), path.join(work, 'cases'), { recursive: true });
        const dir = path.join(work, tool, name);
        const config = path.join(dir, 'auditready.yaml');
        writeFileSync(config, `${configComment()}${readFileSync(config, 'utf8')}`);
        for (const f of filesIn(path.join(work, tool))) {
          if (!/^(auditready\.yaml|normalized\.json|secrets\.txt|.*\.facts\.yaml)$/.test(path.basename(f))) seedToolFile(f);
        }
        const broken = name === 'broken';
        return {
          runs: runsFor(config, out, { exit: broken ? [1] : [0, 1], collectExit: broken ? [1] : [0], stdoutFormats: false }),
          secrets: fixtureSecrets(fixture(tool)),
        };
      },
    }),
  ),
);

interface GithubFixture {
  org: OrgShape;
  enterprise?: { compliant: boolean };
  scopes: string[] | null;
  owner: boolean;
  options: Record<string, unknown>;
}

/** Every GitHub fixture, served by the loopback GitHub with canaries in its responses. */
export const githubCases: CanaryCase[] = readdirSync(fixture('github')).map((name) => ({
  name: `github fixture ${name}`,
  async prepare({ work, out }) {
    const c = JSON.parse(readFileSync(fixture('github', name, 'case.json'), 'utf8')) as GithubFixture;
    const org = generateOrg(c.org);
    // Secrets a server hands back: webhook URLs with credentials and tokens, an IdP URL with a token.
    org.hooks.push({
      id: 99,
      active: true,
      url: `https://hooks:p/${CANARY.server}@x@chat.example.com/in?token=${CANARY.server}`,
      insecure_ssl: '0',
      secret: false,
    });
    if (org.saml) org.saml.ssoUrl = `${org.saml.ssoUrl}?token=${CANARY.server}`;
    const server = await startFakeGithub({
      orgs: [org],
      ...(c.enterprise ? { enterprise: generateEnterprise(org.login, c.enterprise.compliant) } : {}),
      token: CANARY.envToken,
      scopes: c.scopes,
      owner: c.owner,
      // An error message that echoes the token and a password (partial GraphQL responses keep errors as gaps).
      failFields: {
        'Organization.ipAllowListEnabledSetting': { type: 'FORBIDDEN', message: `denied for token ${CANARY.envToken} (password=${CANARY.server})` },
      },
    });
    const config = path.join(work, 'auditready.yaml');
    const target = { type: 'github', name: 'acme', endpoint: server.url, token_env: CANARY_ENV, options: c.options };
    writeFileSync(config, `version: 1\n# ci token password=${CANARY.freeText}\ntargets:\n  - ${JSON.stringify(target)}\n`);
    return { runs: runsFor(config, out).map((r) => ({ ...r, env })), close: () => server.close() };
  },
}));

/** A server that answers every request with an error whose body echoes the credentials it got. */
async function echoServer(status: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `Bad credentials: ${req.headers.authorization ?? ''} password=${CANARY.server}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The options each live collector needs besides the shared ones. */
const LIVE_OPTIONS: Record<string, Record<string, unknown>> = {
  github: { org: 'acme' },
  argocd: {},
  kubernetes: {},
  jenkins: { user: 'auditor' },
  gitlab: { group: 'acme' },
};

/** Error paths of live collection: a server echoing the token, an unreachable endpoint with credentials in its URL. */
export const errorPathCases: CanaryCase[] = [
  ...Object.keys(LIVE_OPTIONS)
    .flatMap((type) => [401, 500].map((status) => ({ type, status })))
    .map(
      ({ type, status }): CanaryCase => ({
        name: `${type} endpoint answering ${status} with the token echoed in the body`,
        async prepare({ work, out }) {
          const server = await echoServer(status);
          const config = path.join(work, 'auditready.yaml');
          const options = { ...LIVE_OPTIONS[type], retries: 0, timeout_ms: 2000 };
          const target = { type, name: 'acme', endpoint: server.url, token_env: CANARY_ENV, options };
          writeFileSync(config, `version: 1\ntargets:\n  - ${JSON.stringify(target)}\n`);
          return {
            runs: [
              { args: ['check', '-c', config, '--format', FORMATS, '--out', path.join(out, 'reports')], exit: [1, 2], env },
              { args: ['collect', '-c', config], exit: [0, 1, 2], env },
            ],
            close: server.close,
          };
        },
      }),
    ),
  {
    name: 'unreachable endpoint with credentials in its URL',
    async prepare({ work, out }) {
      const config = path.join(work, 'auditready.yaml');
      const endpoint = `http://svc:p/${CANARY.urlPassword}@x@127.0.0.1:9/api?token=${CANARY.queryToken}`;
      const target = { type: 'github', name: 'acme', endpoint, token_env: CANARY_ENV, options: { org: 'acme', retries: 0, timeout_ms: 2000 } };
      writeFileSync(config, `version: 1\ntargets:\n  - ${JSON.stringify(target)}\n`);
      return { runs: [{ args: ['check', '-c', config, '--format', FORMATS, '--out', path.join(out, 'reports')], exit: [1, 2], env }] };
    },
  },
  {
    name: 'a facts file that breaks the schema on a line holding a secret',
    async prepare({ work, out }) {
      cpSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), path.join(work, 'jenkins.yaml'));
      const facts = path.join(work, 'jenkins.yaml');
      writeFileSync(
        facts,
        readFileSync(facts, 'utf8').replace('default_permission: write', `default_permission: "password=${CANARY.freeText} ${canaryUrl()}"`),
      );
      const config = path.join(work, 'auditready.yaml');
      writeFileSync(
        config,
        `version: 1\ntargets:\n  - { type: jenkins, name: ci, facts: jenkins.yaml, endpoint: "${canaryUrl()}", token_env: ${CANARY_ENV} }\n`,
      );
      return { runs: [{ args: ['check', '-c', config, '--format', FORMATS, '--out', path.join(out, 'reports')], exit: [1, 2], env }] };
    },
  },
];

/** How an API shaped like a tool's documented one goes wrong: a status with the tool's error body, or a body that is broken. */
type Failure = 401 | 403 | 500 | 'truncated' | 'html';
const FAILURES: readonly Failure[] = [401, 403, 500, 'truncated', 'html'];

/** What the client sent that identifies it: every credential header, as the server received it. */
const credentialsOf = (req: http.IncomingMessage) =>
  ['authorization', 'x-vault-token', 'x-scope-orgid'].flatMap((h) => (req.headers[h] ? [`${h}: ${String(req.headers[h])}`] : [])).join('; ');

/**
 * Each API's documented error body, echoing the credentials (a misconfigured proxy or a verbose
 * server does): Vault/OpenBao `{"errors": [...]}`; Harbor v2 `{"errors": [{code, message}]}`;
 * Loki (and the proxy in front of it) plain text; Elasticsearch/OpenSearch `{"error": {root_cause,
 * type, reason}, "status"}`; Splunk REST `{"messages": [{type, text}]}` (output_mode=json).
 */
function apiError(type: string, status: number, echoed: string): { contentType: string; body: string } {
  const text = `${status === 500 ? 'internal error' : 'permission denied'} for ${echoed} (password=${CANARY.server})`;
  const json = (v: unknown) => ({ contentType: 'application/json', body: JSON.stringify(v) });
  switch (type) {
    case 'vault':
    case 'openbao':
      return json({ errors: [text] });
    case 'harbor':
      return json({ errors: [{ code: status === 500 ? 'UNKNOWN' : status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message: text }] });
    case 'loki':
      return { contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
    case 'elasticsearch':
    case 'opensearch': {
      const cause = { type: status === 500 ? 'exception' : 'security_exception', reason: text };
      return json({ error: { root_cause: [cause], ...cause }, status });
    }
    case 'splunk':
      return json({ messages: [{ type: status === 500 ? 'ERROR' : 'WARN', text }] });
    default:
      throw new Error(`no API error shape for ${type}`);
  }
}

/**
 * A loopback server shaped like the tool's documented API that fails every request one way: an
 * error status with the API's error body, a JSON body cut short, or an HTML login page; each
 * echoes the credentials it received and a password.
 */
async function failingApi(type: string, failure: Failure): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const echoed = credentialsOf(req);
    if (failure === 'truncated') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data": {"token": "${echoed}", "password": "${CANARY.server}", "keys": [`);
    } else if (failure === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body><form>Sign in again: ${echoed} password=${CANARY.server}</form></body></html>`);
    } else {
      const { contentType, body } = apiError(type, failure, echoed);
      res.writeHead(failure, { 'content-type': contentType, ...(failure === 401 ? { 'www-authenticate': `Basic realm="${echoed}"` } : {}) });
      res.end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * The live collectors the harness drives through every failure, with the options each needs.
 * Every failure makes the whole tool unreadable (a collection error on stderr): the collector kit
 * turns a live collection that got no answer at all into one, whether the collector gapped each
 * failed request (Harbor, Splunk, Elasticsearch, OpenSearch) or stopped at the first.
 */
const LIVE_FAILING: Record<string, { readonly options: Record<string, unknown> }> = {
  vault: { options: {} },
  openbao: { options: { namespace: 'team-a' } },
  harbor: { options: { username: 'auditor' } },
  loki: { options: { tenants: ['ci'] } },
  elasticsearch: { options: { ilm_policies: ['audit-logs'] } },
  // OpenSearch sends token_env as basic auth by default: its base64 is a credential too
  opensearch: { options: { ism_policies: ['audit_logs'] } },
  splunk: { options: { indexes: ['pipeline_audit'] } },
};

/** Findings better than unknown on the tools of `type` in a JSON report: none may be, as nothing was read from them. */
function passedOn(report: string, type: string): string[] {
  const { findings } = JSON.parse(readFileSync(report, 'utf8')) as { findings: { tool: string; policy_id: string; status: string }[] };
  return findings.filter((f) => f.tool.startsWith(`${type}/`) && f.status !== 'unknown').map((f) => `${f.tool} ${f.policy_id} ${f.status}`);
}

/**
 * Live error paths of the secrets managers, registries and log stores: one config per tool type
 * with a target per failure, each against its own failing API. Every target must end unreadable
 * with its error on stderr (exit 1: the run gates) and no finding better than unknown in the
 * report, and no credential may appear anywhere, neither as
 * sent (the token) nor encoded (the base64 of a basic-auth header).
 */
export const liveErrorCases: CanaryCase[] = Object.entries(LIVE_FAILING).map(([type, { options }]) => ({
  name: `${type} endpoint answering ${FAILURES.join(', ')} with the credentials echoed`,
  async prepare({ work, out }) {
    const servers = await Promise.all(FAILURES.map((f) => failingApi(type, f)));
    const targets = FAILURES.map((f, i) => ({
      type,
      name: `f${f}`,
      endpoint: servers[i]!.url,
      token_env: CANARY_ENV,
      options: { ...options, retries: 0, timeout_ms: 2000 },
    }));
    const config = path.join(work, 'auditready.yaml');
    writeFileSync(config, `version: 1\n# password=${CANARY.freeText}\ntargets:\n${targets.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`);
    const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64');
    const unreadable = new RegExp(FAILURES.map((f) => `^auditready: ${type}/f${f}: `).join('|'), 'gm');
    return {
      runs: [
        {
          args: ['check', '-c', config, '--format', FORMATS, '--out', path.join(out, 'reports'), '--evidence', path.join(out, 'evidence')],
          exit: [1],
          env,
          stderr: { pattern: unreadable, count: FAILURES.length },
        },
        { args: ['check', '-c', config, '--format', 'json'], exit: [1], env },
        { args: ['collect', '-c', config, '--out', path.join(out, 'model.json')], exit: [1], env, stderr: { pattern: unreadable, count: FAILURES.length } },
      ],
      close: async () => {
        await Promise.all(servers.map((s) => s.close()));
        // every failure was met (a run that stopped at the config would prove nothing)
        for (const [i, s] of servers.entries()) if (s.requests() === 0) throw new Error(`${type}/f${FAILURES[i]}: no request reached the server`);
        // nothing was read from any of them: no finding better than unknown (AR-TIM-002, the product's constants)
        const passed = passedOn(path.join(out, 'reports', 'auditready.json'), type);
        if (passed.length > 0) throw new Error(`${type}: findings better than unknown on a tool nothing was read from: ${passed.join('; ')}`);
      },
      secrets: [b64(CANARY.envToken), b64(`auditor:${CANARY.envToken}`), b64(`admin:${CANARY.envToken}`)],
    };
  },
}));

/** Every case the harness runs but the native fixtures' (canary-native.test.ts runs those beside). */
export const canaryCases: readonly CanaryCase[] = [...factsCases, ...invalidCases, ...githubCases, ...errorPathCases, ...liveErrorCases];
