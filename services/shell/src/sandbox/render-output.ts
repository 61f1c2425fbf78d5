import type { CapturedOutput } from './output-collector.js';

/** U+FFFD, shown in place of every byte that is not printable text. */
const REPLACEMENT = '\uFFFD';

/** Whether a UTF-16 code unit is a control character other than tab and newline: C0, DEL or C1. */
const isControl = (code: number): boolean => (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);

/** Whether JSON escapes a (sanitised) character as two characters: newline, tab, quote, backslash. */
const isEscaped = (code: number): boolean => code === 0x0a || code === 0x09 || code === 0x22 || code === 0x5c;

/**
 * Turns raw output into text a model or a person can read: decoded as UTF-8 with invalid bytes
 * replaced, CRLF line ends made LF, and every other control character (NUL, escape, carriage
 * return, C1...) except tab and newline replaced by U+FFFD.
 *
 * @param bytes - the raw output
 * @param cut - whether the bytes stop mid-stream (a character split at the end is then dropped, not replaced)
 */
export function sanitizeOutput(bytes: Uint8Array, cut = false): string {
  const decoded = new TextDecoder('utf-8').decode(bytes, { stream: cut }).replaceAll('\r\n', '\n');
  let text = '';
  let start = 0;
  for (let index = 0; index < decoded.length; index += 1) {
    if (!isControl(decoded.charCodeAt(index))) continue;
    text += decoded.slice(start, index) + REPLACEMENT;
    start = index + 1;
  }
  return start === 0 ? decoded : text + decoded.slice(start);
}

/**
 * How many characters a sanitised text takes once JSON-encoded (without the quotes): newline, tab,
 * quote and backslash are escaped as two characters.
 *
 * @param text - sanitised text (no other control characters)
 */
export function jsonLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index += 1) if (isEscaped(text.charCodeAt(index))) length += 1;
  return length;
}

/** The longest start of `text` whose {@link jsonLength} is at most `budget`, never splitting a surrogate pair. */
function cutToBudget(text: string, budget: number): string {
  let used = 0;
  let end = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const cost = isEscaped(code) ? 2 : width;
    if (used + cost > budget) break;
    used += cost;
    end += width;
  }
  return text.slice(0, end);
}

/**
 * The line appended to a stream that was cut.
 *
 * @param totalBytes - how many bytes the stream had in all
 */
export const truncationMarker = (totalBytes: number): string => `\n[output truncated: the command wrote ${totalBytes} bytes; only the start is shown]`;

/** stdout and stderr as the caller receives them. */
export interface RenderedOutput {
  /** Sanitised standard output, ending with a truncation marker when cut. */
  stdout: string;
  /** Sanitised standard error, ending with a truncation marker when cut. */
  stderr: string;
  /** Whether either stream was cut. */
  truncated: boolean;
}

interface Stream {
  text: string;
  totalBytes: number;
  /** JSON length of the whole text; infinite when bytes were already dropped at capture. */
  need: number;
}

function toStream(captured: CapturedOutput): Stream {
  const cut = captured.bytes.length < captured.totalBytes;
  const text = sanitizeOutput(captured.bytes, cut);
  return { text, totalBytes: captured.totalBytes, need: cut ? Number.POSITIVE_INFINITY : jsonLength(text) };
}

function fit(stream: Stream, budget: number): string {
  if (stream.need <= budget) return stream.text;
  const marker = truncationMarker(stream.totalBytes);
  return cutToBudget(stream.text, Math.max(0, budget - jsonLength(marker))) + marker;
}

/**
 * Sanitises both streams ({@link sanitizeOutput}) and caps them together at `maxChars`, counted as
 * JSON-encoded characters ({@link jsonLength}) with the truncation markers included, so a tool result
 * never exceeds the cap however hostile the bytes (32 KiB of NUL bytes become at most `maxChars`
 * U+FFFD, not 192 KiB of `\u0000`). When both do not fit, a stream that needs at most half keeps all
 * of it and the other gets the rest; otherwise each gets half.
 *
 * @param options - the captured streams and the cap (at least 256, so the markers fit)
 */
export function renderOutput(options: { stdout: CapturedOutput; stderr: CapturedOutput; maxChars: number }): RenderedOutput {
  const { maxChars } = options;
  const stdout = toStream(options.stdout);
  const stderr = toStream(options.stderr);
  if (stdout.need + stderr.need <= maxChars) return { stdout: stdout.text, stderr: stderr.text, truncated: false };
  const half = Math.floor(maxChars / 2);
  const stdoutBudget = stdout.need <= half ? stdout.need : stderr.need <= half ? maxChars - stderr.need : half;
  return { stdout: fit(stdout, stdoutBudget), stderr: fit(stderr, maxChars - stdoutBudget), truncated: true };
}
