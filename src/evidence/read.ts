import { statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { Report } from '../report/types.js';
import { decodeUtf8, readRegularFile } from '../util/read-file.js';
import { describeError, primaryError, validator } from '../util/schema.js';
import { readBundleJson } from './files.js';
import type { Trust, TrustedKey } from './trust.js';
import { PATHS } from './types.js';
import { readManifest, verifyBundle, verifyProblems, type VerifyResult } from './verify.js';

export interface ReadBundleOptions {
  /** Recompute every hash, check the signature and the derivations first; throw naming what is wrong. @default false */
  readonly verify?: boolean;
  /** Keys that make the bundle trusted (--pub-key, the config's trusted_keys). */
  readonly trusted?: readonly TrustedKey[];
}

/** Evidence read from disk: the report, how far it can be trusted, and what it was. */
export interface OpenedEvidence {
  readonly report: Report;
  readonly trust: Trust;
  readonly kind: 'bundle' | 'report';
  /** The verification of a bundle (null for a plain report, or a bundle read without verifying). */
  readonly verification: VerifyResult | null;
}

/** Validate a parsed report against schemas/report.schema.json (a finding `null` is an error, not a crash). */
export function checkReport(value: unknown, file: string): Report {
  const validate = validator('report');
  if (!validate(value)) throw new InputError({ file }, `invalid report: ${describeError(primaryError(validate.errors ?? []))}`);
  return value as Report;
}

/** A saved JSON report (`check --format json --out FILE`): size-capped, regular file, schema-checked. */
export function readReportFile(file: string): Report {
  const text = decodeUtf8(readRegularFile(file, { limit: 'maxBundleFileBytes' }), file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError({ file }, `not a JSON report (${(e as Error).message}); write one with: auditready check --format json --out FILE`, { cause: e });
  }
  return checkReport(value, file);
}

/** Open an evidence bundle: verify it (unless told not to) and read its report. */
export function openBundle(dir: string, options: ReadBundleOptions = {}): OpenedEvidence {
  readManifest(dir);
  let verification: VerifyResult | null = null;
  if (options.verify) {
    verification = verifyBundle(dir, { trusted: options.trusted });
    if (!verification.ok) {
      const what = verifyProblems(verification);
      throw new InputError(
        { file: dir },
        `evidence bundle does not verify (${what.slice(0, 3).join(', ')}${what.length > 3 ? `, and ${what.length - 3} more` : ''}); run: auditready verify ${dir}`,
      );
    }
  }
  const report = checkReport(readBundleJson(path.join(dir, ...PATHS.report.split('/')), "the bundle's report"), path.join(dir, PATHS.report));
  return { report, trust: verification?.trust ?? { state: 'unsigned' }, kind: 'bundle', verification };
}

/** The report inside an evidence bundle. */
export function readBundle(dir: string, options: ReadBundleOptions = {}): Report {
  return openBundle(dir, options).report;
}

/**
 * A JSON report file or an evidence bundle folder (which must verify), with its trust. A plain
 * report carries no signature: it is always unsigned.
 */
export function openEvidence(location: string, options: { trusted?: readonly TrustedKey[] } = {}): OpenedEvidence {
  let isDir = false;
  try {
    isDir = statSync(location).isDirectory();
  } catch (e) {
    throw new InputError({ file: location }, 'file not found', { cause: e });
  }
  if (isDir) return openBundle(location, { verify: true, trusted: options.trusted });
  return { report: readReportFile(location), trust: { state: 'unsigned' }, kind: 'report', verification: null };
}
