/**
 * Returns `text` with comments blanked and string contents blanked (quotes kept), same length and
 * same line breaks, so structure can be found with plain searches and indexes still point into
 * the original text.
 */
export function maskCode(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let index = from; index < to; index++) if (out[index] !== '\n') out[index] = ' ';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end;
      blank(index, stop);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(index, stop);
      index = stop;
    } else if (char === '"' || char === "'" || char === '`') {
      let end = index + 1;
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\\') end++;
        else if (char !== '`' && text[end] === '\n') break;
        end++;
      }
      blank(index + 1, Math.min(end, text.length));
      index = end + 1;
    } else {
      index++;
    }
  }
  return out.join('');
}

/** The index of the bracket closing the one at `open` in masked code, or -1. */
export function matchingBracket(masked: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let index = open; index < masked.length; index++) {
    const char = masked[index] ?? '';
    if (pairs[char]) stack.push(pairs[char]);
    else if (char === '}' || char === ']' || char === ')') {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return index;
    }
  }
  return -1;
}
