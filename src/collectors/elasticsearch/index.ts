/**
 * Elasticsearch and OpenSearch: ILM, data stream lifecycle, ISM and snapshot policies, from the
 * API answers saved as JSON (files mode) or read live; the same documents either way.
 */
import type { DocumentSpec } from '../kit/files.js';
import { jsonGetter, storeOutput } from '../log-store/collector.js';
import { authorization, ES_OPTIONS_SCHEMA, type EsOptions } from '../log-store/options.js';
import type { Collector } from '../types.js';
import { ES_KINDS, type EsKind, inputFromFiles } from './files.js';
import { type EsNames, readEsLive } from './live.js';
import { type Flavor, readElasticsearch } from './read.js';

const ES_DOCUMENTS: DocumentSpec<EsKind> = {
  expected:
    'Elasticsearch or OpenSearch API answers saved as JSON: GET _ilm/policy/<name>, _data_stream/<name>/_lifecycle, _slm/policy, _plugins/_ism/policies/<id>, _plugins/_sm/policies, _plugins/_sm/policies/<names>/_explain',
  kinds: ES_KINDS,
};

const namesOf = (o: EsOptions): EsNames => ({ ilm: o.ilm_policies ?? [], dataStreams: o.data_streams ?? [], ism: o.ism_policies ?? [], indices: o.indices });
/** The tool types this collector reads: each is a flavor of the API. */
const FLAVORS: readonly Flavor[] = ['elasticsearch', 'opensearch'];
const flavorOf = (type: string): Flavor => (type === 'opensearch' ? 'opensearch' : 'elasticsearch');

export const elasticsearchCollector: Collector<EsOptions, EsKind> = {
  name: 'elasticsearch',
  types: FLAVORS,
  options: ES_OPTIONS_SCHEMA,
  documents: ES_DOCUMENTS,
  files: {
    collect(ctx) {
      const input = inputFromFiles(flavorOf(ctx.target.type), ctx.documents.byKind, namesOf(ctx.options), ctx.documents.files.join(', '));
      return storeOutput(readElasticsearch(input), ctx.facts(), { files: ctx.documents.files });
    },
  },
  live: {
    token: 'optional',
    async collect(ctx) {
      const flavor = flavorOf(ctx.target.type);
      const kind = ctx.options.auth ?? (flavor === 'opensearch' ? 'basic' : 'apikey');
      const http = ctx.http(ctx.token ? { headers: { authorization: authorization(kind, ctx.token) } } : {});
      ctx.progress(`${ctx.id}: reading policies from ${ctx.endpoint}`);
      const { input, captures } = await readEsLive(flavor, jsonGetter(http), jsonGetter(ctx.http()), namesOf(ctx.options));
      ctx.capture(`${flavor}-api.json`, captures);
      return storeOutput(readElasticsearch(input), ctx.facts(), { requests: http.stats.requests });
    },
  },
};
