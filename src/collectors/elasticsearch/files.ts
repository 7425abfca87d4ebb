/**
 * Files mode: the API answers saved as JSON (curl -s .../_ilm/policy/<name> > ilm.json, ...),
 * recognized by content; then the names from the options are looked up in them, as live mode asks
 * for them.
 */
import { inputError } from '../log-store/errors.js';
import { isRecord, type Located, pick } from '../log-store/located.js';
import { missing, ok } from '../log-store/reading.js';
import type { EsInput, Flavor, Named } from './read.js';
import type { EsNames } from './live.js';

const values = (v: unknown) => (isRecord(v) ? Object.values(v) : []);
const nonEmpty = (v: unknown) => isRecord(v) && Object.keys(v).length > 0;

export const ES_KINDS = {
  ilm: { describe: 'the answer of GET _ilm/policy/<name>', match: (v: unknown) => nonEmpty(v) && values(v).every((p) => isRecord(pick(p, '/policy/phases'))) },
  dataStreamLifecycle: {
    describe: 'the answer of GET _data_stream/<name>/_lifecycle',
    match: (v: unknown) =>
      isRecord(v) && Array.isArray(v.data_streams) && v.data_streams.every((d) => isRecord(d) && typeof d.name === 'string' && !('indices' in d)),
  },
  slm: {
    describe: 'the answer of GET _slm/policy',
    match: (v: unknown) =>
      nonEmpty(v) && values(v).every((p) => typeof pick(p, '/policy/schedule') === 'string' && typeof pick(p, '/policy/repository') === 'string'),
  },
  ism: {
    describe: 'the answer of GET _plugins/_ism/policies/<id>',
    match: (v: unknown) =>
      (isRecord(v) && typeof v._id === 'string' && Array.isArray(pick(v, '/policy/states'))) ||
      (isRecord(v) && Array.isArray(v.policies) && v.policies.length > 0 && v.policies.every((p) => Array.isArray(pick(p, '/policy/states')))),
  },
  sm: {
    describe: 'the answer of GET _plugins/_sm/policies',
    match: (v: unknown) =>
      (isRecord(v) && isRecord(v.sm_policy)) ||
      (isRecord(v) && Array.isArray(v.policies) && 'total_policies' in v && v.policies.every((p) => isRecord(pick(p, '/sm_policy')))),
  },
  smExplain: {
    describe: 'the answer of GET _plugins/_sm/policies/<names>/_explain',
    match: (v: unknown) =>
      isRecord(v) &&
      Array.isArray(v.policies) &&
      !('total_policies' in v) &&
      v.policies.every((p) => isRecord(p) && typeof p.name === 'string' && ('creation' in p || 'deletion' in p)),
  },
} as const;

export type EsKind = keyof typeof ES_KINDS;

const OPENSEARCH_ONLY: readonly EsKind[] = ['ism', 'sm', 'smExplain'];
const ELASTICSEARCH_ONLY: readonly EsKind[] = ['ilm', 'dataStreamLifecycle', 'slm'];

/** The document among the files that holds `name`, found by `has`. */
function lookup(docs: readonly Located[] | undefined, name: string, has: (doc: Located) => boolean, what: string, files: string): Named {
  const doc = (docs ?? []).find(has);
  if (!doc) inputError({ file: files }, `${what} ${name} (named in options) is in none of the files`, `the answer for ${what} ${name} among the files`);
  return { name, answer: ok(doc) };
}

export function inputFromFiles(flavor: Flavor, docs: { readonly [k in EsKind]?: readonly Located[] }, names: EsNames, files: string): EsInput {
  const foreign = flavor === 'opensearch' ? ELASTICSEARCH_ONLY : OPENSEARCH_ONLY;
  for (const k of foreign) {
    const d = docs[k]?.[0];
    if (d)
      inputError(
        d.at(''),
        `${ES_KINDS[k].describe} is not ${flavor === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'}`,
        `a target of type ${flavor === 'opensearch' ? 'elasticsearch' : 'opensearch'} for it`,
      );
  }
  const ilm = names.ilm.map((n) => lookup(docs.ilm, n, (d) => isRecord(pick(d.value, `/${n.replace(/~/g, '~0').replace(/\//g, '~1')}`)), 'ILM policy', files));
  const dataStreams = names.dataStreams.map((n) =>
    lookup(docs.dataStreamLifecycle, n, (d) => (pick(d.value, '/data_streams') as unknown[]).some((x) => pick(x, '/name') === n), 'data stream', files),
  );
  const ism = names.ism.map((n) =>
    lookup(
      docs.ism,
      n,
      (d) =>
        pick(d.value, '/_id') === n ||
        (Array.isArray(pick(d.value, '/policies')) && (pick(d.value, '/policies') as unknown[]).some((p) => pick(p, '/_id') === n)),
      'ISM policy',
      files,
    ),
  );
  const snapDoc = flavor === 'opensearch' ? docs.sm?.[0] : docs.slm?.[0];
  const explain = docs.smExplain?.[0];
  return {
    flavor,
    ilm,
    dataStreams,
    ism,
    snapshots: snapDoc ? ok({ policies: snapDoc, ...(explain ? { explain } : {}) }) : undefined,
    indices: names.indices,
    anonymous: missing('not_collected', 'whether requests without credentials are served needs live mode (a probe of GET / without credentials)'),
  };
}
