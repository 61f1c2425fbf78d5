import { describe, expect, it } from 'vitest';
import { parseShellScript } from './parse-shell-script.js';

const commands = (script: string): string[][] => {
  const parsed = parseShellScript(script);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.commands.map((words) => words.map((word) => word.text));
};

const reason = (script: string): string => {
  const parsed = parseShellScript(script);
  return parsed.ok ? '' : parsed.reason;
};

describe('parseShellScript', () => {
  it('removes quotes and escapes', () => {
    expect(commands(`echo 'a b' "c $'" d\\ e $'\\x72m'`)).toEqual([['echo', 'a b', "c $'", 'd e', 'rm']]);
  });

  it('drops redirections and their targets, keeping commands', () => {
    expect(commands('ls -la > out.txt 2>&1 < in.txt; cat <<< hi')).toEqual([['ls', '-la'], ['cat']]);
  });

  it('skips keywords, assignments and for-lists', () => {
    expect(commands('if true; then FOO=1 ls; fi; for f in a b; do cat "$f"; done; { echo; }')).toEqual([
      ['true'], ['ls'], ['cat', '$f'], ['echo'],
    ]);
  });

  it('reads here-documents and rejects substitutions in unquoted ones', () => {
    expect(commands("cat <<'EOF' > f\n$(rm x)\nEOF\nls")).toEqual([['cat'], ['ls']]);
    expect(reason('cat <<EOF\n`rm x`\nEOF')).toContain('here-document');
  });

  it('marks expansions and globs as dynamic', () => {
    const parsed = parseShellScript('ls $HOME *.txt {a,b} plain');
    expect(parsed.ok && parsed.commands[0]!.map((word) => word.dynamic)).toEqual([false, true, true, true, false]);
  });

  it('rejects what it cannot see through', () => {
    expect(reason('echo $(rm x)')).toContain('command substitution');
    expect(reason('echo ${x:-$(rm x)}')).toContain('command substitution');
    expect(reason('cat <(rm x)')).toContain('process substitution');
    expect(reason('f() { rm x; }')).toContain('function');
    expect(reason('case a in a) rm x;; esac')).toContain('case');
    expect(reason('export PATH=/tmp')).toContain('PATH');
    expect(reason('read PATH')).toContain('PATH');
    expect(reason("echo 'unterminated")).toContain('unterminated');
  });
});
