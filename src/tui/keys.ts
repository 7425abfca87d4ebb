/** Every key the explorer understands, by where it works. The help screen (`?`) and the README show this list. */
export const KEY_REFERENCE: readonly { readonly where: string; readonly keys: readonly (readonly [string, string])[] }[] = [
  {
    where: 'Everywhere',
    keys: [
      ['1 2 3', 'Overview · Findings · Frameworks'],
      ['/', 'search findings (incremental; Enter keeps, Esc cancels)'],
      ['Tab', 'next pane (Findings: filter bar ⇄ list)'],
      ['Esc', 'back (close help, cancel search, leave detail)'],
      ['H', 'show the HTML report path, if there is one'],
      ['?', 'this help'],
      ['q  Ctrl-C', 'quit'],
    ],
  },
  {
    where: 'Overview',
    keys: [
      ['↑ ↓ ← →', 'move over the tools × pillars grid'],
      ['Enter', 'list the findings of that tool and pillar'],
    ],
  },
  {
    where: 'Findings list',
    keys: [
      ['↑ ↓  j k', 'move'],
      ['PgUp PgDn  g G', 'page · first · last'],
      ['Enter', 'open the detail'],
      ['s v p t f n', 'cycle filter: status, severity (and above), pillar, tool, framework, control; Shift: back'],
      ['x', 'clear filters and search'],
      ['o  r', 'sort by severity/status/pillar/tool/policy · reverse'],
      ['e  E', 'export the filtered view as Markdown · JSON'],
      ['c', 'copy the selected finding'],
    ],
  },
  {
    where: 'Filter bar (Tab)',
    keys: [
      ['← →', 'choose a filter'],
      ['↑ ↓', 'change its value'],
      ['Enter', 'back to the list'],
    ],
  },
  {
    where: 'Detail',
    keys: [
      ['↑ ↓  PgUp PgDn', 'scroll'],
      ['[  ]', 'previous · next finding of the list'],
      ['c', 'copy the details (file, and clipboard via OSC 52)'],
    ],
  },
  {
    where: 'Frameworks',
    keys: [
      ['← →', 'choose the framework'],
      ['↑ ↓', 'move over its controls'],
      ['Enter', 'list the findings of that control'],
    ],
  },
];

/** The key reference as the README's Markdown table (a test keeps the README in sync with it). */
export function keyTableMarkdown(): string {
  const code = (k: string) =>
    k
      .split(/\s{2,}/)
      .map((x) => `\`${x}\``)
      .join(' ');
  return [
    '| Where | Key | What it does |',
    '|---|---|---|',
    ...KEY_REFERENCE.flatMap((b) => b.keys.map(([k, what]) => `| ${b.where} | ${code(k)} | ${what} |`)),
  ].join('\n');
}
