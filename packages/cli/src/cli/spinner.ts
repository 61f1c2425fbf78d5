import type { OutputStream } from './cli-io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

/** A progress indicator for one long step. */
export interface Spinner {
  /** Ends the step as done. */
  succeed(text?: string): void;
  /** Ends the step as failed. */
  fail(text?: string): void;
}

/**
 * Shows progress for a long step on `stream`: an animated spinner on a terminal, one plain line
 * otherwise (logs, CI), so output stays readable when it is not a TTY.
 */
export function startSpinner(stream: OutputStream, text: string): Spinner {
  if (!stream.isTTY) {
    stream.write(`${text}...\n`);
    return { succeed: () => {}, fail: () => {} };
  }
  let frame = 0;
  const draw = (): void => void stream.write(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  draw();
  const timer = setInterval(draw, INTERVAL_MS);
  timer.unref();
  const end = (mark: string, finalText: string): void => {
    clearInterval(timer);
    stream.write(`\r\x1b[K${mark} ${finalText}\n`);
  };
  return { succeed: (done = text) => end('✓', done), fail: (failed = text) => end('✗', failed) };
}
