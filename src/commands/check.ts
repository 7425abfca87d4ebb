import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { prepareRun, runCheckDetailed } from '../pipeline/run-check.js';
import { SEVERITIES, type Severity } from '../report/types.js';
import { InputError, UsageError } from '../errors.js';
import { loadPrivateKey } from '../evidence/sign.js';
import { actorFrom } from '../evidence/actor.js';
import { assertFreshFolder, defaultSigner, writeBundle } from '../evidence/write.js';
import { openEvidence, type OpenedEvidence } from '../evidence/read.js';
import { describeTrust, untrustedBaselineReason, type TrustedKey } from '../evidence/trust.js';
import { applyBaseline } from '../report/baseline.js';
import { reporters, type ReporterName } from '../reporters/index.js';
import { SHOW, type Show } from '../reporters/types.js';
import { parseFormats, parseSeconds } from './formats.js';
import { cliLog } from '../log/process.js';
import { assertNotInput, useColor, writeOutput } from './output.js';
import { EXIT, type RegisterCommand } from './types.js';

interface CheckFlags {
  config: string;
  format: ReporterName[];
  show: Show;
  out?: string;
  failOn?: Severity;
  failOnUnknown: boolean;
  asOf?: string;
  profile?: string;
  policy: string[];
  evidence?: string;
  signKey?: string;
  baseline?: string;
  allowUnsigned?: boolean;
  timeout?: number;
  factsRoot: string[];
  pubKey: string[];
  signer?: string;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The baseline a gate compares with: only a trusted one (an evidence bundle signed by a key the
 * user trusts), unless --allow-unsigned. A plain JSON report carries no signature, so it is
 * always unsigned: keep baselines as signed bundles.
 */
function loadBaseline(location: string, trusted: readonly TrustedKey[], allowUnsigned: boolean): OpenedEvidence {
  const opened = openEvidence(location, { trusted });
  if (opened.trust.state !== 'trusted' && !allowUnsigned) {
    throw new UsageError(untrustedBaselineReason(opened.trust, `${location} (${opened.kind === 'bundle' ? 'evidence bundle' : 'JSON report'})`));
  }
  return opened;
}

export const registerCheck: RegisterCommand = ({ program, setExit }) => {
  program
    .command('check')
    .description('collect every target, evaluate the policies, report and gate')
    .option('-c, --config <file>', 'config file', 'auditready.yaml')
    .addOption(
      new Option('-f, --format <formats>', `output formats, comma-separated: ${Object.keys(reporters).join(', ')}`)
        .argParser(parseFormats)
        .default(['table'], 'table'),
    )
    .addOption(
      new Option('--show <which>', 'findings the table lists: attention (fail, unknown, error, waived) or all (passes and not applicable too)')
        .choices(SHOW)
        .default('attention'),
    )
    .option('-o, --out <path>', 'file for one format; folder for several (auditready.<ext> each); default stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: config fail_on, else high)').choices(SEVERITIES))
    .option('--fail-on-unknown', 'unknown findings fail the run like failures (default: config fail_on_unknown, else on)')
    .option('--no-fail-on-unknown', 'do not fail the run on unknown findings (they still show)')
    .option('--as-of <time>', 'evaluation time, RFC 3339 (default: config as_of, else now)')
    .option('--profile <name>', 'parameter profile (default: config profile, else baseline)')
    .option('--policy <dir>', 'add a directory of custom Rego policies (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--evidence <dir>', 'write an evidence bundle (raw and normalized snapshots, findings, reports, manifest) to a new folder')
    .option('--sign-key <pem>', 'sign the evidence manifest with this Ed25519 private key (PEM)')
    .option(
      '--facts-root <dir>',
      "allow facts files from this folder too (besides the config's folder and its facts_roots); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      '--timeout <seconds>',
      'wall-clock budget of each collector (default: config limits.collector_timeout_s, else 600); past it the tool fails like a broken input',
      parseSeconds,
    )
    .option('--signer <name>', 'signer name recorded in the signed manifest (default: the CI job, else user@host)')
    .option('--baseline <report>', 'gate only on findings worse than in this evidence bundle (trusted) or JSON report (with --allow-unsigned)')
    .option(
      '--pub-key <pem>',
      'a trusted Ed25519 public key for --baseline (besides the config trusted_keys); repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--allow-unsigned', 'accept a baseline that is not trusted (unsigned or signed by an unknown key; any JSON report)')
    .action(async (opts: CheckFlags, command: Command) => {
      const formats = opts.format;
      const many = formats.length > 1;
      if (many && (!opts.out || opts.out === '-')) throw new UsageError(`several formats (${formats.join(', ')}) need --out <folder>`);
      if (opts.signKey && !opts.evidence) throw new UsageError('--sign-key signs an evidence bundle; add --evidence <dir>');
      if (opts.signer !== undefined && !opts.signKey) throw new UsageError('--signer names who signs; add --sign-key <pem>');
      if (opts.signer !== undefined && opts.signer.trim() === '') throw new UsageError('--signer: the name is blank');
      const signKey = opts.signKey ? loadPrivateKey(opts.signKey) : undefined;
      if (opts.evidence) assertFreshFolder(opts.evidence);
      const log = cliLog();
      const unknownFromCli = command.getOptionValueSource('failOnUnknown') === 'cli';
      const options = {
        configPath: opts.config,
        profile: opts.profile,
        failOn: opts.failOn,
        failOnUnknown: unknownFromCli ? opts.failOnUnknown : undefined,
        asOf: opts.asOf,
        policyDirs: opts.policy,
        log,
      };
      // Everything `config validate` checks, before anything is collected.
      const prepared = await prepareRun({ ...options, factsRoots: opts.factsRoot, collectorTimeoutS: opts.timeout, pubKeys: opts.pubKey });
      // Refuse to overwrite an input before a long collection (facts files are checked again when writing).
      if (opts.out && opts.out !== '-' && !many) assertNotInput(opts.out);
      const baseline = opts.baseline ? loadBaseline(opts.baseline, prepared.trusted, opts.allowUnsigned === true) : undefined;
      const run = await runCheckDetailed({ ...options, prepared });
      // The bundle records the verdicts as evaluated; a baseline only changes what gates.
      if (opts.evidence) {
        const bundleReporters = (['json', 'sarif', 'junit', 'markdown', 'html', 'oscal'] as const).map((n) => reporters[n]);
        log.emit({ level: 'info', phase: 'evidence', message: `writing the evidence bundle to ${opts.evidence}`, status: true });
        const written = writeBundle(opts.evidence, run, { reporters: bundleReporters, signKey, signer: opts.signer });
        log.emit({
          level: 'notice',
          phase: 'evidence',
          message: `wrote evidence bundle to ${opts.evidence} (${written.manifest.files.length} files${written.signed ? ', signed' : ''})`,
        });
      }
      const report = baseline && opts.baseline ? applyBaseline(run.report, baseline.report, opts.baseline) : run.report;

      const runBy = defaultSigner(actorFrom(process.env));
      const toFolder = many || (opts.out !== undefined && opts.out !== '-' && isDirectory(opts.out));
      if (toFolder) {
        const dir = opts.out!;
        try {
          mkdirSync(dir, { recursive: true });
        } catch (e) {
          throw new InputError({ file: dir }, `cannot create output folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
        }
        for (const name of formats) {
          const r = reporters[name];
          log.emit({ level: 'info', phase: 'report', message: `writing the ${name} report`, status: true });
          writeOutput(r.chunks(report, { color: false, show: opts.show, runBy }), path.join(dir, `auditready.${r.extension}`));
        }
        log.emit({
          level: 'notice',
          phase: 'report',
          message: `wrote ${formats.join(', ')} to ${dir} (${report.summary.result}, ${report.summary.gating} gating)`,
        });
      } else {
        const name = formats[0]!;
        log.emit({ level: 'info', phase: 'report', message: `writing the ${name} report`, status: true });
        // a terminal's status line is cleared before a report is printed under it
        if (!opts.out || opts.out === '-') log.close();
        writeOutput(reporters[name].chunks(report, { color: !opts.out && useColor(), show: opts.show, runBy }), opts.out);
        if (opts.out && opts.out !== '-') {
          log.emit({
            level: 'notice',
            phase: 'report',
            message: `wrote ${name} report to ${opts.out} (${report.summary.result}, ${report.summary.gating} gating)`,
          });
        }
      }
      if (report.run.baseline) {
        const b = report.run.baseline;
        log.emit({
          level: 'notice',
          message: `baseline ${b.report} (${baseline!.kind}, ${describeTrust(baseline!.trust)}): ${b.new_failures} worse, ${b.not_gating} already failing (not gating)`,
        });
      }
      log.close();
      setExit(report.summary.result === 'fail' ? EXIT.findings : EXIT.ok);
    });
};
