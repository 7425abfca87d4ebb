import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CONTROL_STATES } from '../../src/report/control-state.js';
import { htmlReporter } from '../../src/reporters/html.js';
import type { Report } from '../../src/report/types.js';
import { richReport } from '../helpers/reports.js';

/** Debian's chromium; .ci/run installs it. */
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const dir = mkdtempSync(path.join(tmpdir(), 'ar-html-'));

let browser: Browser;
let report: Report;
let page: Page;
const problems: string[] = [];
const requests: string[] = [];

describe.skipIf(!HAVE)(HAVE ? 'html reporter in headless Chromium' : `html reporter: SKIPPED, ${CHROMIUM} is absent (apt-get install chromium)`, () => {
  beforeAll(async () => {
    report = await richReport();
    const file = path.join(dir, 'auditready.html');
    writeFileSync(file, htmlReporter.render(report, { color: false, runBy: 'dana@audit-host' }));
    // One browser for every test in this file. Playwright gives it a fresh, temporary
    // user-data-dir itself (it refuses --user-data-dir with launch()).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const visible = () => page.locator('#findings tbody tr.finding:not(.hidden)');

  it('renders without console errors or network requests, with the summary and charts', async () => {
    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(await page.locator('#result').textContent()).toBe('FAIL');
    expect(await page.locator('#chart-pillar svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart-tool svg text').count()).toBeGreaterThanOrEqual(new Set(report.findings.map((f) => f.tool)).size);
    expect(await page.locator('#chart-severity svg rect').count()).toBe(4);
    expect(await page.locator('.card[data-status="fail"] b').textContent()).toBe(String(report.summary.by_status.fail));
    expect(await visible().count()).toBe(report.findings.length);
    expect(await page.locator('#warnings li').allInnerTexts()).toEqual(report.warnings!.map((w) => `⚠ ${w.message}`));
  });

  it('filters by status, tool, control, text and gating, and the count follows', async () => {
    await page.selectOption('#f-status', 'fail');
    const fails = report.findings.filter((f) => f.status === 'fail');
    expect(await visible().count()).toBe(fails.length);
    expect(await page.locator('#shown').textContent()).toBe(String(fails.length));
    for (const s of await visible().evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status))) expect(s).toBe('fail');

    await page.selectOption('#f-tool', 'loki/central');
    expect(await visible().count()).toBe(fails.filter((f) => f.tool === 'loki/central').length);
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-tool', '');

    await page.selectOption('#f-framework', 'nist-800-53:AU-11');
    expect(await visible().count()).toBe(report.findings.filter((f) => f.frameworks['nist-800-53']?.includes('AU-11')).length);
    await page.selectOption('#f-framework', '');

    await page.fill('#f-search', 'exc-2026-014');
    expect(await visible().count()).toBe(1);
    expect(await visible().first().getAttribute('data-status')).toBe('waived');
    await page.fill('#f-search', '');

    await page.check('#f-gating');
    expect(await visible().count()).toBe(report.summary.gating);
    await page.uncheck('#f-gating');
    expect(await visible().count()).toBe(report.findings.length);
    expect(problems).toEqual([]);
  });

  it("each policy's controls and remediation are shown once and rows link to them", async () => {
    const link = page.locator('#findings tr.finding[data-tool="jenkins/ci-prod"][data-status="fail"] a[href^="#policy-"]').first();
    const href = await link.getAttribute('href');
    await page.goto(page.url().split('#')[0]! + href!);
    const target = page.locator(href!);
    expect(await target.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await target.innerText()).toMatch(/Remediation/);
    expect(await page.locator('#policies details.policy').count()).toBe(new Set(report.findings.map((f) => f.policy_id)).size);
    await page.goto(page.url().split('#')[0]!);
  });

  it('shows the evidence of a finding and the framework view', async () => {
    const row = page.locator('#findings tr.finding[data-tool="jenkins/ci-prod"][data-status="fail"]').first();
    await row.locator('summary').click();
    const text = await row.locator('details').innerText();
    expect(text).toMatch(/sha256 [0-9a-f]{64}/);
    expect(text).toContain('Observed');
    const frameworks = await page.locator('#frameworks details.framework').evaluateAll((d) => d.map((x) => x.getAttribute('data-framework')));
    expect(frameworks).toEqual([...new Set(report.findings.flatMap((f) => Object.keys(f.frameworks)))].sort());
    // a control link filters the table
    await page.locator('#frameworks details.framework[data-framework="soc2"] summary').click();
    await page.locator('a[data-filter-framework="soc2:CC6.1"]').click();
    expect(await visible().count()).toBe(report.findings.filter((f) => f.frameworks.soc2?.includes('CC6.1')).length);
    await page.selectOption('#f-framework', '');
  });

  it('escapes what it shows and produces a screenshot', async () => {
    // nothing from the data became markup: the filter script and its policy → controls data only
    expect(await page.locator('script').evaluateAll((ss) => ss.map((x) => x.getAttribute('type')))).toEqual(['application/json', null]);
    expect(await page.locator('text=default permission <write> & "admin"').count()).toBe(1);
    const shot = path.join(dir, 'auditready.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
  });

  it('opens with an executive summary: result, scope, when, by whom, profile and the result per framework', async () => {
    const first = page.locator('main > section').first();
    expect(await first.getAttribute('id')).toBe('executive');
    expect(await first.isVisible()).toBe(true);
    // above the fold of a 1000-pixel window
    expect((await first.boundingBox())!.y).toBeLessThan(300);
    expect(await page.locator('#exec-result').innerText()).toMatch(new RegExp(`^FAIL: ${report.summary.gating} gating findings of ${report.summary.total}`));
    const types = new Set(report.snapshots.map((s) => s.type));
    const scope = await page.locator('#exec-scope').innerText();
    expect(scope).toMatch(new RegExp(`^${report.snapshots.length} tools \\(`));
    for (const t of types) expect(scope).toContain(`1 ${t}`);
    expect(await page.locator('#exec-when').innerText()).toContain(`as of ${report.run.as_of}`);
    expect(await page.locator('#exec-by').innerText()).toBe('dana@audit-host');
    expect(await page.locator('#exec-profile').innerText()).toBe(report.run.profile);
    // each framework's result is the worst state of its controls in the framework view
    const frameworks = [...new Set(report.findings.flatMap((f) => Object.keys(f.frameworks)))].sort();
    const rows = page.locator('#framework-results tbody tr');
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-framework')))).toEqual(frameworks);
    for (const fw of frameworks) {
      const states = await page
        .locator(`#frameworks details.framework[data-framework="${fw}"] tr[data-state]`)
        .evaluateAll((r) => r.map((x) => x.getAttribute('data-state')));
      const worst = CONTROL_STATES.find((s) => states.includes(s));
      expect(await page.locator(`#framework-results tr[data-framework="${fw}"]`).getAttribute('data-state'), fw).toBe(worst);
      const satisfied = states.filter((s) => s === 'satisfied').length;
      expect(await page.locator(`#framework-results tr[data-framework="${fw}"] td:nth-child(3)`).innerText()).toBe(`${satisfied} of ${states.length}`);
    }
    // rendered without the run's user: said so, not invented
    expect(htmlReporter.render(report, { color: false })).toContain('<dd id="exec-by">not recorded in this report</dd>');
  });

  it('status and severity never share a colour, and both are written as text', async () => {
    const statusColours = await page.locator('#findings td.st').evaluateAll((c) => c.map((x) => getComputedStyle(x).color));
    const badges = page.locator('#findings td .sev');
    expect(await badges.count()).toBe(report.findings.length);
    const severity = await badges.evaluateAll((b) => b.map((x) => [x.textContent, x.getAttribute('data-severity'), getComputedStyle(x).backgroundColor]));
    for (const [text, sev] of severity) expect(text).toBe(sev);
    const severityColours = new Set(severity.map((x) => x[2]));
    expect(severityColours.size).toBe(new Set(report.findings.map((f) => f.severity)).size);
    for (const c of severityColours) expect(statusColours).not.toContain(c);
    const chart = await page.locator('#chart-severity rect').evaluateAll((r) => r.map((x) => x.getAttribute('fill')));
    const statusFills = await page.locator('#chart-pillar rect').evaluateAll((r) => r.map((x) => x.getAttribute('fill')));
    for (const c of chart) expect(statusFills).not.toContain(c);
    // the status chart's colours are named in a legend
    expect(await page.locator('#summary .legend').innerText()).toMatch(/ERROR\s*FAIL\s*UNKNOWN\s*WAIVED\s*PASS/);
  });

  it('prints with every evidence section expanded, and prints to a non-empty PDF', async () => {
    const p2 = await browser.newPage();
    await p2.goto(pathToFileURL(path.join(dir, 'auditready.html')).href);
    const evidence = p2.locator('#findings tr.finding details table').first();
    const policy = p2.locator('#policies details.policy pre').first();
    expect(await evidence.isVisible()).toBe(false);
    expect(await policy.isVisible()).toBe(false);
    await p2.emulateMedia({ media: 'print' });
    expect(await evidence.isVisible()).toBe(true);
    expect(await policy.isVisible()).toBe(true);
    expect(await p2.locator('#frameworks details.framework table').first().isVisible()).toBe(true);
    expect(await p2.locator('.filters').isVisible()).toBe(false);
    // the print event opens every details element for browsers without ::details-content, and closes them after
    const closed = await p2.locator('details:not([open])').count();
    expect(closed).toBeGreaterThan(0);
    await p2.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await p2.locator('details:not([open])').count()).toBe(0);
    await p2.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await p2.locator('details:not([open])').count()).toBe(closed);

    const pdf = await p2.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(50_000);
    // expanded evidence makes many pages: more than the screen's collapsed rows would
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(5);
    await p2.close();
    expect(problems).toEqual([]);
  });

  it('deep links pre-set the filters', async () => {
    const p2 = await browser.newPage();
    await p2.goto(`${pathToFileURL(path.join(dir, 'auditready.html')).href}#status=unknown&gating=1`);
    const n = await p2.locator('#findings tbody tr.finding:not(.hidden)').count();
    expect(n).toBe(report.findings.filter((f) => f.status === 'unknown' && f.gating).length);
    await p2.close();
  });
});
