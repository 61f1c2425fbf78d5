import { describe, expect, it } from 'vitest';
import { flattenPost } from './flatten-post.js';

describe('flattenPost', () => {
  it('reads received posts and locale-wrapped posts', () => {
    const body = { title: 'T', content: [[{ tag: 'text', text: 'a ' }, { tag: 'a', text: 'link', href: 'https://x.test' }], [{ tag: 'hr' }], [{ tag: 'code_block', language: 'js', text: 'let x;' }]] };
    expect(flattenPost(body)?.text).toBe('T\na link (https://x.test)\n\n---\n\nlet x;');
    expect(flattenPost({ en_us: body })?.text).toBe(flattenPost(body)?.text);
  });

  it('turns at elements into mention keys and collects media', () => {
    const body = { content: [[{ tag: 'at', user_id: 'ou_x', user_name: 'X' }, { tag: 'at', user_id: 'ou_y', user_name: 'Y' }, { tag: 'at', user_id: 'all' }], [{ tag: 'img', image_key: 'img_1' }, { tag: 'media', file_key: 'file_1' }]] };
    const flat = flattenPost(body, (openId) => (openId === 'ou_x' ? '@_user_1' : undefined));
    expect(flat).toEqual({ text: '@_user_1@Y@all', imageKeys: ['img_1'], mediaKeys: ['file_1'] });
  });

  it('returns undefined for non-objects and tolerates junk elements', () => {
    expect(flattenPost('nope')).toBeUndefined();
    expect(flattenPost({ content: [null, [null, 5, { tag: 'text', text: 'ok' }]] })?.text).toBe('ok');
  });
});
