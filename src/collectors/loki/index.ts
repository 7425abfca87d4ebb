/**
 * Grafana Loki: its configuration file and runtime overrides (files mode), or what a running Loki
 * serves at /config and /config/tenant/v1/limits (live mode). Both become the same StoreReading
 * (read.ts); the log-store mapping turns it into the model.
 */
import { parseSource } from '../../util/yaml-source.js';
import { redactConfigText, secretValues } from '../kit/redact.js';
import { storeOutput, textGetter } from '../log-store/collector.js';
import { isRecord } from '../log-store/located.js';
import { LOKI_OPTIONS_SCHEMA, type LokiOptions } from '../log-store/options.js';
import type { Collector } from '../types.js';
import type { DocumentSpec } from '../kit/files.js';
import { readLokiLive } from './live.js';
import { overridesTenants, readLoki } from './read.js';

type LokiKind = 'config' | 'overrides';

/** Top-level keys only a Loki configuration has (one is enough to recognize it). */
const LOKI_KEYS = [
  'auth_enabled',
  'schema_config',
  'limits_config',
  'compactor',
  'storage_config',
  'common',
  'table_manager',
  'chunk_store_config',
  'ingester',
  'query_range',
];

const LOKI_DOCUMENTS: DocumentSpec<LokiKind> = {
  expected:
    "Loki's configuration file (-config.file: schema_config, limits_config, compactor, ...) and optionally its runtime overrides file (overrides: {<tenant>: limits})",
  kinds: {
    config: {
      describe: "Loki's configuration file",
      match: (v) => isRecord(v) && !('overrides' in v) && Object.keys(v).some((k) => LOKI_KEYS.includes(k)),
      once: true,
    },
    overrides: {
      describe: "Loki's runtime overrides file (overrides:)",
      match: (v) => isRecord(v) && 'overrides' in v && (v.overrides === null || isRecord(v.overrides)),
      once: true,
    },
  },
  required: ['config'],
};

export const lokiCollector: Collector<LokiOptions, LokiKind> = {
  name: 'loki',
  types: ['loki'],
  options: LOKI_OPTIONS_SCHEMA,
  documents: LOKI_DOCUMENTS,
  files: {
    collect(ctx) {
      const config = ctx.documents.one('config')!;
      const overrides = ctx.documents.one('overrides');
      const reading = readLoki({
        config,
        tenants: overrides ? overridesTenants(overrides) : [],
        ...(ctx.options.tenants ? { scope: ctx.options.tenants } : {}),
        ...(overrides ? { overridesFrom: `${overrides.file}:${overrides.line}` } : {}),
        overridesRead: overrides !== undefined,
      });
      return storeOutput(reading, ctx.facts(), { files: ctx.documents.files });
    },
  },
  live: {
    token: 'optional',
    files: ['overrides'],
    async collect(ctx) {
      ctx.progress(`${ctx.id}: reading ${ctx.endpoint}/config`);
      const http = ctx.http(ctx.token ? { headers: { authorization: `Bearer ${ctx.token}` } } : {});
      const live = await readLokiLive(textGetter(http), ctx.options.tenants);
      // The configuration as served, redacted like a file: its secrets (secret_access_key, passwords) are found and never stored.
      const captures = Object.entries(live.captures).map(([name, text]) => {
        const found = secretValues(parseSource(text, name).value);
        for (const v of found) ctx.secret(v);
        return { name, mediaType: 'application/yaml', bytes: Buffer.from(redactConfigText(text, found), 'utf8'), original: Buffer.from(text, 'utf8') };
      });
      const overrides = ctx.documents.one('overrides');
      const fromFile = overrides ? overridesTenants(overrides).filter((t) => !live.tenants.some((x) => x.tenant === t.tenant)) : [];
      const reading = readLoki({
        config: live.config,
        tenants: [...live.tenants, ...fromFile],
        ...(ctx.options.tenants ? { scope: ctx.options.tenants } : {}),
        ...(overrides || live.tenants.length
          ? {
              overridesFrom: [live.tenants.length ? 'GET /config/tenant/v1/limits' : '', overrides ? `${overrides.file}:${overrides.line}` : '']
                .filter(Boolean)
                .join(' and '),
            }
          : {}),
        // Every tenant in scope read live, or the overrides file given next to the endpoint.
        overridesRead: overrides !== undefined || (ctx.options.tenants !== undefined && live.tenantsUnread.length === 0),
      });
      return {
        ...storeOutput(reading, ctx.facts(), {
          ...(live.tenantsUnread.length ? { tenants_without_limits_endpoint: live.tenantsUnread } : {}),
          requests: http.stats.requests,
        }),
        captures,
      };
    },
  },
};
