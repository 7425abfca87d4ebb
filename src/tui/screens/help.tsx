import { Box, Text } from 'ink';
import { KEY_REFERENCE } from '../keys.js';

interface HelpLine {
  readonly text: string;
  readonly bold: boolean;
}

/** The key reference as lines: a heading per pane, then "key  what it does". */
export function helpLines(): HelpLine[] {
  return KEY_REFERENCE.flatMap((b) => [{ text: b.where, bold: true }, ...b.keys.map(([k, what]) => ({ text: `  ${k.padEnd(15)} ${what}`, bold: false }))]);
}

/** How far the help can scroll at this size (0 when it fits). */
export function helpOverflow(height: number, columns: number): number {
  const lines = helpLines();
  const rows = columns >= 120 ? Math.ceil(lines.length / 2) + 1 : lines.length;
  return Math.max(0, rows - (height - 1));
}

/**
 * Every key. Two columns on wide terminals; otherwise one column that scrolls with ↑/↓.
 * q quits, any other key closes (both handled by the root).
 */
export function HelpScreen({ height, columns, scroll }: { readonly height: number; readonly columns: number; readonly scroll: number }) {
  const lines = helpLines();
  const isWide = columns >= 120;
  // Split between blocks, near the middle.
  let split = lines.length;
  if (isWide) {
    split = lines.findIndex((l, i) => l.bold && i >= lines.length / 2 - 2);
    if (split < 0) split = Math.ceil(lines.length / 2);
  }
  const columnsOf = isWide ? [lines.slice(0, split), lines.slice(split)] : [lines];
  const body = height - 1;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">
        Keys — q quits, any other key closes{helpOverflow(height, columns) > 0 ? ' · ↑/↓ scroll' : ''}
      </Text>
      <Box>
        {columnsOf.map((col, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the help's columns are positional
          <Box key={i} flexDirection="column" width={isWide ? Math.floor(columns / 2) : columns}>
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
