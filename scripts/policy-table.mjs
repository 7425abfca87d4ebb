// Prints the README's policy table from the built catalog (build/policy/catalog.json).
// `node scripts/policy-table.mjs` prints it; test/docs/readme.test.ts checks the README holds it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A mapping's `requires` as text: "min_required_approvals >= 2". */
function needs(mapping) {
  return Object.entries(mapping?.requires ?? {})
    .flatMap(([name, c]) => [
      ...(c.min !== undefined ? [`${name} >= ${c.min}`] : []),
      ...(c.max !== undefined ? [`${name} <= ${c.max}`] : []),
      ...(c.subset_of !== undefined ? [`${name} within [${c.subset_of.join(', ')}]`] : []),
      ...(c.min_count !== undefined ? [`${name} lists >= ${c.min_count}`] : []),
    ])
    .join(', ');
}

export function policyTable(catalog) {
  const rows = ['| ID | Title | Severity | Pillar | Applies to | Parameters | Frameworks |', '|---|---|---|---|---|---|---|'];
  const claims = ['| Policy | Framework | Control | What a pass proves | Only with |', '|---|---|---|---|---|'];
  for (const p of catalog.policies) {
    const fw = Object.entries(p.frameworks)
      .map(([k, v]) => `${k} ${v.map((id) => (needs(p.mappings?.[k]?.[id]) ? `${id}*` : id)).join(', ')}`)
      .join('; ');
    rows.push(
      `| ${p.id} | ${p.title} | ${p.severity} | ${p.pillar} | ${p.applies_to.join(', ')} | ${(p.params ?? []).join(', ') || '—'} | ${fw || '— (evidences no control)'} |`,
    );
    for (const [k, ids] of Object.entries(p.frameworks)) {
      for (const id of ids) {
        const m = p.mappings?.[k]?.[id];
        claims.push(`| ${p.id} | ${k} | ${id} | ${m?.proves ?? '(no statement)'} | ${needs(m) || '—'} |`);
      }
    }
  }
  return [
    rows.join('\n'),
    '',
    '\\* the mapping holds only with the parameter values listed below (e.g. two approvals for CIS SSCS 1.1.3); with other values the policy still runs but does not evidence that control.',
    '',
    '<details><summary>What each mapping proves</summary>',
    '',
    claims.join('\n'),
    '',
    '</details>',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalog = JSON.parse(readFileSync(path.join(root, 'build', 'policy', 'catalog.json'), 'utf8'));
  console.log(policyTable(catalog));
}
