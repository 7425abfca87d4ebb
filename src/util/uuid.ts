import { createHash } from 'node:crypto';

/** auditready's UUID v5 namespace (a fixed random v4). */
const AUDITREADY_NAMESPACE = '6f0b7c1e-3a52-4d8e-9b1f-2c7a5e4d9a10';

/** RFC 4122 name-based UUID (version 5, SHA-1): the same name gives the same id. */
export function uuidV5(name: string, namespace: string = AUDITREADY_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** uuidV5 remembering each name's id: for ids a report refers to many times (a SHA-1 each otherwise). */
export function cachedUuidV5(namespace: string = AUDITREADY_NAMESPACE): (name: string) => string {
  const ids = new Map<string, string>();
  return (name) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = uuidV5(name, namespace);
      ids.set(name, id);
    }
    return id;
  };
}
