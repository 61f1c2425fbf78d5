import { describe, expect, it } from 'vitest';
import { protectedVariableReason } from './shell-variables.js';

describe('protectedVariableReason', () => {
  it.each(['FOO', 'NODE_ENV', 'IFS', 'REPLY', 'TMPDIR', 'my_var'])('lets a script assign %s', (name) => {
    expect(protectedVariableReason(name, { text: 'x', dynamic: true })).toBeUndefined();
  });

  it.each(['PATH', 'BASH_ENV', 'ENV', 'PS4', 'PS0', 'PROMPT_COMMAND', 'SHELLOPTS', 'BASHOPTS', 'RANDOM', 'OPTIND', 'SECONDS', 'BASH_CMDS', 'LD_PRELOAD', 'GIT_CONFIG_COUNT', 'NODE_OPTIONS', 'CDPATH', 'HISTFILE', 'COMP_WORDS', 'a[1]'])(
    'refuses %s',
    (name) => {
      expect(protectedVariableReason(name, { text: 'x', dynamic: false })).toBeDefined();
    },
  );

  it('allows locale variables only for C or UTF-8 locales written out', () => {
    expect(protectedVariableReason('LC_ALL', { text: 'C', dynamic: false })).toBeUndefined();
    expect(protectedVariableReason('LANG', { text: 'en_US.UTF-8', dynamic: false })).toBeUndefined();
    expect(protectedVariableReason('LC_ALL', { text: 'zh_CN.GBK', dynamic: false })).toContain('locale');
    expect(protectedVariableReason('LANG', { text: '$x', dynamic: true })).toContain('locale');
  });
});
