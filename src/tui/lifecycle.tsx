import { useApp } from 'ink';
import { createContext, useCallback, useContext, type ReactNode } from 'react';

/** Ends the ink app: no error for a normal quit, an error to make `waitUntilExit` reject. */
export type Complete = (error?: Error) => void;

const CompleteContext = createContext<Complete | null>(null);

/**
 * The one place that calls ink's `exit()` (the Shopify cli-kit `InkLifecycleRoot` pattern):
 * screens call `useComplete()` instead, so there is a single exit path that restores the terminal.
 */
export function LifecycleRoot({ children, onComplete }: { readonly children: ReactNode; readonly onComplete?: Complete }) {
  const { exit } = useApp();
  const complete = useCallback<Complete>(
    (error) => {
      onComplete?.(error);
      exit(error);
    },
    [exit, onComplete],
  );
  return <CompleteContext.Provider value={complete}>{children}</CompleteContext.Provider>;
}

export function useComplete(): Complete {
  const c = useContext(CompleteContext);
  if (!c) throw new Error('useComplete outside <LifecycleRoot>');
  return c;
}
