import type { ArgWord } from './invocation.js';

/** A word of the script after quote removal. */
export interface WordToken {
  kind: 'word';
  word: ArgWord;
  /** Some part of the word was quoted or escaped, so it cannot be a keyword. */
  quoted: boolean;
  /** The word starts with an unquoted `NAME=`. */
  assignment: boolean;
}

/** A control operator: `;`, `&&`, `||`, `|`, `&`, newline, `(`, `)`. */
export interface OperatorToken {
  kind: 'operator';
  operator: string;
}

/** A redirection operator with its target word. */
export interface RedirectToken {
  kind: 'redirect';
  operator: string;
  target?: WordToken;
}

/** One token of a shell script. */
export type Token = WordToken | OperatorToken | RedirectToken;

interface WordBuilder {
  text: string;
  dynamic: boolean;
  quoted: boolean;
  /** Unquoted literal characters; anything quoted or expanded becomes `\0`. */
  skeleton: string;
}

interface Heredoc {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** Thrown when the script uses something that is not analyzed; `position` is where. */
export class ScriptRejection extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const REDIRECT_OPERATORS = ['<<<', '<<-', '<<', '<>', '<&', '<', '>>', '>&', '>|', '>'];
const ANSI_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/**
 * Tokenizes a POSIX/bash script into words (after quote removal), control operators and
 * redirections, reading here-documents. Throws {@link ScriptRejection} on anything that runs
 * a command the text does not show.
 *
 * @param source - the script text
 * @returns the tokens in order
 */
export function tokenizeShellScript(source: string): Token[] {
  return new ShellLexer(source).run();
}

class ShellLexer {
  private position = 0;
  private readonly tokens: Token[] = [];
  private word: WordBuilder | undefined;
  private heredocs: Heredoc[] = [];

  constructor(private readonly source: string) {}

  run(): Token[] {
    while (this.position < this.source.length) this.step();
    this.endWord();
    return this.tokens;
  }

  private step(): void {
    const char = this.source[this.position]!;
    const next = this.source[this.position + 1];
    if (char === '\\' && next === '\n') {
      this.position += 2;
    } else if (char === ' ' || char === '\t') {
      this.endWord();
      this.position += 1;
    } else if (char === '\n') {
      this.endWord();
      this.tokens.push({ kind: 'operator', operator: '\n' });
      this.position += 1;
      this.readHeredocBodies();
    } else if (char === '#' && this.word === undefined) {
      const end = this.source.indexOf('\n', this.position);
      this.position = end === -1 ? this.source.length : end;
    } else if (';&|()<>'.includes(char)) {
      this.readOperator(char, next);
    } else {
      this.readWordPart(char);
    }
  }

  private readOperator(char: string, next: string | undefined): void {
    if (char === '<' || char === '>') {
      this.readRedirect(char, next);
      return;
    }
    this.endWord();
    let operator: string = char;
    if (char === '&') {
      if (next === '>') {
        const redirect = this.source.startsWith('&>>', this.position) ? '&>>' : '&>';
        this.tokens.push({ kind: 'redirect', operator: redirect });
        this.position += redirect.length;
        return;
      }
      if (next === '&') operator = '&&';
    } else if (char === '|') {
      if (next === '|' || next === '&') operator = `|${next}`;
    } else if (char === ';') {
      operator = /^;;&|^;;|^;&|^;/.exec(this.source.slice(this.position, this.position + 3))![0];
    } else if (char === '(' && next === '(') {
      this.reject('an arithmetic command ((...)) can run commands hidden in array subscripts');
    }
    this.tokens.push({ kind: 'operator', operator });
    this.position += operator.length;
  }

  private readRedirect(char: string, next: string | undefined): void {
    if (next === '(') {
      this.reject(`process substitution ${char}(...) runs a command that is not analyzed`);
    }
    const word = this.word;
    if (word && !word.quoted && /^(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})$/.test(word.text)) {
      this.word = undefined;
    } else {
      this.endWord();
    }
    const operator = REDIRECT_OPERATORS.find((candidate) => this.source.startsWith(candidate, this.position))!;
    this.tokens.push({ kind: 'redirect', operator });
    this.position += operator.length;
  }

  private readWordPart(char: string): void {
    const word = (this.word ??= { text: '', dynamic: false, quoted: false, skeleton: '' });
    if (char === "'") {
      const end = this.source.indexOf("'", this.position + 1);
      if (end === -1) this.reject('the script has an unterminated single quote');
      word.text += this.source.slice(this.position + 1, end);
      this.markQuoted(word);
      this.position = end + 1;
    } else if (char === '"') {
      this.position += 1;
      this.readDoubleQuoted(word);
    } else if (char === '\\') {
      const escaped = this.source[this.position + 1];
      word.text += escaped ?? '\\';
      this.markQuoted(word);
      this.position += escaped === undefined ? 1 : 2;
    } else if (char === '`') {
      this.reject('backticks `...` run a command whose output becomes part of the line');
    } else if (char === '$') {
      this.readDollar(word, false);
    } else {
      word.text += char;
      word.skeleton += char;
      this.position += 1;
    }
  }

  private readDoubleQuoted(word: WordBuilder): void {
    this.markQuoted(word);
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) this.reject('the script has an unterminated double quote');
      if (char === '"') {
        this.position += 1;
        return;
      }
      if (char === '`') this.reject('backticks `...` run a command whose output becomes part of the line');
      if (char === '$') {
        this.readDollar(word, true);
        continue;
      }
      if (char === '\\') {
        const next = this.source[this.position + 1];
        if (next !== undefined && '$`"\\\n'.includes(next)) {
          if (next !== '\n') word.text += next;
          this.position += 2;
          continue;
        }
      }
      word.text += char;
      this.position += 1;
    }
  }

  private readDollar(word: WordBuilder, inDoubleQuotes: boolean): void {
    const next = this.source[this.position + 1] ?? '';
    if (next === '(') {
      this.reject(
        this.source.startsWith('$((', this.position)
          ? 'arithmetic expansion $((...)) can run commands hidden in array subscripts'
          : 'command substitution $(...) runs a command whose output becomes part of the line',
      );
    }
    if (next === '{') {
      const end = this.findBraceEnd(this.position + 2);
      const expansion = this.source.slice(this.position, end + 1);
      if (/\$\(|`/.test(expansion)) {
        this.reject(`the parameter expansion ${expansion} contains a command substitution`);
      }
      this.appendDynamic(word, expansion);
      this.position = end + 1;
    } else if (!inDoubleQuotes && next === "'") {
      this.position += 2;
      word.text += this.readAnsiCString();
      this.markQuoted(word);
    } else if (!inDoubleQuotes && next === '"') {
      this.position += 2;
      this.readDoubleQuoted(word);
    } else if (/[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.source.slice(this.position + 1))![0];
      this.appendDynamic(word, `$${name}`);
      this.position += name.length + 1;
    } else if (/[0-9@*#?$!-]/.test(next)) {
      this.appendDynamic(word, `$${next}`);
      this.position += 2;
    } else {
      word.text += '$';
      if (!inDoubleQuotes) word.skeleton += '$';
      this.position += 1;
    }
  }

  private findBraceEnd(start: number): number {
    let depth = 1;
    for (let index = start; index < this.source.length; index += 1) {
      const char = this.source[index];
      if (char === '\\') index += 1;
      else if (char === '{') depth += 1;
      else if (char === '}' && --depth === 0) return index;
    }
    return this.reject('the script has an unterminated ${...} expansion');
  }

  private readAnsiCString(): string {
    let text = '';
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) this.reject("the script has an unterminated $'...' string");
      this.position += 1;
      if (char === "'") return text;
      if (char !== '\\') {
        text += char;
        continue;
      }
      text += this.readAnsiEscape();
    }
  }

  private readAnsiEscape(): string {
    const rest = this.source.slice(this.position);
    const patterns: Array<[RegExp, (match: string) => string]> = [
      [/^[0-7]{1,3}/, (digits) => String.fromCharCode(Number.parseInt(digits, 8))],
      [/^x[0-9A-Fa-f]{1,2}/, (hex) => String.fromCharCode(Number.parseInt(hex.slice(1), 16))],
      [/^u[0-9A-Fa-f]{1,4}/, (hex) => String.fromCodePoint(Number.parseInt(hex.slice(1), 16))],
      [/^U[0-9A-Fa-f]{1,8}/, (hex) => String.fromCodePoint(Number.parseInt(hex.slice(1), 16))],
      [/^c./, (control) => String.fromCharCode(control.charCodeAt(1) & 0x1f)],
    ];
    for (const [pattern, decode] of patterns) {
      const match = pattern.exec(rest);
      if (match) {
        this.position += match[0].length;
        return decode(match[0]);
      }
    }
    const char = rest[0];
    if (char === undefined) return '\\';
    this.position += 1;
    return ANSI_ESCAPES[char] ?? `\\${char}`;
  }

  private readHeredocBodies(): void {
    for (const heredoc of this.heredocs) {
      while (this.position < this.source.length) {
        const end = this.source.indexOf('\n', this.position);
        const line = this.source.slice(this.position, end === -1 ? undefined : end);
        this.position = end === -1 ? this.source.length : end + 1;
        const compared = heredoc.stripTabs ? line.replace(/^\t+/, '') : line;
        if (compared === heredoc.delimiter) break;
        if (!heredoc.quoted && /\$\(|`/.test(line)) {
          this.reject('a here-document with an unquoted delimiter runs the $(...) or backticks in its body');
        }
      }
    }
    this.heredocs = [];
  }

  private appendDynamic(word: WordBuilder, text: string): void {
    word.text += text;
    word.dynamic = true;
    word.skeleton += '\0';
  }

  private markQuoted(word: WordBuilder): void {
    word.quoted = true;
    word.skeleton += '\0';
  }

  private endWord(): void {
    const word = this.word;
    if (!word) return;
    this.word = undefined;
    const glob = /[*?]|\[[^\]]*\]/.test(word.skeleton);
    const brace = /\{[^{}]*(,|\.\.)[^{}]*\}/.test(word.skeleton);
    const token: WordToken = {
      kind: 'word',
      word: { text: word.text, dynamic: word.dynamic || glob || brace },
      quoted: word.quoted,
      assignment: /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word.skeleton),
    };
    const previous = this.tokens.at(-1);
    if (previous?.kind === 'redirect' && previous.target === undefined) {
      previous.target = token;
      if (previous.operator === '<<' || previous.operator === '<<-') {
        this.heredocs.push({ delimiter: word.text, quoted: word.quoted, stripTabs: previous.operator === '<<-' });
      }
      return;
    }
    this.tokens.push(token);
  }

  private reject(reason: string): never {
    throw new ScriptRejection(reason, this.position);
  }
}
