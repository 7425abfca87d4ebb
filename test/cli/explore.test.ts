import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuditreadyError } from '../../src/errors.js';
import type { Report } from '../../src/report/types.js';
import { loadReportPath } from '../../src/tui/load.js';
import { CLI, cli, fixture } from '../helpers/run.js';

const DEMO = fixture('demo', 'auditready.yaml');
let dir: string;
let reportFile: string;
let report: Report;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-explore-'));
  reportFile = path.join(dir, 'report.json');
  const r = cli(['check', '-c', DEMO, '--format', 'json', '--out', reportFile]);
  expect(r.code, r.stderr).toBe(1); // the demo has gating findings
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('auditready explore without a terminal', () => {
  it('refuses without a TTY, pointing to check --format (exit 2, one line)', () => {
    const r = cli(['explore', reportFile]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('auditready: explore needs an interactive terminal; for scripts and CI use: auditready check --format table|json\n');
  });

  it('usage error: nothing to open', () => {
    expect(cli(['explore'])).toMatchObject({ code: 2, stderr: 'auditready: explore: give a report file, an evidence bundle directory, or -c <config>\n' });
  });
});

describe('loading what explore opens', () => {
  const fails = (p: string) => {
    try {
      loadReportPath(p);
    } catch (e) {
      expect(isAuditreadyError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error(`${p} loaded`);
  };

  it('a saved report, with the HTML report beside it when there is one', () => {
    expect(loadReportPath(reportFile)).toMatchObject({ label: `${reportFile} (report, unsigned)`, htmlReport: null });
    writeFileSync(path.join(dir, 'report.html'), '<html></html>');
    expect(loadReportPath(reportFile).htmlReport).toBe(path.join(dir, 'report.html'));
    expect(loadReportPath(reportFile).report.findings).toHaveLength(report.findings.length);
  });

  it('an evidence bundle (check --evidence): verified first, with its HTML report and policy catalog', () => {
    const bundle = path.join(dir, 'evidence');
    expect(cli(['check', '-c', DEMO, '--evidence', bundle]).code).toBe(1);
    const loaded = loadReportPath(bundle);
    expect(loaded).toMatchObject({
      label: `${bundle} (evidence bundle, unsigned)`,
      htmlReport: path.join(bundle, 'reports', 'auditready.html'),
      policyDir: path.join(bundle, 'policy'),
    });
    expect(loaded.report.findings.map((f) => [f.policy_id, f.tool, f.status])).toEqual(report.findings.map((f) => [f.policy_id, f.tool, f.status]));
    const json = path.join(bundle, 'reports', 'auditready.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('"fail"', '"pass"'));
    expect(fails(bundle)).toMatch(/evidence bundle does not verify \(changed reports\/auditready\.json/);
  });

  it('a plain folder with report.json', () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expect(fails(folder)).toBe(`${folder}: not an evidence bundle (no manifest.json) and no report.json in it`);
    writeFileSync(path.join(folder, 'report.json'), JSON.stringify(report));
    expect(loadReportPath(folder)).toMatchObject({ label: `${folder} (report, unsigned)`, htmlReport: null });
  });

  it('names the file and the problem for missing, non-JSON and invalid reports', () => {
    expect(fails(path.join(dir, 'nope.json'))).toMatch(/nope\.json: no such report file or evidence bundle \(ENOENT\)$/);
    expect(fails('/dev/null')).toMatch(/\/dev\/null: is a character device, not a regular file/);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{');
    expect(fails(bad)).toMatch(/bad\.json: not a JSON report/);
    writeFileSync(bad, JSON.stringify({ ...report, report_version: '9' }));
    expect(fails(bad)).toMatch(/bad\.json: invalid report: report_version: must be "1"/);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the built binary in a real terminal (tmux), driven with send-keys, read with capture-pane.

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `auditready-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Session {
  readonly name: string;
  screen(options?: { escapes?: boolean }): string;
  keys(...keys: string[]): Promise<void>;
  text(s: string): Promise<void>;
  waitFor(what: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
}

let sessions = 0;
function start(command: string, env: Record<string, string> = {}, size = { x: 100, y: 30 }): Session {
  const name = `s${++sessions}`;
  const envs = Object.entries({ TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  // Keep the pane after the program exits so the test can read the exit code and the restored screen.
  // Run in the test's temp dir: a stray key (e.g. 'c' for copy) must never write into the repository.
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(size.x),
    '-y',
    String(size.y),
    `cd ${JSON.stringify(dir)} && env ${envs.join(' ')} ${command}; echo "EXIT=$?"; sleep 60`,
  );
  const s: Session = {
    name,
    screen: (o = {}) => tmux('capture-pane', '-p', ...(o.escapes ? ['-e'] : []), '-t', name),
    // After each key, wait until the screen has been still for a moment (so assertions see its effect).
    keys: async (...keys) => {
      for (const k of keys) {
        tmux('send-keys', '-t', name, k);
        await quiet(s);
      }
    },
    text: async (t) => {
      for (const ch of t) {
        tmux('send-keys', '-t', name, '-l', ch);
        await sleep(40);
      }
    },
    waitFor: async (what, timeoutMs = 8000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const screen = s.screen();
        if (typeof what === 'string' ? screen.includes(what) : typeof what === 'function' ? what(screen) : what.test(screen)) return screen;
        if (Date.now() > end) throw new Error(`tmux: timed out waiting for ${String(what)}; screen:\n${screen}`);
        await sleep(50);
      }
    },
  };
  return s;
}

async function quiet(s: Session, stillMs = 120, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = s.screen();
  let since = Date.now();
  while (Date.now() < end && Date.now() - since < stillMs) {
    await sleep(30);
    const now = s.screen();
    if (now !== last) [last, since] = [now, Date.now()];
  }
}

/** The filter line ("status:… severity:… tool:…"). */
const filterLine = (screen: string) => /^status:.*$/m.exec(screen)?.[0] ?? '';

/**
 * Press a filter key until the filter line shows `want`. Each press waits for the filter line to
 * change: on a loaded machine the screen can stay still longer than keys() waits before the app
 * has drawn the press, and pressing again then skips past the wanted value.
 */
async function cycleTo(s: Session, key: string, want: string, max: number): Promise<void> {
  for (let i = 0; i < max && !filterLine(s.screen()).includes(want); i++) {
    const before = filterLine(s.screen());
    await s.keys(key);
    await s.waitFor((screen) => filterLine(screen) !== before);
  }
  await s.waitFor((screen) => filterLine(screen).includes(want), 1);
}

const explore = (args: string) => `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} explore ${args}`;

describe.skipIf(!hasTmux)('auditready explore in tmux (real binary, real terminal)', () => {
  // One idle session keeps this private tmux server up between tests (it exits with its last session).
  beforeAll(() => tmux('new-session', '-d', '-s', 'keep', 'sleep 600'));
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });

  it('a newcomer opens the demo report, lists failing findings of high severity and above of one tool, reads evidence, exports, quits cleanly', async () => {
    const out = path.join(dir, 'out');
    const s = start(explore(`${JSON.stringify(reportFile)} --out-dir ${JSON.stringify(out)}`));
    try {
      const overview = await s.waitFor('Score');
      expect(overview).toContain(`profile ${report.run.profile}`);
      await s.keys('2');
      await s.waitFor(`${report.findings.length} of ${report.findings.length}`);
      await s.keys('s');
      await s.waitFor('status:fail');
      await cycleTo(s, 'v', 'severity:high and above', 5);
      const tool = 'jenkins/ci-prod';
      await cycleTo(s, 't', `tool:${tool}`, 10);
      // a threshold, as the gate reads --fail-on high: critical and high
      const want = report.findings.filter((f) => f.status === 'fail' && (f.severity === 'high' || f.severity === 'critical') && f.tool === tool);
      const list = await s.waitFor(`${want.length} of ${report.findings.length}`);
      for (const w of want) expect(list).toMatch(new RegExp(`FAIL\\s+${w.severity}\\s+${w.policy_id}\\s+jenkins/ci-prod`));

      await s.keys('Enter');
      const detail = await s.waitFor('Observed vs expected');
      const shown = want.find((w) => detail.includes(`${w.policy_id}  ${w.title}`))!;
      expect(shown).toBeDefined();
      let seen = detail;
      for (let i = 0; i < 6 && !seen.includes(shown.evidence.sha256); i++) {
        await s.keys('PageDown');
        seen += s.screen();
      }
      expect(seen).toContain(shown.evidence.sha256);
      expect(seen).toContain(shown.evidence.pointers[0]!);

      await s.keys('Escape');
      await s.waitFor(`tool:${tool}`);
      await s.keys('e');
      await s.waitFor('exported');
      const md = readFileSync(path.join(out, 'auditready-findings.md'), 'utf8');
      for (const w of want) expect(md).toContain(`| fail | ${w.severity} | ${w.policy_id} |`);

      await s.keys('?');
      await s.waitFor('Keys — q quits');
      await s.keys('q');
      const after = await s.waitFor('EXIT=0');
      // The alternate screen is gone: the terminal shows what was there before, not the explorer.
      expect(after).not.toContain('Score');
      expect(after).not.toContain('STATUS');
    } finally {
      tmux('kill-session', '-t', s.name);
    }
  });

  it('colour on a terminal (even with CI=true, as ink would otherwise not draw), none with NO_COLOR', async () => {
    const colourSgr = /\u001B\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25])[;m]/;
    const coloured = start(explore(JSON.stringify(reportFile)), { CI: 'true' }, { x: 80, y: 24 });
    const plain = start(explore(JSON.stringify(reportFile)), { NO_COLOR: '1' }, { x: 80, y: 24 });
    try {
      await coloured.waitFor('Score');
      await plain.waitFor('Score');
      await sleep(150);
      expect(coloured.screen({ escapes: true })).toMatch(colourSgr);
      expect(plain.screen({ escapes: true })).not.toMatch(colourSgr);
      // 80×24: every line fits.
      for (const l of plain.screen().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
      // Resizing the terminal re-lays out the screens: a 40-row terminal lists 40 - 3 - 4 findings.
      await plain.keys('2');
      await plain.waitFor('STATUS');
      tmux('resize-window', '-t', plain.name, '-x', '120', '-y', '40');
      const rows = (screen: string) => screen.split('\n').filter((l) => /^(▸ | {2})(FAIL|PASS|UNKNOWN|N\/A|ERROR|WAIVED)\s/.test(l)).length;
      await plain.waitFor((screen) => rows(screen) === Math.min(report.findings.length, 33));
      await coloured.keys('C-c');
      await plain.keys('C-c');
      await coloured.waitFor('EXIT=0');
      await plain.waitFor('EXIT=0');
    } finally {
      tmux('kill-session', '-t', coloured.name);
      tmux('kill-session', '-t', plain.name);
    }
  });

  it('explore -c runs the check with per-collector progress, then opens the explorer; bad paths exit 2 with one line', async () => {
    const s = start(`${explore(`-c ${JSON.stringify(DEMO)}`)} 2>&1`);
    const bad = start(`${explore(JSON.stringify(path.join(dir, 'missing.json')))} 2>&1`);
    try {
      await s.waitFor('Score');
      await s.keys('q');
      const screen = await s.waitFor('EXIT=0');
      // Finished collectors stay listed above the (now closed) explorer: one line per target.
      for (const id of new Set(report.findings.map((f) => f.tool))) expect(screen).toMatch(new RegExp(`✓ ${id.replace('/', '\\/')} \\d+ ms`));
      const b = (await bad.waitFor('EXIT=2')).replace(/\n/g, '');
      expect(b).toContain(`auditready: ${path.join(dir, 'missing.json')}: no such report file or evidence bundle (ENOENT)`);
    } finally {
      tmux('kill-session', '-t', s.name);
      tmux('kill-session', '-t', bad.name);
    }
  });
});

it('the e2e helpers need the built binary', () => {
  expect(existsSync(CLI)).toBe(true);
});
