import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeChatService } from '../testing/fake-chat-service.js';
import { alice, startShellAgent, type ShellTestAgent } from '../testing/shell-test-agent.js';

const bob = { id: 'http:bob', channel: 'http' };
const REQUEST = /^The assistant wants to run `(.+)` — reply \/approve ([0-9a-f]{8}) or \/deny \2 \(expires in \d+ min\)\.$/;

/** Makes the model ask for `argv` in a turn by alice; returns the approval id from the chat message. */
async function requestApproval(harness: ShellTestAgent, chat: ReturnType<typeof fakeChatService>, argv: string[]): Promise<string> {
  harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv } }] }, { text: 'I asked you for approval.' });
  await harness.say('please do it', { principal: alice });
  const match = REQUEST.exec(chat.sent.at(-1)?.text ?? '');
  if (!match?.[2]) throw new Error(`no approval request in ${JSON.stringify(chat.sent)}`);
  return match[2];
}

describe.skipIf(process.platform !== 'linux')('approval (mode ask)', () => {
  it('asks the user through chat, runs the command on /approve and shows the model the result', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    expect([...chat.commands]).toEqual([
      ['approve', 'shell/approve'],
      ['deny', 'shell/deny'],
    ]);
    const id = await requestApproval(harness, chat, ['touch', 'approved.txt']);
    expect(chat.sent).toEqual([{ sessionId: 'test:session', text: expect.stringContaining('`touch approved.txt`') }]);
    const [pending] = await harness.toolResults();
    expect(pending).toMatchObject({ status: 'pending', approvalId: id, message: expect.stringContaining('NOT run') });
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'approved.txt'))).toBe(false);
    expect((await harness.agent.invoke('shell/pending', {})).pending).toEqual([
      expect.objectContaining({ id, command: 'touch approved.txt', requestedBy: 'http:alice', sessionId: 'test:session' }),
    ]);

    const answer = await chat.command(harness.agent, { name: 'approve', args: id, sessionId: 'test:session', principal: alice });
    expect(answer).toMatchObject({ status: 'ran', reply: 'Ran `touch approved.txt`: it finished with exit code 0.\n\n(no output)' });
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'approved.txt'))).toBe(true);
    expect((await harness.agent.invoke('shell/pending', {})).pending).toEqual([]);

    const transcript = await harness.transcript();
    expect(transcript.slice(-2)).toEqual([
      'assistant: [call shell_exec {"argv":["touch","approved.txt"],"cwd":"."}]',
      expect.stringMatching(/^tool: \[result shell_exec \{"type":"json","value":\{"status":"ran","exitCode":0/),
    ]);
    const records = await harness.audit();
    expect(records.map((record) => [record.outcome, record.approvalId, record.approvedBy, record.principal])).toEqual([
      ['ran', id, 'http:alice', 'http:alice'],
      ['pending', id, undefined, 'http:alice'],
    ]);
    expect(await chat.command(harness.agent, { name: 'approve', args: id, sessionId: 'test:session', principal: alice })).toMatchObject({ status: 'not-found' });
  });

  it('does not run a denied command', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    const id = await requestApproval(harness, chat, ['touch', 'denied.txt']);
    const answer = await chat.command(harness.agent, { name: 'deny', args: id, sessionId: 'test:session', principal: alice });
    expect(answer).toEqual({ status: 'denied', reply: 'Denied: `touch denied.txt` will not run.' });
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'denied.txt'))).toBe(false);
    expect((await harness.audit())[0]).toMatchObject({ outcome: 'denied', deniedBy: 'user', approvalId: id });
    expect((await harness.toolResults()).at(-1)).toMatchObject({ status: 'denied', deniedBy: 'user' });
  });

  it('lets only the principal who asked answer, in the same session', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    const id = await requestApproval(harness, chat, ['touch', 'x.txt']);
    for (const attempt of [
      { principal: bob, sessionId: 'test:session' },
      { principal: alice, sessionId: 'other:session' },
    ]) {
      expect(await chat.command(harness.agent, { name: 'approve', args: id, ...attempt })).toMatchObject({ status: 'forbidden', reply: expect.stringContaining('Only the person who asked') });
    }
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'x.txt'))).toBe(false);
    expect((await harness.agent.invoke('shell/pending', {})).pending).toHaveLength(1);
  });

  it('lets the operator (a call without a principal) answer from outside the conversation, and tells the conversation', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    const ran = await requestApproval(harness, chat, ['bash', '-c', 'echo secret-output; exit 3']);
    const answer = await harness.agent.invoke('shell/approve', { id: ran });
    expect(answer).toMatchObject({ status: 'ran', result: { exitCode: 3, stdout: 'secret-output\n' } });
    // The conversation learns the decision and how it ended, not the output (that stays in the tool result).
    expect(chat.sent.at(-1)).toEqual({ sessionId: 'test:session', text: "The operator (agent) approved `bash -c 'echo secret-output; exit 3'`: it finished with exit code 3. I can see its output; ask me about it." });
    expect((await harness.toolResults()).at(-1)).toMatchObject({ status: 'ran', exitCode: 3, stdout: 'secret-output\n' });
    expect((await harness.audit())[0]).toMatchObject({ outcome: 'ran', approvalId: ran, approvedBy: 'agent', principal: 'http:alice' });

    const denied = await requestApproval(harness, chat, ['touch', 'no.txt']);
    expect(await harness.agent.invoke('shell/deny', { id: denied })).toMatchObject({ status: 'denied' });
    expect(chat.sent.at(-1)).toEqual({ sessionId: 'test:session', text: 'The operator (agent) denied `touch no.txt`: it will not run.' });
    expect((await harness.audit())[0]).toMatchObject({ outcome: 'denied', deniedBy: 'user', reason: 'The operator (agent) denied it.' });
  });

  it('never offers approve or deny to the model as tools', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    await harness.say('hi', { principal: alice });
    expect(harness.model?.calls[0]?.tools?.map((tool) => tool.name).sort()).toEqual(['shell_exec', 'shell_session-run']);
  });

  it('expires requests nobody answered', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service], shell: { approval: { expiresMs: 50 } } });
    const id = await requestApproval(harness, chat, ['touch', 'late.txt']);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const answer = await chat.command(harness.agent, { name: 'approve', args: id, sessionId: 'test:session', principal: alice });
    expect(answer.status === 'expired' || answer.status === 'not-found').toBe(true);
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'late.txt'))).toBe(false);
    await expect.poll(async () => (await harness.audit())[0]).toMatchObject({ outcome: 'denied', deniedBy: 'expired', approvalId: id });
  });

  it('caps the number of waiting requests', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service], shell: { approval: { maxPending: 1 } } });
    await requestApproval(harness, chat, ['touch', 'one.txt']);
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', 'two.txt'] } }] }, { text: 'ok' });
    await harness.say('another', { principal: alice });
    expect((await harness.toolResults()).at(-1)).toMatchObject({ status: 'denied', deniedBy: 'no-approver', reason: expect.stringContaining('already waiting') });
    expect(chat.sent).toHaveLength(1);
  });

  it('denies with a reason when the user cannot be asked', async () => {
    const chat = fakeChatService();
    chat.failSends('Session "test:session" has no chat route');
    await using harness = await startShellAgent({ services: [chat.service] });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', 'x.txt'] } }] }, { text: 'ok' });
    await harness.say('do it', { principal: alice });
    expect((await harness.toolResults())[0]).toMatchObject({ status: 'denied', deniedBy: 'no-approver', reason: expect.stringContaining('could not be sent to the user') });
    expect((await harness.agent.invoke('shell/pending', {})).pending).toEqual([]);
  });

  it('denies commands that need approval when chat is not installed', async () => {
    await using harness = await startShellAgent({});
    expect(harness.logger.lines).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringContaining('chat service is not installed') }));
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', 'x.txt'] } }] }, { text: 'ok' });
    await harness.say('do it', { principal: alice });
    expect((await harness.toolResults())[0]).toMatchObject({
      status: 'denied',
      deniedBy: 'no-approver',
      reason: expect.stringContaining('the chat service is not installed, so there is nobody to ask'),
    });
    expect((await harness.audit())[0]).toMatchObject({ outcome: 'denied', deniedBy: 'no-approver', decision: 'ask' });
  });

  it('asks for persistent-shell lines and runs them in that session\'s shell', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_session-run', arguments: { command: 'mkdir -p sub && cd sub' } }] }, { text: 'asked' });
    await harness.say('go to sub', { principal: alice });
    const id = REQUEST.exec(chat.sent.at(-1)?.text ?? '')?.[2] ?? '';
    expect(chat.sent.at(-1)?.text).toContain('`mkdir -p sub && cd sub`');
    const answer = await chat.command(harness.agent, { name: 'approve', args: id, sessionId: 'test:session', principal: alice });
    expect(answer).toMatchObject({ status: 'ran', result: { exitCode: 0, cwd: 'sub' } });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_session-run', arguments: { command: 'pwd' } }] }, { text: 'done' });
    await harness.say('where am I', { principal: alice });
    expect((await harness.toolResults()).at(-1)).toMatchObject({ status: 'ran', stdout: `${join(harness.workspaceOf('http:alice'), 'sub')}\n` });
  });

  it('shows control characters escaped so a command cannot disguise itself', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    await requestApproval(harness, chat, ['touch', 'safe\u202eexe.txt', 'a\u001b[2Kb']);
    expect(chat.sent.at(-1)?.text).toContain("`touch 'safe\\u{202e}exe.txt' 'a\\u{1b}[2Kb'`");
  });
});
