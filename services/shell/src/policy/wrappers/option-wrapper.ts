import type { ArgWord } from '../invocation.js';
import { scanOptions, type OptionSpec } from '../parse-options.js';
import type { WrapperHandler, WrapperOutcome } from './wrapper-outcome.js';

/** The outcome for a wrapper that runs nothing else. */
export const SELF: WrapperOutcome = { kind: 'self' };
/** Long options every GNU tool accepts and that run nothing. */
export const HELP = { longFlags: ['help', 'version'] } as const;

/**
 * The outcome for a wrapper whose remaining words, from `index`, are the command it runs.
 *
 * @param options - the words, where the command starts, the `via` label and whether arguments are open
 */
export function runsRest(options: { words: readonly ArgWord[]; index: number; label: string; openArgs?: boolean }): WrapperOutcome {
  const { words, index, label, openArgs = false } = options;
  if (index >= words.length) return SELF;
  return { kind: 'commands', commands: [{ label, words: words.slice(index), openArgs }] };
}

/**
 * Builds a handler for the common shape `wrapper [options] [operands...] command [args...]`.
 *
 * @param config - the option spec, fixed operands before the command, and options that mean no command runs
 */
export function optionWrapper(config: {
  spec: OptionSpec;
  /** Fixed operands before the command, e.g. `timeout DURATION`. */
  operands?: number;
  /** Options after which the wrapper runs no command (e.g. `ionice -p PID`). */
  selfWhen?: readonly string[];
}): WrapperHandler {
  const spec: OptionSpec = { ...config.spec, longFlags: [...(config.spec.longFlags ?? []), ...HELP.longFlags] };
  const selfWhen = [...(config.selfWhen ?? []), ...HELP.longFlags];
  return (words, program) => {
    const scan = scanOptions({ words, start: 1, spec, program });
    if (!scan.ok) return { kind: 'unanalyzable', reason: scan.reason };
    if (scan.options.some((option) => selfWhen.includes(option.name))) return SELF;
    const operands = words.slice(scan.index, scan.index + (config.operands ?? 0));
    const dynamicOperand = operands.find((word) => word.dynamic);
    if (dynamicOperand) {
      return { kind: 'unanalyzable', reason: `${program} gets "${dynamicOperand.text}" only at run time` };
    }
    return runsRest({ words, index: scan.index + operands.length, label: program });
  };
}
