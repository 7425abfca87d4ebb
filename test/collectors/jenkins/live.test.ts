import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createJenkinsCollector } from '../../../src/collectors/jenkins/index.js';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { collectTarget } from '../../helpers/collect.js';
import { type FakeJenkins, type JenkinsFault, type JenkinsState, startFakeJenkins } from '../../helpers/jenkins-server.js';
import { fixture } from '../../helpers/run.js';

const TOKEN = '11a7c0ffee5eedbadc0de1234567890abc';
const collector = createJenkinsCollector({ timeoutMs: 300, backoffMs: 5, waitScale: 0.001, retries: 2 });
const EXPORT = readFileSync(fixture('jenkins', 'secure', 'jenkins.yaml'), 'utf8');

let server: FakeJenkins | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(state: Partial<JenkinsState> = {}, faults: JenkinsFault[] = []) {
  server = await startFakeJenkins({ user: 'auditready', token: TOKEN, exportYaml: EXPORT, ...state }, faults);
  return collectTarget(
    collector,
    { type: 'jenkins', name: 'ci', endpoint: server.url, token_env: 'AR_TEST_JENKINS_TOKEN', options: { user: 'auditready' } },
    { AR_TEST_JENKINS_TOKEN: TOKEN },
  );
}

const model = (s: ToolSnapshot) => ({ identity: s.identity, access: s.access, audit_log: s.audit_log, time: s.time, resources: s.resources, gaps: s.gaps });

describe('Jenkins live export against a loopback server shaped like the Configuration-as-Code export', () => {
  it('gives the same model as the same configuration read from a file, with evidence at the export lines', async () => {
    const files = await collectTarget(collector, { type: 'jenkins', name: 'ci', files: [fixture('jenkins', 'secure', 'jenkins.yaml')] });
    const api = await live();
    expect(model(api.snapshot)).toEqual(model(files.snapshot));
    expect(api.snapshot.source).toMatchObject({ method: 'api', location: `${server!.url}/manage/configuration-as-code/export` });
    const ev = (api.snapshot.source.details as { evidence: Record<string, { file: string; line: number }[]> }).evidence['identity.sso_provider']![0]!;
    expect(ev.file).toBe(`${server!.url}/manage/configuration-as-code/export`);
    expect(ev.line).toBe(EXPORT.split('\n').findIndex((l) => l.includes('url: "https://acme.okta.com')) + 1);
  });

  it('falls back to /configuration-as-code/export on controllers without /manage', async () => {
    const r = await live({ legacyPath: true });
    expect(r.snapshot.identity.sso_provider).toBe('okta');
    expect(server!.requests.map((q) => q.path)).toEqual(['/manage/configuration-as-code/export', '/configuration-as-code/export']);
  });

  it('401, 403 and a missing plugin are errors that say what to fix', async () => {
    await expect(live({ token: 'wrong' })).rejects.toThrow(/jenkins target ci: Jenkins rejected user auditready with this API token \(401/);
    await server!.close();
    await expect(live({ forbidden: true })).rejects.toThrow(/needs Overall\/SystemRead/);
    await server!.close();
    await expect(live({ noCasc: true })).rejects.toThrow(/Configuration as Code plugin is not installed/);
  });

  it('retries a 503 and a timeout, then gives up with the reason', async () => {
    const r = await live({}, [{ status: 503, times: 1 }]);
    expect(r.snapshot.identity.sso_provider).toBe('okta');
    await server!.close();
    await expect(live({}, [{ delayMs: 2000 }])).rejects.toThrow(/timed out after 300 ms/);
  });

  it('sends the token only in the Authorization header and stores it nowhere', async () => {
    const r = await live();
    expect(server!.requests[0]!.auth).toMatch(/^Basic /);
    expect(server!.requests.some((q) => q.path.includes(TOKEN))).toBe(false);
    expect(JSON.stringify(r.snapshot) + r.raw.map((x) => Buffer.from(x.bytes).toString()).join('')).not.toContain(TOKEN);
  });
});
