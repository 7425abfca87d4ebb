import { Box, render, Text, useApp, useInput } from 'ink';
import { useRef, useState } from 'react';

interface InitChoice {
  /** type/name */
  readonly id: string;
  /** How it is read: "files: a.yaml, b.yaml", "starter facts file facts/x.yaml", "live: GitHub API". */
  readonly detail: string;
}

export interface InitPromptProps {
  readonly dir: string;
  readonly configName: string;
  readonly choices: readonly InitChoice[];
  /** The chosen indices, or null when cancelled. */
  readonly onDone: (chosen: number[] | null) => void;
}

/**
 * `auditready init` on a terminal: the targets it found, each on or off, then write or cancel.
 * Everything it decides is also reachable with flags (--yes, --type); this is only the choice.
 */
export function InitPrompt({ dir, configName, choices, onDone }: InitPromptProps) {
  const { exit } = useApp();
  const [cursor, setCursor] = useState(0);
  const [on, setOn] = useState<boolean[]>(() => choices.map(() => true));
  // The key handler reads the latest choice even when keys arrive before the next render.
  const current = useRef({ cursor, on });
  current.current = { cursor, on };
  const toggle = () => {
    const { cursor: at, on: was } = current.current;
    const next = was.map((v, i) => (i === at ? !v : v));
    current.current = { cursor: at, on: next };
    setOn(next);
  };
  const finish = (chosen: number[] | null) => {
    onDone(chosen);
    exit();
  };
  useInput((input, key) => {
    const move = (to: number) => {
      current.current = { ...current.current, cursor: to };
      setCursor(to);
    };
    if (key.upArrow || input === 'k') move(Math.max(0, current.current.cursor - 1));
    else if (key.downArrow || input === 'j') move(Math.min(choices.length - 1, current.current.cursor + 1));
    else if (input === ' ') toggle();
    else if (key.return) finish(current.current.on.flatMap((v, i) => (v ? [i] : [])));
    else if (input === 'q' || key.escape || (key.ctrl && input === 'c')) finish(null);
  });
  return (
    <Box flexDirection="column">
      <Text bold>auditready init: targets found in {dir}</Text>
      {choices.map((c, i) => (
        <Text key={c.id} wrap="truncate-end">
          {i === cursor ? '>' : ' '} [{on[i] ? 'x' : ' '}] {c.id} <Text dimColor>{c.detail}</Text>
        </Text>
      ))}
      <Text dimColor>
        ↑↓ move · space toggle · enter write {configName} ({on.filter(Boolean).length} of {choices.length}) · q cancel
      </Text>
    </Box>
  );
}

/** Ask on the terminal; resolves with the chosen indices, or null when cancelled. */
export async function askInitChoices(props: Omit<InitPromptProps, 'onDone'>): Promise<number[] | null> {
  let chosen: number[] | null = null;
  const instance = render(<InitPrompt {...props} onDone={(c) => (chosen = c)} />, { exitOnCtrlC: false, patchConsole: false });
  await instance.waitUntilExit();
  return chosen;
}
