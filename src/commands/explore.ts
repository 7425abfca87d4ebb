import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from '../pipeline/run-check.js';
import { UsageError } from '../errors.js';
import type { Report } from '../report/types.js';
import type { ExplorerIo } from '../tui/index.js';
import { trustedFromFlags } from './trust.js';
import { EXIT, type RegisterCommand } from './types.js';

interface ExploreFlags {
  config?: string;
  pubKey: string[];
  profile?: string;
  asOf?: string;
  outDir: string;
}

export const registerExplore: RegisterCommand = ({ program, setExit }) => {
  program
    .command('explore')
    .description('browse a report interactively (a terminal UI): a saved JSON report, an evidence bundle, or a fresh check with -c')
    .argument('[report]', 'report.json (check --format json --out) or an evidence bundle directory')
    .option('-c, --config <file>', "run a check with this config first (live progress per collector); with a bundle: trust the config's trusted_keys")
    .option('--pub-key <pem>', 'a trusted Ed25519 public key for an evidence bundle; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--profile <name>', 'with -c: parameter profile')
    .option('--as-of <time>', 'with -c: evaluation time, RFC 3339')
    .option('--out-dir <dir>', 'where exports and copied findings are written', '.')
    .action(async (target: string | undefined, opts: ExploreFlags) => {
      if (!target && !opts.config) throw new UsageError('explore: give a report file, an evidence bundle directory, or -c <config>');
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UsageError('explore needs an interactive terminal; for scripts and CI use: auditready check --format table|json');
      }
      // ink treats CI=true as "not interactive" and would only draw on exit; here we know we are on a terminal.
      for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];
      // The TUI (ink, React, yoga) takes ~0.3 s to load: only this command pays for it (its own
      // bundle, dist/tui.js, scripts/bundle.mjs).
      const { catalogDescriptions, colorFromEnv, frameworkControlsFor, loadReportPath, readCatalog, renderCheckProgress, renderExplorer } = await import(
        '../tui/index.js'
      );
      const isColor = colorFromEnv();
      const loaded: { report: Report; label: string; htmlReport: string | null; policyDir?: string } | null = target
        ? loadReportPath(target, trustedFromFlags(opts))
        : await (async () => {
            const report = await renderCheckProgress(
              async ({ onTarget, log, signal }) => {
                // draw "loading <config>" before the config is read (synchronous: seconds for a large estate)
                log.emit({ level: 'info', phase: 'config', message: `loading ${opts.config}`, status: true });
                await new Promise((resolve) => setTimeout(resolve, 50));
                return runCheck({ configPath: opts.config!, profile: opts.profile, asOf: opts.asOf, onTarget, log, signal });
              },
              { isColor },
            );
            return report && { report, label: opts.config!, htmlReport: null };
          })();
      if (!loaded) {
        setExit(130); // stopped with Ctrl-C while collecting
        return;
      }
      const outDir = path.resolve(opts.outDir);
      const catalog = readCatalog(loaded.policyDir);
      const io: ExplorerIo = {
        outDir,
        writeFile: (file, text) => {
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, text);
        },
        sendToTerminal: (sequence) => process.stdout.write(sequence),
        htmlReport: loaded.htmlReport,
        describe: catalogDescriptions(catalog),
        controls: frameworkControlsFor(loaded.report, catalog),
      };
      await renderExplorer({ report: loaded.report, io, isColor, sourceLabel: loaded.label });
      setExit(EXIT.ok);
    });
};
