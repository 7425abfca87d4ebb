import type { Key } from 'ink';
import { useCallback, useEffect, useLayoutEffect } from 'react';
import { useExplorer } from './context.js';
import { useKeys } from './use-keys.js';

/** Queued keys older than this are dropped rather than replayed into a pane that appeared much later. */
const QUEUE_MAX_AGE_MS = 1000;

/**
 * The keyboard of one pane: ink's `useInput` (through useKeys), active only while the pane has focus.
 *
 * ink subscribes input in an effect, a moment after the render that gave the pane focus; keys typed in
 * that moment (right after a screen change, or after Esc) would reach no one, or an old listener. So the
 * pane claims the keyboard during render (`keys.active`), ignores keys when it is not the claimed pane,
 * and replays what the root queued until its subscription was live (`keys.live`).
 */
export function usePaneKeys(id: string, handler: (input: string, key: Key) => void, isActive: boolean): void {
  const { keys } = useExplorer();
  if (isActive) keys.active = id;
  else if (keys.active === id) keys.active = null;
  const guarded = useCallback(
    (input: string, key: Key) => {
      if (keys.active !== id) return;
      // Tell the root (whose listener may run after this one for the same key) not to queue it again.
      keys.isConsumed = true;
      queueMicrotask(() => {
        keys.isConsumed = false;
      });
      handler(input, key);
    },
    [keys, id, handler],
  );
  useKeys(guarded, { isActive });
  // On unmount, give up the claim at commit time (passive cleanups, ink's unsubscribe included, run later).
  useLayoutEffect(
    () => () => {
      if (keys.active === id) keys.active = null;
      if (keys.live === id) keys.live = null;
    },
    [keys, id],
  );
  useEffect(() => {
    if (!isActive) return;
    keys.live = id;
    const now = Date.now();
    for (const k of keys.pending.splice(0)) if (now - k.at <= QUEUE_MAX_AGE_MS) handler(k.input, k.key);
    return () => {
      if (keys.live === id) keys.live = null;
    };
  }, [isActive, handler, id, keys]);
}
