import { PassThrough } from 'node:stream';
import { captureIo, type CapturedIo } from './capture-io.js';

/** A captured io that looks like a terminal: standard input and error say `isTTY`, and `answer` types a line. */
export interface TerminalIo extends CapturedIo {
  /** Types `text` and Enter once the command has asked. */
  answer(text: string): void;
}

/** Creates an io whose standard input and error are (fake) terminals, for confirmation prompts. */
export function terminalIo(options: { cwd: string; env?: Record<string, string | undefined> }): TerminalIo {
  const io = captureIo(options);
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  Object.assign(io.stderr, { isTTY: true });
  return { ...io, stdin, answer: (text) => void stdin.write(`${text}\n`) };
}
