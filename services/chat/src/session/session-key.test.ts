import { describe, expect, it } from 'vitest';
import { encodeIdPart, sessionIdFor } from './session-key.js';

describe('session ids', () => {
  const conversation = { channel: 'telegram', account: 'bot7', chatId: '-100123', threadId: '55', userId: '42' };

  it('are deterministic per scope', () => {
    expect(sessionIdFor(conversation, 'chat')).toBe('chat:telegram:bot7:-100123');
    expect(sessionIdFor(conversation, 'user')).toBe('chat:telegram:bot7:-100123:42');
    expect(sessionIdFor(conversation, 'thread')).toBe('chat:telegram:bot7:-100123:55');
    expect(sessionIdFor({ ...conversation, threadId: undefined }, 'thread')).toBe('chat:telegram:bot7:-100123');
  });

  it('encode separators and other characters so distinct ids never collide', () => {
    expect(encodeIdPart('a:b')).toBe('a+3Ab');
    expect(encodeIdPart('a+3Ab')).toBe('a+2B3Ab');
    expect(encodeIdPart('hello world')).toBe('hello+20world');
    expect(encodeIdPart('')).toBe('+');
    expect(sessionIdFor({ channel: 'http', account: 'x', chatId: 'a:b' }, 'chat')).not.toBe(sessionIdFor({ channel: 'http', account: 'x:a', chatId: 'b' }, 'chat'));
  });

  it('stay within 256 characters and valid for the store', () => {
    const id = sessionIdFor({ channel: 'http', account: 'x', chatId: 'k'.repeat(400) }, 'chat');
    expect(id.length).toBeLessThanOrEqual(256);
    expect(id).toMatch(/^[\p{L}\p{N}_.:@+\-/]{1,256}$/u);
  });
});
