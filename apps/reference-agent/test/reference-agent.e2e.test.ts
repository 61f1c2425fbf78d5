import { loadProject, type Project } from '@downcity/cli';
import { createLogger } from '@downcity/core';
import type {} from '@downcity/memory';
import { detectBwrap } from '@downcity/shell';
import { startFakeOpenAI, type FakeOpenAI } from '@downcity/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, type HttpClient } from './http-client.js';
import { copyReferenceProject } from './reference-project.js';

const TOKEN = 'e2e-http-token';
const silent = createLogger({ level: 'silent', destination: { write: () => {} } });
const saved = { ...process.env };

// The reference config reads these when it loads (the HTTP channel turns on with DOWNCITY_HTTP_TOKEN).
beforeAll(() => {
  for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'DOWNCITY_MODEL', 'TELEGRAM_BOT_TOKEN', 'FEISHU_APP_ID', 'QQ_APP_ID']) delete process.env[name];
  Object.assign(process.env, { DOWNCITY_HTTP_TOKEN: TOKEN, DOWNCITY_HTTP_PORT: '0', DOWNCITY_OWNERS: 'http:alice', DOWNCITY_STOP_GRACE_MS: '1500' });
});
afterAll(() => {
  process.env = saved;
});

async function start(dir: string, fake: FakeOpenAI): Promise<{ project: Project; http: HttpClient } & AsyncDisposable> {
  const project = await loadProject(dir, { logger: silent, terminal: 'off', model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake' } });
  await project.agent.start();
  const { channels } = await project.agent.invoke('chat/channels', {});
  const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
  const credentialFor = async (user: string) => (await project.agent.invoke('chat/http-token-create', { user })).token;
  return { project, http: httpClient(url, credentialFor), [Symbol.asyncDispose]: () => project.agent.stop() };
}

/** HTTP sessions are private to their user: alice's conversation `chat` is `chat:http:default:<chat>:alice`. */
const SESSION = (chat: string): string => `chat:http:default:${chat}:alice`;

describe('the reference agent over HTTP with the fake model', () => {
  it.skipIf(!detectBwrap())('answers a turn that remembers a fact and runs `echo hi` in the sandbox', async () => {
    await using fake = await startFakeOpenAI();
    await using copy = await copyReferenceProject();
    await using running = await start(copy.dir, fake);
    const { project, http } = running;

    fake.enqueue(
      { toolCalls: [{ name: 'memory_remember', arguments: { text: 'Alice takes oat milk in her coffee' } }] },
      { toolCalls: [{ name: 'shell_exec', arguments: { argv: ['echo', 'hi'] } }] },
      { text: 'Noted. The shell says hi.' },
    );
    const reply = await http.send({ text: 'Remember: oat milk. Then run echo hi.', chatId: 'alice', user: 'alice' });
    expect(reply.body).toMatchObject({ status: 'answered', text: 'Noted. The shell says hi.', sessionId: SESSION('alice') });

    // The model saw both tool results: the stored memory and the command's output.
    const toolResults = (fake.chatRequests[2]?.messages ?? []).filter((message) => message.role === 'tool').map((message) => JSON.stringify(message.content));
    expect(toolResults).toHaveLength(2);
    expect(toolResults[0]).toContain('oat milk');
    expect(toolResults[1]).toContain('ran');
    expect(toolResults[1]).toContain('hi\\\\n');

    const recalled = await project.agent.invoke('memory/recall', { query: 'oat milk coffee' }, { principal: { id: 'http:alice' } });
    expect(recalled.memories.map((memory) => [memory.scope, memory.text])).toEqual([['user', 'Alice takes oat milk in her coffee']]);
    const audit = await project.agent.invoke('shell/audit', { sessionId: SESSION('alice') });
    expect(audit.records.map((record) => [record.argv, record.outcome, record.exitCode])).toEqual([[['echo', 'hi'], 'ran', 0]]);
  });

  it('runs a scheduled script task without a model call and delivers its result into a chat session', async () => {
    await using fake = await startFakeOpenAI();
    await using copy = await copyReferenceProject();
    await using running = await start(copy.dir, fake);
    const { project, http } = running;

    await http.send({ text: '/status', chatId: 'ops', user: 'alice' });
    await project.agent.invoke('task/create', {
      id: 'e2e-digest',
      schedule: { kind: 'at', at: new Date(Date.now() + 1_000).toISOString() },
      script: { kind: 'handler', name: 'digest' },
      deliver: { sessionId: SESSION('ops') },
    });
    await expect
      .poll(async () => (await http.history(SESSION('ops'), 'alice')).filter((message) => message.role === 'assistant').map((message) => message.text), { timeout: 10_000, interval: 200 })
      .toContain('Digest: 1 chat session, 0 shared memories.');
    const { runs } = await project.agent.invoke('task/runs', { taskId: 'e2e-digest' });
    expect(runs.map((run) => [run.trigger, run.status, run.delivery?.status])).toEqual([['schedule', 'succeeded', 'delivered']]);
    expect(fake.chatRequests).toHaveLength(0);
  });

  it('finishes an in-flight reply within the stop grace period', async () => {
    await using fake = await startFakeOpenAI();
    await using copy = await copyReferenceProject();
    await using running = await start(copy.dir, fake);
    fake.enqueue({ text: 'Slow but complete.', delayMs: 400 });
    const reply = running.http.send({ text: 'take your time', chatId: 'slow', user: 'alice' });
    await expect.poll(() => fake.chatRequests.length).toBe(1);
    await running.project.agent.stop();
    expect((await reply).body).toMatchObject({ status: 'answered', text: 'Slow but complete.' });
  });

  it('keeps a message whose turn was cut off by a stop and answers it after a restart, once', async () => {
    await using fake = await startFakeOpenAI();
    await using copy = await copyReferenceProject();
    await using first = await start(copy.dir, fake);
    fake.enqueue({ hang: true });
    const abandoned = first.http.send({ text: 'What is on my list?', chatId: 'restart', user: 'alice', messageId: 'm-1' }).catch((error: unknown) => error);
    await expect.poll(() => fake.chatRequests.length).toBe(1);
    await first.project.agent.stop(); // waits the grace period (1.5 s), then aborts the hanging turn
    await abandoned;

    fake.enqueue({ text: 'Answered after the restart.' });
    await using second = await start(copy.dir, fake);
    await expect
      .poll(async () => (await second.http.history(SESSION('restart'), 'alice')).filter((message) => message.role === 'assistant').map((message) => message.text), { timeout: 10_000, interval: 200 })
      .toEqual(['Answered after the restart.']);
    const messages = await second.http.history(SESSION('restart'), 'alice');
    expect(messages.filter((message) => message.role === 'user').map((message) => message.text)).toEqual(['What is on my list?']);
    // A client retrying the same message id gets no second answer.
    const retry = await second.http.send({ text: 'What is on my list?', chatId: 'restart', user: 'alice', messageId: 'm-1' });
    expect(retry.status).toBe(409);
  });
});
