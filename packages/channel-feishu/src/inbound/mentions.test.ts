import { describe, expect, it } from 'vitest';
import { resolveMentions } from './mentions.js';

const mention = (key: string, openId: string, name: string) => ({ key, id: { open_id: openId }, name });

describe('resolveMentions', () => {
  it('strips the bot, names the others, and keeps @_user_1 apart from @_user_10', () => {
    const mentions = [mention('@_user_1', 'ou_bot', 'Bot'), mention('@_user_10', 'ou_ten', 'Ten')];
    expect(resolveMentions('@_user_1 hi @_user_10, bye', mentions, 'ou_bot')).toEqual({ text: 'hi @Ten, bye', self: true, userIds: ['ou_ten'] });
  });

  it('keeps indentation and line breaks, and writes @_all as @all', () => {
    const text = 'look:\n    indented code @_user_1\n@_all';
    expect(resolveMentions(text, [mention('@_user_1', 'ou_bot', 'Bot')], 'ou_bot').text).toBe('look:\n    indented code\n@all');
  });

  it('does not count mentions as self without a known bot open_id', () => {
    expect(resolveMentions('@_user_1 hi', [mention('@_user_1', 'ou_bot', 'Bot')], undefined)).toMatchObject({ text: '@Bot hi', self: false });
  });
});
