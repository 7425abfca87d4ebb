// Policy ids are stable: once released, an id keeps its policy and is never reused; a retired
// policy stays in the library marked `deprecated: true`. policies/policy-ids.lock records every
// id ever released with its package key. `node scripts/policy-ids.mjs` checks the built catalog
// against it; `--update` appends new ids (never rewrites or removes a line).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOCK = path.join(root, 'policies', 'policy-ids.lock');

export function readLock(file = LOCK) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [id, key] = l.trim().split(/\s+/);
      return { id, key };
    });
}

/** Problems between the catalog and the lock: removed, re-keyed or unrecorded ids. */
export function lockProblems(catalog, lock) {
  const byId = new Map(catalog.policies.map((p) => [p.id, p]));
  const locked = new Map(lock.map((l) => [l.id, l.key]));
  const problems = [];
  for (const { id, key } of lock) {
    const p = byId.get(id);
    if (!p) problems.push(`${id} (${key}) was released and is gone: keep the policy and mark it deprecated: true, never delete or reuse an id`);
    else if (p.key !== key) problems.push(`${id} now names ${p.key} but was released as ${key}: ids are never reused; give the new policy a new id`);
  }
  for (const p of catalog.policies) {
    if (p.id.startsWith('AR-') && !locked.has(p.id))
      problems.push(`${p.id} (${p.key}) is not in policies/policy-ids.lock: run node scripts/policy-ids.mjs --update`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalog = JSON.parse(readFileSync(path.join(root, 'build', 'policy', 'catalog.json'), 'utf8'));
  const lock = readLock();
  if (process.argv.includes('--update')) {
    const known = new Set(lock.map((l) => l.id));
    const fresh = catalog.policies.filter((p) => p.id.startsWith('AR-') && !known.has(p.id));
    if (!existsSync(LOCK)) appendFileSync(LOCK, '# Every policy id ever released, with its package key. Append only: see scripts/policy-ids.mjs.\n');
    for (const p of fresh) appendFileSync(LOCK, `${p.id} ${p.key}\n`);
    console.log(`added ${fresh.length} id(s)`);
  }
  const problems = lockProblems(catalog, readLock());
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
