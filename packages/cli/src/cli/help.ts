import type { Command, OptionSpec } from './command.js';
import { table } from './format.js';
import { GLOBAL_OPTIONS } from './global-options.js';

const EXIT_CODES = [
  ['0', 'success'],
  ['1', 'runtime failure'],
  ['2', 'usage error (unknown command or flag)'],
  ['3', 'invalid config or manifest'],
  ['4', '`doctor` found problems'],
  ['5', 'the agent is not running'],
  ['6', 'refused by the user or by a check'],
];

function optionRows(options: Record<string, OptionSpec>): string[][] {
  return Object.entries(options).map(([name, spec]) => [
    `  ${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`,
    spec.description,
  ]);
}

/** The help for `downcity` (or for a command group such as `sessions`). */
export function generalHelp(commands: readonly Command[], group?: string): string[] {
  const shown = commands.filter((command) => (group ? command.name.startsWith(`${group} `) : !command.hidden));
  return [
    `Usage: downcity ${group ?? '<command>'}${group ? ' <subcommand>' : ''} [options]`,
    '',
    'Commands:',
    ...table(shown.map((command) => [`  ${command.name}${command.args ? ` ${command.args}` : ''}`, command.summary])),
    '',
    'Global options:',
    ...table(optionRows(GLOBAL_OPTIONS)),
    ...(group
      ? []
      : ['', 'Exit codes:', ...table(EXIT_CODES.map(([code, meaning]) => [`  ${code}`, meaning as string])), '', 'Run `downcity <command> --help` for a command\'s options.']),
  ];
}

/** The help for one command. */
export function commandHelp(command: Command): string[] {
  const options = command.options ?? {};
  return [
    `Usage: downcity ${command.name}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    command.summary,
    ...(command.details ? ['', ...command.details] : []),
    ...(Object.keys(options).length > 0 ? ['', 'Options:', ...table(optionRows(options))] : []),
    '',
    'Global options:',
    ...table(optionRows(GLOBAL_OPTIONS)),
  ];
}
