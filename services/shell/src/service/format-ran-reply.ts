import type { RanResult } from '../actions/command-result.js';

/** The most output a chat reply shows; the rest is counted. */
export const MAX_REPLY_OUTPUT = 3_000;

function clip(text: string, room: number): string {
  if (text.length <= room) return text;
  return `${text.slice(0, room)}\n[… ${text.length - room} more characters not shown]`;
}

/**
 * How a command that ran ended, e.g. `finished with exit code 0`, without any of its output.
 *
 * @param result - what happened
 */
export function ranStatus(result: RanResult): string {
  return result.timedOut
    ? `was stopped after running too long (${result.durationMs} ms)`
    : result.exitCode === null
      ? `was killed (${result.signal ?? 'signal'})`
      : `finished with exit code ${result.exitCode}`;
}

/**
 * The chat reply for a command that ran: its status line, then stdout and stderr, clipped.
 *
 * @param shown - the command as shown to the user
 * @param result - what happened
 */
export function formatRanReply(shown: string, result: RanResult): string {
  const parts = [`Ran \`${shown}\`: it ${ranStatus(result)}.`];
  const stdout = clip(result.stdout, MAX_REPLY_OUTPUT);
  if (stdout !== '') parts.push(stdout);
  const stderr = clip(result.stderr, Math.max(200, MAX_REPLY_OUTPUT - stdout.length));
  if (stderr !== '') parts.push(`stderr:\n${stderr}`);
  if (stdout === '' && stderr === '') parts.push('(no output)');
  return parts.join('\n\n');
}
