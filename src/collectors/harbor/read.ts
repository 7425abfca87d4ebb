/**
 * Harbor (api/v2.0/swagger.yaml), read from the live API or from JSON exports of the same
 * responses, into one HarborState:
 *
 *  - `GET /api/v2.0/configurations` (system admin): `{name: {value, editable}}` items;
 *  - `GET /api/v2.0/system/purgeaudit/schedule`: the audit-log purge job and its
 *    `parameters.audit_retention_hour`;
 *  - `GET /api/v2.0/users` (system admin, paged): `username`, `sysadmin_flag`;
 *  - `GET /api/v2.0/projects?public=true` (paged): projects anyone can pull from;
 *  - `harbor.yml` (the installer's config), for what it holds: TLS and the initial admin password.
 */
import { ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import type { DocumentSpec, Documents, SourceObject } from '../kit/files.js';
import { HttpError, type HttpClient, type JsonResponse } from '../kit/http.js';
import { failed, notCollected, type Outcome, ok, permissionMissing } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';

export type HarborKind = 'configurations' | 'purge-schedule' | 'users' | 'projects' | 'harbor-yml';

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isItem = (v: unknown) => isMapping(v) && 'value' in v;

export const HARBOR_DOCUMENTS: DocumentSpec<HarborKind> = {
  expected:
    'JSON exports of the Harbor API (GET /api/v2.0/configurations, /system/purgeaudit/schedule, /users, /projects?public=true) or harbor.yml (see the README for the curl commands)',
  kinds: {
    configurations: { describe: 'an export of GET /api/v2.0/configurations', match: (v) => isMapping(v) && isItem(v.auth_mode), once: true },
    'purge-schedule': {
      describe: 'an export of GET /api/v2.0/system/purgeaudit/schedule',
      match: (v) => isMapping(v) && ('schedule' in v || 'parameters' in v) && !('hostname' in v),
      once: true,
    },
    users: {
      describe: 'an export of GET /api/v2.0/users (all pages in one JSON array)',
      // never empty: the built-in admin always exists (an empty list is the projects export)
      match: (v) => Array.isArray(v) && v.length > 0 && v.every((u) => isMapping(u) && typeof u.username === 'string' && 'sysadmin_flag' in u),
      once: true,
    },
    projects: {
      describe: 'an export of GET /api/v2.0/projects?public=true (all pages in one JSON array; [] when none is public)',
      match: (v) => Array.isArray(v) && v.every((p) => isMapping(p) && typeof p.name === 'string' && 'project_id' in p),
      once: true,
    },
    'harbor-yml': {
      describe: "Harbor's installer configuration harbor.yml",
      match: (v) => isMapping(v) && typeof v.hostname === 'string' && 'harbor_admin_password' in v,
      once: true,
    },
  },
};

interface HarborUser {
  readonly username: string;
  readonly admin: boolean;
  readonly source: FactSource;
}

interface PurgeSchedule {
  /** The schedule type (Hourly, Daily, Weekly, Custom) or None. */
  readonly type: string;
  readonly retentionHours: number | undefined;
  readonly dryRun: boolean;
}

export interface HarborState {
  /** Configuration items by name, each with where it was read. */
  readonly config: Outcome<ReadonlyMap<string, Setting<unknown>>>;
  readonly purge: Outcome<Setting<PurgeSchedule>>;
  readonly users: Outcome<{ readonly users: readonly HarborUser[]; readonly source: FactSource }>;
  readonly publicProjects: Outcome<{ readonly names: readonly string[]; readonly source: FactSource }>;
  readonly yml: { readonly https: Setting<boolean>; readonly defaultAdminPassword: boolean; readonly file: string } | undefined;
}

function purgeOf(v: Record<string, unknown>): PurgeSchedule {
  const sched = isMapping(v.schedule) ? v.schedule : {};
  const params = isMapping(v.parameters) ? v.parameters : {};
  const hours = Number(params.audit_retention_hour);
  return {
    type: typeof sched.type === 'string' && sched.type !== '' ? sched.type : 'None',
    retentionHours: Number.isFinite(hours) && hours > 0 ? hours : undefined,
    dryRun: params.dry_run === true || params.dry_run === 'true',
  };
}

const NO_SCHEDULE: FactSource = { default: 'no audit-log purge schedule: Harbor keeps its audit records in its database until a purge job deletes them' };
const ADMIN = 'a Harbor system administrator (or a robot account with system-level read on configuration, user and project)';

/** Files mode: the exports. */
export function readExports(documents: Documents<HarborKind>): HarborState {
  const cfg = documents.one('configurations');
  const purge = documents.one('purge-schedule');
  const users = documents.one('users');
  const projects = documents.one('projects');
  const yml = documents.one('harbor-yml');
  const missing = (what: string, cmd: string) => notCollected(`${what} was not given: export it with ${cmd}`);
  return {
    config: cfg
      ? ok(itemsOf(cfg.value as Record<string, unknown>, (k) => cfg.at(`/${k.replace(/~/g, '~0').replace(/\//g, '~1')}/value`)))
      : missing('GET /api/v2.0/configurations', 'curl .../api/v2.0/configurations'),
    purge: purge
      ? ok({ value: purgeOf(purge.value as Record<string, unknown>), source: purge.at('') })
      : missing('GET /api/v2.0/system/purgeaudit/schedule', 'curl .../api/v2.0/system/purgeaudit/schedule'),
    users: users
      ? ok({
          users: (users.value as Record<string, unknown>[]).map((u, i) => ({
            username: String(u.username),
            admin: u.sysadmin_flag === true,
            source: users.at(`/${i}`),
          })),
          source: users.at(''),
        })
      : missing('GET /api/v2.0/users', 'curl .../api/v2.0/users?page_size=100 (every page)'),
    publicProjects: projects
      ? ok({
          names: (projects.value as Record<string, unknown>[])
            .filter((p) => isMapping(p.metadata) && String(p.metadata.public) === 'true')
            .map((p) => String(p.name)),
          source: projects.at(''),
        })
      : missing('GET /api/v2.0/projects?public=true', 'curl ".../api/v2.0/projects?public=true&page_size=100" (every page)'),
    yml: yml ? readYml(yml) : undefined,
  };
}

function itemsOf(v: Record<string, unknown>, at: (k: string) => FactSource): Map<string, Setting<unknown>> {
  const out = new Map<string, Setting<unknown>>();
  for (const [k, item] of Object.entries(v)) if (isItem(item)) out.set(k, { value: (item as { value: unknown }).value, source: at(k) });
  return out;
}

function readYml(o: SourceObject): NonNullable<HarborState['yml']> {
  const v = o.value as Record<string, unknown>;
  const https = isMapping(v.https) && typeof v.https.certificate === 'string';
  return {
    https: https
      ? { value: true, source: o.at('/https') }
      : { value: false, source: o.absent(isMapping(v.https) ? '/https/certificate' : '/https', 'https is absent: Harbor serves plain HTTP') },
    defaultAdminPassword: v.harbor_admin_password === 'Harbor12345',
    file: o.file,
  };
}

/** Live mode: the API with basic auth (a user or a robot account). */
export async function readApi(
  http: HttpClient,
  tokenEnv: string | undefined,
  pageSize: number,
  maxItems: number,
  capture: (name: string, v: unknown) => void,
): Promise<HarborState> {
  const at = (res: JsonResponse): FactSource => ({ endpoint: `GET ${res.url}` });
  const get = async (path: string, allow404 = false): Promise<Outcome<JsonResponse>> => {
    try {
      const res = await http.getJson(path);
      if (res.status === 401) {
        throw new ToolInputError({ endpoint: `GET ${res.url}`, status: 401 }, `the credentials in $${tokenEnv ?? '(token_env)'} were rejected (HTTP 401)`, {
          expected: 'a Harbor user password or robot account secret, with options.username',
        });
      }
      if (res.status === 403) return permissionMissing(`GET ${res.url} answered 403`, ADMIN);
      if (res.status !== 200 && !(allow404 && res.status === 404)) return failed(`GET ${res.url} answered HTTP ${res.status}`);
      return ok(res);
    } catch (e) {
      if (e instanceof HttpError) return failed(e.message);
      throw e;
    }
  };
  /** Every page of a list endpoint (page, page_size; X-Total-Count or a short page ends it). */
  const pages = async (path: string, name: string): Promise<Outcome<{ items: Record<string, unknown>[]; source: FactSource }>> => {
    const items: Record<string, unknown>[] = [];
    let first: JsonResponse | undefined;
    for (let page = 1; ; page++) {
      const r = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=${pageSize}`);
      if (!r.ok) return r;
      first ??= r.value;
      const list = r.value.json;
      if (!Array.isArray(list)) return failed(`GET ${r.value.url} did not answer a list`);
      items.push(...list.filter(isMapping));
      if (items.length > maxItems) return notCollected(`${path} has more than ${maxItems} items (option max_items)`);
      const total = Number(r.value.headers.get('x-total-count'));
      if (list.length < pageSize || (Number.isFinite(total) && items.length >= total)) break;
    }
    capture(name, items);
    return ok({ items, source: at(first!) });
  };

  const cfgRes = await get('/api/v2.0/configurations');
  let config: HarborState['config'];
  if (!cfgRes.ok) config = cfgRes;
  else if (!isMapping(cfgRes.value.json) || !isItem(cfgRes.value.json.auth_mode))
    config = failed(`GET ${cfgRes.value.url} did not answer Harbor's configurations ({auth_mode: {value, editable}, ...})`);
  else {
    capture('configurations.json', cfgRes.value.json);
    const res = cfgRes.value;
    config = ok(itemsOf(res.json as Record<string, unknown>, (k) => ({ endpoint: `GET ${res.url} (${k})` })));
  }
  // No purge job: 404 or an empty schedule (both mean Harbor deletes nothing).
  const purgeRes = await get('/api/v2.0/system/purgeaudit/schedule', true);
  let purge: HarborState['purge'];
  if (!purgeRes.ok) purge = purgeRes;
  else {
    const body = purgeRes.value.status === 200 && isMapping(purgeRes.value.json) ? purgeRes.value.json : {};
    capture('purgeaudit-schedule.json', { status: purgeRes.value.status, body });
    purge = ok({ value: purgeOf(body), source: at(purgeRes.value) });
  }
  const users = await pages('/api/v2.0/users', 'users.json');
  const projects = await pages('/api/v2.0/projects?public=true', 'projects.json');
  return {
    config,
    purge,
    users: users.ok
      ? ok({
          users: users.value.items.map((u) => ({ username: String(u.username), admin: u.sysadmin_flag === true, source: users.value.source })),
          source: users.value.source,
        })
      : users,
    publicProjects: projects.ok
      ? ok({
          names: projects.value.items.filter((p) => isMapping(p.metadata) && String(p.metadata.public) === 'true').map((p) => String(p.name)),
          source: projects.value.source,
        })
      : projects,
    yml: undefined,
  };
}

export { NO_SCHEDULE };
