/** Options for {@link errorLine}. */
export interface ErrorLineOptions {
  /** The program's stderr. */
  stderr: string;
  /** Only lines matching this count as errors; defaults to every non-empty line. */
  match?: RegExp;
  /** Which matching line to return: the `last` (default; ffmpeg ends with the cause) or the `first` (pocketsphinx logs the cause, then consequences). */
  pick?: 'first' | 'last';
  /** Paths removed from the line so temporary file names never reach a message. */
  hidePaths?: readonly string[];
  /** Maximum length of the returned line. Default 300. */
  maxLength?: number;
}

/**
 * The first or last meaningful line of a program's stderr, cleaned for an error message: source
 * locations like `ERROR: "acmod.c", line 78:` and `[amrnb @ 0x55aff1b41900]` are removed, and
 * the given temporary paths are hidden. Returns `undefined` when no line matches.
 */
export function errorLine(options: ErrorLineOptions): string | undefined {
  const lines = options.stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  const candidates = options.match ? lines.filter((line) => options.match?.test(line)) : lines;
  let line = options.pick === 'first' ? candidates[0] : candidates.at(-1);
  if (line === undefined) return undefined;
  for (const path of options.hidePaths ?? []) line = line.split(`${path}/`).join('').split(path).join('');
  line = line
    .replace(/^(ERROR|FATAL|WARN(ING)?|INFO):\s*"[^"]*",\s*line\s*\d+:\s*/i, '')
    .replace(/\[[\w-]+ @ 0x[0-9a-f]+\]\s*/gi, '')
    .replace(/^[:\s]+/, '');
  const maxLength = options.maxLength ?? 300;
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
