/**
 * Live mode: what a running Loki serves. `GET /config` is the whole configuration in effect (YAML,
 * defaults included); `GET /config?mode=diff` is only what differs from the defaults, so a value
 * absent from it is recorded as Loki's default. (Loki's HTTP API reference writes `mode=diffs`; the
 * handler, pkg/loki/config_handler.go, matches `diff`, and answers anything else with the whole
 * configuration.) Per tenant, `GET /config/tenant/v1/limits` with `X-Scope-OrgID: <tenant>` gives
 * that tenant's limits, overrides applied (recent Loki; older ones answer 404).
 * Loki has no authentication of its own: a token, when given, is for the proxy in front.
 */
import { parseSource } from '../../util/yaml-source.js';
import { storeInputError } from '../log-store/errors.js';
import { isRecord, type Located, pick } from '../log-store/located.js';
import type { TenantLimits } from './read.js';

/** What live mode needs from an HTTP client: a GET whose body is text (Loki answers YAML). */
export interface TextGetter {
  getText(path: string, headers?: Record<string, string>): Promise<{ readonly status: number; readonly url: string; readonly text: string }>;
}

function yaml(text: string, endpoint: string): unknown {
  try {
    return parseSource(text, endpoint).value;
  } catch (e) {
    // only answers of HTTP 200 are parsed
    throw storeInputError({ endpoint, status: 200 }, 'the answer is not YAML', "Loki's configuration as YAML (GET /config)", e);
  }
}

/** A live answer as a Located: read at the endpoint; marked as a default when `diff` lacks it. */
function answer(value: unknown, endpoint: string, diff: unknown, diffEndpoint: string | undefined): Located {
  const dflt = (pointer: string) =>
    diffEndpoint !== undefined && pick(diff, pointer) === undefined ? { default: `Loki's default (absent from ${diffEndpoint})` } : {};
  return {
    value,
    at: (pointer) => ({ endpoint, ...(pointer ? { pointer } : {}), ...dflt(pointer) }),
    absent: (pointer, documentedDefault) => ({ endpoint, ...(pointer ? { pointer } : {}), default: documentedDefault }),
  };
}

export interface LokiLive {
  readonly config: Located;
  readonly tenants: TenantLimits[];
  /** Tenants whose limits endpoint is missing (older Loki): their overrides need the runtime config file. */
  readonly tenantsUnread: string[];
  readonly captures: Record<string, string>;
}

export async function readLokiLive(api: TextGetter, tenants: readonly string[] | undefined): Promise<LokiLive> {
  const captures: Record<string, string> = {};
  const full = await api.getText('/config');
  const where = `GET ${full.url}`;
  if (full.status === 401 || full.status === 403) {
    throw storeInputError(
      { endpoint: where, status: full.status },
      `HTTP ${full.status} from the proxy in front of Loki`,
      'a token the proxy accepts (token_env) or an endpoint that reaches Loki',
    );
  }
  if (full.status !== 200)
    throw storeInputError(
      { endpoint: where, status: full.status },
      `HTTP ${full.status}`,
      "Loki's HTTP API (endpoint: http://loki:3100), which serves GET /config",
    );
  captures['config.yaml'] = full.text;
  const value = yaml(full.text, where);
  if (!isRecord(value) || !('limits_config' in value || 'server' in value)) {
    throw storeInputError(
      { endpoint: where, status: full.status },
      'the answer is not a Loki configuration',
      "Loki's configuration (GET /config) with server, limits_config, compactor, ...",
    );
  }
  let diff: unknown;
  let diffWhere: string | undefined;
  const d = await api.getText('/config?mode=diff');
  if (d.status === 200) {
    captures['config-diff.yaml'] = d.text;
    diff = yaml(d.text, `GET ${d.url}?mode=diff`);
    diffWhere = 'GET /config?mode=diff';
  }
  const read: TenantLimits[] = [];
  const unread: string[] = [];
  for (const tenant of tenants ?? []) {
    const res = await api.getText('/config/tenant/v1/limits', { 'X-Scope-OrgID': tenant });
    if (res.status === 404) {
      unread.push(tenant);
      continue;
    }
    const endpoint = `GET ${res.url} (X-Scope-OrgID: ${tenant})`;
    if (res.status !== 200)
      throw storeInputError({ endpoint, status: res.status }, `HTTP ${res.status}`, "Loki's per-tenant limits (GET /config/tenant/v1/limits)");
    captures[`limits-${tenant}.yaml`] = res.text;
    read.push({ tenant, limits: answer(yaml(res.text, endpoint), endpoint, undefined, undefined) });
  }
  return { config: answer(value, where, diff, diffWhere), tenants: read, tenantsUnread: unread, captures };
}
