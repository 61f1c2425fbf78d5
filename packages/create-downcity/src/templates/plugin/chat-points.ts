import { handlerModule } from './handler-module.js';
import type { PointTemplate } from './point-template.js';

/**
 * The templates for the chat service's points.
 *
 * @param id - the plugin id
 */
export function chatPointTemplates(id: string): PointTemplate[] {
  const signature = `— sent by ${id}`;
  return [
    {
      point: 'chat/authorize',
      fields: [
        { key: 'blockedWords', kind: 'words', default: [], description: 'Messages containing one of these words (any case) are refused with a reply.' },
      ],
      handler: handlerModule(
        'chat/authorize',
        ['`chat/authorize` (guard): refuses messages that contain a blocked word; the user sees the reply.', 'Guards fail closed: if this throws or times out, the message is refused.'],
        [
          'const blocked = context.config.blockedWords.map((word) => word.toLowerCase());',
          'return ({ message }) => {',
          '  const text = message.text.toLowerCase();',
          '  const word = blocked.find((candidate) => text.includes(candidate));',
          '  if (word === undefined) return { allow: true };',
          "  return { allow: false, reason: `contains the blocked word \"${word}\"`, reply: 'Sorry, I cannot help with that.' };",
          '};',
        ],
      ),
      tests: [
        "it('chat/authorize refuses messages with a blocked word and lets others through', async () => {",
        "  await using agent = await startAgent({ config: { blockedWords: ['password'] } });",
        "  expect(await send(agent, 'what is the PASSWORD?')).toMatchObject({ status: 'denied', text: expect.stringContaining('Sorry, I cannot help with that.') });",
        "  expect(await send(agent, 'what is the weather?')).toMatchObject({ status: 'answered', text: expect.stringContaining('echo: what is the weather?') });",
        '});',
      ].join('\n'),
      needs: ['chat'],
    },
    {
      point: 'chat/inbound',
      fields: [
        { key: 'collapseWhitespace', kind: 'flag', default: true, description: 'Collapse runs of spaces and tabs in inbound text to one space.' },
      ],
      handler: handlerModule(
        'chat/inbound',
        ['`chat/inbound` (pipeline): normalizes the text of every inbound message before commands and the model see it.', 'Return the value, changed; only changes to `message` are used.'],
        [
          'return (inbound) => {',
          '  if (!context.config.collapseWhitespace) return inbound;',
          "  return { ...inbound, message: { ...inbound.message, text: inbound.message.text.replace(/[ \\t]+/g, ' ').trim() } };",
          '};',
        ],
      ),
      tests: [
        "it('chat/inbound collapses runs of spaces before the model sees the message', async () => {",
        '  await using agent = await startAgent();',
        "  expect(await send(agent, '  hello    world  ')).toMatchObject({ status: 'answered', text: expect.stringContaining('echo: hello world') });",
        '});',
      ].join('\n'),
      needs: ['chat'],
    },
    {
      point: 'chat/before-reply',
      fields: [
        { key: 'signature', kind: 'text', default: signature, description: 'A line added below every reply; empty adds nothing.' },
      ],
      handler: handlerModule(
        'chat/before-reply',
        ['`chat/before-reply` (pipeline): adds the configured signature below every non-empty reply.', 'Return the draft, changed; only changes to `text` are used.'],
        [
          'return (draft) => {',
          "  if (context.config.signature === '' || draft.text === '') return draft;",
          '  return { ...draft, text: `${draft.text}\\n\\n${context.config.signature}` };',
          '};',
        ],
      ),
      tests: [
        "it('chat/before-reply signs every reply', async () => {",
        "  await using agent = await startAgent({ config: { signature: '-- my bot' } });",
        "  expect(await send(agent, 'hi')).toMatchObject({ status: 'answered', text: 'echo: hi\\n\\n-- my bot' });",
        '});',
      ].join('\n'),
      needs: ['chat'],
    },
    {
      point: 'chat/after-reply',
      fields: [],
      handler: handlerModule(
        'chat/after-reply',
        ['`chat/after-reply` (effect): logs every reply after it was sent.', 'Effects observe after the fact; if this fails, the failure is logged and the reply is unaffected.'],
        ['return (sent) => {', "  context.logger.info({ sessionId: sent.sessionId, chunks: sent.chunks.length, characters: sent.text.length }, 'reply sent');", '};'],
      ),
      tests: [
        "it('chat/after-reply logs each reply once it was sent', async () => {",
        '  await using agent = await startAgent();',
        "  const reply = await send(agent, 'hi');",
        "  await vi.waitFor(() => expect(agent.logs).toContainEqual(expect.objectContaining({ message: 'reply sent', fields: expect.objectContaining({ sessionId: reply.sessionId, chunks: 1 }) })));",
        '});',
      ].join('\n'),
      needs: ['chat', 'logs'],
    },
    {
      point: 'chat/session',
      fields: [
        { key: 'sessionPerUser', kind: 'flag', default: true, description: 'One session per user across all their chats, instead of one per chat.' },
      ],
      handler: handlerModule(
        'chat/session',
        [
          '`chat/session` (resolve): answers which session a message runs in. Here: one session per user across chats.',
          'Only one plugin may answer a resolve point; an invalid answer falls back to the default session id.',
        ],
        ['return ({ principal, defaultSessionId }) => (context.config.sessionPerUser ? `user:${principal.id}` : defaultSessionId);'],
      ),
      tests: [
        "it('chat/session puts one user\\'s chats into one session', async () => {",
        '  await using agent = await startAgent();',
        "  const first = await send(agent, 'hi', { chatId: 'chat-a' });",
        "  const second = await send(agent, 'hi again', { chatId: 'chat-b' });",
        "  expect(first.sessionId).toBe('user:http:tester');",
        '  expect(second.sessionId).toBe(first.sessionId);',
        '});',
      ].join('\n'),
      needs: ['chat'],
    },
  ];
}
