/**
 * Vault and OpenBao (one collector, two tool types):
 *
 *  - live mode: the HTTP API with the token from token_env (source.ts), plus the server
 *    configuration from files: next to the endpoint (OpenBao declares audit devices there);
 *  - files mode: the server configuration (HCL or JSON) and JSON exports of the same API
 *    responses (documents.ts, scripts/export-vault.sh);
 *  - read.ts asks both the same questions; normalize.ts maps the answers to the model.
 */
import type { Collector, CollectorOutput } from '../types.js';
import type { FactsBuilder } from '../kit/facts.js';
import { VAULT_DOCUMENTS, type VaultKind } from './documents.js';
import { normalizeVault } from './normalize.js';
import { VAULT_OPTIONS_SCHEMA, type VaultOptions } from './options.js';
import { readVault, type VaultState } from './read.js';
import { exportSource, liveSource, type VaultSource } from './source.js';
import type { Documents } from '../kit/files.js';

async function collect(
  src: VaultSource,
  type: string,
  documents: Documents<VaultKind>,
  options: VaultOptions,
  f: FactsBuilder,
  secret: (v: string) => void,
): Promise<CollectorOutput> {
  const configs = documents.byKind['server-config'];
  const state: VaultState = await readVault(
    src,
    type === 'openbao' ? 'openbao' : 'vault',
    configs,
    {
      maxTokenLookups: options.max_token_lookups ?? 2000,
      maxItems: options.max_items ?? 5000,
    },
    secret,
  );
  const { facts, resources } = normalizeVault(state, f);
  const devices = state.audit.ok ? state.audit.value.devices : [];
  return {
    facts,
    resources,
    details: {
      read_from: src.kind === 'api' ? 'the API' : 'exported API responses',
      ...(configs.length ? { server_config: configs.map((c) => `${c.file}:${c.line}`) } : {}),
      audit_devices: devices.map((d) => ({
        path: `${d.path}/`,
        type: d.type,
        declared: d.declared,
        log_raw: d.options.log_raw ?? 'false',
        hmac_accessor: d.options.hmac_accessor ?? 'true',
        ...(d.options.mode ? { mode: d.options.mode } : {}),
        ...(d.options.filter ? { filter: d.options.filter } : {}),
      })),
      ...(state.config ? { unsafe_allow_api_audit_creation: state.config.unsafeApiAudit.value } : {}),
      ...(state.auth.ok ? { auth_methods: state.auth.value.mounts.map((m) => `auth/${m.path}/ (${m.type})`) } : {}),
      ...(state.policies.ok ? { admin_policies: [...state.policies.value.byName.values()].filter((p) => p.admin).map((p) => p.name) } : {}),
      ...(state.holders.ok && state.holders.value.notRead.length ? { principals_not_read: state.holders.value.notRead } : {}),
      ...(state.warnings.length || devices.some((d) => d.options.hmac_accessor === 'false')
        ? {
            warnings: [
              ...state.warnings,
              ...devices.filter((d) => d.options.hmac_accessor === 'false').map((d) => `${d.path}/: hmac_accessor=false records token accessors in clear`),
            ],
          }
        : {}),
    },
  };
}

export const vaultCollector: Collector<VaultOptions, VaultKind> = {
  name: 'vault',
  types: ['vault', 'openbao'],
  options: VAULT_OPTIONS_SCHEMA,
  documents: VAULT_DOCUMENTS,
  files: {
    collect: (ctx) => collect(exportSource(ctx.documents), ctx.target.type, ctx.documents, ctx.options, ctx.facts(), ctx.secret),
  },
  live: {
    token: 'required',
    files: ['server-config'],
    async collect(ctx) {
      ctx.progress(`${ctx.id}: reading audit devices, auth methods, policies and tokens from ${ctx.endpoint}`);
      const headers: Record<string, string> = { 'x-vault-token': ctx.token ?? '' };
      if (ctx.options.namespace) headers['x-vault-namespace'] = ctx.options.namespace;
      const src = liveSource({
        http: ctx.http({ headers }),
        tokenEnv: ctx.target.token_env,
        pageSize: ctx.options.list_page_size ?? (ctx.target.type === 'openbao' ? 500 : 0),
        maxKeys: Math.max(ctx.options.max_items ?? 5000, ctx.options.max_token_lookups ?? 2000) + 1,
        capture: ctx.capture,
      });
      return collect(src, ctx.target.type, ctx.documents, ctx.options, ctx.facts(), ctx.secret);
    },
  },
};
