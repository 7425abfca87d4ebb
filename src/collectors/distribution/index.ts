/**
 * The CNCF Distribution registry (Debian's docker-registry):
 *
 *  - files mode: its config.yml (auth, notifications, log, storage) and optionally the htpasswd
 *    file auth.htpasswd.path names (config.ts);
 *  - live mode: a probe that anonymous pulls and pushes are refused (probe.ts), with the same
 *    files given next to the endpoint for everything the probe cannot see;
 *  - normalize.ts maps both to the model.
 */
import type { Collector, CollectorOutput } from '../types.js';
import type { Documents } from '../kit/files.js';
import { DISTRIBUTION_DOCUMENTS, type DistributionKind, readHtpasswd, readRegistryConfig } from './config.js';
import { normalizeDistribution } from './normalize.js';
import { DEFAULT_PROBE_REPOSITORY, DISTRIBUTION_OPTIONS_SCHEMA, type DistributionOptions } from './options.js';
import { type ProbeResult, probeRegistry, registryAnswered } from './probe.js';
import type { FactsBuilder } from '../kit/facts.js';
import { hashSecret } from '../kit/redact.js';

function output(documents: Documents<DistributionKind>, probe: ProbeResult | undefined, f: FactsBuilder, secret: (v: string) => void): CollectorOutput {
  const configObj = documents.one('config');
  const htObj = documents.one('htpasswd');
  const config = configObj ? readRegistryConfig(configObj) : undefined;
  for (const s of config?.secrets ?? []) secret(s);
  const htpasswd = htObj ? readHtpasswd(htObj) : undefined;
  for (const h of htpasswd?.hashes ?? []) secret(hashSecret(h));
  const warnings: string[] = [];
  if (htpasswd && config && config.auth.value.kind !== 'htpasswd')
    warnings.push(`an htpasswd file was given but auth is ${config.auth.value.kind}: its users are not read`);
  if (htpasswd?.ignored.length) warnings.push(`htpasswd entries without a bcrypt hash are ignored by the registry: ${htpasswd.ignored.join(', ')}`);
  if (config?.auth.value.kind === 'htpasswd' && !config.tls.value)
    warnings.push('htpasswd without http.tls: passwords cross the network in clear unless a proxy in front terminates TLS');
  const usable = config?.auth.value.kind === 'htpasswd' ? htpasswd : undefined;
  return {
    facts: normalizeDistribution({ config, htpasswd: usable, probe }, f),
    details: {
      ...(configObj ? { config: `${configObj.file}:${configObj.line}` } : {}),
      ...(config
        ? {
            auth: config.auth.value.kind,
            log_level: config.logLevel.value,
            log_formatter: config.formatter.value,
            access_log: config.accessLog.value,
            delete_enabled: config.deleteEnabled.value,
            read_only: config.readOnly.value,
            tls: config.tls.value,
            ...(config.proxy ? { pull_through_cache_of: config.proxy.value } : {}),
          }
        : {}),
      ...(probe ? { probe: probe.steps } : {}),
      ...(warnings.length ? { warnings } : {}),
    },
  };
}

export const distributionCollector: Collector<DistributionOptions, DistributionKind> = {
  name: 'distribution',
  types: ['distribution'],
  options: DISTRIBUTION_OPTIONS_SCHEMA,
  documents: { ...DISTRIBUTION_DOCUMENTS, required: ['config'] },
  files: {
    collect: (ctx) => output(ctx.documents, undefined, ctx.facts(), ctx.secret),
  },
  live: {
    token: 'none',
    files: ['config', 'htpasswd'],
    async collect(ctx) {
      ctx.progress(`${ctx.id}: probing ${ctx.endpoint} for anonymous pull and push`);
      const probe = await probeRegistry(ctx.http({ isAnswer: registryAnswered }), ctx.endpoint, ctx.options.probe_repository ?? DEFAULT_PROBE_REPOSITORY);
      return output(ctx.documents, probe, ctx.facts(), ctx.secret);
    },
  },
};
