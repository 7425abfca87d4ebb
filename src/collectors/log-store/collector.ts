/**
 * What every log-store collector does once it has a StoreReading: the facts through the one
 * mapping, the evidence, the resources a store-specific policy reads; and the HTTP getters its
 * live mode hands to the store's reader.
 */
import type { FactsBuilder } from '../kit/facts.js';
import { HttpError, type HttpClient } from '../kit/http.js';
import type { CollectorOutput } from '../types.js';
import type { JsonGetter } from '../elasticsearch/live.js';
import type { TextGetter } from '../loki/live.js';
import { normalizeStore } from './normalize.js';
import type { StoreReading } from './reading.js';

export function storeOutput(reading: StoreReading, f: FactsBuilder, extra: Record<string, unknown> = {}): CollectorOutput {
  const { facts, details } = normalizeStore(reading, f);
  return { facts, details: { ...details, ...extra }, ...(reading.resources ? { resources: [...reading.resources] } : {}) };
}

/** A JSON getter whose 5xx-after-retries comes back as a status (the reader decides: a gap, or a stop). */
export function jsonGetter(http: HttpClient): JsonGetter {
  return {
    async getJson(path, init) {
      try {
        return await http.getJson(path, init);
      } catch (e) {
        if (e instanceof HttpError && e.status !== undefined && e.status >= 500) return { status: e.status, url: http.where(path), json: null };
        throw e;
      }
    },
  };
}

/** A text getter (Loki answers YAML) over the kit's fetch: retries, timeouts, size cap, cancellation. */
export function textGetter(http: HttpClient): TextGetter {
  return {
    async getText(path, headers = {}) {
      const res = await http.fetch(path, { headers });
      return { status: res.status, url: http.where(path), text: await res.text() };
    },
  };
}
