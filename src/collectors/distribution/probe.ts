/**
 * Live mode of the Distribution registry: a probe that anonymous pulls and pushes are refused.
 * The registry has no configuration API, so this is what the endpoint proves; its config.yml can be
 * given next to the endpoint (`files:`) for everything else.
 *
 * Each request goes twice: without credentials, and with a made-up bearer token, because `auth:
 * silly` challenges a request without an Authorization header but accepts any value in one
 * (docs: "It does not check the header's value"). Requests (registry HTTP API v2):
 *
 *  - `GET /v2/` (the API version check),
 *  - `GET /v2/_catalog?n=1` (listing) and `GET /v2/<repo>/manifests/latest` (a pull: 200 or a
 *    404 `MANIFEST_UNKNOWN`/`NAME_UNKNOWN` means access was granted and the lookup ran),
 *  - `POST /v2/<repo>/blobs/uploads/` (a push starts with an upload; 202 Accepted means anonymous
 *    push works). An upload the registry accepted is cancelled at once with `DELETE <Location>`.
 *
 * 401 and 403 are refusals. 405 to the upload is a registry that refuses every push (read-only
 * maintenance mode or a pull-through cache): refused, but not by authentication, which is said.
 *
 * A refusal is the probe's evidence, so the registry answers (registryAnswered) whatever the
 * status when it identifies itself (`Docker-Distribution-API-Version: registry/2.0`, which the
 * API spec says clients may require), or with a 401 carrying its `WWW-Authenticate` challenge.
 * A server that answers every probe otherwise (a proxy's 403 or 500, an HTML page) is not read.
 */
import type { FactSource } from '../../model/types.js';
import { HttpError, type HttpClient } from '../kit/http.js';
import { failed, type Outcome, ok } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';

interface ProbeStep {
  readonly request: string;
  readonly sent: 'no Authorization header' | 'a made-up bearer token';
  /** HTTP status, or null when no answer came (the error says why). */
  readonly status: number | null;
  readonly outcome: 'accepted' | 'refused' | 'inconclusive';
  readonly note?: string;
}

export interface ProbeResult {
  /** Anonymous (or made-up credential) listing or pulling works. */
  readonly pull: Outcome<Setting<boolean>>;
  /** Anonymous (or made-up credential) upload start works. */
  readonly push: Outcome<Setting<boolean>>;
  readonly steps: readonly ProbeStep[];
}

/** A token no server issued: accepted only by a registry that does not check credentials. */
const MADE_UP_TOKEN = 'auditready-probe-not-a-real-token';

type Step = Omit<ProbeStep, 'sent'>;

async function send(http: HttpClient, method: string, path: string, headers: Record<string, string>): Promise<{ res?: Response; error?: string }> {
  try {
    return { res: await http.fetch(path, { method, headers, redirect: 'manual' }) };
  } catch (e) {
    if (e instanceof HttpError) return { error: e.message };
    throw e;
  }
}

function judge(request: string, status: number | undefined, error: string | undefined, accepted: (s: number) => boolean): Step {
  if (status === undefined) return { request, status: null, outcome: 'inconclusive', note: error ?? 'no answer' };
  if (status === 401 || status === 403) return { request, status, outcome: 'refused' };
  if (accepted(status)) return { request, status, outcome: 'accepted' };
  return { request, status, outcome: 'inconclusive', note: `HTTP ${status} says nothing about authentication` };
}

/** Cancel an upload the registry accepted, so the probe leaves nothing behind. */
async function cancelUpload(http: HttpClient, endpoint: string, res: Response, headers: Record<string, string>): Promise<string> {
  const location = res.headers.get('location');
  if (!location) return 'the registry accepted the upload but sent no Location to cancel it; it expires with storage.maintenance.uploadpurging';
  let url: URL;
  try {
    url = new URL(location, `${endpoint}/`);
  } catch {
    return 'the upload Location is not a URL; it expires with storage.maintenance.uploadpurging';
  }
  if (url.origin !== new URL(endpoint).origin)
    return `the upload Location points at ${url.origin}, not the endpoint; not cancelled (it expires with storage.maintenance.uploadpurging)`;
  const del = await send(http, 'DELETE', url.href, headers);
  return del.res && del.res.status >= 200 && del.res.status < 300
    ? 'the upload was cancelled at once (DELETE)'
    : `cancelling the upload failed (${del.res ? `HTTP ${del.res.status}` : del.error}); it expires with storage.maintenance.uploadpurging`;
}

/** Whether a response is the registry answering (ctx.http isAnswer): see the file's comment. */
export function registryAnswered(res: Response): boolean {
  if (/^registry\/2\.0\b/.test(res.headers.get('docker-distribution-api-version') ?? '')) return true;
  return res.status === 401 && res.headers.has('www-authenticate');
}

export async function probeRegistry(http: HttpClient, endpoint: string, repository: string): Promise<ProbeResult> {
  const steps: ProbeStep[] = [];
  const at = (request: string): FactSource => ({ endpoint: `${request} without valid credentials` });
  for (const sent of ['no Authorization header', 'a made-up bearer token'] as const) {
    const headers: Record<string, string> = sent === 'no Authorization header' ? {} : { authorization: `Bearer ${MADE_UP_TOKEN}` };
    const add = (s: Step) => steps.push({ ...s, sent });
    const base = await send(http, 'GET', '/v2/', headers);
    add(judge('GET /v2/', base.res?.status, base.error, (s) => s === 200));
    const catalog = await send(http, 'GET', '/v2/_catalog?n=1', headers);
    add(judge('GET /v2/_catalog', catalog.res?.status, catalog.error, (s) => s === 200));
    const manifest = await send(http, 'GET', `/v2/${repository}/manifests/latest`, { ...headers, accept: 'application/vnd.oci.image.manifest.v1+json' });
    add(judge(`GET /v2/${repository}/manifests/latest`, manifest.res?.status, manifest.error, (s) => s === 200 || s === 404));
    const upload = await send(http, 'POST', `/v2/${repository}/blobs/uploads/`, headers);
    const push = judge(`POST /v2/${repository}/blobs/uploads/`, upload.res?.status, upload.error, (s) => s === 202 || s === 201);
    if (upload.res?.status === 405) {
      add({
        ...push,
        outcome: 'refused',
        note: 'HTTP 405: the registry refuses every push (read-only mode or a pull-through cache), not because of authentication',
      });
    } else if (push.outcome === 'accepted' && upload.res) {
      add({ ...push, note: await cancelUpload(http, endpoint, upload.res, headers) });
    } else {
      add(push);
    }
  }
  // Accepted once is enough; refused needs every decisive request refused both ways.
  const verdict = (requests: (r: string) => boolean, decisive: (r: string) => boolean): Outcome<Setting<boolean>> => {
    const mine = steps.filter((s) => requests(s.request));
    const accepted = mine.find((s) => s.outcome === 'accepted');
    if (accepted)
      return ok({
        value: true,
        source: at(`${accepted.request} (${accepted.sent}: HTTP ${accepted.status})`),
      });
    const key = mine.filter((s) => decisive(s.request));
    if (key.every((s) => s.outcome === 'refused'))
      return ok({
        value: false,
        source: at(
          key
            .map((s) => `${s.request}: HTTP ${s.status}`)
            .filter(unique)
            .join('; '),
        ),
      });
    const open = key.filter((s) => s.outcome !== 'refused');
    return failed(`the probe could not tell: ${open.map((s) => `${s.request} (${s.sent}): ${s.note}`).join('; ')}`);
  };
  return {
    pull: verdict(
      (r) => r.startsWith('GET /v2/') && r !== 'GET /v2/',
      (r) => r.includes('/manifests/'),
    ),
    push: verdict(
      (r) => r.startsWith('POST '),
      (r) => r.startsWith('POST '),
    ),
    steps,
  };
}

function unique<T>(v: T, i: number, all: readonly T[]): boolean {
  return all.indexOf(v) === i;
}
