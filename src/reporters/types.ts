import type { Report } from '../report/types.js';

export interface RenderOptions {
  /** ANSI colour (only for terminals, never when NO_COLOR is set). */
  readonly color: boolean;
}

/** A reporter turns a report into text. The CLI does the writing. */
export interface Reporter {
  readonly name: string;
  readonly description: string;
  render(report: Report, options: RenderOptions): string;
}
