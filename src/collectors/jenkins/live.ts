/**
 * Live mode: the Configuration-as-Code plugin's export of the running controller
 * (`POST /manage/configuration-as-code/export`; before the /manage prefix,
 * `/configuration-as-code/export`), authenticated with a user and an API token (HTTP Basic). The
 * export needs Overall/SystemRead (or Overall/Administer) and masks secrets; API-token requests
 * need no CSRF crumb.
 */
import { ToolInputError } from '../../errors.js';
import type { HttpClient } from '../kit/http.js';

const EXPORT_PATHS = ['/manage/configuration-as-code/export', '/configuration-as-code/export'] as const;

const EXPECTED =
  'the Jenkins root URL as endpoint, a user with Overall/SystemRead in options.user, its API token in token_env, and the Configuration as Code plugin';

export interface ExportResult {
  /** The export's URL (without query or credentials). */
  readonly url: string;
  readonly text: string;
}

export async function fetchExport(http: HttpClient, user: string, tokenEnv: string | undefined): Promise<ExportResult> {
  let lastStatus = 0;
  for (const p of EXPORT_PATHS) {
    const url = http.where(p);
    const res = await http.fetch(p, { method: 'POST', body: '', headers: { accept: 'application/x-yaml, text/plain, */*' } });
    const text = await res.text();
    const where = { endpoint: `POST ${url}`, status: res.status };
    if (res.status === 200) {
      if (/^\s*</.test(text)) throw new ToolInputError(where, 'the export answered with HTML, not YAML (a login page or proxy?)', { expected: EXPECTED });
      return { url, text };
    }
    if (res.status === 401) {
      throw new ToolInputError(where, `Jenkins rejected user ${user} with the API token in $${tokenEnv ?? '(token_env)'} (HTTP 401)`, { expected: EXPECTED });
    }
    if (res.status === 403) {
      throw new ToolInputError(where, `user ${user} may not export the configuration (HTTP 403): it needs Overall/SystemRead (or Overall/Administer)`, {
        expected: EXPECTED,
      });
    }
    lastStatus = res.status;
    if (res.status !== 404) break;
  }
  if (lastStatus === 404) {
    throw new ToolInputError(
      { endpoint: `POST ${http.where(EXPORT_PATHS[1])}`, status: 404 },
      'no configuration export (HTTP 404 on both paths): the Configuration as Code plugin is not installed',
      {
        expected: EXPECTED,
      },
    );
  }
  throw new ToolInputError({ endpoint: `POST ${http.where(EXPORT_PATHS[0])}`, status: lastStatus }, `HTTP ${lastStatus}`, { expected: EXPECTED });
}
