// Prints the README's policy table from the built catalog (build/policy/catalog.json).
// `node scripts/policy-table.mjs` prints it; test/unit/readme.test.ts checks the README holds it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export function policyTable(catalog) {
  const rows = ['| ID | Title | Severity | Pillar | Applies to | Parameters | Frameworks |', '|---|---|---|---|---|---|---|'];
  for (const p of catalog.policies) {
    const fw = Object.entries(p.frameworks)
      .map(([k, v]) => `${k} ${v.join(', ')}`)
      .join('; ');
    rows.push(`| ${p.id} | ${p.title} | ${p.severity} | ${p.pillar} | ${p.applies_to.join(', ')} | ${(p.params ?? []).join(', ') || '—'} | ${fw} |`);
  }
  return rows.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalog = JSON.parse(readFileSync(path.join(root, 'build', 'policy', 'catalog.json'), 'utf8'));
  console.log(policyTable(catalog));
}
