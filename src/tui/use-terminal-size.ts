import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { Layout } from './context.js';

/** The terminal's size, following resizes; 80×24 when the stream does not say (tests, pipes). */
export function useTerminalSize(fixed?: Partial<Layout>): Layout {
  const { stdout } = useStdout();
  const read = (): Layout => ({
    columns: fixed?.columns ?? (stdout.columns || 80),
    rows: fixed?.rows ?? (stdout.rows || 24),
  });
  const [size, setSize] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read() only closes over stdout and the fixed sizes, which are listed
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed?.columns, fixed?.rows]);
  return size;
}
