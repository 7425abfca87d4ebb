/**
 * The kit's generic pieces for tools whose inputs are plain text and whose live mode is their own
 * client program: text kinds in files mode (recognized on a file's whole text, positions by line,
 * key material redacted), the command runner (timeout, output cap, cancellation, exit status and
 * output hash), the 'command' live transport at config load, and optional model facts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectors } from '../../../src/collectors/index.js';
import { commandError, commandSource, runCommand } from '../../../src/collectors/kit/command.js';
import { factsBuilder } from '../../../src/collectors/kit/facts.js';
import { type DocumentSpec, type ReadSink, readDocuments, resolveInputFiles } from '../../../src/collectors/kit/files.js';
import { planTarget } from '../../../src/collectors/kit/plan.js';
import type { AnyCollector } from '../../../src/collectors/types.js';
import { InputError, ToolInputError } from '../../../src/errors.js';
import { modelOptionalFactPaths } from '../../../src/model/fact-list.js';
import { parseSource, type SourceDocument } from '../../../src/util/yaml-source.js';

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-kit-text-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
const at = (i: number) => ({ file: 'auditready.yaml', line: 10 + i, col: 5 });
const sink = (): ReadSink => ({ captures: [], secrets: [] });

/** A tool whose files are text: a CSV status record, a line-oriented config, and key files left aside. */
const TEXT: DocumentSpec<'status' | 'conf'> = {
  expected: 'conf.txt directives or the status record',
  kinds: {
    status: { describe: 'the status record', text: (t) => /^[0-9A-F]{8},/.test(t), once: true },
    conf: { describe: 'a configuration', text: (t) => t.split('\n').every((l) => l === '' || l.startsWith('#') || /^[a-z]+ /.test(l)) },
  },
  ignoreText: (t) => (/^\d+ SHA256 /m.test(t) ? 'a key file: never read or stored' : undefined),
  textSecrets: (t) => [...t.matchAll(/^\d+ SHA256 (\S+)$/gm)].map((m) => m[1]!),
  hint: (t) => (/^Reference ID/.test(t) ? 'the human output; capture it with -c' : undefined),
};

describe('files mode: text kinds', () => {
  it('claims a whole text file by its content, whatever its name; positions are lines; the capture is the text', () => {
    const dir = tmp({ 'a.yaml': '# settings\nserver time1 iburst\nminsources 2\n', 'b.json': '7F000002,time2,3\n' });
    const old = new Date('2026-11-30T08:00:00Z');
    utimesSync(path.join(dir, 'b.json'), old, old);
    const s = sink();
    const docs = readDocuments(resolveInputFiles(['a.yaml', 'b.json'], dir, at), TEXT, s);
    const conf = docs.one('conf')!;
    expect(conf.value).toBe('# settings\nserver time1 iburst\nminsources 2\n');
    expect(conf.within('', 'minsources')).toEqual({ file: conf.file, line: 3, column: 1 });
    expect(conf.atLine(2, 8)).toEqual({ file: conf.file, line: 2, column: 8 });
    expect(() => conf.at('/data')).toThrowError(/a text file has no pointer/);
    expect(docs.one('status')!.modifiedAt).toBe('2026-11-30T08:00:00.000Z');
    expect(s.captures.map((c) => [c.name, c.mediaType])).toEqual([
      ['a.yaml', 'text/plain'],
      ['b.json', 'text/plain'],
    ]);
  });

  it('an unrecognized text file is a tool error that says why without quoting the file; an empty one too', () => {
    const dir = tmp({ 'x.txt': 'password=hunter2hunter2\n', 'h.txt': 'Reference ID    : C0000201 (time1)\n', 'e.txt': '\n' });
    const read = (f: string) => () => readDocuments(resolveInputFiles([f], dir, at), TEXT, sink());
    expect(read('x.txt')).toThrowError(ToolInputError);
    expect(read('x.txt')).toThrowError(/x\.txt:1:1: unrecognized content \(a text file of 1 line\); expected conf\.txt directives or the status record$/);
    expect(read('x.txt')).not.toThrowError(/hunter2/);
    expect(read('h.txt')).toThrowError(/unrecognized content \(the human output; capture it with -c\)/);
    expect(read('e.txt')).toThrowError(/e\.txt:1:1: the file is empty/);
  });

  it('a text kind read once given twice names both files', () => {
    const dir = tmp({ 'one.csv': 'AAAAAAAA,x\n', 'two.csv': 'BBBBBBBB,y\n' });
    expect(() => readDocuments(resolveInputFiles(['one.csv', 'two.csv'], dir, at), TEXT, sink())).toThrowError(
      /two\.csv:1:1: the status record is given twice \(also at .*one\.csv:1\)/,
    );
  });

  it('a key file is recognized and left aside; its keys are secrets, absent from the capture', () => {
    const key = 'HEX:0F1E2D3C4B5A69788796A5B4C3D2E1F0';
    const dir = tmp({ 'chrony.keys': `# keys\n1 SHA256 ${key}\n`, 'conf.txt': 'server a\n' });
    const s = sink();
    const docs = readDocuments(resolveInputFiles(['chrony.keys', 'conf.txt'], dir, at), TEXT, s);
    expect(docs.ignored).toEqual([
      { file: expect.stringMatching(/chrony\.keys$/), line: 1, what: 'a text file of 2 lines', reason: 'a key file: never read or stored' },
    ]);
    expect(s.secrets).toEqual([key]);
    const captured = Buffer.from(s.captures[0]!.bytes).toString('utf8');
    expect(captured).not.toContain(key);
    expect(captured).toContain('1 SHA256 [REDACTED]');
    // the hash is still of the bytes read
    expect(Buffer.from(s.captures[0]!.original!).toString('utf8')).toContain(key);
  });

  it('a spec with text and parsed kinds still parses YAML that no text kind claims', () => {
    const spec: DocumentSpec<'status' | 'cm'> = {
      expected: 'x',
      kinds: { status: TEXT.kinds.status, cm: { describe: 'cm', match: (v) => (v as { kind?: string })?.kind === 'ConfigMap' } },
    };
    const dir = tmp({ 's.txt': 'AAAAAAAA,x\n', 'cm.yaml': 'kind: ConfigMap\ndata: {a: "1"}\n' });
    const docs = readDocuments(resolveInputFiles(['s.txt', 'cm.yaml'], dir, at), spec, sink());
    expect(docs.one('cm')!.at('/data/a')).toMatchObject({ line: 2, pointer: '/data/a' });
    expect(docs.one('status')!.value).toBe('AAAAAAAA,x\n');
  });

  it('kinds with match are offered mappings and lists only: a text the YAML parser reads as one string is not claimed', () => {
    const spec: DocumentSpec<'any'> = { expected: 'anything', kinds: { any: { describe: 'anything', match: () => true } } };
    const dir = tmp({ 'flags.txt': 'kube-apiserver --anonymous-auth=false\n', 'm.yaml': 'a: 1\n' });
    expect(() => readDocuments(resolveInputFiles(['flags.txt'], dir, at), spec, sink())).toThrowError(
      /flags\.txt:1:1: unrecognized content \(a string value\)/,
    );
    expect(readDocuments(resolveInputFiles(['m.yaml'], dir, at), spec, sink()).byKind.any).toHaveLength(1);
  });
});

/**
 * A text format the collector parses itself: `key = value` lines, a `#` comment; anything else is a
 * syntax error at its line (quoting the line, as parsers do). The value is {settings: {...}}.
 */
function parseKv(text: string, file: string): SourceDocument {
  const settings: Record<string, string> = {};
  const lines = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new InputError({ file, line: i + 1, col: 1 }, `cannot parse "${line}"`);
    settings[m[1]!] = m[2]!;
    lines.set(m[1]!, i + 1);
  });
  const locate = (pointer: string) => ({ line: lines.get(pointer.split('/')[2] ?? '') ?? 1, col: 1 });
  return { file, text, value: { settings }, locate, locateText: (pointer) => locate(pointer) };
}

/** One kind read from its own text format or from JSON, like Vault's server configuration (HCL or JSON). */
const PARSED: DocumentSpec<'server' | 'other'> = {
  expected: 'server.conf (key = value) or its JSON',
  kinds: {
    server: {
      describe: 'the server configuration',
      text: (t) => !/^\s*[{[]/.test(t),
      parse: parseKv,
      match: (v) => typeof (v as { settings?: { listen?: unknown } }).settings?.listen === 'string',
    },
    other: { describe: 'another object', match: (v) => (v as { other?: unknown }).other === true },
  },
  // what a file holds even where it does not parse
  textSecrets: (t) => [...t.matchAll(/password\s*[:=]\s*(\S+)/g)].map((m) => m[1]!),
};

describe('files mode: text kinds with a parser', () => {
  it('the parsed object answers by pointer at the line the parser gives; secrets in its value are redacted from the capture', () => {
    const dir = tmp({ 'server.conf': '# server\nlisten = 0.0.0.0:8200\nadmin_password = kv-secret-0451\n', 'o.json': '{"other": true}\n' });
    const s = sink();
    const docs = readDocuments(resolveInputFiles(['server.conf', 'o.json'], dir, at), PARSED, s);
    const server = docs.one('server')!;
    expect(server.value).toEqual({ settings: { listen: '0.0.0.0:8200', admin_password: 'kv-secret-0451' } });
    expect(server.at('/settings/listen')).toEqual({ file: server.file, line: 2, column: 1, pointer: '/settings/listen' });
    expect(server.absent('/settings/tls', 'TLS is off unless set')).toMatchObject({ line: 1, default: 'TLS is off unless set' });
    expect(server.atLine(3)).toEqual({ file: server.file, line: 3 });
    expect(server.text).toContain('listen = 0.0.0.0:8200');
    expect(s.secrets).toContain('kv-secret-0451');
    expect(s.captures.map((c) => [c.name, c.mediaType])).toEqual([
      ['server.conf', 'text/plain'],
      ['o.json', 'application/json'],
    ]);
    expect(Buffer.from(s.captures[0]!.bytes).toString('utf8')).not.toContain('kv-secret-0451');
    expect(docs.one('other')!.value).toEqual({ other: true });
  });

  it('the same kind is read from JSON through its match; a parsed text its match refuses is unrecognized', () => {
    const dir = tmp({ 'server.json': '{"settings": {"listen": "127.0.0.1:8200"}}\n', 'policy.conf': 'path = secret/*\n' });
    expect(
      readDocuments(resolveInputFiles(['server.json'], dir, at), PARSED, sink())
        .one('server')!
        .at('/settings/listen'),
    ).toMatchObject({ line: 1 });
    expect(() => readDocuments(resolveInputFiles(['policy.conf'], dir, at), PARSED, sink())).toThrowError(
      /policy\.conf:1:1: unrecognized content \(a mapping with keys settings\); expected server\.conf \(key = value\) or its JSON$/,
    );
  });

  it("a syntax error is a tool error at its line, with the text's secrets redacted from the message; the capture is kept", () => {
    const dir = tmp({ 'server.conf': 'listen = :8200\nadmin_password: kv-secret-0452\n' });
    const s = sink();
    const read = () => readDocuments(resolveInputFiles(['server.conf'], dir, at), PARSED, s);
    expect(read).toThrowError(ToolInputError);
    expect(read).toThrowError(/server\.conf:2:1: cannot parse "admin_password: \[REDACTED\]"; expected server\.conf/);
    expect(s.captures.map((c) => c.name)).toContain('server.conf');
    expect(Buffer.from(s.captures[0]!.bytes).toString('utf8')).not.toContain('kv-secret-0452');
  });
});

describe('command runner', () => {
  const sh = (script: string, limits: Partial<Parameters<typeof runCommand>[2]> = {}) =>
    runCommand('/bin/sh', ['-c', script], { timeoutMs: 10_000, ...limits });

  it('records the command line, exit status, when it ran and the sha256 of its output, in the C locale', async () => {
    const r = await sh('echo "$LC_ALL $EXTRA"; echo oops >&2', { env: { EXTRA: 'x' } });
    expect(r).toMatchObject({ command: '/bin/sh -c echo "$LC_ALL $EXTRA"; echo oops >&2', outcome: 'ok', exitCode: 0, stdout: 'C x\n', stderr: 'oops\n' });
    expect(r.sha256).toBe(createHash('sha256').update('C x\n').digest('hex'));
    expect(Date.parse(r.startedAt)).not.toBeNaN();
    expect(commandSource(r, 1)).toEqual({ command: r.command, exit_status: 0, sha256: r.sha256, line: 1 });
  });

  it('a failing, missing, slow or too talkative client is a result saying so, never a crash or a hang', async () => {
    const failed = await sh('echo "506 Cannot talk to daemon" >&2; exit 1');
    expect(failed).toMatchObject({ outcome: 'failed', exitCode: 1 });
    const e = commandError(failed, 'chronyc answering');
    expect(e).toBeInstanceOf(ToolInputError);
    expect(e.message).toBe(
      '`/bin/sh -c echo "506 Cannot talk to daemon" >&2; exit 1`: exited with status 1: 506 Cannot talk to daemon; expected chronyc answering',
    );
    expect(e.where).toEqual({ command: failed.command, exitStatus: 1 });

    const missing = await runCommand('/nonexistent/chronyc', ['-c', 'tracking'], { timeoutMs: 1000 });
    expect(missing).toMatchObject({ outcome: 'missing', exitCode: null });
    expect(commandError(missing, 'x').message).toBe('`/nonexistent/chronyc -c tracking`: /nonexistent/chronyc: not found; expected x');

    const started = Date.now();
    const slow = await sh('sleep 30', { timeoutMs: 300 });
    expect(slow.outcome).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(commandError(slow, 'x', 300).message).toContain('did not finish within 300 ms and was stopped');

    const talkative = await sh('yes abcdefgh', { maxBytes: 1000 });
    expect(talkative.outcome).toBe('too_large');
    expect(talkative.stdout.length).toBe(1000);
  });

  it('is killed when the run is cancelled', async () => {
    const run = new AbortController();
    setTimeout(() => run.abort(new Error('the run ended')), 100);
    const started = Date.now();
    const r = await sh('sleep 30', { signal: run.signal });
    expect(r.outcome).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await sh('sleep 30', { signal: run.signal })).outcome).toBe('cancelled'); // already aborted: stopped at once
  });
});

describe('live transport "command"', () => {
  // named like a registered collector with its options schema: options are checked by validators compiled at build time
  const collector: AnyCollector = {
    name: 'chrony',
    types: ['chrony'],
    options: collectors.chrony.options,
    live: { token: 'none', transport: 'command', schemes: ['unix:', 'udp:'], collect: async () => ({}) as never },
  };
  const plan = (endpoint: string) => () => {
    const text = `targets:\n  - ${JSON.stringify({ type: 'chrony', name: 'h', endpoint })}\n`;
    const config = { file: 'auditready.yaml', dir: os.tmpdir(), source: parseSource(text, 'auditready.yaml') };
    return planTarget({ type: 'chrony', name: 'h', pointer: '/targets/0', endpoint }, { chrony: collector }, 'facts', config);
  };

  it('takes the schemes the collector names (no https, no token), and refuses others at the endpoint line', () => {
    expect(plan('unix:///run/chrony/chronyd.sock')()).toEqual({ collector: 'chrony', mode: 'live', inputs: [] });
    expect(plan('udp://127.0.0.1:323')()).toMatchObject({ mode: 'live' });
    expect(plan('https://ntp.example.com')).toThrowError(InputError);
    expect(plan('https://ntp.example.com')).toThrowError(
      /^auditready\.yaml:2:\d+: chrony target h: endpoint must be a unix or udp URL \(the chrony collector runs the tool's own client\)$/,
    );
    expect(plan('udp://user:pw@127.0.0.1')).toThrowError(/must not carry credentials/);
  });
});

describe('optional facts', () => {
  it('may be set or gapped like any fact; left unset they are absent, and build() does not ask for them', () => {
    // GitHub's retention per event class is optional too: absent, every class is kept as retention_days says
    expect(modelOptionalFactPaths()).toEqual(['audit_log.retention_by_class', 'time.local_reference', 'time.error_bound_ms']);
    const f = factsBuilder('demo');
    for (const p of f.unset()) f.gap(p, 'not_collected', 'x');
    expect(f.unset()).toEqual([]);
    f.set('time.local_reference', false, { file: 'chrony.conf', default: 'no local directive' }, { file: 'chrony.conf', default: 'no local directive' });
    const built = f.build();
    expect(built.facts.time.local_reference).toBe(false);
    expect('error_bound_ms' in built.facts.time).toBe(false);
    expect('retention_by_class' in built.facts.audit_log).toBe(false);
    // a source given twice is recorded once
    expect(built.provenance['time.local_reference']).toEqual([{ file: 'chrony.conf', default: 'no local directive' }]);
    const g = factsBuilder('demo');
    g.gap('time.error_bound_ms', 'not_collected', 'no live state');
    expect(() => g.set('time.error_bound_ms', 1)).toThrowError(/set twice/);
  });
});
