/**
 * Splunk indexes: indexes.conf or `splunk btool indexes list --debug` output (files mode, parsed
 * as .conf through the kit's text kinds), saved REST answers, or the management REST API (live).
 */
import type { DocumentSpec } from '../kit/files.js';
import { ok } from '../kit/result.js';
import { jsonGetter, storeOutput } from '../log-store/collector.js';
import { isRecord } from '../log-store/located.js';
import { missing } from '../log-store/reading.js';
import { authorization, SPLUNK_OPTIONS_SCHEMA, type SplunkOptions } from '../log-store/options.js';
import type { Collector } from '../types.js';
import { confDocument, looksLikeConf, parseConf } from './conf.js';
import { readSplunkLive } from './live.js';
import { type IndexSource, indexFromConf, indexFromRest, readSplunk } from './read.js';

type SplunkKind = 'conf' | 'rest';

const SPLUNK_DOCUMENTS: DocumentSpec<SplunkKind> = {
  expected: 'indexes.conf, the output of splunk btool indexes list [--debug], or saved answers of GET /services/data/indexes/<name>?output_mode=json',
  kinds: {
    conf: {
      describe: 'a Splunk indexes.conf (or btool output)',
      // JSON (a saved REST answer) starts with "{"; anything else that looks like key = value lines is .conf.
      text: (t) => !/^\s*[{[]/.test(t) && looksLikeConf(t),
      parse: (text, file) => confDocument(parseConf(text, file), text),
    },
    rest: { describe: 'an answer of GET /services/data/indexes/<name>?output_mode=json', match: (v) => isRecord(v) && Array.isArray(v.entry) },
  },
};

export const splunkCollector: Collector<SplunkOptions, SplunkKind> = {
  name: 'splunk',
  types: ['splunk'],
  options: SPLUNK_OPTIONS_SCHEMA,
  documents: SPLUNK_DOCUMENTS,
  files: {
    collect(ctx) {
      // Later files override earlier ones for the same index (list btool output or the local file last).
      const sources: IndexSource[] = ctx.options.indexes.map((name) => {
        const rest = [...ctx.documents.byKind.rest]
          .reverse()
          .find((d) => Array.isArray(pick(d.value)) && (pick(d.value) as unknown[]).some((e) => isRecord(e) && e.name === name));
        if (rest) return indexFromRest(rest, name);
        const conf = [...ctx.documents.byKind.conf].reverse().find((d) => isRecord((d.value as { splunk_conf: Record<string, unknown> }).splunk_conf[name]));
        return indexFromConf(conf ?? ctx.documents.byKind.conf[0] ?? ctx.documents.byKind.rest[0]!, name);
      });
      const reading = readSplunk({
        indexes: ok(sources),
        anonymous: missing('not_collected', 'whether the REST API answers without credentials needs live mode'),
      });
      return storeOutput(reading, ctx.facts(), { files: ctx.documents.files });
    },
  },
  live: {
    token: 'required',
    async collect(ctx) {
      const http = ctx.http({ headers: { authorization: authorization(ctx.options.auth ?? 'bearer', ctx.token ?? '') } });
      ctx.progress(`${ctx.id}: reading ${ctx.options.indexes.join(', ')} from ${ctx.endpoint}`);
      const { input, captures } = await readSplunkLive(jsonGetter(http), jsonGetter(ctx.http()), ctx.options.indexes);
      ctx.capture('splunk-indexes.json', captures);
      return storeOutput(readSplunk(input), ctx.facts(), { requests: http.stats.requests });
    },
  },
};

const pick = (v: unknown) => (isRecord(v) ? v.entry : undefined);
