import { render, type RenderOptions } from 'ink';
import type { Report } from '../report/types.js';
import type { ExplorerIo } from './context.js';
import { ExplorerApp } from './explorer.js';
import { LifecycleRoot } from './lifecycle.js';
import { CheckProgress, type RunCheck } from './screens/progress.js';
import { makeTheme, ThemeContext } from './theme.js';

export interface RenderExplorerOptions {
  readonly report: Report;
  readonly io: ExplorerIo;
  readonly isColor: boolean;
  readonly sourceLabel?: string;
  readonly ink?: RenderOptions;
}

const ALT_SCREEN_ON = '\u001B[?1049h\u001B[H';
const ALT_SCREEN_OFF = '\u001B[?1049l';

/**
 * Open the explorer on a report and resolve when the user quits (`q`, Ctrl-C). On a real terminal it
 * draws on the alternate screen, so quitting restores what was there before.
 * ```
 * auditready  1 Overview  2 Findings  3 Frameworks   report.json
 * Score 53.3% (32 pass of 50 applicable) · result FAIL (13 gating)
 * ```
 */
export async function renderExplorer({ report, io, isColor, sourceLabel, ink }: RenderExplorerOptions): Promise<void> {
  const stdout = ink?.stdout ?? process.stdout;
  const useAltScreen = stdout.isTTY === true;
  if (useAltScreen) stdout.write(ALT_SCREEN_ON);
  try {
    const instance = render(
      <LifecycleRoot>
        <ExplorerApp report={report} io={io} isColor={isColor} sourceLabel={sourceLabel} />
      </LifecycleRoot>,
      { exitOnCtrlC: false, patchConsole: false, ...ink },
    );
    await instance.waitUntilExit();
  } finally {
    if (useAltScreen) stdout.write(ALT_SCREEN_OFF);
  }
}

/** Run a check with live per-collector progress; resolves with the report, or null if the user stopped it. */
export async function renderCheckProgress(run: RunCheck, options: { isColor: boolean; ink?: RenderOptions }): Promise<Report | null> {
  let report: Report | null = null;
  const instance = render(
    <ThemeContext.Provider value={makeTheme(options.isColor)}>
      <LifecycleRoot>
        <CheckProgress run={run} onReport={(r) => (report = r)} />
      </LifecycleRoot>
    </ThemeContext.Provider>,
    { exitOnCtrlC: false, patchConsole: false, ...options.ink },
  );
  await instance.waitUntilExit();
  return report;
}
