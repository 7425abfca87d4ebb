/**
 * Live mode: the Elasticsearch or OpenSearch REST API, one GET per named policy or data stream,
 * plus the snapshot policies and one request WITHOUT credentials (is it served?). The answers are
 * the same documents the files mode reads. 401 with the credentials stops the target; 403 makes
 * the facts that call gives unknown with the privilege named; 404 for a name from the options is
 * a broken input (the name does not exist).
 */
import { storeInputError } from '../log-store/errors.js';
import { type Located, locatedAnswer } from '../log-store/located.js';
import { missing, ok, type Outcome, type Setting, setting } from '../log-store/reading.js';
import { type EsInput, type Flavor, type Named, PRIVILEGES } from './read.js';

/** What live mode needs from an HTTP client (the kit's HttpClient has it). */
export interface JsonGetter {
  getJson(path: string, init?: RequestInit): Promise<{ readonly status: number; readonly url: string; readonly json: unknown }>;
}

export interface EsNames {
  readonly ilm: readonly string[];
  readonly dataStreams: readonly string[];
  readonly ism: readonly string[];
  readonly indices: readonly string[] | undefined;
}

const enc = encodeURIComponent;

function rejected(url: string, status: number): never {
  throw storeInputError(
    { endpoint: `GET ${url}`, status },
    `the credentials were rejected (HTTP ${status})`,
    'an API key, bearer token or user:password in the variable named by token_env',
  );
}

async function named(api: JsonGetter, path: string, name: string, what: string, privilege: string, captures: Record<string, unknown>): Promise<Named> {
  const res = await api.getJson(path);
  captures[`GET ${path}`] = res.status === 200 ? res.json : { status: res.status };
  if (res.status === 200) return { name, answer: ok(locatedAnswer(res.json, `GET ${res.url}`)) };
  if (res.status === 401) rejected(res.url, res.status);
  if (res.status === 403) return { name, answer: missing('permission_missing', `GET ${res.url} was refused (HTTP 403)`, privilege) };
  if (res.status === 404)
    throw storeInputError({ endpoint: `GET ${res.url}`, status: 404 }, `${what} ${name} does not exist (HTTP 404)`, `options naming an existing ${what}`);
  return { name, answer: missing('error', `GET ${res.url} answered HTTP ${res.status}`) };
}

export interface EsLiveRead {
  readonly input: EsInput;
  readonly captures: Record<string, unknown>;
}

/** `api` sends the credentials; `anonymous` sends none (the probe). */
export async function readEsLive(flavor: Flavor, api: JsonGetter, anonymous: JsonGetter, names: EsNames): Promise<EsLiveRead> {
  const captures: Record<string, unknown> = {};
  // The root first: it says whether the endpoint is the cluster and whether the credentials work.
  const root = await api.getJson('/');
  captures['GET /'] = root.status === 200 ? root.json : { status: root.status };
  if (root.status === 401) rejected(root.url, root.status);
  if (root.status !== 200 && root.status !== 403) {
    throw storeInputError(
      { endpoint: `GET ${root.url}`, status: root.status },
      `HTTP ${root.status}`,
      `the ${flavor === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} REST API (endpoint: https://HOST:9200)`,
    );
  }
  const ilm = [];
  for (const n of names.ilm) ilm.push(await named(api, `/_ilm/policy/${enc(n)}`, n, 'ILM policy', PRIVILEGES.ilm, captures));
  const dataStreams = [];
  for (const n of names.dataStreams)
    dataStreams.push(await named(api, `/_data_stream/${enc(n)}/_lifecycle`, n, 'data stream', PRIVILEGES.dataStream, captures));
  const ism = [];
  for (const n of names.ism) ism.push(await named(api, `/_plugins/_ism/policies/${enc(n)}`, n, 'ISM policy', PRIVILEGES.ism, captures));

  let snapshots: EsInput['snapshots'];
  const path = flavor === 'opensearch' ? '/_plugins/_sm/policies' : '/_slm/policy';
  const privilege = flavor === 'opensearch' ? PRIVILEGES.sm : PRIVILEGES.slm;
  const res = await api.getJson(path);
  captures[`GET ${path}`] = res.status === 200 ? res.json : { status: res.status };
  if (res.status === 401) rejected(res.url, res.status);
  if (res.status === 200) {
    let explain: Located | undefined;
    const list = (res.json as { policies?: { sm_policy?: { name?: string } }[] } | null)?.policies;
    if (flavor === 'opensearch' && Array.isArray(list) && list.length > 0) {
      const names = list.map((p) => p.sm_policy?.name).filter((x): x is string => typeof x === 'string');
      const ex = await api.getJson(`/_plugins/_sm/policies/${names.map(enc).join(',')}/_explain`);
      captures[`GET /_plugins/_sm/policies/${names.join(',')}/_explain`] = ex.status === 200 ? ex.json : { status: ex.status };
      if (ex.status === 200) explain = locatedAnswer(ex.json, `GET ${ex.url}`);
    }
    snapshots = ok({ policies: locatedAnswer(res.json, `GET ${res.url}`), ...(explain ? { explain } : {}) });
  } else if (res.status === 403) snapshots = missing('permission_missing', `GET ${res.url} was refused (HTTP 403)`, privilege);
  else if (res.status === 404 || res.status === 400)
    snapshots = missing(
      'not_supported',
      `GET ${res.url} answered HTTP ${res.status}: no ${flavor === 'opensearch' ? 'Snapshot Management plugin' : 'SLM'} on this cluster`,
    );
  else snapshots = missing('error', `GET ${res.url} answered HTTP ${res.status}`);

  const probe = await anonymous.getJson('/');
  captures['GET / without credentials'] = { status: probe.status };
  let anon: Outcome<Setting<boolean>>;
  const at = { endpoint: `GET ${probe.url} without credentials: HTTP ${probe.status}` };
  if (probe.status === 401) anon = ok(setting(false, 'a request without credentials is refused (HTTP 401)', at));
  else if (probe.status === 200) anon = ok(setting(true, 'a request without credentials is served (security off, or anonymous access on)', at));
  else if (probe.status === 403)
    anon = ok(setting(true, 'a request without credentials is authenticated as the anonymous user (HTTP 403: known, but not allowed this request)', at));
  else anon = missing('error', `the probe without credentials answered HTTP ${probe.status}`);

  return { input: { flavor, ilm, dataStreams, ism, snapshots, indices: names.indices, anonymous: anon }, captures };
}
