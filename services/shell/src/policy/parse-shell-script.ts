import type { ArgWord } from './invocation.js';
import { assignmentName, isSensitiveVariable } from './sensitive-variables.js';
import { ScriptRejection, tokenizeShellScript, type Token, type WordToken } from './shell-lexer.js';

/** The result of {@link parseShellScript}. */
export type ShellScriptParse =
  | { ok: true; commands: ArgWord[][] }
  /** `partialCommands` are the commands before the point where analysis stopped, so deny rules still see them. */
  | { ok: false; reason: string; partialCommands: ArgWord[][] };

const PREFIX_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '{', '}', '!']);
const LIST_KEYWORDS = new Set(['for', 'select']);
const REJECTED_KEYWORDS = new Map([
  ['case', 'case statements are not analyzed'],
  ['esac', 'case statements are not analyzed'],
  ['function', 'defining a shell function hides what a later command name runs'],
  ['coproc', 'coproc starts a command in a way that is not analyzed'],
]);
const DECLARATION_BUILTINS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
const VARIABLE_WRITING_BUILTINS = new Set(['read', 'printf', 'mapfile', 'readarray', 'getopts']);

/**
 * Splits a POSIX/bash script (the argument of `sh -c`) into simple commands, each a list of
 * words after quote removal, so every program in it can be checked. It understands `;`,
 * `&&`, `||`, `|`, `&`, newlines, subshells, `{ }`, `if`/`while`/`for`, quotes, `$'...'`,
 * redirections and here-documents.
 *
 * Anything that runs a command the text does not show is rejected as un-analyzable:
 * `$(...)`, backticks, `<(...)`/`>(...)`, `$((...))`, function definitions, `case`, and
 * assignments to variables such as `PATH` or `LD_PRELOAD`. Words whose value is only known at
 * run time (`$VAR`, globs, brace expansion) are marked `dynamic`.
 *
 * @param script - the script text
 * @returns the simple commands, or why the script cannot be analyzed
 */
export function parseShellScript(script: string): ShellScriptParse {
  const parsed = parseStrict(script);
  if (parsed instanceof ScriptRejection) {
    const prefix = parseStrict(script.slice(0, parsed.position));
    return { ok: false, reason: parsed.message, partialCommands: prefix instanceof ScriptRejection ? [] : prefix };
  }
  return { ok: true, commands: parsed };
}

function parseStrict(script: string): ArgWord[][] | ScriptRejection {
  try {
    return buildCommands(tokenizeShellScript(script));
  } catch (error) {
    if (error instanceof ScriptRejection) return error;
    throw error;
  }
}

function buildCommands(tokens: readonly Token[]): ArgWord[][] {
  const commands: ArgWord[][] = [];
  let current: WordToken[] = [];
  let inTest = false;
  const flush = (): void => {
    const command = simpleCommand(current);
    if (command.length > 0) commands.push(command);
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'redirect') continue;
    if (token.kind === 'word') {
      if (!token.quoted && token.word.text === '[[' && atCommandPosition(current)) inTest = true;
      else if (inTest && !token.quoted && token.word.text === ']]') inTest = false;
      current.push(token);
      continue;
    }
    if (inTest) continue;
    if (token.operator === '(' && current.length > 0) {
      throw new ScriptRejection('"(" after a word defines a function or an array, which is not analyzed', 0);
    }
    flush();
  }
  if (inTest) throw new ScriptRejection('the script has "[[" without a closing "]]"', 0);
  flush();
  return commands;
}

function atCommandPosition(words: readonly WordToken[]): boolean {
  return words.every((token) => token.assignment || (!token.quoted && PREFIX_KEYWORDS.has(token.word.text)));
}

function simpleCommand(tokens: readonly WordToken[]): ArgWord[] {
  let index = 0;
  for (; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const text = token.word.text;
    if (!token.quoted && PREFIX_KEYWORDS.has(text)) continue;
    if (!token.quoted && LIST_KEYWORDS.has(text)) return [];
    const rejected = token.quoted ? undefined : REJECTED_KEYWORDS.get(text);
    if (rejected) throw new ScriptRejection(rejected, 0);
    if (!token.assignment) break;
    rejectSensitiveAssignment(text);
  }
  const words = tokens.slice(index);
  const first = words[0];
  if (first && !first.quoted && DECLARATION_BUILTINS.has(first.word.text)) {
    for (const word of words.slice(1)) {
      if (word.word.dynamic && assignmentName(word.word.text) === undefined) {
        throw new ScriptRejection(`${first.word.text} gets a variable name only known at run time: ${word.word.text}`, 0);
      }
      rejectSensitiveAssignment(word.word.text);
    }
  }
  if (first && !first.quoted && VARIABLE_WRITING_BUILTINS.has(first.word.text)) {
    const target = words.slice(1).find((word) => isSensitiveVariable(word.word.text.replace(/\[.*$/, '')));
    if (target) {
      throw new ScriptRejection(`${first.word.text} writes ${target.word.text}, which changes which programs run`, 0);
    }
  }
  return words.map((token) => token.word);
}

function rejectSensitiveAssignment(text: string): void {
  const name = assignmentName(text);
  if (name !== undefined && isSensitiveVariable(name)) {
    throw new ScriptRejection(`assigning ${name} changes which programs run or what the shell executes`, 0);
  }
}
