/** The result of {@link decodeAnsiCString}. */
export type AnsiCDecoding = { ok: true; value: string } | { ok: false; problem: string };

const SIMPLE: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

const DIGITS = { x: /^[0-9A-Fa-f]{1,2}/, u: /^[0-9A-Fa-f]{1,4}/, U: /^[0-9A-Fa-f]{1,8}/ } as const;

/**
 * Decodes bash's `$'...'` quoting. Escapes whose result depends on the locale or ends the string
 * early in bash (non-ASCII `\x`, `\u`, octal bytes, NUL) and escapes bash leaves alone are refused,
 * so the value computed here is the value bash passes to the program.
 *
 * @param source - the whole token, `$'` to `'`
 */
export function decodeAnsiCString(source: string): AnsiCDecoding {
  if (!source.startsWith("$'") || !source.endsWith("'") || source.length < 3) {
    return { ok: false, problem: 'a $\'...\' string the parser did not close' };
  }
  const body = source.slice(2, -1);
  let value = '';
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!;
    if (char === "'") return { ok: false, problem: "a quote inside $'...' that bash would read differently" };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = body[index + 1];
    if (next === undefined) return { ok: false, problem: "a backslash ends a $'...' string" };
    index += 1;
    const simple = SIMPLE[next];
    if (simple !== undefined) {
      value += simple;
      continue;
    }
    const code = numericEscape(body, index);
    if (!code) return { ok: false, problem: `the escape "\\${next}" inside $'...' is not analyzed` };
    if (code.value === 0 || code.value > 0x7f) {
      return { ok: false, problem: `the escape "\\${body.slice(index, index + code.length)}" inside $'...' gives a NUL or non-ASCII byte, which is not analyzed` };
    }
    value += String.fromCharCode(code.value);
    index += code.length - 1;
  }
  return { ok: true, value };
}

/** Reads `\NNN`, `\xHH`, `\uHHHH`, `\UHHHHHHHH` or `\cX` starting at the letter after the backslash. */
function numericEscape(body: string, index: number): { value: number; length: number } | undefined {
  const letter = body[index]!;
  if (/[0-7]/.test(letter)) {
    const digits = /^[0-7]{1,3}/.exec(body.slice(index))![0];
    return { value: Number.parseInt(digits, 8), length: digits.length };
  }
  if (letter === 'x' || letter === 'u' || letter === 'U') {
    const digits = DIGITS[letter].exec(body.slice(index + 1))?.[0];
    return digits === undefined ? undefined : { value: Number.parseInt(digits, 16), length: digits.length + 1 };
  }
  if (letter === 'c') {
    const control = body[index + 1];
    if (control === undefined || !/[@-_a-z?]/.test(control)) return undefined;
    return { value: control === '?' ? 0x7f : control.toUpperCase().charCodeAt(0) & 0x1f, length: 2 };
  }
  return undefined;
}
