import { describe, expect, it } from 'vitest';
import { createAgent, recordToolOutcome } from '../index.js';

describe('recordToolOutcome', () => {
  it('adds the call and its result to an existing session, and nothing to a missing one', async () => {
    const agent = createAgent({ logger: { level: 'silent' } });
    await agent.start();
    try {
      await agent.session.open('s1', { kind: 'chat' });
      const record = { action: 'shell/exec', toolCallId: 'approval-1', input: { argv: ['ls'] }, outcome: { status: 'ran' }, metadata: { source: 'test' } };
      await recordToolOutcome(agent.session, agent.logger, { ...record, sessionId: 's1' });
      await recordToolOutcome(agent.session, agent.logger, { ...record, sessionId: 'gone' });
      const messages = await agent.session.history('s1', { limit: 10 });
      expect(messages.map((message) => [message.role, message.content, message.metadata])).toEqual([
        ['assistant', [{ type: 'tool-call', toolCallId: 'approval-1', toolName: 'shell_exec', input: { argv: ['ls'] } }], { source: 'test' }],
        ['tool', [{ type: 'tool-result', toolCallId: 'approval-1', toolName: 'shell_exec', output: { type: 'json', value: { status: 'ran' } } }], { source: 'test' }],
      ]);
      expect(await agent.session.get('gone')).toBeUndefined();
    } finally {
      await agent.stop();
    }
  });
});
