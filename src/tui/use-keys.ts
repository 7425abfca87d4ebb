import { useInput, type Key } from 'ink';
import { useCallback } from 'react';

type Handler = (input: string, key: Key) => void;

/**
 * `useInput` for command keys: ink hands over several characters typed in one burst (or sent by tmux)
 * as one string, so split plain text into single keys before handling them.
 */
export function useKeys(handler: Handler, options: { isActive?: boolean } = {}): void {
  const split = useCallback(
    (input: string, key: Key) => {
      if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) {
        for (const ch of input) handler(ch, key);
        return;
      }
      handler(input, key);
    },
    [handler],
  );
  useInput(split, options);
}
