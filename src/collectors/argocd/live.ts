/**
 * Live mode: Argo CD's REST API (assets/swagger.json). `GET /api/v1/settings` (SSO: dexConfig,
 * oidcConfig; served without authentication), `GET /api/v1/account` with the token (local accounts
 * with their capabilities and whether they are enabled, the built-in admin included; needs
 * `accounts, get`, which role:readonly has), and the same request WITHOUT a token: Argo CD answers
 * it only when anonymous access is on (or authentication is disabled), else 401. The API does not
 * expose the RBAC policy: give argocd-rbac-cm with `files:` next to `endpoint:` to read it.
 */
import { ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import type { HttpClient, JsonResponse } from '../kit/http.js';
import { failed, missing, ok, type Outcome, permissionMissing } from '../kit/result.js';
import type { LiveContext } from '../types.js';
import type { ArgoKind } from './configmaps.js';
import { rbacOf } from './configmaps.js';
import type { Setting } from '../kit/setting.js';
import type { ArgoSettings, LocalAccount } from './normalize.js';
import type { ArgocdOptions } from './options.js';

const ACCOUNTS_PERMISSION = 'accounts, get (e.g. role:readonly) in argocd-rbac-cm';

interface ApiAccount {
  name?: unknown;
  enabled?: unknown;
  capabilities?: unknown;
}

/** A response that is not what Argo CD documents: the tool's input is broken. */
function shape(res: JsonResponse, what: string, expected: string): never {
  throw new ToolInputError({ endpoint: `GET ${res.url}`, status: res.status }, `unexpected response for ${what}`, { expected });
}

function rejected(res: JsonResponse, tokenEnv: string | undefined): never {
  throw new ToolInputError({ endpoint: `GET ${res.url}`, status: res.status }, `the token in $${tokenEnv ?? '(token_env)'} was rejected (HTTP 401)`, {
    expected: 'a valid Argo CD API token (argocd account generate-token)',
  });
}

export interface LiveRead {
  readonly settings: ArgoSettings;
  readonly details: Record<string, unknown>;
}

export async function readLive(ctx: LiveContext<ArgocdOptions, ArgoKind>): Promise<LiveRead> {
  const api: HttpClient = ctx.http({ headers: { authorization: `Bearer ${ctx.token ?? ''}` } });
  const anonymous: HttpClient = ctx.http();
  const at = (res: JsonResponse): FactSource => ({ endpoint: `GET ${res.url}` });

  ctx.progress(`${ctx.id}: reading settings and accounts from ${ctx.endpoint}`);
  const settingsRes = await api.getJson('/api/v1/settings');
  if (settingsRes.status === 401) rejected(settingsRes, ctx.target.token_env);
  if (settingsRes.status !== 200) {
    throw new ToolInputError({ endpoint: `GET ${settingsRes.url}`, status: settingsRes.status }, `HTTP ${settingsRes.status}`, {
      expected: 'the Argo CD API (endpoint: the argocd-server URL, e.g. https://argocd.example.com)',
    });
  }
  const s = settingsRes.json as { url?: unknown; dexConfig?: { connectors?: unknown }; oidcConfig?: { name?: unknown; issuer?: unknown } } | null;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) shape(settingsRes, 'settings', "Argo CD's Settings object (GET /api/v1/settings)");
  ctx.capture('settings.json', s);

  const accountsRes = await api.getJson('/api/v1/account');
  if (accountsRes.status === 401) rejected(accountsRes, ctx.target.token_env);
  let items: Outcome<ApiAccount[]>;
  if (accountsRes.status === 200) {
    const body = accountsRes.json as { items?: unknown } | null;
    if (body === null || typeof body !== 'object' || (body.items !== undefined && !Array.isArray(body.items))) {
      shape(accountsRes, 'accounts', "Argo CD's AccountsList ({items: [...]})");
    }
    items = ok((body.items as ApiAccount[] | undefined) ?? []);
    ctx.capture('account.json', body);
  } else if (accountsRes.status === 403) {
    items = permissionMissing(`Argo CD answered HTTP 403 for GET /api/v1/account`, ACCOUNTS_PERMISSION);
  } else {
    items = failed(`Argo CD answered HTTP ${accountsRes.status} for GET /api/v1/account`);
  }

  const probe = await anonymous.getJson('/api/v1/account');
  ctx.capture('anonymous-probe.json', { request: 'GET /api/v1/account without a token', status: probe.status });
  const anon: Outcome<Setting<boolean>> =
    probe.status === 200 || probe.status === 401
      ? ok({ value: probe.status === 200, source: { endpoint: `GET ${probe.url} (without a token: HTTP ${probe.status})` } })
      : failed(`the anonymous probe (GET /api/v1/account without a token) answered HTTP ${probe.status}`);

  let admin: Outcome<Setting<boolean>>;
  let accounts: Outcome<LocalAccount[]>;
  if (!items.ok) {
    admin = items;
    accounts = items;
  } else {
    const parsed = items.value.map((a) => ({
      name: typeof a.name === 'string' ? a.name : '',
      // proto3 JSON leaves false booleans and empty lists out
      enabled: a.enabled === true,
      capabilities: Array.isArray(a.capabilities) ? a.capabilities.filter((c): c is string => c === 'login' || c === 'apiKey') : [],
      source: at(accountsRes),
    }));
    if (parsed.some((a) => a.name === '')) shape(accountsRes, 'accounts', 'every account with a name');
    const adminItem = parsed.find((a) => a.name === 'admin');
    admin = adminItem
      ? ok({ value: adminItem.enabled, source: at(accountsRes) })
      : missing('permission_missing', 'the account list does not include the built-in admin: the token may not get every account', ACCOUNTS_PERMISSION);
    accounts = ok(parsed.filter((a) => a.name !== 'admin').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  }

  const connectors = Array.isArray(s.dexConfig?.connectors) ? (s.dexConfig.connectors as Record<string, unknown>[]) : undefined;
  const dex: ArgoSettings['dex'] = s.dexConfig
    ? {
        value: {
          connectors: (connectors ?? []).map((c) => ({ type: String(c?.type ?? ''), id: String(c?.id ?? ''), name: String(c?.name ?? '') })),
          urlSet: typeof s.url === 'string' && s.url !== '',
        },
        source: at(settingsRes),
      }
    : undefined;
  const oidc: ArgoSettings['oidc'] =
    s.oidcConfig && typeof s.oidcConfig === 'object'
      ? { value: { name: String(s.oidcConfig.name ?? ''), issuer: String(s.oidcConfig.issuer ?? '') }, source: at(settingsRes) }
      : undefined;
  const rbacRead = rbacOf(ctx.documents.one('argocd-rbac-cm'), "Argo CD's API does not expose the RBAC policy (argocd-rbac-cm)");
  const rbac: ArgoSettings['rbac'] = rbacRead.rbac.ok ? rbacRead.rbac : missing('not_supported', rbacRead.rbac.detail);
  return {
    settings: { admin, accounts, anonymous: anon, dex, oidc, rbac },
    details: {
      api: ctx.endpoint,
      argocd_url: typeof s.url === 'string' ? s.url : null,
      requests: api.stats.requests + anonymous.stats.requests,
      retries: api.stats.retries + anonymous.stats.retries,
      anonymous_probe: `GET /api/v1/account without a token: HTTP ${probe.status}`,
      rbac: rbacRead.rbac.ok ? `read from ${ctx.documents.files.join(', ')}` : 'not exposed by the API; give argocd-rbac-cm with files: next to endpoint:',
      ...(rbacRead.notes.scopes ? { rbac_scopes: rbacRead.notes.scopes.value } : {}),
      ...(rbacRead.notes.matchMode ? { rbac_match_mode: rbacRead.notes.matchMode.value } : {}),
    },
  };
}
