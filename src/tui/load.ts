import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY_BUNDLE_DIR } from '../engine/policy-bundle.js';
import { InputError } from '../errors.js';
import type { Catalog } from '../policy/catalog.js';
import { readBundleJson } from '../evidence/files.js';
import { openBundle, readReportFile } from '../evidence/read.js';
import { describeTrust, TRUST_LABEL, type TrustedKey } from '../evidence/trust.js';
import { MANIFEST, PATHS } from '../evidence/types.js';
import { controlsView, loadFramework, type ControlsView } from '../report/controls.js';
import type { Report } from '../report/types.js';

export interface LoadedReport {
  readonly report: Report;
  /** What the header shows: the file or bundle directory. */
  readonly label: string;
  readonly htmlReport: string | null;
  /** The policy bundle the report was evaluated with, when it travels with it (evidence bundles). */
  readonly policyDir?: string;
}

/**
 * A report file, or a directory: an evidence bundle (`check --evidence DIR`; its manifest is verified
 * first, so what you explore is what the auditor gets), or a plain folder holding report.json.
 */
export function loadReportPath(target: string, trusted: readonly TrustedKey[] = []): LoadedReport {
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch (e) {
    throw new InputError({ file: target }, `no such report file or evidence bundle (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
  }
  if (isDir && existsSync(path.join(target, MANIFEST))) {
    const { report, trust } = openBundle(target, { verify: true, trusted });
    const html = path.join(target, PATHS.report.replace(/\.json$/, '.html'));
    return {
      report,
      label: `${target} (evidence bundle, ${describeTrust(trust)})`,
      htmlReport: existsSync(html) ? html : null,
      policyDir: path.join(target, PATHS.policy),
    };
  }
  if (isDir) {
    const file = path.join(target, 'report.json');
    if (!existsSync(file)) throw new InputError({ file: target }, 'not an evidence bundle (no manifest.json) and no report.json in it');
    const html = path.join(target, 'report.html');
    return { report: readReportFile(file), label: `${target} (report, ${TRUST_LABEL.unsigned})`, htmlReport: existsSync(html) ? html : null };
  }
  const html = `${target.replace(/\.json$/i, '')}.html`;
  return {
    report: readReportFile(target),
    label: `${target} (report, ${TRUST_LABEL.unsigned})`,
    htmlReport: html !== target && existsSync(html) ? html : null,
  };
}

/** The policy catalog that travels with an evidence bundle, else the built one; null when neither is readable. */
export function readCatalog(policyBundleDir?: string): Catalog | null {
  for (const dir of [policyBundleDir, DEFAULT_POLICY_BUNDLE_DIR]) {
    if (!dir) continue;
    try {
      return readBundleJson<Catalog>(path.join(dir, 'catalog.json'), 'the policy catalog');
    } catch {
      // try the next
    }
  }
  return null;
}

/**
 * Policy descriptions from the policy catalog, for the detail screen. The report carries titles but
 * not descriptions; when the catalog is missing the detail simply has no description.
 */
export function catalogDescriptions(catalog: Catalog | null): (policyId: string) => string | undefined {
  const byId = new Map((catalog?.policies ?? []).map((p) => [p.id, p.description]));
  return (id) => byId.get(id);
}

/**
 * Every control of a framework with its status from the report's findings — the same view as
 * `auditready controls --report` — or null when the framework or policy catalog is not available.
 */
export function frameworkControlsFor(report: Report, catalog: Catalog | null): (framework: string) => ControlsView | null {
  const cache = new Map<string, ControlsView | null>();
  return (framework) => {
    if (!catalog) return null;
    if (!cache.has(framework)) {
      let view: ControlsView | null = null;
      try {
        view = controlsView(loadFramework(framework), catalog, report.findings, {
          claims: report.claims,
          collection_errors: report.collection_errors,
          parameters: report.run.parameters,
        });
      } catch {
        view = null; // no catalog for it: the screen falls back to the findings' own mapping
      }
      cache.set(framework, view);
    }
    return cache.get(framework)!;
  };
}
