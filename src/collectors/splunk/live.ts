/**
 * Live mode: Splunk's management REST API (https://HOST:8089),
 * `GET /services/data/indexes/<name>?output_mode=json` per index with the token, and the same
 * request without credentials (is it refused?). 401 with the token stops the target; 403 makes
 * the retention unknown with the capability named; 404 means the index does not exist.
 */
import type { JsonGetter } from '../elasticsearch/live.js';
import { storeInputError } from '../log-store/errors.js';
import { locatedAnswer } from '../log-store/located.js';
import { missing, ok, type Outcome, type Setting, setting } from '../log-store/reading.js';
import { type IndexSource, indexFromRest, type SplunkInput } from './read.js';

const LIST_INDEXES =
  'any authenticated role (data/indexes is readable by all users unless authorize.conf enables [capability::indexes_list_all]; then indexes_list_all)';

export async function readSplunkLive(
  api: JsonGetter,
  anonymous: JsonGetter,
  names: readonly string[],
): Promise<{ input: SplunkInput; captures: Record<string, unknown> }> {
  const captures: Record<string, unknown> = {};
  const found: IndexSource[] = [];
  let refused: Outcome<never> | undefined;
  for (const name of names) {
    const path = `/services/data/indexes/${encodeURIComponent(name)}?output_mode=json`;
    const res = await api.getJson(path);
    captures[`GET ${path}`] = res.status === 200 ? res.json : { status: res.status };
    if (res.status === 401)
      throw storeInputError(
        { endpoint: `GET ${res.url}`, status: 401 },
        'the token was rejected (HTTP 401)',
        'a Splunk authentication token in the variable named by token_env',
      );
    if (res.status === 404)
      throw storeInputError({ endpoint: `GET ${res.url}`, status: 404 }, `index ${name} does not exist (HTTP 404)`, 'options.indexes naming existing indexes');
    if (res.status === 403) {
      refused ??= missing('permission_missing', `GET ${res.url} was refused (HTTP 403)`, LIST_INDEXES);
      continue;
    }
    if (res.status !== 200) {
      refused ??= missing('error', `GET ${res.url} answered HTTP ${res.status}`);
      continue;
    }
    found.push(indexFromRest(locatedAnswer(res.json, `GET ${res.url}`), name));
  }
  const first = names[0];
  let anon: Outcome<Setting<boolean>> = missing('not_collected', 'no index named');
  if (first !== undefined) {
    const probe = await anonymous.getJson(`/services/data/indexes/${encodeURIComponent(first)}?output_mode=json`);
    captures['GET without credentials'] = { status: probe.status };
    const at = { endpoint: `GET ${probe.url} without credentials: HTTP ${probe.status}` };
    anon =
      probe.status === 401
        ? ok(setting(false, 'the REST API refuses requests without credentials (HTTP 401)', at))
        : probe.status === 200
          ? ok(setting(true, 'the REST API serves index settings without credentials', at))
          : missing('error', `the probe without credentials answered HTTP ${probe.status}`);
  }
  return { input: { indexes: refused ?? ok(found), anonymous: anon }, captures };
}
