/**
 * Where the Vault/OpenBao API responses come from: the live API (`/v1/...` with the token), or the
 * exports given as files. The reader (read.ts) asks both the same questions, so the same server
 * gives the same model whichever way it was read; only the evidence sources differ.
 *
 * Live: GET for reads, `GET ...?list=true` for LIST (the documented alternative to the LIST verb;
 * OpenBao pages it with `after` and `limit`), POST for lookup-accessor. 404 on a LIST is an empty
 * list (Vault answers 404 when there are no keys); 403 is a permission gap naming the capability;
 * 401 stops the tool (the token was rejected); 5xx and timeouts after retries are error gaps.
 */
import { ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import type { Documents, SourceObject } from '../kit/files.js';
import { HttpError, type HttpClient, type JsonResponse } from '../kit/http.js';
import { failed, missing, notCollected, type Outcome, ok, permissionMissing } from '../kit/result.js';
import { dataOf, type VaultKind } from './documents.js';

export interface ApiData {
  readonly data: Record<string, unknown>;
  readonly source: FactSource;
  /** Positions inside the response, when it came from a file. */
  readonly object?: SourceObject;
}

export interface VaultSource {
  /** GET /v1/<path>: the data, null when the path does not exist (404). */
  read(path: string, permission: string): Promise<Outcome<ApiData | null>>;
  /** LIST /v1/<path>: the keys ([] when there are none). */
  list(path: string, permission: string): Promise<Outcome<{ keys: string[]; source: FactSource }>>;
  /** POST /v1/auth/token/lookup-accessor. */
  lookupAccessor(accessor: string): Promise<Outcome<ApiData | null>>;
  /** Live: checks the token is valid (lookup-self); the export was made with a valid one. */
  checkToken(): Promise<void>;
  /** 'api' or 'export'. */
  readonly kind: 'api' | 'export';
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function errorsOf(json: unknown): string {
  const errs = isMapping(json) && Array.isArray(json.errors) ? json.errors.filter((e): e is string => typeof e === 'string') : [];
  return errs.length ? `: ${errs.join('; ')}` : '';
}

/** The meaning of a status that is not 200. */
function refused<T>(status: number, what: string, json: unknown, permission: string): Outcome<T> {
  if (status === 403) return permissionMissing(`${what} answered 403 (permission denied${errorsOf(json)})`, permission);
  return failed(`${what} answered HTTP ${status}${errorsOf(json)}`);
}

export interface LiveSourceOptions {
  readonly http: HttpClient;
  readonly tokenEnv: string | undefined;
  /** LIST page size for OpenBao's paginated lists (after/limit); 0 = one request. */
  readonly pageSize: number;
  /** Stop a LIST after this many keys (bounded memory and time). */
  readonly maxKeys: number;
  readonly capture: (name: string, value: unknown) => void;
  /** Sees every response as the export format stores it (scripts/export-vault.mjs). */
  readonly record?: (entry: ExportEntry) => void;
}

/** One response in the export format: the API path, and the status when it was not 200. */
interface ExportEntry {
  readonly path: string;
  readonly list?: true;
  readonly accessor?: string;
  readonly status?: number;
  readonly body: unknown;
}

export function liveSource(o: LiveSourceOptions): VaultSource {
  const { http } = o;
  const rejected = (res: JsonResponse): never => {
    throw new ToolInputError(
      { endpoint: `GET ${res.url}`, status: res.status },
      `the token in $${o.tokenEnv ?? '(token_env)'} was rejected (HTTP ${res.status}${errorsOf(res.json)})`,
      {
        expected: 'a valid Vault/OpenBao token (vault token lookup)',
      },
    );
  };
  const send = async (path: string, init?: RequestInit): Promise<Outcome<JsonResponse>> => {
    try {
      const res = await http.getJson(`/v1/${path}`, init);
      if (res.status === 401) rejected(res);
      return ok(res);
    } catch (e) {
      if (e instanceof HttpError) return failed(e.message);
      throw e;
    }
  };
  const capture = (name: string, res: JsonResponse) => o.capture(`${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`, res.json);
  return {
    kind: 'api',
    async checkToken() {
      // Vault answers 403 "permission denied" to a bad token everywhere; every valid token can look
      // itself up (the default policy), so a refusal here means the token was rejected. The answer
      // holds the token itself (data.id): it is neither kept nor captured.
      // Nothing else can be trusted when the token cannot even be looked up: a server error, an HTML
      // page or a body that is not Vault's makes the tool unreadable, not a run of gaps (fail closed).
      // An HttpError (not JSON, cut short, unreachable) escapes: the kit makes it the tool's error.
      const res = await http.getJson('/v1/auth/token/lookup-self');
      if (res.status === 403 || res.status === 401) rejected(res);
      if (res.status !== 200 || dataOf(res.json) === undefined) {
        const what = res.status !== 200 ? `HTTP ${res.status}${errorsOf(res.json)}` : 'an answer without a data object';
        throw new ToolInputError({ endpoint: `GET ${res.url}`, status: res.status }, `the token could not be looked up (${what})`, {
          expected: 'the Vault/OpenBao HTTP API (GET /v1/auth/token/lookup-self answering {"data": {...}})',
        });
      }
    },
    async read(path, permission) {
      const r = await send(path);
      if (!r.ok) return r;
      const res = r.value;
      const what = `GET /v1/${path}`;
      o.record?.({ path, ...(res.status === 200 ? {} : { status: res.status }), body: res.json });
      if (res.status === 404) return ok(null);
      if (res.status !== 200) return refused(res.status, what, res.json, permission);
      const data = dataOf(res.json);
      if (!data) return failed(`${what} answered without a data object`);
      capture(path, res);
      return ok({ data, source: { endpoint: `GET ${res.url}` } });
    },
    async list(path, permission) {
      const keys: string[] = [];
      const seen = new Set<string>();
      let after: string | undefined;
      let url = '';
      for (;;) {
        const q = new URLSearchParams({ list: 'true' });
        if (o.pageSize > 0) q.set('limit', String(o.pageSize));
        if (after !== undefined) q.set('after', after);
        const r = await send(`${path}?${q}`);
        if (!r.ok) return r;
        const res = r.value;
        url = res.url;
        if (res.status === 404) break; // no keys (or no more)
        if (res.status !== 200) {
          o.record?.({ path, list: true, status: res.status, body: res.json });
          return refused(res.status, `LIST /v1/${path}`, res.json, permission);
        }
        const page = dataOf(res.json)?.keys;
        if (!Array.isArray(page) || !page.every((k) => typeof k === 'string')) return failed(`LIST /v1/${path} answered without data.keys`);
        const fresh = page.filter((k) => !seen.has(k));
        for (const k of fresh) seen.add(k);
        keys.push(...fresh);
        if (keys.length > o.maxKeys) return notCollected(`LIST /v1/${path} has more than ${o.maxKeys} keys (option max_list_keys)`);
        // A server that ignores after/limit (Vault) sends everything at once: no new keys ends the loop.
        if (o.pageSize === 0 || page.length < o.pageSize || fresh.length === 0) break;
        after = page.at(-1);
      }
      keys.sort();
      o.capture(`${path.replace(/[^A-Za-z0-9._-]+/g, '_')}.list.json`, { keys });
      o.record?.({ path, list: true, ...(keys.length ? { body: { data: { keys } } } : { status: 404, body: { errors: [] } }) });
      return ok({ keys, source: { endpoint: `LIST ${url}` } });
    },
    async lookupAccessor(accessor) {
      const r = await send('auth/token/lookup-accessor', {
        method: 'POST',
        body: JSON.stringify({ accessor }),
        headers: { 'content-type': 'application/json' },
      });
      if (!r.ok) return r;
      const res = r.value;
      const what = 'POST /v1/auth/token/lookup-accessor';
      o.record?.({ path: 'auth/token/lookup-accessor', accessor, ...(res.status === 200 ? {} : { status: res.status }), body: res.json });
      if (res.status === 400 || res.status === 404) return ok(null); // revoked meanwhile
      if (res.status !== 200) return refused(res.status, what, res.json, 'update on auth/token/lookup-accessor');
      const data = dataOf(res.json);
      if (!data) return failed(`${what} answered without a data object`);
      return ok({ data, source: { endpoint: `POST ${res.url}` } });
    },
  };
}

const EXPORT = 'scripts/export-vault.sh';

/** The exports given as files, keyed by API path. */
export function exportSource(documents: Documents<VaultKind>): VaultSource {
  const byPath = new Map<string, SourceObject>();
  for (const o of documents.byKind['api-response']) {
    const v = o.value as { path: string; accessor?: unknown };
    const key = v.path.replace(/^\/?(v1\/)?/, '').replace(/\/$/, '');
    byPath.set(key === 'auth/token/lookup-accessor' && typeof v.accessor === 'string' ? `${key}/${v.accessor}` : key, o);
  }
  const audit = documents.one('sys-audit');
  if (audit) byPath.set('sys/audit', audit);
  const auth = documents.one('sys-auth');
  if (auth) byPath.set('sys/auth', auth);
  for (const p of documents.byKind['acl-policy']) byPath.set(`sys/policies/acl/${dataOf(p.value)!.name}`, p);
  const names = documents.byKind['acl-policy'].map((p) => String(dataOf(p.value)!.name));

  /** An exported response: its data, or what the export says went wrong. */
  const get = (key: string, permission: string): Outcome<{ o: SourceObject; data: Record<string, unknown> } | null> => {
    const o = byPath.get(key);
    if (!o) return notCollected(`${key} is not among the exported files (export it with ${EXPORT})`);
    const v = o.value as { status?: unknown; errors?: unknown };
    if (typeof v.status === 'number' && v.status !== 200) {
      if (v.status === 404) return ok(null);
      return refused(v.status, `${key} (in ${o.file}:${o.line})`, v, permission);
    }
    const data = dataOf(o.value);
    if (!data) return failed(`${o.file}:${o.line}: the export of ${key} has no data object`);
    return ok({ o, data });
  };
  return {
    kind: 'export',
    async checkToken() {},
    async read(path, permission) {
      const r = get(path, permission);
      if (!r.ok || r.value === null) return r as Outcome<null>;
      return ok({ data: r.value.data, source: r.value.o.at('/data'), object: r.value.o });
    },
    async list(path, permission) {
      // Policies exported one by one with `vault read sys/policies/acl/NAME` list themselves.
      if (path === 'sys/policies/acl' && !byPath.has(path) && names.length > 0) {
        return ok({ keys: [...names].sort(), source: { default: `the policies given as files: ${names.join(', ')}` } });
      }
      const r = get(path, permission);
      if (!r.ok) return r;
      if (r.value === null) return ok({ keys: [], source: { default: `${path}: 404 in the export (no keys)` } });
      const keys = r.value.data.keys;
      if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string'))
        return missing('error', `${r.value.o.file}:${r.value.o.line}: the export of LIST ${path} has no data.keys`);
      return ok({ keys: [...(keys as string[])].sort(), source: r.value.o.at('/data/keys') });
    },
    async lookupAccessor(accessor) {
      const r = get(`auth/token/lookup-accessor/${accessor}`, 'update on auth/token/lookup-accessor');
      if (!r.ok || r.value === null) return r as Outcome<null>;
      return ok({ data: r.value.data, source: r.value.o.at('/data'), object: r.value.o });
    },
  };
}
