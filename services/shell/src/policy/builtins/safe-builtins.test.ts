import { describe, expect, it } from 'vitest';
import { staticWords, type ArgWord } from '../invocation.js';
import { SAFE_SHELL_BUILTINS } from '../policy.js';
import { BASH_BUILTINS, SAFE_BUILTIN_CHECKS } from './safe-builtins.js';

const problem = (name: string, args: ArgWord[]): string | undefined => SAFE_BUILTIN_CHECKS[name]!(args);
const dynamic = (text: string, extra: Partial<ArgWord> = {}): ArgWord => ({ text, dynamic: true, fieldCount: 'one', ...extra });

describe('SAFE_BUILTIN_CHECKS', () => {
  it('covers every builtin in SAFE_SHELL_BUILTINS, and only real bash builtins', () => {
    for (const name of SAFE_SHELL_BUILTINS) expect(SAFE_BUILTIN_CHECKS, name).toHaveProperty([name]);
    for (const name of Object.keys(SAFE_BUILTIN_CHECKS)) expect(BASH_BUILTINS.has(name), name).toBe(true);
    for (const name of ['eval', 'source', '.', 'exec', 'trap', 'alias', 'enable', 'hash', 'let', 'mapfile', 'readarray', 'getopts', 'shopt', 'typeset', 'readonly']) {
      expect(SAFE_BUILTIN_CHECKS, name).not.toHaveProperty([name]);
    }
  });

  it.each([
    ['printf', staticWords(['%s\\n', 'a'])],
    ['printf', [...staticWords(['--']), dynamic('"$format"')]],
    ['read', staticWords(['-r', '-p', 'name? ', 'first', 'rest'])],
    ['read', [...staticWords(['-r', '-p']), dynamic('"$prompt"'), ...staticWords(['line'])]],
    ['declare', staticWords(['-rx', 'A=1', 'B'])],
    ['export', [dynamic('NODE_ENV=$mode', { assignmentName: 'NODE_ENV' })]],
    ['local', staticWords(['x=1'])],
    ['unset', staticWords(['-v', 'FOO', 'BAR'])],
    ['set', staticWords(['-euo', 'pipefail'])],
    ['set', [...staticWords(['--']), dynamic('$x', { fieldCount: 'any' })]],
    ['wait', [dynamic('$!')]],
    ['wait', staticWords(['-n'])],
    ['cd', [dynamic('"$dir"')]],
    ['exit', [dynamic('$?')]],
    ['shift', staticWords(['2'])],
  ])('accepts %s %j', (name, args) => {
    expect(problem(name, args)).toBeUndefined();
  });

  it.each([
    ['printf -v', 'printf', staticWords(['-v', 'a[$(id)]', 'x'])],
    ['a printf format that may be -v', 'printf', [dynamic('"$f"'), ...staticWords(['x'])]],
    ['read into a subscript', 'read', staticWords(['a[$(id)]'])],
    ['read into PATH', 'read', staticWords(['PATH'])],
    ['read -a (arrays)', 'read', staticWords(['-a', 'parts'])],
    ['read into a run-time name', 'read', [dynamic('"$name"')]],
    ['declare -i', 'declare', staticWords(['-i', 'x=1'])],
    ['declare -n', 'declare', staticWords(['-n', 'r=x'])],
    ['declare -a', 'declare', staticWords(['-a', 'x'])],
    ['declare -f', 'declare', staticWords(['-f'])],
    ['a quoted array assignment', 'declare', staticWords(['a=($(id))'])],
    ['a run-time declaration', 'declare', [dynamic('"$x"')]],
    ['export -f', 'export', staticWords(['-f', 'f'])],
    ['export of a protected variable', 'export', staticWords(['BASH_ENV=/tmp/x'])],
    ['unset -f', 'unset', staticWords(['-f', 'x'])],
    ['unset PATH', 'unset', staticWords(['PATH'])],
    ['set -x', 'set', staticWords(['-x'])],
    ['set -k', 'set', staticWords(['-k'])],
    ['set -o xtrace', 'set', staticWords(['-o', 'xtrace'])],
    ['a run-time set option', 'set', [dynamic('$opt')]],
    ['wait -p', 'wait', staticWords(['-n', '-p', 'a[$(id)]'])],
    ['a run-time wait argument', 'wait', [dynamic('"$x"')]],
    ['exit with a run-time value', 'exit', [dynamic('"$x"')]],
    ['shift with a run-time value', 'shift', [dynamic('$n')]],
    ['[ without ]', '[', staticWords(['-f', 'x'])],
  ])('refuses %s', (_label, name, args) => {
    expect(problem(name, args)).toBeDefined();
  });
});
