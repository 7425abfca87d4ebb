import { Box, Text } from 'ink';
import { KEY_REFERENCE } from '../keys.js';

interface HelpLine {
  readonly text: string;
  readonly bold: boolean;
}

/** Width of the key column (two spaces, the key padded, a space): continuation lines start under the description. */
const KEY_COLUMN = 18;

/** The width of each help column at this terminal width: two columns from 120, else one. */
function columnWidth(columns: number): number {
  return columns >= 120 ? Math.floor(columns / 2) - 1 : columns;
}

/**
 * The key reference as lines of at most `width` columns: a heading per pane, then "key  what it
 * does", the description wrapped under itself (never cut off).
 */
function helpLines(width: number): HelpLine[] {
  const room = Math.max(10, width - KEY_COLUMN);
  return KEY_REFERENCE.flatMap((b) => [
    { text: b.where, bold: true },
    ...b.keys.flatMap(([k, what]) =>
      wrapWords(what, room).map((part, i) => ({ text: `${i === 0 ? `  ${k.padEnd(KEY_COLUMN - 3)} ` : ' '.repeat(KEY_COLUMN)}${part}`, bold: false })),
    ),
  ]);
}

/** Words into lines of at most `width` (a longer word is a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out;
}

/** The help's columns: one, or two on wide terminals (split between panes, near the middle). */
function helpColumns(columns: number): HelpLine[][] {
  const lines = helpLines(columnWidth(columns));
  if (columns < 120) return [lines];
  // split before the pane heading that makes the taller column shortest
  let split = -1;
  for (const [i, l] of lines.entries()) {
    if (l.bold && i > 0 && (split < 0 || Math.max(i, lines.length - i) < Math.max(split, lines.length - split))) split = i;
  }
  if (split < 0) split = Math.ceil(lines.length / 2);
  return [lines.slice(0, split), lines.slice(split)];
}

/** How far the help can scroll at this size (0 when it fits). */
export function helpOverflow(height: number, columns: number): number {
  const rows = Math.max(...helpColumns(columns).map((c) => c.length));
  return Math.max(0, rows - (height - 1));
}

/**
 * Every key. Two columns on wide terminals; otherwise one column that scrolls with ↑/↓.
 * q quits, any other key closes (both handled by the root).
 */
export function HelpScreen({ height, columns, scroll }: { readonly height: number; readonly columns: number; readonly scroll: number }) {
  const columnsOf = helpColumns(columns);
  const body = height - 1;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">
        Keys — q quits, any other key closes{helpOverflow(height, columns) > 0 ? ' · ↑/↓ scroll' : ''}
      </Text>
      <Box>
        {columnsOf.map((col, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the help's columns are positional
          <Box key={i} flexDirection="column" width={columnsOf.length > 1 ? Math.floor(columns / 2) : columns}>
            {col.slice(scroll, scroll + body).map((l, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a help line's identity is its position
              <Text key={j} bold={l.bold} wrap="truncate">
                {l.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
