import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';

/** One option of a select question. */
export interface PromptChoice<Value extends string> {
  /** The value returned. */
  value: Value;
  /** A one-line explanation. */
  hint: string;
}

/** Asks questions on a terminal; answers are re-asked until valid. */
export interface Prompter {
  /** A free-text answer; empty input takes `fallback`; `check` returns a problem to re-ask. */
  text(question: string, fallback: string, check?: (answer: string) => string | undefined): Promise<string>;
  /** One of `choices`, by number or name. */
  select<Value extends string>(question: string, choices: readonly PromptChoice<Value>[], fallback: Value): Promise<Value>;
  /** Several of `choices`, comma-separated numbers or names. */
  multiselect<Value extends string>(question: string, choices: readonly PromptChoice<Value>[], fallback: readonly Value[]): Promise<Value[]>;
  /** Releases the terminal. */
  close(): void;
}

const cancelled = (): CreateDowncityError => new CreateDowncityError(CreateErrorCodes.CANCELLED, 'Cancelled; nothing was written.');

function listing<Value extends string>(choices: readonly PromptChoice<Value>[]): string {
  const width = Math.max(...choices.map((choice) => choice.value.length));
  return choices.map((choice, index) => `  ${String(index + 1).padStart(2)}) ${choice.value.padEnd(width)}  ${choice.hint}`).join('\n');
}

function pick<Value extends string>(token: string, choices: readonly PromptChoice<Value>[]): Value | undefined {
  const number = Number(token);
  if (Number.isInteger(number) && number >= 1 && number <= choices.length) return choices[number - 1]?.value;
  return choices.find((choice) => choice.value === token.toLowerCase())?.value;
}

/**
 * Creates a prompter on `input`/`output` with node:readline/promises. Ctrl+C or the end of input cancels
 * with a `CANCELLED` error.
 *
 * @param input - where answers are read (a terminal)
 * @param output - where questions are written
 */
export function createPrompter(input: Readable, output: Writable): Prompter {
  const lines = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  const closed = new AbortController();
  lines.on('close', () => closed.abort());
  lines.on('SIGINT', () => lines.close());
  const ask = async (question: string): Promise<string> => {
    if (closed.signal.aborted) throw cancelled();
    try {
      return (await lines.question(question, { signal: closed.signal })).trim();
    } catch {
      throw cancelled();
    }
  };
  return {
    async text(question, fallback, check) {
      for (;;) {
        const answer = (await ask(`? ${question} (${fallback}) `)) || fallback;
        const problem = check?.(answer);
        if (problem === undefined) return answer;
        output.write(`  ${problem}\n`);
      }
    },
    async select<Value extends string>(question: string, choices: readonly PromptChoice<Value>[], fallback: Value): Promise<Value> {
      output.write(`? ${question}\n${listing(choices)}\n`);
      for (;;) {
        const answer = await ask(`  Choose one (${fallback}) `);
        const value = answer === '' ? fallback : pick(answer, choices);
        if (value !== undefined) return value;
        output.write(`  "${answer}" is not one of the choices; type its number or name.\n`);
      }
    },
    async multiselect<Value extends string>(question: string, choices: readonly PromptChoice<Value>[], fallback: readonly Value[]): Promise<Value[]> {
      output.write(`? ${question}\n${listing(choices)}\n`);
      for (;;) {
        const answer = await ask(`  Choose, comma-separated (${fallback.join(',')}) `);
        if (answer === '') return [...fallback];
        const tokens = answer.split(/[\s,]+/).filter((token) => token !== '');
        const values = tokens.map((token) => pick(token, choices));
        const unknown = tokens.filter((_, index) => values[index] === undefined);
        if (unknown.length === 0) return [...new Set(values as Value[])];
        output.write(`  Not a choice: ${unknown.join(', ')}. Type numbers or names, e.g. 1,2.\n`);
      }
    },
    close: () => lines.close(),
  };
}
