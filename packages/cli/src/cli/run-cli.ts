import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, exitCodeOf } from './cli-error.js';
import { processIo, type CliIo } from './cli-io.js';
import type { Command, OptionSpec } from './command.js';
import { COMMANDS } from './command-table.js';
import { ExitCodes, type ExitCode } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { commandHelp, generalHelp } from './help.js';
import { Output } from './output.js';
import { suggest } from './suggest.js';
import { cliVersion } from './version.js';

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

function toParseOptions(options: Record<string, OptionSpec>): ParseOptions {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]));
}

/** The most words a command name has (`auth token create`). */
const maxWords = (): number => Math.max(...COMMANDS.map((command) => command.name.split(' ').length));
const topLevel = (): string[] => [...new Set([...COMMANDS.map((command) => command.name.split(' ')[0] as string), 'help'])];

function unknownCommand(words: string[], candidates: readonly string[]): CliError {
  const typed = words.join(' ');
  const guess = suggest(typed, candidates);
  return new CliError(ExitCodes.usage, `unknown command '${typed}'.${guess ? ` Did you mean '${guess}'?` : ''}`, {
    hint: 'Run `downcity --help` for the list of commands.',
    details: { command: typed, ...(guess ? { suggestion: guess } : {}) },
  });
}

/**
 * Finds the command named by the leading positionals (the longest name that matches, so `auth token create`
 * wins over a shorter one); returns it and how many words it used. Leading words that only start command
 * names (`auth`, `auth token`) name a group.
 */
function findCommand(words: string[]): { command: Command; used: number } | { group: string } {
  const longest = Math.min(words.length, maxWords());
  for (let used = longest; used >= 1; used--) {
    const name = words.slice(0, used).join(' ');
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command) return { command, used };
  }
  for (let used = Math.min(words.length, maxWords() - 1); used >= 1; used--) {
    const group = words.slice(0, used).join(' ');
    const subcommands = COMMANDS.filter((command) => command.name.startsWith(`${group} `)).map((command) => command.name);
    if (subcommands.length === 0) continue;
    if (used === words.length) return { group };
    throw unknownCommand(words.slice(0, used + 1), subcommands);
  }
  const first = words[0];
  throw unknownCommand(first === undefined ? [] : [first], topLevel());
}

function unknownOption(error: Error, options: Record<string, OptionSpec>, command: Command): CliError {
  const flag = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? '';
  const guess = suggest(flag.replace(/^-+/, ''), Object.keys(options));
  return new CliError(ExitCodes.usage, `unknown option '${flag}' for 'downcity ${command.name}'.${guess ? ` Did you mean '--${guess}'?` : ''}`, {
    hint: `Run \`downcity ${command.name} --help\` for its options.`,
    details: { option: flag, ...(guess ? { suggestion: `--${guess}` } : {}) },
  });
}

function parseCommandArgs(command: Command, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    const parsed = parseArgs({ args, options: toParseOptions(options), strict: true, allowPositionals: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownOption(error as Error, options, command);
    throw new CliError(ExitCodes.usage, `${(error as Error).message} (downcity ${command.name}).`, { hint: `Run \`downcity ${command.name} --help\` for its options.` });
  }
}

function checkArgCount(command: Command, positionals: string[]): void {
  const min = command.minArgs ?? 0;
  const max = command.maxArgs ?? 0;
  if (positionals.length >= min && positionals.length <= max) return;
  const usage = `downcity ${command.name}${command.args ? ` ${command.args}` : ''}`;
  const message = positionals.length < min ? `'${command.name}' needs ${command.args ?? 'an argument'}.` : `'${command.name}' takes ${max === 0 ? 'no arguments' : `at most ${max}`}; got '${positionals.join(' ')}'.`;
  throw new CliError(ExitCodes.usage, message, { hint: `Usage: ${usage}` });
}

async function projectDir(io: CliIo, cwd: string | boolean | undefined): Promise<string> {
  const dir = path.resolve(io.cwd, typeof cwd === 'string' ? cwd : '.');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError(ExitCodes.usage, `--cwd ${String(cwd)}: no such folder (${dir}).`);
  return dir;
}

/**
 * Runs the `downcity` command line and returns the exit code (decision 0004). Global options
 * (`--json`, `--cwd <dir>`, `--help`, `--version`) may appear anywhere; unknown commands and
 * options are usage errors (exit 2) with a suggestion.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const first = parseArgs({ args: [...argv], options: toParseOptions(GLOBAL_OPTIONS), strict: false, allowPositionals: true, tokens: true });
  const output = new Output(io, { json: first.values.json === true });
  const positional = first.tokens.filter((token) => token.kind === 'positional');
  const words = positional.map((token) => token.value);
  try {
    if (words.length === 0) {
      if (first.values.version === true) return (output.result({ version: cliVersion }, ({ version }) => [version]), ExitCodes.ok);
      output.lines(...generalHelp(COMMANDS));
      if (first.values.help === true) return ExitCodes.ok;
      throw new CliError(ExitCodes.usage, 'missing command.', { hint: 'Run `downcity --help` for the list of commands.' });
    }
    if (words[0] === 'help') {
      const rest = words.slice(1);
      if (rest.length === 0) return (output.lines(...generalHelp(COMMANDS)), ExitCodes.ok);
      const found = findCommand(rest);
      output.lines(...('group' in found ? generalHelp(COMMANDS, found.group) : commandHelp(found.command)));
      return ExitCodes.ok;
    }
    const found = findCommand(words);
    if ('group' in found) {
      output.lines(...generalHelp(COMMANDS, found.group));
      if (first.values.help === true) return ExitCodes.ok;
      const subcommands = COMMANDS.filter((command) => command.name.startsWith(`${found.group} `) && !command.hidden).map((command) => command.name.slice(found.group.length + 1));
      throw new CliError(ExitCodes.usage, `'${found.group}' needs a subcommand: ${subcommands.join(', ')}.`);
    }
    const { command, used } = found;
    if (first.values.help === true) return (output.lines(...commandHelp(command)), ExitCodes.ok);
    const consumed = new Set(positional.slice(0, used).map((token) => token.index));
    const { values, positionals } = parseCommandArgs(
      command,
      argv.filter((_, index) => !consumed.has(index)),
    );
    checkArgCount(command, positionals);
    const cwd = await projectDir(io, values.cwd);
    return (await command.run({ args: positionals, options: values, output, io, cwd })) ?? ExitCodes.ok;
  } catch (error) {
    output.error(error);
    return exitCodeOf(error);
  }
}
