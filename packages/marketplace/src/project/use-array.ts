import { maskCode, matchingBracket } from './mask-code.js';

/** One element of the config's `use` array. */
export interface UseEntry {
  /** Where the element starts in the file text. */
  start: number;
  /** Where it ends (exclusive). */
  end: number;
  /** Its source text, e.g. `'@downcity/chat'`. */
  raw: string;
  /** Its value when it is a plain string literal. */
  value?: string;
  /** The quote it uses, when a string literal. */
  quote?: string;
}

/** The `use: [...]` array of a config file. */
export interface UseArray {
  /** Index of `[`. */
  open: number;
  /** Index of `]`. */
  close: number;
  /** Its elements, in order. */
  entries: UseEntry[];
}

/** The outcome of {@link findUseArray}: the array, or why it was not found. */
export type FindUseArrayResult = { found: true; array: UseArray } | { found: false; problem: string };

const KEY = /(?:\buse\b|'use'|"use")\s*:/g;

function keyCandidates(text: string, masked: string, from: number, to: number): number[] {
  const found: number[] = [];
  KEY.lastIndex = from;
  for (let match = KEY.exec(text); match && match.index < to; match = KEY.exec(text)) {
    if (masked[match.index] !== text[match.index]) continue;
    const before = masked.slice(0, match.index).trimEnd().at(-1);
    if (before === '{' || before === ',') found.push(match.index + match[0].length);
  }
  return found;
}

function depthAt(masked: string, from: number, index: number): number {
  let depth = 0;
  for (let position = from; position < index; position++) {
    const char = masked[position];
    if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
  }
  return depth;
}

function configObjectSpan(masked: string): { open: number; close: number } | undefined {
  const exported = /\bexport\s+default\b|\bmodule\.exports\s*=/.exec(masked);
  if (!exported) return undefined;
  const open = masked.indexOf('{', exported.index);
  if (open === -1 || !/^\s*(?:[\w$.]+\s*\(\s*)?$/.test(masked.slice(exported.index + exported[0].length, open))) return undefined;
  const close = matchingBracket(masked, open);
  return close === -1 ? undefined : { open, close };
}

function entriesOf(text: string, masked: string, open: number, close: number): UseEntry[] {
  const entries: UseEntry[] = [];
  let segmentStart = open + 1;
  let depth = 0;
  const push = (from: number, to: number): void => {
    const slice = masked.slice(from, to);
    const start = from + (slice.length - slice.trimStart().length);
    const end = to - (slice.length - slice.trimEnd().length);
    if (end <= start) return;
    const raw = text.slice(start, end);
    const literal = /^(['"`])([^'"`\\$]*)\1$/.exec(raw);
    entries.push(literal ? { start, end, raw, value: literal[2], quote: literal[1] } : { start, end, raw });
  };
  for (let index = open + 1; index < close; index++) {
    const char = masked[index];
    if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
    else if (char === ',' && depth === 0) {
      push(segmentStart, index);
      segmentStart = index + 1;
    }
  }
  push(segmentStart, close);
  return entries;
}

/**
 * Finds the top-level `use: [...]` of the object a config file exports (`export default
 * defineConfig({ ... })`), ignoring comments, strings and nested objects.
 */
export function findUseArray(text: string): FindUseArrayResult {
  const masked = maskCode(text);
  const span = configObjectSpan(masked);
  const candidates = span
    ? keyCandidates(text, masked, span.open, span.close).filter((at) => depthAt(masked, span.open, at) === 1)
    : keyCandidates(text, masked, 0, text.length);
  if (candidates.length === 0) return { found: false, problem: 'it has no "use" array' };
  if (candidates.length > 1) return { found: false, problem: 'it has more than one "use" key' };
  const valueAt = (candidates[0] ?? 0) + (masked.slice(candidates[0]).length - masked.slice(candidates[0]).trimStart().length);
  if (masked[valueAt] !== '[') return { found: false, problem: '"use" is not an array literal' };
  const close = matchingBracket(masked, valueAt);
  if (close === -1) return { found: false, problem: 'its "use" array is not closed' };
  return { found: true, array: { open: valueAt, close, entries: entriesOf(text, masked, valueAt, close) } };
}

function lineStartOf(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

function indentOf(text: string, index: number): string {
  const start = lineStartOf(text, index);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Whether an entry sits on its own line (only whitespace before it, and `]` on a later line). */
function onOwnLine(text: string, entry: UseEntry, close: number): boolean {
  const before = text.slice(lineStartOf(text, entry.start), entry.start);
  const lineEnd = text.indexOf('\n', entry.end);
  return before.trim() === '' && lineEnd !== -1 && lineEnd < close;
}

/**
 * Adds `name` to the `use` array, keeping its layout: one entry per line stays one per line (same
 * indent, trailing comma kept), an inline array stays inline; the existing quote style is used.
 * Returns the text unchanged when the name is already there.
 */
export function addUseEntry(text: string, array: UseArray, name: string): string {
  if (array.entries.some((entry) => entry.value === name)) return text;
  const quote = array.entries.find((entry) => entry.quote && entry.quote !== '`')?.quote ?? "'";
  const literal = `${quote}${name}${quote}`;
  const masked = maskCode(text);
  const last = array.entries.at(-1);
  if (!last) {
    const inner = text.slice(array.open + 1, array.close);
    if (inner.trim() === '') return `${text.slice(0, array.open + 1)}${literal}${text.slice(array.close)}`;
    const lastBreak = text.lastIndexOf('\n', array.close - 1);
    if (lastBreak <= array.open) return `${text.slice(0, array.open + 1)}${literal}, ${text.slice(array.open + 1)}`;
    const indent = `${indentOf(text, array.open)}  `;
    return `${text.slice(0, lastBreak)}\n${indent}${literal},${text.slice(lastBreak)}`;
  }
  if (onOwnLine(text, last, array.close)) {
    const hasComma = masked.slice(last.end, array.close).trimStart().startsWith(',');
    const lineEnd = text.indexOf('\n', last.end);
    const indent = indentOf(text, last.start);
    if (hasComma) return `${text.slice(0, lineEnd)}\n${indent}${literal},${text.slice(lineEnd)}`;
    return `${text.slice(0, last.end)},${text.slice(last.end, lineEnd)}\n${indent}${literal}${text.slice(lineEnd)}`;
  }
  return `${text.slice(0, last.end)}, ${literal}${text.slice(last.end)}`;
}

/**
 * Removes `name` from the `use` array: its whole line (with a comment on it) when it sits on its
 * own line, else the element and one separating comma. Returns the text unchanged when absent.
 */
export function removeUseEntry(text: string, array: UseArray, name: string): string {
  const index = array.entries.findIndex((entry) => entry.value === name);
  const entry = array.entries[index];
  if (!entry) return text;
  const masked = maskCode(text);
  const lineEnd = text.indexOf('\n', entry.end);
  const restOfLine = lineEnd === -1 ? '' : masked.slice(entry.end, lineEnd).trim();
  if (onOwnLine(text, entry, array.close) && (restOfLine === '' || restOfLine === ',')) {
    return `${text.slice(0, lineStartOf(text, entry.start))}${text.slice(lineEnd + 1)}`;
  }
  const next = array.entries[index + 1];
  if (next) return `${text.slice(0, entry.start)}${text.slice(next.start)}`;
  const previous = array.entries[index - 1];
  if (previous) return `${text.slice(0, previous.end)}${text.slice(entry.end)}`;
  const after = masked.slice(entry.end, array.close);
  const commaEnd = after.trimStart().startsWith(',') ? entry.end + after.indexOf(',') + 1 : entry.end;
  return `${text.slice(0, entry.start)}${text.slice(commaEnd).replace(/^[ \t]+(?=\])/, '')}`;
}
