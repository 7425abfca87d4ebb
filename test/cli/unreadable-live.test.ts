/**
 * End to end through the built CLI: a live tool whose every request failed is unreadable (the
 * collector kit's answer log, src/collectors/kit/answers.ts), so the fail-closed rule leaves no pass
 * on it — not even the facts that are documented constants of the product (AR-TIM-003) or the
 * collection time (AR-TIM-002). Each collector on the kit's HTTP layer meets a loopback server
 * shaped like its documented API that fails every request one way (403 with the API's error
 * body, 500, a JSON body cut short), in one run beside a tool read from a facts file, which is
 * reported as before.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { cliAsync, listenLoopback } from '../helpers/loopback.js';
import { fixture } from '../helpers/run.js';

/** Each live collector, with the options its live mode needs (Kubernetes needs TLS: test/collectors/kubernetes). */
const LIVE: Record<string, Record<string, unknown>> = {
  harbor: { username: 'auditor' },
  splunk: { indexes: ['pipeline_audit'] },
  elasticsearch: { ilm_policies: ['audit-logs'] },
  opensearch: { ism_policies: ['audit_logs'] },
  loki: { tenants: ['ci'] },
  vault: {},
  openbao: {},
  argocd: {},
  jenkins: { user: 'auditor' },
  gitlab: { group: 'acme' },
  distribution: {},
  github: { org: 'acme' },
  s3: { bucket: 'audit', region: 'us-east-1' },
  cloudwatch: { region: 'eu-west-1', prefix: '/acme/audit/' },
};
/** Collectors that take no token_env: Distribution probes anonymously, S3 and CloudWatch sign with AWS credentials from the environment. */
const NO_TOKEN = new Set(['distribution', 's3', 'cloudwatch']);
const FAILURES = [403, 500, 'cut'] as const;
type Failure = (typeof FAILURES)[number];

/**
 * The API's error body for a status: Harbor/Distribution `errors[{code, message}]`, Vault
 * `errors[]`, Elasticsearch `error{}`, Splunk `messages[]`, S3 an XML `<Error><Code>`, CloudWatch
 * Logs (AWS JSON 1.1) `__type`, else `message`.
 */
function errorBody(type: string, status: number): { contentType: string; body: string } {
  const text = status === 403 ? 'permission denied' : 'internal error';
  if (type === 's3') {
    const code = status === 403 ? 'AccessDenied' : 'InternalError';
    return { contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${text}</Message></Error>` };
  }
  if (type === 'cloudwatch') {
    const code = status === 403 ? 'AccessDeniedException' : 'ServiceUnavailableException';
    return { contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, message: text }) };
  }
  return { contentType: 'application/json', body: jsonError(type, status, text) };
}

function jsonError(type: string, status: number, text: string): string {
  if (type === 'harbor' || type === 'distribution') return JSON.stringify({ errors: [{ code: status === 403 ? 'FORBIDDEN' : 'UNKNOWN', message: text }] });
  if (type === 'vault' || type === 'openbao') return JSON.stringify({ errors: [text] });
  if (type === 'elasticsearch' || type === 'opensearch') return JSON.stringify({ error: { type: 'security_exception', reason: text }, status });
  if (type === 'splunk') return JSON.stringify({ messages: [{ type: 'ERROR', text }] });
  return JSON.stringify({ message: text });
}

function failingServer(type: string, failure: Failure) {
  return listenLoopback(
    http.createServer((req, res) => {
      req.resume();
      if (failure === 'cut') res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {"keys": [');
      else {
        const { contentType, body } = errorBody(type, failure);
        res.writeHead(failure, { 'content-type': contentType }).end(body);
      }
    }),
  );
}

const id = (type: string, failure: Failure) => `${type}/f${failure}`;

describe('a live tool whose every request failed is unreadable: no pass on it', () => {
  const servers: { close: () => Promise<void> }[] = [];
  let report: Report;
  let stderr: string;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-unreadable-live-'));
    cpSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), path.join(dir, 'jenkins.yaml'));
    const targets: Record<string, unknown>[] = [{ type: 'jenkins', name: 'declared', facts: 'jenkins.yaml' }];
    for (const [type, options] of Object.entries(LIVE)) {
      for (const failure of FAILURES) {
        const s = await failingServer(type, failure);
        servers.push(s);
        const token = NO_TOKEN.has(type) ? {} : { token_env: 'AR_TEST_TOKEN' };
        targets.push({ type, name: `f${failure}`, endpoint: s.url, ...token, options: { ...options, retries: 0, timeout_ms: 2000 } });
      }
    }
    writeFileSync(path.join(dir, 'auditready.yaml'), `version: 1\ntargets:\n${targets.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`);
    const r = await cliAsync(['check', '-c', path.join(dir, 'auditready.yaml'), '-f', 'json', '-o', path.join(dir, 'report.json'), '--show', 'all'], {
      AR_TEST_TOKEN: 'test-token-not-a-secret',
      AWS_ACCESS_KEY_ID: 'AKIATESTNOTAKEY00000',
      AWS_SECRET_ACCESS_KEY: 'test-secret-not-a-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(r.code, r.stderr).toBe(1);
    stderr = r.stderr;
    report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
  }, 240_000);
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  const cases = Object.keys(LIVE).flatMap((type) => FAILURES.map((failure) => [type, failure] as const));

  it.each(cases)('%s answering %s to every request: a collection error naming the endpoint and status, every finding unknown', (type, failure) => {
    const tool = id(type, failure);
    const error = report.collection_errors?.find((e) => e.tool === tool);
    expect(error, `${tool}: no collection error`).toBeDefined();
    // where: the endpoint (the kit's error, or the collector's own for a request it cannot do without), or the export it could not parse
    expect(error!.endpoint ?? error!.file).toMatch(/^(\w+ )?http:\/\/127\.0\.0\.1:\d+(\/|$)/);
    // an endpoint comes with its answer's status (a position inside the answer names its line
    // instead); GitHub's GraphQL client hands back no status for a body it could not read, and none
    // is guessed
    if (type === 'github' && failure === 'cut') expect(error!.status).toBeUndefined();
    else if (error!.endpoint !== undefined) expect(error!.status, JSON.stringify(error)).toBe(failure === 'cut' ? 200 : failure);
    else expect(error!.line).toBeGreaterThan(0);
    expect(error!.message).toMatch(
      failure === 'cut'
        ? /not valid JSON|not JSON|end of JSON input|not a JSON object|not YAML|invalid YAML|not an answer|parse error/i
        : new RegExp(`HTTP ${failure}`),
    );
    expect(error!.message, 'one line').not.toContain('\n');
    expect(stderr).toContain(`auditready: ${tool}: `);
    const findings = report.findings.filter((f) => f.tool === tool);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.status !== 'unknown').map((f) => `${f.policy_id} ${f.status}: ${f.message}`)).toEqual([]);
  });

  it('the tool read from a facts file beside them is reported as before', () => {
    expect(report.collection_errors?.some((e) => e.tool === 'jenkins/declared')).toBe(false);
    const statuses = new Set(report.findings.filter((f) => f.tool === 'jenkins/declared').map((f) => f.status));
    expect(statuses).toEqual(new Set(['pass', 'fail', 'unknown', 'not_applicable']));
  });
});
