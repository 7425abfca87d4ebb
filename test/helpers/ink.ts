/**
 * Helpers for ink-testing-library tests, after Shopify cli-kit's testing/ui.ts: named key sequences and
 * waits that poll (setImmediate, then setTimeout 0) instead of sleeping a fixed time.
 */
export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

const tick = () => new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));

interface Rendered {
  readonly lastFrame: () => string | undefined;
  readonly stdin: { write(data: string): void };
}

/** Poll until `cond` holds; fail with `what` and the last frame after `timeoutMs`. */
export async function waitFor(r: Rendered, cond: (frame: string) => boolean, what: string, timeoutMs = 3000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (cond(frame)) return frame;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await tick();
  }
}

export const waitForContent = (r: Rendered, text: string | RegExp) =>
  waitFor(r, (f) => (typeof text === 'string' ? f.includes(text) : text.test(f)), `content ${String(text)}`);

/** Let effects subscribe to input after the first frame (useInput attaches in an effect). */
export async function waitForInputsToBeReady(r: Rendered): Promise<void> {
  await waitFor(r, (f) => f.length > 0, 'a first frame');
  await tick();
  await tick();
}

/** Wait until the frame has not changed for a few ticks (effects such as focus and input subscriptions have run). */
export async function settle(r: Rendered, quietTicks = 3, maxTicks = 200): Promise<void> {
  let last = r.lastFrame();
  let quiet = 0;
  for (let i = 0; i < maxTicks && quiet < quietTicks; i++) {
    await tick();
    const now = r.lastFrame();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** Write keys one at a time, as a person types, letting the UI settle after each. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await settle(r);
  }
}

/** Send input and wait until the frame differs from before. */
export async function sendInputAndWaitForChange(r: Rendered, input: string): Promise<string> {
  const before = r.lastFrame();
  r.stdin.write(input);
  return waitFor(r, (f) => f !== before, `a change after ${JSON.stringify(input)}`);
}

/** The lines of a frame, trailing spaces removed. */
export const lines = (frame: string) => frame.split('\n').map((l) => l.trimEnd());
