/** A plain fetch-based JSON getter with a timeout (the collector kit's HTTP client does more). */
import type { JsonGetter } from '../../../src/collectors/elasticsearch/live.js';

export function fetchGetter(base: string, headers: Record<string, string> = {}, timeoutMs = 2000): JsonGetter {
  return {
    async getJson(path) {
      const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return { status: res.status, url: `${base}${path.split('?')[0]}`, json: body };
    },
  };
}

/** A plain fetch-based text getter (Loki answers YAML). */
export function fetchTextGetter(
  base: string,
  headers: Record<string, string> = {},
  timeoutMs = 2000,
): import('../../../src/collectors/loki/live.js').TextGetter {
  return {
    async getText(path, more = {}) {
      const res = await fetch(`${base}${path}`, { headers: { ...headers, ...more }, signal: AbortSignal.timeout(timeoutMs) });
      return { status: res.status, url: `${base}${path.split('?')[0]}`, text: await res.text() };
    },
  };
}
