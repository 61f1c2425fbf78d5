import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createChatService, httpChannel } from '@downcity/chat';
import { describe, expect, it } from 'vitest';
import { startShellAgent, type ShellTestAgent } from '../testing/shell-test-agent.js';

const TOKEN = 'shell-approval-token-123';
/** Alice's conversation `web-1`: HTTP sessions are private to their user. */
const SESSION = 'chat:http:default:web-1:alice';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json' };

async function startHttpShellAgent(): Promise<ShellTestAgent & { say(user: string, text: string): Promise<string>; history(): Promise<{ role: string; text: string }[]> }> {
  const harness = await startShellAgent({
    services: [createChatService({ channels: [httpChannel] })],
    servicesConfig: { chat: { channels: { http: { token: TOKEN, port: 0 } } } },
  });
  const { channels } = await harness.agent.invoke('chat/channels', {});
  const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
  return Object.assign(harness, {
    async say(user: string, text: string) {
      // The HTTP channel takes who speaks from the credential: each user sends a per-user token of their own.
      const { token } = await harness.agent.invoke('chat/http-token-create', { user });
      const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` }, body: JSON.stringify({ text, chatId: 'web-1', user }) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; text: string; sessionId: string };
      expect(body).toMatchObject({ status: 'answered', sessionId: `chat:http:default:web-1:${user}` });
      return body.text;
    },
    async history() {
      const { token } = await harness.agent.invoke('chat/http-token-create', { user: 'alice' });
      const response = await fetch(`${url}/v1/sessions/${encodeURIComponent(SESSION)}/messages?limit=500`, { headers: { ...headers, authorization: `Bearer ${token}` } });
      return ((await response.json()) as { messages: { role: string; text: string }[] }).messages;
    },
  });
}

/** The model asks to run `argv` in alice's turn; returns the approval id the user was shown. */
async function modelAsks(harness: Awaited<ReturnType<typeof startHttpShellAgent>>, argv: string[]): Promise<string> {
  harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv } }] }, { text: 'I asked you for approval.' });
  expect(await harness.say('alice', 'please run it')).toBe('I asked you for approval.');
  const request = (await harness.history()).filter((message) => message.text.startsWith('The assistant wants to run')).at(-1);
  const match = /reply \/approve ([0-9a-f]{8}) or \/deny \1/.exec(request?.text ?? '');
  if (!match?.[1]) throw new Error('the user got no approval request');
  return match[1];
}

describe.skipIf(process.platform !== 'linux')('approval end to end through the HTTP channel', () => {
  it('asks the user, runs the command on /approve, delivers its output, and shows the model the result', async () => {
    await using harness = await startHttpShellAgent();
    const id = await modelAsks(harness, ['sh', '-c', 'mkdir made && echo approved-output']);
    const request = (await harness.history()).find((message) => message.text.includes(id));
    expect(request).toMatchObject({
      role: 'assistant',
      text: `The assistant wants to run \`sh -c 'mkdir made && echo approved-output'\` — reply /approve ${id} or /deny ${id} (expires in 10 min).`,
    });
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'made'))).toBe(false);

    expect(await harness.say('bob', `/approve ${id}`)).toMatch(/^Only the person who asked/);
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'made'))).toBe(false);

    const reply = await harness.say('alice', `/approve ${id}`);
    expect(reply).toBe(`Ran \`sh -c 'mkdir made && echo approved-output'\`: it finished with exit code 0.\n\napproved-output\n`);
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'made'))).toBe(true);

    harness.model?.enqueue({ text: 'It printed approved-output.' });
    expect(await harness.say('alice', 'what did it print?')).toBe('It printed approved-output.');
    expect(JSON.stringify(harness.model?.calls.at(-1)?.prompt)).toContain('approved-output');

    const records = await harness.audit({ sessionId: SESSION });
    expect(records.map((record) => [record.outcome, record.principal, record.approvedBy ?? null])).toEqual([
      ['ran', 'http:alice', 'http:alice'],
      ['pending', 'http:alice', null],
    ]);
  });

  it('does not run the command on /deny', async () => {
    await using harness = await startHttpShellAgent();
    const id = await modelAsks(harness, ['touch', 'denied.txt']);
    expect(await harness.say('alice', `/deny ${id}`)).toBe('Denied: `touch denied.txt` will not run.');
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'denied.txt'))).toBe(false);
    expect(await harness.say('alice', `/approve ${id}`)).toMatch(/^No command is waiting for approval with id/);
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'denied.txt'))).toBe(false);
    expect((await harness.audit({ sessionId: SESSION }))[0]).toMatchObject({ outcome: 'denied', deniedBy: 'user', approvalId: id });
  });
});
