import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
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
    writeFileSync(file, htmlReporter.render(report, { color: false }));
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

  it('deep links pre-set the filters', async () => {
    const p2 = await browser.newPage();
    await p2.goto(`${pathToFileURL(path.join(dir, 'auditready.html')).href}#status=unknown&gating=1`);
    const n = await p2.locator('#findings tbody tr.finding:not(.hidden)').count();
    expect(n).toBe(report.findings.filter((f) => f.status === 'unknown' && f.gating).length);
    await p2.close();
  });
});
