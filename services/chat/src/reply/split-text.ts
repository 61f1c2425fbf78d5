/**
 * Splits a reply into chunks of at most `maxLength` UTF-16 code units (how Telegram, Feishu and QQ count),
 * cutting at the cleanest boundary available: a paragraph break, then a line break, then a sentence end, then
 * a space. Fenced code blocks (```` ``` ```` or `~~~`) stay whole when they fit; a block longer than one chunk is
 * cut at a line inside it and closed and reopened with the same fence, so every chunk renders. A hard cut (a
 * single word longer than the limit) never splits a surrogate pair or a grapheme cluster.
 *
 * Chunks are trimmed at the cut; no text other than whitespace at cuts is lost.
 *
 * @param text - The reply text.
 * @param maxLength - The channel's limit; at least 16.
 * @returns The chunks, in order; `[]` for blank text.
 *
 * @example
 * ```ts
 * splitText('First paragraph.\n\nSecond paragraph.', 20); // ['First paragraph.', 'Second paragraph.']
 * ```
 */
export function splitText(text: string, maxLength: number): string[] {
  if (!Number.isInteger(maxLength) || maxLength < 16) throw new RangeError(`maxLength must be an integer of at least 16 (got ${maxLength}).`);
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > maxLength) {
    const fences = findFences(rest);
    const cut = bestCut(rest, maxLength, fences);
    if (cut !== undefined) {
      pushChunk(chunks, rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^\s+/, (space) => keepIndent(space));
      continue;
    }
    const fence = fences.find((range) => range.start < maxLength && range.end > 0);
    const reopened = fence ? cutInsideFence(rest, maxLength, fence) : undefined;
    if (reopened) {
      pushChunk(chunks, reopened.chunk);
      rest = reopened.rest;
      continue;
    }
    const hard = graphemeCut(rest, maxLength);
    pushChunk(chunks, rest.slice(0, hard));
    rest = rest.slice(hard);
  }
  pushChunk(chunks, rest);
  return chunks;
}

interface FenceRange {
  /** Index where the opening fence line starts. */
  start: number;
  /** Index just after the closing fence line (or the end of the text when unclosed). */
  end: number;
  /** The opening fence line, e.g. ```` ```ts ````. */
  opener: string;
  /** The fence marker that closes it, e.g. ```` ``` ````. */
  marker: string;
  /** Index just after the opening line's newline. */
  bodyStart: number;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

function findFences(text: string): FenceRange[] {
  const ranges: FenceRange[] = [];
  let open: Omit<FenceRange, 'end'> | undefined;
  let index = 0;
  while (index <= text.length) {
    const newline = text.indexOf('\n', index);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(index, lineEnd);
    const match = FENCE_LINE.exec(line);
    if (match) {
      const marker = match[1] ?? '```';
      if (!open) open = { start: index, opener: line.trim(), marker, bodyStart: Math.min(lineEnd + 1, text.length) };
      else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && (match[2] ?? '').trim() === '') {
        ranges.push({ ...open, end: lineEnd });
        open = undefined;
      }
    }
    if (newline === -1) break;
    index = newline + 1;
  }
  if (open) ranges.push({ ...open, end: text.length });
  return ranges;
}

const insideFence = (position: number, fences: readonly FenceRange[]): boolean => fences.some((fence) => position > fence.start && position < fence.end);

/** Boundary finders, best first: each returns candidate cut positions (the cut is after the boundary). */
const BOUNDARIES: readonly RegExp[] = [/\n[ \t]*\n/g, /\n/g, /(?<=[.!?…])[ \t]+|(?<=[。！？])/g, /[ \t]+/g];

function bestCut(text: string, maxLength: number, fences: readonly FenceRange[]): number | undefined {
  const window = text.slice(0, maxLength + 1);
  let fallback: number | undefined;
  for (const pattern of BOUNDARIES) {
    let best: number | undefined;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(window); match; match = pattern.exec(window)) {
      if (match[0] === '') pattern.lastIndex++;
      const cut = match.index;
      if (cut > 0 && cut <= maxLength && !insideFence(cut, fences) && text.slice(0, cut).trim() !== '') best = cut;
    }
    if (best === undefined) continue;
    // Prefer a better kind of boundary unless it would leave a tiny chunk.
    if (best >= maxLength / 3) return best;
    fallback ??= best;
  }
  return fallback;
}

/** Cuts a fenced block that cannot fit at a line inside it, closing and reopening the fence. */
function cutInsideFence(text: string, maxLength: number, fence: FenceRange): { chunk: string; rest: string } | undefined {
  const closer = `\n${fence.marker}`;
  const reopen = `${fence.opener}\n`;
  if (reopen.length + closer.length >= maxLength / 2) return undefined;
  const budget = maxLength - closer.length;
  const lineEnd = text.lastIndexOf('\n', budget);
  const cut = lineEnd > fence.bodyStart ? lineEnd : undefined;
  if (cut === undefined) {
    if (fence.start > 0) return undefined;
    const hard = graphemeCut(text, budget);
    if (hard <= fence.bodyStart) return undefined;
    return { chunk: text.slice(0, hard) + closer, rest: reopen + text.slice(hard) };
  }
  return { chunk: text.slice(0, cut) + closer, rest: reopen + text.slice(cut + 1) };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The last grapheme boundary at or before `limit` (never splits a surrogate pair or an emoji sequence). */
function graphemeCut(text: string, limit: number): number {
  let cut = 0;
  for (const { index } of segmenter.segment(text.slice(0, limit + 64))) {
    if (index > limit) break;
    cut = index;
  }
  if (cut > 0) return cut;
  // One grapheme longer than the limit: cut at a code point boundary instead.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function keepIndent(space: string): string {
  const lastNewline = space.lastIndexOf('\n');
  return lastNewline === -1 ? '' : space.slice(lastNewline + 1);
}

function pushChunk(chunks: string[], chunk: string): void {
  const trimmed = chunk.replace(/\s+$/, '').replace(/^\n+/, '');
  if (trimmed !== '') chunks.push(trimmed);
}
