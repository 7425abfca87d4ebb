/**
 * Line-oriented configuration files of chronyd and ntpd: one directive per line, its words
 * separated by white space, comments to the end of the line. Every directive keeps the file,
 * line and column it came from, so evidence points at the line.
 */

export interface Directive {
  /** The directive's name, lower case (chrony and ntpd accept only lower case; we compare so). */
  readonly name: string;
  readonly args: readonly string[];
  /** File as shown to the user, 1-based line and column of the directive's first word. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The line as written, without the newline (for evidence). */
  readonly text: string;
}

export interface DirectiveSyntax {
  /** Characters that start a comment line (chrony: # % ; !), or a comment anywhere (ntpd: #). */
  readonly commentStart: string;
  /** Whether a comment character after the first word also starts a comment (ntpd yes, chrony no). */
  readonly inlineComments: boolean;
}

export const CHRONY_SYNTAX: DirectiveSyntax = { commentStart: '#%;!', inlineComments: false };
export const NTPD_SYNTAX: DirectiveSyntax = { commentStart: '#', inlineComments: true };

/** Split a configuration text into directives; blank and comment lines are skipped. */
export function parseDirectives(text: string, file: string, syntax: DirectiveSyntax): Directive[] {
  const out: Directive[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    let body = raw;
    if (syntax.inlineComments) {
      const hash = body.search(new RegExp(`[${escapeClass(syntax.commentStart)}]`));
      if (hash >= 0) body = body.slice(0, hash);
    }
    const first = body.search(/\S/);
    if (first < 0) return;
    if (syntax.commentStart.includes(body[first]!)) return;
    const words = body.trim().split(/\s+/);
    out.push({ name: words[0]!.toLowerCase(), args: words.slice(1), file, line: i + 1, col: first + 1, text: raw });
  });
  return out;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
