import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command.js';

describe('parseCommand', () => {
  it('reads the name, an @bot suffix and the arguments', () => {
    expect(parseCommand('/help')).toEqual({ name: 'help', args: '' });
    expect(parseCommand('/Remind@my_bot 5m  tea ')).toEqual({ name: 'remind', args: '5m  tea' });
    expect(parseCommand('  /status\nmore')).toEqual({ name: 'status', args: 'more' });
  });

  it('ignores text that is not a command', () => {
    expect(parseCommand('hello /help')).toBeUndefined();
    expect(parseCommand('/usr/bin/env')).toBeUndefined();
    expect(parseCommand('/')).toBeUndefined();
  });
});
