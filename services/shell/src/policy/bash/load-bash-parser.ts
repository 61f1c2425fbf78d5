import { createRequire } from 'node:module';
import { DowncityError, ErrorCodes } from '@downcity/core';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/** The bash grammar, loaded once: parsing is synchronous afterwards (about 0.1 ms for a typical line). */
export interface BashParser {
  /**
   * Parses a script into a syntax tree. The caller must `delete()` the tree (it lives in
   * WebAssembly memory). `undefined` when tree-sitter gave up.
   */
  parse(script: string): Tree | undefined;
}

let loading: Promise<BashParser> | undefined;

/**
 * Loads tree-sitter and the tree-sitter-bash grammar (WebAssembly) on first use and returns the
 * same parser afterwards. Call it at start to pay the one-time cost early.
 *
 * @throws DowncityError `INTERNAL` when the grammar cannot be loaded (a broken install)
 */
export function loadBashParser(): Promise<BashParser> {
  loading ??= load().catch((cause: unknown) => {
    loading = undefined;
    throw new DowncityError(
      ErrorCodes.INTERNAL,
      `The shell policy could not load its bash parser (web-tree-sitter with tree-sitter-bash.wasm), so no command can be checked: ${String(cause)}. Reinstall @downcity/shell.`,
      { cause },
    );
  });
  return loading;
}

async function load(): Promise<BashParser> {
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parse: (script) => parser.parse(script) ?? undefined };
}
