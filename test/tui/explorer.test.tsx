import { render } from 'ink-testing-library';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import type { ExplorerIo } from '../../src/tui/context.js';
import { ExplorerApp } from '../../src/tui/explorer.js';
import { LifecycleRoot } from '../../src/tui/lifecycle.js';
import { frameworkControlsFor, readCatalog } from '../../src/tui/load.js';
import { controlsView, loadFramework } from '../../src/report/controls.js';
import { CONTROL_LABEL, CONTROL_STATES } from '../../src/report/control-state.js';
import { FRAMEWORKS } from '../../src/policy/catalog.js';
import { KEY_REFERENCE } from '../../src/tui/keys.js';
import { frameworkRows } from '../../src/tui/view-model/frameworks.js';
import { indexReport } from '../../src/tui/view-model/findings-view.js';
import { colorFromEnv, makeTheme } from '../../src/tui/theme.js';
import { KEY, lines, press, waitFor, waitForContent, waitForInputsToBeReady } from '../helpers/ink.js';
import { demoReport, emptyReport, multiplyReport } from '../helpers/reports.js';

let demo: Report;
beforeAll(async () => {
  demo = await demoReport();
});

function open(report: Report, options: { columns?: number; rows?: number; htmlReport?: string; withCatalog?: boolean } = {}) {
  const written = new Map<string, string>();
  const sent: string[] = [];
  const completed: (Error | undefined)[] = [];
  const io: ExplorerIo = {
    outDir: '/out',
    writeFile: (file, text) => written.set(file, text),
    sendToTerminal: (s) => sent.push(s),
    htmlReport: options.htmlReport ?? null,
    describe: (id) => `Description of ${id}.`,
    ...(options.withCatalog ? { controls: frameworkControlsFor(report, readCatalog()) } : {}),
  };
  const r = render(
    <LifecycleRoot onComplete={(e) => completed.push(e)}>
      <ExplorerApp report={report} io={io} size={{ columns: options.columns ?? 80, rows: options.rows ?? 24 }} sourceLabel="demo.json" />
    </LifecycleRoot>,
  );
  return { r, written, sent, completed };
}

const frame = (r: { lastFrame: () => string | undefined }) => r.lastFrame() ?? '';
/** Rows of the findings list (they start with the cursor mark or two spaces, then a status). */
const listRows = (f: string) => lines(f).filter((l) => /^(▸ | {2})(FAIL|PASS|UNKNOWN|N\/A|ERROR|WAIVED)\s/.test(l));
const fitsIn = (f: string, columns: number, rows: number) => {
  const ls = lines(f);
  expect(ls.length).toBeLessThan(rows);
  for (const l of ls) expect(l.length).toBeLessThanOrEqual(columns);
};

describe('explorer at 80×24', () => {
  it('opens on the overview: score, profile, grid of tools × pillars, severities; fits the screen', async () => {
    const { r } = open(demo);
    const f = await waitForContent(r, 'Score');
    expect(f).toContain(`profile ${demo.run.profile}`);
    for (const tool of new Set(demo.findings.map((x) => x.tool))) expect(f).toContain(tool.slice(0, 14));
    for (const h of ['identity', 'access', 'SEVERITY', 'critical', 'high']) expect(f).toContain(h);
    fitsIn(f, 80, 24);
  });

  it('switches screens with 1 2 3 and quits with q through the lifecycle root', async () => {
    const { r, completed } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '2');
    expect(await waitForContent(r, `${demo.findings.length} of ${demo.findings.length}`)).toContain('STATUS');
    await press(r, '3');
    await waitForContent(r, 'CONTROL');
    await press(r, '1');
    await waitForContent(r, 'Score');
    expect(completed).toEqual([]);
    await press(r, 'q');
    expect(completed).toEqual([undefined]);
  });

  it('Ctrl-C quits from any screen, even while searching', async () => {
    const { r, completed } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '/', 's', KEY.ctrlC);
    expect(completed).toEqual([undefined]);
  });

  it('a newcomer finds every failing finding of high severity and above of one tool, reads its evidence, and exports the list', async () => {
    const tool = 'jenkins/ci-prod';
    // "high and above", as the gate reads --fail-on high
    const want = demo.findings.filter((f) => f.status === 'fail' && (f.severity === 'high' || f.severity === 'critical') && f.tool === tool);
    expect(want.some((f) => f.severity === 'critical')).toBe(true);
    expect(want.length).toBeGreaterThan(0);
    const { r, written } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '2', 's');
    await waitForContent(r, 'status:fail');
    while (!frame(r).includes('severity:high and above')) await press(r, 'v');
    while (!frame(r).includes(`tool:${tool}`)) await press(r, 't');
    const f = await waitForContent(r, `${want.length} of ${demo.findings.length}`);
    const rows = listRows(f);
    expect(rows).toHaveLength(want.length);
    for (const row of rows) expect(row).toMatch(/FAIL\s+(critical|high)\s+AR-\w+-\d+\s+jenkins\/ci-prod/);

    await press(r, KEY.enter);
    const first = want.find((w) => rows[0]!.includes(w.policy_id))!;
    const detail = await waitForContent(r, 'Observed vs expected');
    expect(detail).toContain(`${first.policy_id}  ${first.title}`);
    expect(detail).toContain(`Description of ${first.policy_id}.`);
    // Evidence and remediation are further down: scroll to them.
    const remedy = first.remediation.split(/\s+/).slice(0, 3).join(' ');
    let seen = frame(r);
    for (let i = 0; i < 80 && !(seen.includes('sha256') && seen.includes(remedy)); i++) {
      await press(r, KEY.down);
      seen += frame(r);
    }
    expect(seen).toContain(first.evidence.sha256);
    expect(seen).toContain(first.evidence.collected_at);
    expect(seen).toContain(first.evidence.pointers[0]!);
    expect(seen).toContain(remedy);

    await press(r, KEY.escape);
    await waitForContent(r, `tool:${tool}`);
    await press(r, 'e');
    await waitForContent(r, `exported ${want.length} findings (markdown) to ${path.join('/out', 'auditready-findings.md')}`);
    const md = written.get(path.join('/out', 'auditready-findings.md'))!;
    expect(md).toContain(`status=fail severity=high and above tool=${tool}`);
    for (const w of want) expect(md).toContain(`| fail | ${w.severity} | ${w.policy_id} |`);
    await press(r, 'E');
    const json = JSON.parse(written.get(path.join('/out', 'auditready-findings.json'))!);
    expect(json.findings).toHaveLength(want.length);
  });

  it('keys typed right after a screen change are kept for the pane that takes focus (type-ahead)', async () => {
    const { r, completed } = open(demo);
    await waitForInputsToBeReady(r);
    const immediate = () => new Promise((res) => setImmediate(res));
    const burst = async (...ks: string[]) => {
      for (const k of ks) {
        r.stdin.write(k);
        await immediate(); // far faster than anyone types: inside the moment a new pane subscribes
      }
    };
    await burst('2', 's');
    await waitForContent(r, 'status:fail');
    await burst('/', 'q', 'm', KEY.enter);
    await waitForContent(r, 'search: qm');
    expect(completed).toEqual([]); // the q went to the search line, not to quit
    r.stdin.write(KEY.escape);
    await immediate();
    r.stdin.write('s');
    await waitForContent(r, `status:${indexReport(demo).facets.status[1]}`);
  });

  it('incremental search narrows the list as you type; Esc restores, Enter keeps', async () => {
    const { r } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '2', '/');
    await waitForContent(r, '(Enter keep · Esc cancel)');
    await press(r, 'm', 'f', 'a');
    const mfa = demo.findings.filter((f) => `${f.title} ${f.message} ${f.policy}`.toLowerCase().includes('mfa')).length;
    await waitForContent(r, '/ mfa');
    const f = frame(r);
    expect(f).toMatch(new RegExp(`^(\\d+) of ${demo.findings.length}`, 'm'));
    const shown = Number(/^(\d+) of/m.exec(f)![1]);
    expect(shown).toBeGreaterThanOrEqual(mfa);
    expect(shown).toBeLessThan(demo.findings.length);
    for (const row of listRows(f)) expect(row).toMatch(/AR-IDN-00[25]/); // MFA required, MFA not bypassable
    await press(r, KEY.escape);
    await waitForContent(r, `${demo.findings.length} of ${demo.findings.length}`);
    await press(r, '/', 'm', 'f', 'a', KEY.enter);
    await waitForContent(r, 'search: mfa');
    expect(frame(r)).toContain(`${shown} of`);
    await press(r, 'x');
    await waitForContent(r, `${demo.findings.length} of ${demo.findings.length}`);
  });

  it('the filter bar takes focus with Tab: ←/→ choose a filter, ↑/↓ change it', async () => {
    const { r } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '2', KEY.tab);
    await waitFor(r, (f) => /^▸ status:any/m.test(f), 'the filter bar focused');
    await press(r, KEY.right, KEY.down);
    await waitForContent(r, 'severity:critical');
    const n = demo.findings.filter((f) => f.severity === 'critical').length;
    await waitForContent(r, `${n} of ${demo.findings.length}`);
    await press(r, KEY.enter, KEY.down, KEY.enter);
    await waitForContent(r, 'Observed vs expected');
  });

  it('sorts with o and reverses with r', async () => {
    const { r } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '2', 'o', 'o', 'o');
    await waitForContent(r, 'sort tool ↑');
    const firstTool = listRows(frame(r))[0]!;
    await press(r, 'r');
    await waitForContent(r, 'sort tool ↓');
    expect(listRows(frame(r))[0]).not.toBe(firstTool);
  });

  it('Enter on an overview cell lists that tool and pillar', async () => {
    const { r } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, KEY.down, KEY.right, KEY.enter);
    const f = await waitForContent(r, 'STATUS');
    const m = /pillar:(\S+) tool:(\S+)/.exec(f)!;
    const n = demo.findings.filter((x) => x.pillar === m[1] && x.tool === m[2]).length;
    expect(f).toContain(`${n} of ${demo.findings.length}`);
  });

  it('the framework view without catalogs lists the controls the findings map to and the manual ones; Enter lists a control', async () => {
    const { r } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '3', KEY.right);
    const f = await waitForContent(r, 'CONTROL');
    expect(f).toContain('(mapped or manual; no policy catalog)');
    expect(listRowsFrameworks(f).length).toBeGreaterThan(0);
    // the second framework's rows (as the screen orders its frameworks): a manual control is listed with its reason
    const fw = indexReport(demo).facets.framework[1]!;
    const rows = frameworkRows(demo, fw, null);
    const manual = rows.findIndex((row) => row.note?.startsWith('manual: '));
    expect(manual, `${fw} lists a manual control`).toBeGreaterThanOrEqual(0);
    expect(rows[manual]).toMatchObject({ label: 'NOT COVERED', hasFindings: false });
    for (let i = 0; i < rows.findIndex((row) => row.hasFindings); i++) await press(r, KEY.down);
    await press(r, KEY.enter);
    const list = await waitForContent(r, 'STATUS');
    expect(list).toMatch(/framework:\S+ control:\S+/);
  });

  it('the framework view with catalogs shows every control as `auditready controls` does, uncovered ones too', async () => {
    const view = controlsView(loadFramework('pci-dss'), readCatalog()!, demo.findings, { claims: demo.claims, parameters: demo.run.parameters });
    const { r } = open(demo, { withCatalog: true, rows: 80, columns: 140 });
    await waitForInputsToBeReady(r);
    await press(r, '3');
    for (let i = 0; i < FRAMEWORKS.indexOf('pci-dss'); i++) await press(r, KEY.right);
    const f = await waitForContent(r, `${view.rows.length} controls`);
    // the counts line is `auditready controls`' summary, worst state first
    const counts = CONTROL_STATES.filter((st) => view.summary[st] > 0).map((st) => ` · ${view.summary[st]} ${CONTROL_LABEL[st].toLowerCase()}`);
    expect(counts.length).toBeGreaterThan(1);
    expect(f).toContain(`${view.rows.length} controls${counts.join('')}`);
    const first = view.rows[0]!;
    expect(f).toMatch(new RegExp(`▸ ${first.id.replace(/[.()]/g, '\\$&')}\\s+${CONTROL_LABEL[first.state]}`));
    expect(f).toContain(`${first.id} ${first.title}`);
    const uncovered = view.rows.findIndex((row) => row.policies.length === 0);
    if (uncovered >= 0) {
      for (let i = 0; i < uncovered; i++) await press(r, KEY.down);
      await press(r, KEY.enter);
      await waitForContent(r, `no finding evidences pci-dss ${view.rows[uncovered]!.id}`);
    }
  });

  it('copy writes the details to a file and sends OSC 52, and says so', async () => {
    const { r, written, sent } = open(demo);
    await waitForInputsToBeReady(r);
    await press(r, '2', KEY.enter);
    await waitForContent(r, 'Observed vs expected');
    await press(r, 'c');
    const f = await waitForContent(r, 'copied to the clipboard (OSC 52) and /out/auditready-finding-');
    const [file, text] = [...written][0]!;
    expect(lines(f).at(-1)).toBe(
      `copied to the clipboard (OSC 52) and ${file}`
        .slice(0, 80)
        .trimEnd()
        .replace(/.$/, (c) => (`copied to the clipboard (OSC 52) and ${file}`.length > 80 ? '…' : c)),
    );
    expect(file).toMatch(/^\/out\/auditready-finding-AR-/);
    expect(text).toContain('remediation:');
    expect(sent).toHaveLength(1);
    expect(Buffer.from(/\]52;c;([^\u0007]+)/.exec(sent[0]!)![1]!, 'base64').toString()).toBe(text);
  });

  it('shows a waiver and the HTML report path', async () => {
    const report = structuredClone(demo);
    const f = report.findings.find((x) => x.status === 'fail')!;
    f.status = 'waived';
    f.waiver = {
      id: 'W-7',
      policy: f.policy_id,
      tool: f.tool,
      justification: 'SSO migration',
      approver: 'ciso@acme',
      approved_on: '2026-11-01',
      expires_on: '2027-01-31',
      waived_status: 'fail',
    };
    const { r } = open(report, { htmlReport: '/reports/report.html', rows: 60 });
    await waitForInputsToBeReady(r);
    await press(r, 'H');
    await waitForContent(r, 'HTML report: /reports/report.html');
    await press(r, '2', 's');
    while (!frame(r).includes('status:waived')) await press(r, 's');
    await press(r, KEY.enter);
    const d = await waitForContent(r, 'Waiver');
    expect(d).toContain('W-7: approved by ciso@acme on 2026-11-01, until 2027-01-31');
  });

  it('? shows every key', async () => {
    const { r } = open(demo, { columns: 140, rows: 50 });
    await waitForInputsToBeReady(r);
    await press(r, '?');
    const f = await waitForContent(r, 'Keys');
    for (const k of ['Findings list', 'Detail', 'Frameworks', 'export the filtered view', 'copy the details', 'quit']) expect(f).toContain(k);
    await press(r, 'x');
    await waitForContent(r, 'Score');
  });
});

function listRowsFrameworks(f: string): string[] {
  const labels = Object.values(CONTROL_LABEL).join('|');
  return lines(f).filter((l) => new RegExp(`^(▸ | {2})\\S+\\s+(${labels})\\s`).test(l));
}

describe('sizes, empty and large reports', () => {
  it('adapts to a larger terminal: more rows in the list, wider columns', async () => {
    const { r } = open(demo, { columns: 160, rows: 50 });
    await waitForInputsToBeReady(r);
    await press(r, '2');
    const f = await waitForContent(r, 'STATUS');
    expect(listRows(f).length).toBe(Math.min(demo.findings.length, 50 - 3 - 4));
    fitsIn(f, 160, 50);
  });

  it('an empty report says so on every screen', async () => {
    const { r } = open(emptyReport(demo));
    await waitForContent(r, 'This report has no findings');
    await waitForInputsToBeReady(r);
    await press(r, '2');
    await waitForContent(r, 'no findings match');
    expect(frame(r)).toContain('0 of 0');
    await press(r, KEY.enter, '3');
    await waitForContent(r, 'No finding maps to a framework control');
  });

  it('10,000 findings: only a window of rows is rendered; paging and jumping to the end work', async () => {
    const big = multiplyReport(demo, 10_000);
    const { r } = open(big);
    await waitForInputsToBeReady(r);
    await press(r, '2');
    let f = await waitForContent(r, '10000 of 10000');
    expect(listRows(f)).toHaveLength(24 - 3 - 4);
    fitsIn(f, 80, 24);
    await press(r, KEY.pageDown, KEY.pageDown);
    f = frame(r);
    expect(lines(f).filter((l) => l.startsWith('▸ '))).toHaveLength(1);
    await press(r, 'G');
    f = await waitFor(r, (x) => listRows(x).at(-1)!.startsWith('▸ '), 'the cursor on the last row');
    await press(r, KEY.enter);
    await waitForContent(r, 'Observed vs expected');
    await press(r, KEY.escape, '/', 'z', 'z', 'z');
    await waitForContent(r, '0 of 10000');
    // The overview windows its grid too: hundreds of tools still fit 80×24.
    await press(r, KEY.escape, '1');
    fitsIn(await waitForContent(r, 'Score'), 80, 24);
  });
});

describe('colour', () => {
  it('NO_COLOR (any value) or TERM=dumb turns colour off; the theme then has no colours', () => {
    expect(colorFromEnv({ NO_COLOR: '1' })).toBe(false);
    expect(colorFromEnv({ NO_COLOR: '' })).toBe(true);
    expect(colorFromEnv({ TERM: 'dumb' })).toBe(false);
    expect(colorFromEnv({})).toBe(true);
    const off = makeTheme(false);
    expect([off.status('fail'), off.severity('high'), off.accent]).toEqual([undefined, undefined, undefined]);
    expect(makeTheme(true).status('fail')).toBe('red');
  });
});

describe.each([
  [80, 24],
  [120, 40],
])('explorer at %i columns', (columns, rows) => {
  /** Every help line, by help column (two side by side from 120), scrolling through the whole help. */
  async function helpText(r: ReturnType<typeof open>['r']): Promise<string[][]> {
    const seen: string[][] = [[], []];
    let last = '';
    for (let i = 0; i < 60; i++) {
      const f = frame(r);
      if (f === last) break;
      last = f;
      for (const l of lines(f).slice(2, -1)) {
        expect(l.length, l).toBeLessThanOrEqual(columns);
        expect(l, 'cut off').not.toMatch(/…$/);
        const parts = columns >= 120 ? [l.slice(0, columns / 2), l.slice(columns / 2)] : [l];
        parts.forEach((p, c) => {
          if (i === 0 || !seen[c]!.includes(p.trimEnd())) seen[c]!.push(p.trimEnd());
        });
      }
      await press(r, KEY.down);
    }
    return seen;
  }

  it('the help fits the width: every key and its whole description, wrapped under itself', async () => {
    const { r } = open(demo, { columns, rows });
    await waitForInputsToBeReady(r);
    await press(r, '?');
    await waitForContent(r, 'Keys — q quits');
    const cols = await helpText(r);
    // a description goes on under itself (18 columns in): join those lines to the line they continue
    const entries = cols.flatMap((col) => {
      const out: string[] = [];
      for (const l of col) {
        if (/^ {18}\S/.test(l) && out.length) out[out.length - 1] += ` ${l.trim()}`;
        else out.push(l);
      }
      return out;
    });
    for (const block of KEY_REFERENCE) {
      expect(entries).toContain(block.where);
      for (const [k, what] of block.keys) expect(entries).toContain(`  ${k.padEnd(15)} ${what}`);
    }
    if (columns >= 120) expect(frame(r)).not.toContain('↑/↓ scroll');
  });

  it("the detail wraps at the width, and the remediation starts with the finding's own tool", async () => {
    const f = demo.findings.find((x) => x.policy_id === 'AR-IDN-005' && x.tool === 'vault/prod')!;
    expect(f.remediation.indexOf('Vault/OpenBao:')).toBeGreaterThan(f.remediation.indexOf('GitHub:'));
    const { r } = open(demo, { columns, rows });
    await waitForInputsToBeReady(r);
    await press(r, '2', '/', ...'AR-IDN-005 vault/prod', KEY.enter);
    await waitForContent(r, '1 of');
    await press(r, KEY.enter);
    await waitForContent(r, 'Observed vs expected');
    const text: string[] = [];
    for (let i = 0; i < 100; i++) {
      const ls = lines(frame(r)).slice(1, -1);
      for (const l of ls) {
        expect(l.length, l).toBeLessThanOrEqual(columns);
        expect(l, 'cut off').not.toMatch(/…$/);
      }
      text.push(...(i === 0 ? ls : ls.slice(-1)));
      if (ls.at(-1)?.startsWith('  soc2')) break;
      await press(r, KEY.down);
    }
    const start = text.indexOf('Remediation');
    const end = text.indexOf('Framework controls');
    const section = text.slice(start + 1, end);
    expect(section[0]).toMatch(/^ {2}Vault\/OpenBao \(this tool\): /);
    // one paragraph per tool (and the general one), each reflowed: a line breaks only where the next word would not fit
    const labelled = f.remediation.split('\n').filter((l) => /^[A-Z][\w ./()-]*: /.test(l)).length;
    expect(section.filter((l) => /^ {2}\S/.test(l)).length).toBeGreaterThanOrEqual(labelled + 1);
    for (let i = 1; i < section.length; i++) {
      if (!/^ {4}\S/.test(section[i]!)) continue;
      const next = section[i]!.trim().split(' ')[0]!;
      expect(section[i - 1]!.length + 1 + next.length, `${section[i - 1]} | ${next}`).toBeGreaterThan(columns - 1);
    }
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(words(section.join(' '))).toContain(words(f.remediation.split('\n').slice(0, 2).join(' ')));
  });

  it('the severity filter offers "high and above", as the gate reads --fail-on high', async () => {
    const { r } = open(demo, { columns, rows });
    await waitForInputsToBeReady(r);
    await press(r, '2');
    for (let i = 0; i < 6 && !frame(r).includes('severity:high and above'); i++) await press(r, 'v');
    const n = demo.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length;
    const f = await waitForContent(r, `${n} of ${demo.findings.length}`);
    expect(lines(f)[1]).toMatch(/^status\S* severity:high and above /);
    for (const l of lines(f)) {
      expect(l.length).toBeLessThanOrEqual(columns);
      // the filter bar and the footer fit: nothing cut off
      if (!/^(▸ | {2})[A-Z]/.test(l)) expect(l).not.toMatch(/…$/);
    }
  });
});
