import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize-message.js';

const context = { appId: '102000001', botUserId: '9000000001' };

describe('normalizeEvent', () => {
  it('keeps other mentions in guild messages and lists them', () => {
    const result = normalizeEvent(
      { op: 0, t: 'MESSAGE_CREATE', d: { id: 'm', channel_id: 'c', guild_id: 'g', content: 'hi <@!555> there', author: { id: 'u' } } },
      context,
    );
    expect(result).toMatchObject({ message: { text: 'hi <@!555> there', mentions: { self: false, userIds: ['555'] } } });
  });

  it('skips the bot’s own guild messages', () => {
    expect(normalizeEvent({ op: 0, t: 'MESSAGE_CREATE', d: { id: 'm', channel_id: 'c', guild_id: 'g', content: 'x', author: { id: '9000000001' } } }, context)).toEqual({
      skipped: 'own-message',
    });
  });

  it('addresses guild direct messages by guild id', () => {
    const result = normalizeEvent({ op: 0, t: 'DIRECT_MESSAGE_CREATE', d: { id: 'm', channel_id: 'c', guild_id: 'g1', content: 'x', author: { id: 'u' } } }, context);
    expect(result).toMatchObject({ message: { chat: { id: 'dm:g1', type: 'direct' }, extra: { scene: 'dm' } } });
  });

  it('adds the scheme QQ leaves out of attachment URLs and classifies them', () => {
    const result = normalizeEvent(
      {
        op: 0,
        t: 'C2C_MESSAGE_CREATE',
        d: {
          id: 'm',
          content: '',
          author: { user_openid: 'o' },
          attachments: [
            { content_type: 'image/png', filename: 'a.png', url: 'multimedia.nt.qq.com.cn/download?x=1', size: '10' },
            { content_type: 'voice', filename: 'b.amr', url: '//cdn.example/b.amr' },
            { content_type: 'audio/mpeg', url: 'https://cdn.example/c.mp3' },
            { content_type: 'file', filename: 'd.pdf' },
          ],
        },
      },
      context,
    );
    expect(result).toMatchObject({
      message: {
        attachments: [
          { kind: 'image', id: 'https://multimedia.nt.qq.com.cn/download?x=1', mimeType: 'image/png', size: 10 },
          { kind: 'voice', id: 'https://cdn.example/b.amr', mimeType: 'audio/amr' },
          { kind: 'audio', id: 'https://cdn.example/c.mp3', mimeType: 'audio/mpeg' },
        ],
      },
    });
  });

  it('reports malformed and unsupported events', () => {
    expect(normalizeEvent({ op: 0, t: 'GROUP_AT_MESSAGE_CREATE', d: 'nope' }, context)).toEqual({ skipped: 'malformed' });
    expect(normalizeEvent({ op: 0, t: 'GROUP_ADD_ROBOT', d: {} }, context)).toEqual({ skipped: 'unsupported' });
  });
});
