import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cli-io.js';

/** A CliIo for tests: captured output, and a stdin that is (or pretends to be) a terminal. */
export interface CapturedIo extends CliIo {
  /** Everything written to stdout. */
  out(): string;
  /** Everything written to stderr. */
  err(): string;
  /** The stdin stream, to type into. */
  stdin: PassThrough & { isTTY?: boolean };
}

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
}

/**
 * Creates streams for `runCli` in tests.
 *
 * @param options - the working directory, the environment and whether stdin is a terminal
 */
export function captureIo(options: { cwd: string; env?: Record<string, string | undefined>; terminal?: boolean }): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.terminal) stdin.isTTY = true;
  return { stdin, stdout: sink(out), stderr: sink(err), env: options.env ?? {}, cwd: options.cwd, out: () => out.join(''), err: () => err.join('') };
}

/**
 * Answers prompts: waits for each `prompt` text to appear in stdout (after the previous answer) and types `answer`.
 *
 * @param io - the captured streams
 * @param steps - the prompts and answers, in order
 */
export function answerPrompts(io: CapturedIo, steps: readonly (readonly [prompt: string, answer: string])[]): void {
  let next = 0;
  let seen = 0;
  const timer = setInterval(() => {
    const step = steps[next];
    if (!step) return clearInterval(timer);
    const position = io.out().indexOf(step[0], seen);
    if (position === -1) return;
    seen = position + step[0].length;
    next++;
    io.stdin.write(`${step[1]}\n`);
  }, 5);
  timer.unref();
}
