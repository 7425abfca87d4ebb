import { joinChunks } from './chunks.js';
import type { Report } from '../report/types.js';

export interface RenderOptions {
  /** ANSI colour (only for terminals, never when NO_COLOR is set). */
  readonly color: boolean;
  /**
   * Folder that file URIs are made relative to (SARIF artifact locations, JUnit `file`).
   * @default process.cwd()
   */
  readonly baseDir?: string;
  /**
   * Files holding each tool's evidence, relative to the report (set when the report is written
   * into an evidence bundle): OSCAL and HTML link them with their sha256.
   */
  readonly evidenceFiles?: Readonly<Record<string, readonly EvidenceFile[]>>;
  /**
   * Which findings the terminal table lists: `attention` (fail, unknown, error, waived: what
   * needs someone to look) or `all` (passes and not applicable too). Every other format lists all.
   * @default 'attention'
   */
  readonly show?: Show;
  /** Who ran the check ("user@host", or the CI job), when the run knows it: the HTML summary names it. */
  readonly runBy?: string;
}

/** `--show`: the findings the terminal table lists. */
export const SHOW = ['attention', 'all'] as const;
export type Show = (typeof SHOW)[number];

export interface EvidenceFile {
  /** Path relative to the report file, POSIX separators. */
  readonly href: string;
  readonly sha256: string;
  readonly kind: 'raw' | 'normalized';
}

/** A reporter turns a report into text. The CLI does the writing. */
export interface Reporter {
  readonly name: string;
  /** File extension when several formats are written to a folder (auditready.<extension>). */
  readonly extension: string;
  /**
   * The text in pieces, in order, written to the output one by one (src/reporters/write.ts): the
   * report of a large estate is longer than the longest string V8 can hold.
   */
  chunks(report: Report, options: RenderOptions): Iterable<string>;
  /** The whole text as one string (small reports, tests): the pieces joined. */
  render(report: Report, options: RenderOptions): string;
}

/** A reporter from its pieces; `render` joins them. */
export function defineReporter(spec: Omit<Reporter, 'render'>): Reporter {
  return { ...spec, render: (report, options) => joinChunks(spec.chunks(report, options)) };
}
