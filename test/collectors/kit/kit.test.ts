/** The collector kit, piece by piece: facts builder, files mode, options schema, HTTP layer, redaction. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectors } from '../../../src/collectors/index.js';
import { asDefault, factsBuilder } from '../../../src/collectors/kit/facts.js';
import { type DocumentSpec, type ReadSink, readDocuments, resolveInputFiles } from '../../../src/collectors/kit/files.js';
import { brokenBody, createHttpClient, DEFAULT_HTTP_TUNING, HttpError, type Progress } from '../../../src/collectors/kit/http.js';
import { validateOptions } from '../../../src/collectors/kit/options.js';
import { optionsValidator } from '../../../src/util/schema.js';
import { redactConfigText, secretValues } from '../../../src/collectors/kit/redact.js';
import { runTarget } from '../../../src/collectors/kit/run.js';
import type { AnyCollector } from '../../../src/collectors/types.js';
import type { Target } from '../../../src/config/types.js';
import { CollectorError, InputError, ToolInputError } from '../../../src/errors.js';
import { modelFactPaths } from '../../../src/model/fact-list.js';
import { factPaths } from '../../../src/model/gaps.js';
import type { Facts } from '../../../src/model/types.js';
import { resetLimits } from '../../../src/util/limits.js';
import { parseSource } from '../../../src/util/yaml-source.js';
import { listenLoopback } from '../../helpers/loopback.js';
import { fixture } from '../../helpers/run.js';

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-kit-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('facts builder', () => {
  it('derives the fact list from the model schema: every required fact, audit_log.fields split per field', () => {
    const demo = parse(readFileSync(fixture('demo', 'facts', 'vault-prod.yaml'), 'utf8')) as Facts;
    expect([...modelFactPaths()].sort()).toEqual(
      factPaths({ identity: demo.identity, access: demo.access, audit_log: demo.audit_log, time: demo.time }).sort(),
    );
    expect(modelFactPaths()).toContain('audit_log.fields.source_ip');
    expect(modelFactPaths()).not.toContain('audit_log.fields');
  });

  it('refuses to build while a fact is neither a value nor a gap, naming every one', () => {
    const f = factsBuilder('demo');
    f.set('identity.anonymous_access', false);
    expect(() => f.build()).toThrowError(CollectorError);
    expect(() => f.build()).toThrowError(/facts left unset .*identity\.sso_provider, .*audit_log\.fields\.source_ip/);
    expect(f.unset()).not.toContain('identity.anonymous_access');
  });

  it('a fact set twice, set to null, or not in the model is a bug', () => {
    const f = factsBuilder('demo');
    f.set('access.admin_count', 2);
    expect(() => f.set('access.admin_count', 3)).toThrowError(/access\.admin_count is set twice/);
    expect(() => f.set('access.member_count', null as never)).toThrowError(/a fact without a value is a gap/);
    expect(() => f.gap('access.nonsense' as never, 'error', 'x')).toThrowError(/not a fact of the model/);
  });

  it('builds nested facts, gaps and where each fact was read (documented defaults marked)', () => {
    const f = factsBuilder('demo');
    const at = { file: 'argocd-cm.yaml', line: 14, column: 3, pointer: '/data' };
    for (const p of f.unset()) f.gap(p, 'not_collected', 'not read');
    const g = factsBuilder('demo');
    for (const p of f.unset()) g.gap(p, 'not_collected', 'x');
    const h = factsBuilder('demo');
    const rest = h.unset().filter((p) => p !== 'identity.local_accounts' && p !== 'audit_log.fields.actor');
    h.set('identity.local_accounts', ['admin'], asDefault(at, 'admin.enabled absent: admin is enabled'));
    h.set('audit_log.fields.actor', true, { endpoint: 'GET https://argocd.example/api/v1/account' });
    h.gapEach(rest, 'not_supported', 'n/a', { permission: 'read' });
    const built = h.build();
    expect(built.facts.identity.local_accounts).toEqual(['admin']);
    expect(built.facts.audit_log.fields.actor).toBe(true);
    expect(built.facts.audit_log.fields.source_ip).toBeNull();
    expect(built.gaps).toHaveLength(rest.length);
    expect(built.gaps[0]).toEqual({ fact: rest[0], reason: 'not_supported', detail: 'n/a', permission: 'read' });
    expect(built.provenance).toEqual({
      'identity.local_accounts': [{ ...at, default: 'admin.enabled absent: admin is enabled' }],
      'audit_log.fields.actor': [{ endpoint: 'GET https://argocd.example/api/v1/account' }],
    });
  });
});

const SPEC: DocumentSpec<'cm' | 'rbac'> = {
  expected: 'the ConfigMaps cm or rbac',
  kinds: {
    cm: { describe: 'the ConfigMap cm', match: (v) => (v as { metadata?: { name?: string } })?.metadata?.name === 'cm', once: true },
    rbac: { describe: 'the ConfigMap rbac', match: (v) => (v as { metadata?: { name?: string } })?.metadata?.name === 'rbac' },
  },
  required: ['cm'],
  ignore: (v) => ((v as { kind?: string })?.kind === 'Secret' ? 'a Secret' : undefined),
};
const sink = (): ReadSink => ({ captures: [], secrets: [] });

describe('files mode', () => {
  const at = (i: number) => ({ file: 'auditready.yaml', line: 10 + i, col: 5 });

  it('a path that does not exist or a glob that matches nothing is a config error at its line', () => {
    const dir = tmp({ 'a.yaml': 'x: 1\n', 'b.yaml': 'y: 2\n' });
    expect(() => resolveInputFiles(['missing.yaml'], dir, at)).toThrowError(InputError);
    expect(() => resolveInputFiles(['a.yaml', 'k8s/*.yaml'], dir, at)).toThrowError(/^auditready\.yaml:11:5: files: "k8s\/\*\.yaml" matches no file/);
    const files = resolveInputFiles(['*.yaml', 'a.yaml'], dir, at);
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.yaml', 'b.yaml']); // sorted, no duplicates
  });

  it('reads every YAML document and every item of a kubectl List, recognized by content, whatever the file name', () => {
    const dir = tmp({
      'x.yaml': 'kind: ConfigMap\nmetadata: {name: rbac}\n---\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: "1"}\n---\n',
      'y.json': JSON.stringify(
        {
          kind: 'List',
          items: [
            { kind: 'ConfigMap', metadata: { name: 'rbac' } },
            { kind: 'Secret', metadata: { name: 's' } },
          ],
        },
        null,
        2,
      ),
    });
    const docs = readDocuments(resolveInputFiles(['x.yaml', 'y.json'], dir, at), SPEC, sink());
    expect(docs.byKind.rbac.map((o) => `${path.basename(o.file)}:${o.line} ${o.pointer}`)).toEqual(['x.yaml:1 ', 'y.json:4 /items/0']);
    expect(docs.one('cm')!.at('/data/a')).toMatchObject({ line: 6, pointer: '/data/a' });
    expect(docs.ignored).toEqual([expect.objectContaining({ what: 'Secret s', reason: 'a Secret' })]);
    expect(docs.one('cm')!.absent('/data/b', 'b defaults to off')).toMatchObject({ line: 6, default: 'b defaults to off' });
  });

  it("a key with nothing after it (YAML's null) is not set: absent() gives its line and the default; a key with a value is a caller's bug", () => {
    const dir = tmp({ 'x.yaml': 'kind: ConfigMap\nmetadata: {name: cm}\ndata:\n  a: "1"\n  b:\n' });
    const cm = readDocuments(resolveInputFiles(['x.yaml'], dir, at), SPEC, sink()).one('cm')!;
    expect(cm.absent('/data/b', 'b defaults to off')).toMatchObject({ line: 5, pointer: '/data/b', default: 'b defaults to off' });
    expect(() => cm.absent('/data/a', 'a defaults to off')).toThrow('/data/a is present; absent() is for settings that are not set');
  });

  it('unrecognized content, an empty file, a second object of a kind read once, or a missing required kind is a tool error naming file and line', () => {
    const dir = tmp({
      'deploy.yaml': 'kind: ConfigMap\nmetadata: {name: cm}\n---\nkind: Deployment\nmetadata: {name: argocd-server}\n',
      'empty.yaml': '# nothing here\n',
      'twice.yaml': 'kind: ConfigMap\nmetadata: {name: cm}\n---\nkind: ConfigMap\nmetadata: {name: cm}\n',
      'rbac.yaml': 'kind: ConfigMap\nmetadata: {name: rbac}\n',
    });
    const read = (f: string) => () => readDocuments(resolveInputFiles([f], dir, at), SPEC, sink());
    expect(read('deploy.yaml')).toThrowError(ToolInputError);
    expect(read('deploy.yaml')).toThrowError(/deploy\.yaml:4:1: unrecognized content \(Deployment argocd-server\); expected the ConfigMaps cm or rbac$/);
    expect(read('empty.yaml')).toThrowError(/empty\.yaml:1:1: the file is empty; expected/);
    expect(read('twice.yaml')).toThrowError(/twice\.yaml:4:1: the ConfigMap cm is given twice \(also at .*twice\.yaml:1\)/);
    expect(read('rbac.yaml')).toThrowError(/rbac\.yaml: none of the files is the ConfigMap cm/);
  });

  it('a folder, FIFO or device named in files: is a config error at its line, never opened (a glob matches regular files only)', () => {
    const dir = tmp({ 'a.yaml': 'x: 1\n' });
    mkdirSync(path.join(dir, 'sub.yaml'));
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]).status).toBe(0);
    expect(() => resolveInputFiles(['pipe.yaml'], dir, at)).toThrowError(/^auditready\.yaml:10:5: files: .*pipe\.yaml is a FIFO, not a regular file/);
    // A glob matches files only: the FIFO and the folder are not among its matches.
    expect(resolveInputFiles(['*.yaml'], dir, at).map((f) => path.basename(f.path))).toEqual(['a.yaml']);
    expect(() => resolveInputFiles(['/dev/null'], dir, at)).toThrowError(/\/dev\/null is a character device, not a regular file/);
    expect(() => resolveInputFiles(['sub.yaml'], dir, at)).toThrowError(/sub\.yaml is a directory, not a regular file/);
  });

  it('a file over the size cap or not valid UTF-8 is a tool error (the checks every input file gets)', () => {
    const dir = tmp({ 'big.yaml': `kind: ConfigMap\nmetadata: {name: cm}\n# ${'x'.repeat(300 * 1024)}\n` });
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('kind: ConfigMap\nmetadata: {name: cm}\ndata: {city: M\u00fcnchen}\n', 'latin1'));
    resetLimits({ AUDITREADY_MAX_FILE_MB: '0.25' });
    try {
      const read = (f: string) => () => readDocuments(resolveInputFiles([f], dir, at), SPEC, sink());
      expect(read('big.yaml')).toThrowError(ToolInputError);
      expect(read('big.yaml')).toThrowError(/big\.yaml: is 300 KB, over the 256 KB limit \(raise it with limits\.max_file_mb/);
      expect(read('latin1.yaml')).toThrowError(/latin1\.yaml:3:15: not valid UTF-8 \(byte 0xfc/);
    } finally {
      resetLimits();
    }
  });

  it('a parse error is a tool error at its line, and the capture of the broken file keeps no secret', () => {
    const dir = tmp({ 'bad.yaml': 'kind: ConfigMap\nmetadata: {name: cm}\ndata:\n  password: hunter2hunter2\n  <placeholder>\n  x: 1\n' });
    const s = sink();
    expect(() => readDocuments(resolveInputFiles(['bad.yaml'], dir, at), SPEC, s)).toThrowError(/bad\.yaml:5:3: invalid YAML\/JSON: /);
    expect(s.captures).toHaveLength(1);
    expect(Buffer.from(s.captures[0]!.bytes).toString('utf8')).not.toContain('hunter2hunter2');
  });
});

/** A spec with a text kind (an INI-like file that is not YAML) beside a parsed kind. */
const TEXT_SPEC: DocumentSpec<'ini' | 'cm'> = {
  expected: 'app.ini or the ConfigMap cm',
  kinds: {
    ini: { describe: 'app.ini', text: (t) => /^\[server\]$/m.test(t), once: true },
    cm: { describe: 'the ConfigMap cm', match: (v) => (v as { metadata?: { name?: string } })?.metadata?.name === 'cm' },
  },
  textSecrets: (t) => [...t.matchAll(/^secret_key = (.+)$/gm)].map((m) => m[1]!),
};

describe('files mode: text kinds', () => {
  const at = (i: number) => ({ file: 'auditready.yaml', line: 10 + i, col: 5 });
  const INI = '; not YAML: [server] then key = value\n[server]\nhttp_port = 3000\nsecret_key = s3cr3t-v4lue: x\n';

  it('claims a file that is not YAML whole, by its text, before any parsing; the other files are parsed', () => {
    const dir = tmp({ 'app.ini': INI, 'cm.yaml': 'kind: ConfigMap\nmetadata: {name: cm}\n' });
    const s = sink();
    const docs = readDocuments(resolveInputFiles(['app.ini', 'cm.yaml'], dir, at), TEXT_SPEC, s);
    const ini = docs.one('ini')!;
    expect(ini.value).toBe(INI);
    expect(ini.text).toBe(INI);
    expect(docs.byKind.cm).toHaveLength(1);
    // within('', needle): the line and column of the text; a text has no other pointer
    expect(ini.within('', 'http_port = 3000')).toEqual({ file: ini.file, line: 3, column: 1 });
    expect(ini.within('', '3000')).toEqual({ file: ini.file, line: 3, column: 13 });
    expect(ini.within('', 'not there')).toEqual({ file: ini.file, line: 1, column: 1 });
    expect(ini.absent('', 'no port: 3000')).toEqual({ file: ini.file, line: 1, column: 1, default: 'no port: 3000' });
    expect(() => ini.at('/server/http_port')).toThrowError(/a text file has no pointer/);
    // the text's secrets are kept for redaction and are not in its capture
    expect(s.secrets).toContain('s3cr3t-v4lue: x');
    const capture = s.captures.find((c) => c.name === 'app.ini')!;
    expect(capture.mediaType).toBe('text/plain');
    expect(Buffer.from(capture.bytes).toString('utf8')).not.toContain('s3cr3t-v4lue');
    expect(Buffer.from(capture.original!).toString('utf8')).toBe(INI);
  });

  it('a text kind read once given twice is an error at the second file', () => {
    const dir = tmp({ 'a.ini': INI, 'b.ini': INI });
    expect(() => readDocuments(resolveInputFiles(['a.ini', 'b.ini'], dir, at), TEXT_SPEC, sink())).toThrowError(
      /b\.ini:1:1: app\.ini is given twice \(also at .*a\.ini:1\)/,
    );
  });

  it('with text kinds only, a file none claims is unrecognized without being parsed or quoted, and an empty file is empty', () => {
    const spec: DocumentSpec<'ini'> = { expected: 'app.ini', kinds: { ini: TEXT_SPEC.kinds.ini }, textSecrets: TEXT_SPEC.textSecrets! };
    const dir = tmp({ 'other.txt': 'password: hunter2hunter2\nsecret_key = zz-secret-zz\n', 'empty.ini': '\n' });
    const s = sink();
    expect(() => readDocuments(resolveInputFiles(['other.txt'], dir, at), spec, s)).toThrowError(
      /other\.txt:1:1: unrecognized content \(a text file of 2 lines\); expected app\.ini$/,
    );
    expect(Buffer.from(s.captures[0]!.bytes).toString('utf8')).not.toMatch(/hunter2hunter2|zz-secret-zz/);
    expect(() => readDocuments(resolveInputFiles(['empty.ini'], dir, at), spec, sink())).toThrowError(/empty\.ini:1:1: the file is empty/);
  });

  it('parsed kinds are offered mappings and lists only: a text the YAML parser reads as one string is not claimed by match', () => {
    const spec: DocumentSpec<'any'> = { expected: 'anything', kinds: { any: { describe: 'anything', match: () => true } } };
    const dir = tmp({ 'flags.txt': 'kube-apiserver --anonymous-auth=false\n', 'm.yaml': 'a: 1\n' });
    expect(() => readDocuments(resolveInputFiles(['flags.txt'], dir, at), spec, sink())).toThrowError(
      /flags\.txt:1:1: unrecognized content \(a string value\)/,
    );
    expect(readDocuments(resolveInputFiles(['m.yaml'], dir, at), spec, sink()).byKind.any).toHaveLength(1);
  });
});

describe('options as JSON Schema', () => {
  it('validates at config load with file:line:col and the option description as a hint', () => {
    const src = parseSource('targets:\n  - type: github\n    name: acme\n    options:\n      org: "not valid!"\n', 'auditready.yaml');
    const target = { type: 'github', name: 'acme', pointer: '/targets/0', options: { org: 'not valid!' } };
    expect(() => validateOptions(collectors.github, target, { file: 'auditready.yaml', source: src })).toThrowError(
      /^auditready\.yaml:5:12: github target acme: invalid options: org: must match pattern "[^"]+" \(the organization login/,
    );
    expect(() =>
      validateOptions(collectors.argocd, { ...target, type: 'argocd', options: { retries: 2, colour: 'blue' } }, { file: 'auditready.yaml', source: src }),
    ).toThrowError(/invalid options: unexpected property "colour" \(known options: concurrency, timeout_ms, retries\)/);
  });

  it("every collector's options validator is compiled at build time from the schema it declares; another schema is a stale build", () => {
    for (const c of Object.values(collectors)) {
      const v = optionsValidator(c.name, c.options);
      expect(v({ no_such_option: 1 }), c.name).toBe(false);
      expect(
        v.errors?.some((e) => e.keyword === 'additionalProperties'),
        c.name,
      ).toBe(true);
    }
    const changed = { ...collectors.argocd.options, properties: { extra: { type: 'string' } } };
    expect(() => optionsValidator('argocd', changed)).toThrowError(/options validator of collector argocd .*another schema: run npm run build/);
    expect(() => optionsValidator('jenkins', { type: 'object' })).toThrowError(/collector jenkins is missing/);
  });
});

describe('HTTP layer', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function serve(handler: http.RequestListener): Promise<string> {
    const l = await listenLoopback(http.createServer(handler));
    close = l.close;
    return l.url;
  }
  const client = (base: string, lines: { m: string; level?: string }[], extra: Partial<typeof DEFAULT_HTTP_TUNING> = {}, signal?: AbortSignal) =>
    createHttpClient({
      label: 'tool/x',
      baseUrl: base,
      headers: { authorization: 'Bearer secret-token-value' },
      tuning: { ...DEFAULT_HTTP_TUNING, timeoutMs: 300, backoffMs: 5, retries: 2, waitScale: 0.001, ...extra },
      progress: ((m, level) => lines.push({ m, level })) as Progress,
      ...(signal ? { signal } : {}),
    });

  it('waits out a 429 with Retry-After, announced as a notice, then succeeds', async () => {
    let n = 0;
    const base = await serve((req, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'retry-after': '7' });
        res.end();
        return;
      }
      expect(req.headers.authorization).toBe('Bearer secret-token-value');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const lines: { m: string; level?: string }[] = [];
    const c = client(base, lines);
    expect((await c.getJson('/api/x')).json).toEqual({ ok: true });
    expect(lines.filter((l) => l.level !== 'debug')).toEqual([{ m: 'tool/x: rate limited on GET /api/x, waiting 7 s', level: 'notice' }]);
    // each response, for --verbose
    expect(lines.filter((l) => l.level === 'debug').map((l) => l.m)).toEqual(['tool/x: GET /api/x 429', 'tool/x: GET /api/x 200']);
    expect(c.stats).toEqual({ requests: 2, retries: 1, rateLimitWaits: 1 });
  });

  it('refuses a body larger than the cap and an HTML page where JSON was expected', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`[${'1,'.repeat(5000)}1]`);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Sign in</title>');
    });
    const c = client(base, [], { maxResponseBytes: 1000 });
    await expect(c.getJson('/big')).rejects.toThrowError(/GET \/big: response larger than the 1000 bytes allowed/);
    const e = (await c.getJson('/login').catch((x: unknown) => x)) as HttpError;
    expect(e).toBeInstanceOf(HttpError);
    expect(e.message).toBe('GET /login: expected JSON, got text/html (an HTML page: a login page or proxy in front of the API?)');
    // fetch (no JSON read) judges the body the same way for the answer log, in the same words
    expect(brokenBody('text/html', '<!doctype html><title>Sign in</title>', 'application/json')).toBe(e.problem);
    expect(brokenBody('text/html', '<!doctype html>', 'text/html, application/json')).toBeUndefined();
    expect(brokenBody('text/plain', 'ok', 'application/json')).toBeUndefined();
    expect(brokenBody('text/plain', 'ok', 'application/json', true)).toBe('expected JSON, got text/plain');
  });

  it('retries 5xx with backoff, then fails with the status; the token is in no message', async () => {
    let n = 0;
    const base = await serve((_req, res) => {
      n++;
      res.writeHead(503);
      res.end();
    });
    const e = (await client(base, [])
      .getJson('/api/x?token=abc')
      .catch((x: unknown) => x)) as HttpError;
    expect(n).toBe(3);
    expect(e.message).toBe('GET /api/x: HTTP 503 after 2 retries');
    expect(e.url).toBe(`${base}/api/x`);
    expect(JSON.stringify(e, Object.getOwnPropertyNames(e))).not.toContain('secret-token-value');
  });

  it('authorize: each attempt asks for its headers when it is sent, so a retry carries the credential current then', async () => {
    const seen: string[] = [];
    const base = await serve((req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(seen.length === 1 ? 503 : 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    let n = 0;
    const c = createHttpClient({
      label: 'tool/x',
      baseUrl: base,
      tuning: { ...DEFAULT_HTTP_TUNING, backoffMs: 5, retries: 2 },
      progress: () => {},
      authorize: async () => ({ authorization: `Bearer token-${++n}` }),
    });
    expect((await c.getJson('/api/x')).status).toBe(200);
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('cancels a request in flight when the run ends: nothing lingers', async () => {
    let closed = false;
    const base = await serve((req) => {
      req.socket.on('close', () => {
        closed = true;
      });
    });
    const run = new AbortController();
    const c = client(base, [], { timeoutMs: 60_000 }, run.signal);
    const pending = c.getJson('/hang');
    setTimeout(() => run.abort(new Error('the run ended')), 50);
    const started = Date.now();
    await expect(pending).rejects.toThrowError(/GET \/hang: cancelled: the run ended/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
  });
});

describe('redaction of configuration text', () => {
  it('finds secrets under secret-named keys, in embedded YAML strings and Kubernetes Secrets; keeps $references', () => {
    const value = {
      data: {
        'oidc.config': 'name: Okta\nclientSecret: literalOidcSecret1\n',
        'dex.config': 'connectors:\n- config:\n    bindPW: ldapBindPw42\n    clientSecret: $dex.github.clientSecret\n',
      },
      items: [{ kind: 'Secret', data: { 'server.secretkey': 'c2VjcmV0S2V5VmFsdWU=' }, stringData: { anything: 'plainSecretValue' } }],
      hash: '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
    };
    const found = secretValues(value);
    expect(found).toEqual(expect.arrayContaining(['literalOidcSecret1', 'ldapBindPw42', 'c2VjcmV0S2V5VmFsdWU=', 'plainSecretValue']));
    expect(found).not.toContain('$dex.github.clientSecret');
    const text = `${JSON.stringify(value, null, 2)}\npassword: inline-pass\ntls.key: |\n  -----BEGIN KEY-----\n  abc\n`;
    const out = redactConfigText(text, found);
    for (const s of ['literalOidcSecret1', 'ldapBindPw42', 'c2VjcmV0S2V5VmFsdWU=', 'plainSecretValue', 'N9qo8uLOickgx2ZM', 'inline-pass', 'BEGIN KEY'])
      expect(out).not.toContain(s);
    expect(out).toContain('$dex.github.clientSecret');
    expect(out).toContain('name: Okta');
  });

  it('finds Kubernetes-shaped secrets: env name/value pairs named like a secret and kubeconfig client-key-data', () => {
    const pod = {
      spec: {
        containers: [
          {
            env: [
              { name: 'ETCD_PASSWORD', value: 'envSecretValue1' },
              { name: 'LOG_LEVEL', value: 'debug' },
            ],
          },
        ],
      },
    };
    const kubeconfig = {
      kind: 'Config',
      users: [{ name: 'apiserver', user: { 'client-key-data': 'S0VZLURBVEEtVkFMVUU=', 'client-certificate-data': 'Q0VSVA==' } }],
    };
    expect(secretValues(pod)).toEqual(['envSecretValue1']);
    expect(secretValues(kubeconfig)).toEqual(['S0VZLURBVEEtVkFMVUU=']);
    // as text that did not parse (a tab before a dash): the line rules still find them
    const yamlText = '  env:\n    - name: ETCD_PASSWORD\n      value: envSecretValue2\n    - name: LOG_LEVEL\n      value: debug\n\t- --broken\n';
    const jsonText = '{"env": [{\n  "name": "DB_TOKEN",\n  "value": "envSecretValue3"\n}]}\n    client-key-data: S0VZLURBVEEtVkFMVUUy\n';
    const out = redactConfigText(`${yamlText}${jsonText}`);
    for (const secret of ['envSecretValue2', 'envSecretValue3', 'S0VZLURBVEEtVkFMVUUy']) expect(out).not.toContain(secret);
    expect(out).toContain('value: debug');
    expect(out).toContain('name: ETCD_PASSWORD');
  });

  it('a parse error quoting the line that holds a password is redacted', () => {
    const message = 'Implicit keys need to be on a single line at line 4, column 3:\n\n  clientSecret: Zq8sLiteralValue\n  ^^^^^^\n';
    expect(redactConfigText(message)).not.toContain('Zq8sLiteralValue');
    expect(redactConfigText(message)).toContain('clientSecret: [REDACTED]');
  });

  it('a Ruby hash pair ("app_secret" => "x") keeps its =>, so the redacted gitlab.rb still reads (verify derives it again)', () => {
    const rb = '  {\n    "name" => "google_oauth2",\n    "app_secret" => "rubyHashSecret7",\n  }\n';
    const out = redactConfigText(rb);
    expect(out).not.toContain('rubyHashSecret7');
    expect(out).toContain('"app_secret" => "[REDACTED]",');
    // HCL and INI assignments are still the line rule's
    expect(redactConfigText('  secret_key = "hclSecretValue8"\n')).toBe('  secret_key = "[REDACTED]"\n');
  });
});

describe('time budget', () => {
  const target = {
    type: 'jenkins',
    name: 'slow',
    pointer: '/targets/0',
    collector: 'slow',
    mode: 'live',
    endpoint: 'http://127.0.0.1:9',
    inputs: [],
  } as unknown as Target;
  const run = (timeoutMs: number, signal = new AbortController().signal) => ({
    env: {},
    now: () => new Date('2026-11-20T12:00:00Z'),
    progress: () => {},
    signal,
    timeoutMs,
    declaredAt: () => ({ file: 'auditready.yaml', line: 7, col: 5 }),
  });
  const slow = (collect: (ctx: { signal: AbortSignal }) => Promise<never>) =>
    ({ name: 'slow', types: ['jenkins'], options: {}, live: { token: 'none', collect } }) as unknown as AnyCollector;
  /** A collect that waits until its signal aborts, then rejects with the signal's reason (handed to `seen`). */
  const untilAborted = (seen: (reason: unknown) => void) => (ctx: { signal: AbortSignal }) =>
    new Promise<never>((_, reject) =>
      ctx.signal.addEventListener('abort', () => {
        seen(ctx.signal.reason);
        reject(ctx.signal.reason);
      }),
    );

  it('a collector past its budget is a broken input at its config line: every fact unknown, its signal aborted with the reason', async () => {
    let seen: unknown;
    const r = await runTarget(
      slow(
        untilAborted((r) => {
          seen = r;
        }),
      ),
      target,
      run(50),
    );
    expect(seen).toBeInstanceOf(ToolInputError);
    expect(r.error).toMatchObject({ tool: 'jenkins/slow', file: 'auditready.yaml', line: 7 });
    expect(r.error!.message).toMatch(
      /^auditready\.yaml:7:5: collector slow for jenkins\/slow did not finish within 0\.05 s \(its time budget\); expected .*--timeout/,
    );
    expect(r.snapshot.identity.mfa_required).toBeNull();
    expect(r.snapshot.gaps.every((g) => g.reason === 'error')).toBe(true);
  });

  it('a collector that ignores its signal is abandoned, not waited for', async () => {
    const started = Date.now();
    const r = await runTarget(
      slow(() => new Promise(() => {})),
      target,
      run(50),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.error?.message).toMatch(/did not finish within 0\.05 s/);
  });

  it('the run ending aborts the target too', async () => {
    const runEnds = new AbortController();
    let reason: unknown;
    const pending = runTarget(
      slow(
        untilAborted((r) => {
          reason = r;
        }),
      ),
      target,
      run(60_000, runEnds.signal),
    );
    runEnds.abort(new Error('the run ended'));
    await expect(pending).rejects.toThrowError('the run ended');
    expect((reason as Error).message).toBe('the run ended');
  });
});
