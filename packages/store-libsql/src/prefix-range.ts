/** A half-open range `[lower, upper)` of strings, in SQLite's binary (UTF-8 byte) order. */
export interface PrefixRange {
  /** The prefix itself: every match sorts at or after it. */
  lower: string;
  /** The first string after every match, or `undefined` when no upper bound exists. */
  upper: string | undefined;
}

const MAX_CODE_POINT = 0x10ffff;
const SURROGATE_START = 0xd800;
const SURROGATE_END = 0xdfff;

/**
 * The index range holding every string that starts with `prefix`, so a prefix filter seeks
 * a primary key instead of scanning it. UTF-8 byte order equals code point order, so bumping
 * the last code point gives the upper bound.
 */
export function prefixRange(prefix: string): PrefixRange {
  const codePoints = Array.from(prefix, (character) => character.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? 0;
    if (last >= MAX_CODE_POINT) continue;
    const next = last + 1 === SURROGATE_START ? SURROGATE_END + 1 : last + 1;
    return { lower: prefix, upper: String.fromCodePoint(...codePoints, next) };
  }
  return { lower: prefix, upper: undefined };
}
