import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { collectTarget } from '../../helpers/collect.js';
import { type FakeJenkins, type JenkinsFault, type JenkinsState, startFakeJenkins } from '../../helpers/jenkins-server.js';
import { fixture } from '../../helpers/run.js';

const TOKEN = '11a7c0ffee5eedbadc0de1234567890abc';
const EXPORT = readFileSync(fixture('jenkins', 'secure', 'jenkins.yaml'), 'utf8');

let server: FakeJenkins | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(state: Partial<JenkinsState> = {}, faults: JenkinsFault[] = []) {
  server = await startFakeJenkins({ user: 'auditready', token: TOKEN, exportYaml: EXPORT, ...state }, faults);
  return collectTarget(
    { type: 'jenkins', name: 'ci', endpoint: server.url, token_env: 'AR_TEST_JENKINS_TOKEN', options: { user: 'auditready' } },
    { AR_TEST_JENKINS_TOKEN: TOKEN },
    { timeoutMs: 300, backoffMs: 5, waitScale: 0.001, retries: 2 },
  );
}

const model = (s: ToolSnapshot) => ({ identity: s.identity, access: s.access, audit_log: s.audit_log, time: s.time, resources: s.resources, gaps: s.gaps });
const failed = (r: { error?: { message: string } }) => r.error?.message ?? '(no error)';

describe('Jenkins live export against a loopback server shaped like the Configuration-as-Code export', () => {
  it('gives the same model as the same configuration read from a file, with evidence at the export lines', async () => {
    const files = await collectTarget({ type: 'jenkins', name: 'ci', files: [fixture('jenkins', 'secure', 'jenkins.yaml')] });
    const api = await live();
    expect(model(api.snapshot)).toEqual(model(files.snapshot));
    expect(api.snapshot.source).toMatchObject({ method: 'api', location: `${server!.url}/manage/configuration-as-code/export` });
    const ev = api.snapshot.provenance!['identity.sso_provider']![0]!;
    expect(ev.endpoint).toBe(`POST ${server!.url}/manage/configuration-as-code/export`);
    expect(ev.line).toBe(EXPORT.split('\n').findIndex((l) => l.includes('url: "https://acme.okta.com')) + 1);
  });

  it('falls back to /configuration-as-code/export on controllers without /manage', async () => {
    const r = await live({ legacyPath: true });
    expect(r.snapshot.identity.sso_provider).toBe('okta');
    expect(server!.requests.map((q) => q.path)).toEqual(['/manage/configuration-as-code/export', '/configuration-as-code/export']);
  });

  it('401, 403 and a missing plugin make the tool unknown, saying what to fix', async () => {
    expect(failed(await live({ token: 'wrong' }))).toMatch(/Jenkins rejected user auditready with the API token in \$AR_TEST_JENKINS_TOKEN \(HTTP 401\)/);
    await server!.close();
    expect(failed(await live({ forbidden: true }))).toMatch(/needs Overall\/SystemRead/);
    await server!.close();
    const r = await live({ noCasc: true });
    expect(failed(r)).toMatch(/Configuration as Code plugin is not installed/);
    expect(r.snapshot.access.admin_count).toBeNull();
  });

  it('retries a 503 and a timeout, then gives up with the reason', async () => {
    const r = await live({}, [{ status: 503, times: 1 }]);
    expect(r.snapshot.identity.sso_provider).toBe('okta');
    await server!.close();
    expect(failed(await live({}, [{ delayMs: 2000 }]))).toMatch(/timed out after 300 ms/);
  });

  it('sends the token only in the Authorization header and stores it nowhere', async () => {
    const r = await live();
    expect(server!.requests[0]!.auth).toMatch(/^Basic /);
    expect(server!.requests.some((q) => q.path.includes(TOKEN))).toBe(false);
    expect(JSON.stringify(r.snapshot) + r.raw.map((x) => Buffer.from(x.bytes).toString()).join('')).not.toContain(TOKEN);
  });
});
