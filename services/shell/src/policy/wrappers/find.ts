import type { ArgWord } from '../invocation.js';
import type { InnerCommand, WrapperHandler } from './wrapper-outcome.js';

const FIND_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** `find [PATH...] [EXPRESSION]`, where `-exec`/`-execdir`/`-ok`/`-okdir` run commands. */
export const find: WrapperHandler = (words, program) => {
  const commands: InnerCommand[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]!;
    if (word.dynamic) {
      return { kind: 'unanalyzable', reason: `${program} gets "${word.text}" only at run time, which could add -exec` };
    }
    if (!FIND_ACTIONS.has(word.text)) continue;
    const segment: ArgWord[] = [];
    let end = index + 1;
    for (; end < words.length; end += 1) {
      const part = words[end]!;
      if (!part.dynamic && (part.text === ';' || (part.text === '+' && segment.at(-1)?.text === '{}'))) break;
      segment.push(part.text.includes('{}') ? { ...part, dynamic: true } : part);
    }
    if (segment.length > 0) {
      commands.push({ label: `${program} ${word.text}`, words: segment, openArgs: segment.some((part) => part.dynamic) });
    }
    index = end;
  }
  return { kind: 'commands', commands };
};
