#!/usr/bin/env node
// Exports what auditready reads from a Vault or OpenBao server into a folder of JSON files, for
// files mode (an auditor's copy, or a server auditready cannot reach). It asks exactly what live
// mode asks (the same reader: build/tsc/collectors/vault/read.js, tsc's output, since dist/ holds
// only the bundles) and stores every answer as
// {"path": ..., ["list": true,] ["accessor": ...,] ["status": 403,] ...the API response}.
//
//   VAULT_ADDR=https://vault.example:8200 VAULT_TOKEN=... node scripts/export-vault.mjs OUT_DIR [--openbao] [--namespace NS]
//   (BAO_ADDR / BAO_TOKEN work too.) Needs `npm run build` first. The token is sent only in the
//   X-Vault-Token header and written nowhere; token lookups never include the token itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHttpClient, DEFAULT_HTTP_TUNING } from '../build/tsc/collectors/kit/http.js';
import { readVault } from '../build/tsc/collectors/vault/read.js';
import { liveSource } from '../build/tsc/collectors/vault/source.js';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--namespace');
const addr = process.env.VAULT_ADDR ?? process.env.BAO_ADDR;
const token = process.env.VAULT_TOKEN ?? process.env.BAO_TOKEN;
if (!out || !addr || !token) {
  console.error('usage: VAULT_ADDR=... VAULT_TOKEN=... node scripts/export-vault.mjs OUT_DIR [--openbao] [--namespace NS]');
  process.exit(2);
}
const type = args.includes('--openbao') ? 'openbao' : 'vault';
const ns = args.includes('--namespace') ? args[args.indexOf('--namespace') + 1] : undefined;
mkdirSync(out, { recursive: true });

const written = new Map();
const fileFor = (entry) => {
  const base = `${entry.path.replace(/[^A-Za-z0-9._-]+/g, '-')}${entry.list ? '.list' : ''}`;
  const n = (written.get(base) ?? 0) + 1;
  written.set(base, n);
  return path.join(out, `${base}${n > 1 || entry.accessor ? `-${n}` : ''}.json`);
};
const record = (entry) => {
  const body = entry.body && typeof entry.body === 'object' ? { ...entry.body } : {};
  if (body.data && typeof body.data === 'object' && 'id' in body.data) body.data = { ...body.data, id: '' }; // never a token
  const doc = {
    path: entry.path,
    ...(entry.list ? { list: true } : {}),
    ...(entry.accessor ? { accessor: entry.accessor } : {}),
    ...(entry.status ? { status: entry.status } : {}),
    ...body,
  };
  writeFileSync(fileFor(entry), `${JSON.stringify(doc, null, 2)}\n`);
};

const http = createHttpClient({
  label: 'export-vault',
  baseUrl: addr.replace(/\/+$/, ''),
  headers: { 'x-vault-token': token, ...(ns ? { 'x-vault-namespace': ns } : {}) },
  tuning: DEFAULT_HTTP_TUNING,
  progress: (m) => console.error(m),
});
const src = liveSource({ http, tokenEnv: 'VAULT_TOKEN', pageSize: type === 'openbao' ? 500 : 0, maxKeys: 100_000, capture: () => {}, record });
try {
  await readVault(src, type, [], { maxTokenLookups: 100_000, maxItems: 100_000 }, () => {});
} catch (e) {
  console.error(`export-vault: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
console.error(`export-vault: wrote ${[...written.values()].reduce((a, b) => a + b, 0)} files to ${out}`);
