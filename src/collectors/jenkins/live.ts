/**
 * Live mode: the Configuration-as-Code plugin's export of the running controller
 * (`POST /manage/configuration-as-code/export`, before Jenkins 2.x's /manage prefix
 * `/configuration-as-code/export`), authenticated with a user and an API token. The export needs
 * Overall/SystemRead (or Overall/Administer); it masks secrets. API-token requests need no CSRF
 * crumb.
 */
import type { Http, HttpResult } from '../shared/http.js';

export class JenkinsFatal extends Error {
  override readonly name = 'JenkinsFatal';
  constructor(
    readonly kind: 'auth' | 'permission' | 'no-casc' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

export const EXPORT_PATHS = ['/manage/configuration-as-code/export', '/configuration-as-code/export'] as const;

export interface ExportResult {
  readonly url: string;
  readonly text: string;
}

export async function fetchExport(http: Http, baseUrl: string, user: string, token: string): Promise<ExportResult> {
  const auth = `Basic ${Buffer.from(`${user}:${token}`, 'utf8').toString('base64')}`;
  let last: HttpResult | undefined;
  for (const p of EXPORT_PATHS) {
    const url = `${baseUrl}${p}`;
    let r: HttpResult;
    try {
      r = await http.request('POST', url, { Authorization: auth, Accept: 'application/x-yaml, text/plain, */*' }, '');
    } catch (e) {
      throw new JenkinsFatal('unreachable', `Jenkins at ${baseUrl} did not answer: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.status === 200) {
      if (/^\s*</.test(r.text)) throw new JenkinsFatal('no-casc', `POST ${p} answered with HTML, not YAML: is ${baseUrl} the Jenkins root URL?`);
      return { url, text: r.text };
    }
    if (r.status === 401) throw new JenkinsFatal('auth', `Jenkins rejected user ${user} with this API token (401 Unauthorized)`);
    if (r.status === 403) {
      throw new JenkinsFatal(
        'permission',
        `user ${user} may not export the configuration (403 Forbidden): it needs Overall/SystemRead (or Overall/Administer)`,
      );
    }
    last = r;
    if (r.status !== 404) break;
  }
  if (last?.status === 404) {
    throw new JenkinsFatal('no-casc', `no ${EXPORT_PATHS.join(' or ')} on ${baseUrl} (404): the Configuration as Code plugin is not installed`);
  }
  throw new JenkinsFatal('unreachable', `POST ${EXPORT_PATHS[0]} answered HTTP ${last?.status}`);
}
