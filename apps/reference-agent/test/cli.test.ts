import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from '@downcity/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeTelegram } from './fake-telegram.js';
import { httpClient } from './http-client.js';
import { copyReferenceProject, type ReferenceProject } from './reference-project.js';
import { runCli, startAgent } from './run-cli.js';

const TOKEN = 'cli-http-token';

interface Check {
  id: string;
  status: string;
  detail: string;
}

describe('the downcity CLI against a running reference agent', () => {
  let fake: FakeOpenAI;
  let copy: ReferenceProject;
  let agent: ReturnType<typeof startAgent>;
  let env: Record<string, string | undefined>;
  const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { cwd: copy.dir, env: { ...env, ...extra } });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    copy = await copyReferenceProject();
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DOWNCITY_HTTP_TOKEN: TOKEN,
      DOWNCITY_HTTP_PORT: '0',
      DOWNCITY_OWNERS: 'http:alice',
      DOWNCITY_MODEL: 'openai-compatible:fake',
      DOWNCITY_MODEL_BASE_URL: fake.baseURL,
      DOWNCITY_STOP_GRACE_MS: '1000',
    };
    agent = startAgent({ cwd: copy.dir, env });
    await vi.waitFor(
      async () => {
        if (agent.child.exitCode !== null) throw new Error(`downcity start exited early:\n${agent.output()}`);
        expect((await cli(['status', '--json'])).code).toBe(0);
      },
      { timeout: 20_000, interval: 250 },
    );
  });

  afterAll(async () => {
    const code = await agent?.stop();
    await fake?.close();
    await copy?.[Symbol.asyncDispose]();
    expect(code).toBe(0);
  });

  it('status --json describes the live agent', async () => {
    const run = await cli(['status', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const status = run.json();
    expect(status).toMatchObject({
      name: 'downcity-reference',
      state: 'running',
      model: { source: 'env', provider: 'openai-compatible', model: 'fake', available: true },
      controlSocket: path.join(copy.dir, '.downcity', 'control.sock'),
    });
    expect((status.packages as { id: string }[]).map((entry) => entry.id)).toEqual(['agent', 'chat', 'task', 'memory', 'shell', 'console', 'asr', 'auth']);
    // `web` is the console's chat channel.
    expect((status.channels as { id: string }[]).map((channel) => channel.id)).toEqual(['http', 'web']);
    expect(agent.output()).toContain('is running (channels: http (http://127.0.0.1:');
    expect(agent.output()).toContain('The web console is on: run `downcity console` in another terminal for a sign-in link.');
  });

  it('sessions list and show, memory search: what a chat turn left behind', async () => {
    const status = (await cli(['status', '--json'])).json() as { channels: { info: { url: string } }[] };
    // alice speaks with her own token, created the way an operator would.
    const http = httpClient(String(status.channels[0]?.info.url), async (user) => (await cli(['auth', 'token', 'create', user, '--json'])).json().token as string);
    fake.enqueue({ toolCalls: [{ name: 'memory_remember', arguments: { text: 'Alice prefers green tea' } }] }, { text: 'I will remember that.' });
    expect((await http.send({ text: 'I prefer green tea', chatId: 'cli', user: 'alice' })).body).toMatchObject({ status: 'answered', text: 'I will remember that.' });

    const list = await cli(['sessions', 'list', '--json']);
    expect(list.code, list.stdout + list.stderr).toBe(0);
    expect(list.json().sessions).toEqual([expect.objectContaining({ id: 'chat:http:default:cli:alice', channels: ['http'] })]);
    const show = await cli(['sessions', 'show', 'chat:http:default:cli:alice', '--json']);
    expect(show.code, show.stdout + show.stderr).toBe(0);
    const messages = (show.json().messages as { role: string; text: string }[]).filter((message) => message.text !== '');
    expect(messages.map((message) => [message.role, message.text])).toEqual([
      ['user', 'I prefer green tea'],
      ['assistant', 'I will remember that.'],
    ]);
    const human = await cli(['sessions', 'show', 'chat:http:default:cli:alice']);
    expect(human.stdout).toContain('user: I prefer green tea');

    const asAlice = await cli(['memory', 'search', 'green', 'tea', '--user', 'http:alice', '--json']);
    expect(asAlice.code, asAlice.stdout + asAlice.stderr).toBe(0);
    expect((asAlice.json().memories as { text: string; scope: string }[]).map((memory) => [memory.scope, memory.text])).toEqual([['user', 'Alice prefers green tea']]);
    const shared = await cli(['memory', 'search', 'green', 'tea', '--json']);
    expect(shared.json().memories).toEqual([]);
  });

  it('tasks list, run and runs', async () => {
    const list = await cli(['tasks', 'list', '--json']);
    expect(list.code, list.stdout + list.stderr).toBe(0);
    expect(list.json().tasks).toEqual([expect.objectContaining({ id: 'daily-digest', source: 'config', nextRunAt: expect.any(String) })]);
    const run = await cli(['tasks', 'run', 'daily-digest', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json().run).toMatchObject({ taskId: 'daily-digest', trigger: 'manual', status: 'succeeded', output: expect.stringMatching(/^Digest: \d+ chat sessions?, 0 shared memories\.$/) });
    const runs = await cli(['tasks', 'runs', 'daily-digest', '--json']);
    expect((runs.json().runs as { status: string }[]).map((entry) => entry.status)).toEqual(['succeeded']);
    expect((await cli(['tasks', 'run', 'no-such-task'])).code).toBe(1);
  });

  it('tasks pause and resume', async () => {
    const paused = await cli(['tasks', 'pause', 'daily-digest']);
    expect(paused.code, paused.stdout + paused.stderr).toBe(0);
    expect(paused.stdout).toContain('Paused daily-digest: its schedule will not fire until `downcity tasks resume daily-digest`.');
    const list = await cli(['tasks', 'list', '--json']);
    expect(list.json().tasks).toEqual([expect.objectContaining({ id: 'daily-digest', nextRunAt: null, paused: { at: expect.any(String), by: 'agent' } })]);
    expect((await cli(['tasks', 'list'])).stdout).toContain('daily-digest (paused)');
    const again = await cli(['tasks', 'pause', 'daily-digest', '--json']);
    expect(again.json()).toMatchObject({ changed: false });

    const resumed = await cli(['tasks', 'resume', 'daily-digest', '--json']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.json()).toMatchObject({ changed: true, task: { id: 'daily-digest', paused: null, nextRunAt: expect.any(String) } });
    expect((await cli(['tasks', 'resume', 'daily-digest'])).stdout).toMatch(/^daily-digest was not paused; next run: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/m);
    const unknown = await cli(['tasks', 'pause', 'no-such-task', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('No task "no-such-task"') } });
  });

  it('auth pending, approve and revoke', async () => {
    const pending = await cli(['auth', 'pending', '--json']);
    expect(pending.code, pending.stdout + pending.stderr).toBe(0);
    expect(pending.json()).toEqual({ pending: [] });
    const approve = await cli(['auth', 'approve', 'NOSUCHCODE', '--json']);
    expect(approve.code, approve.stdout + approve.stderr).toBe(1);
    expect(approve.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('No pending pairing request') } });
    const revoke = await cli(['auth', 'revoke', 'telegram:404', '--json']);
    expect(revoke.code, revoke.stdout + revoke.stderr).toBe(0);
    expect(revoke.json()).toEqual({ revoked: false, pendingRemoved: false, shellApprovalsCancelled: 0 });
  });

  it('plugins list --json shows extension points and permissions from the manifests', async () => {
    const run = await cli(['plugins', 'list', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const packages = run.json().packages as { specifier: string; kind: string; id?: string; declares: { name: string }[]; attaches: { name: string }[]; permissions?: { exec: boolean } }[];
    expect(packages.map((entry) => [entry.specifier, entry.kind])).toEqual([
      ['@downcity/chat', 'service'],
      ['@downcity/channel-telegram', 'channel'],
      ['@downcity/channel-feishu', 'channel'],
      ['@downcity/channel-qq', 'channel'],
      ['./src/tasks.ts', 'service'],
      ['@downcity/memory', 'service'],
      ['@downcity/shell', 'service'],
      ['@downcity/asr', 'plugin'],
      ['@downcity/auth', 'plugin'],
      ['@downcity/console', 'service'],
    ]);
    const byId = new Map(packages.map((entry) => [entry.id, entry]));
    expect(byId.get('chat')?.declares.map((point) => point.name)).toContain('chat/authorize');
    expect(byId.get('auth')?.attaches.map((point) => point.name)).toEqual(expect.arrayContaining(['chat/authorize', 'shell/before-exec']));
    expect(byId.get('shell')?.permissions?.exec).toBe(true);
  });

  it('console prints a one-time link that signs a browser in to the web console; nothing answers without it', async () => {
    const status = (await cli(['status', '--json'])).json() as { channels: { info: { url: string } }[] };
    const origin = String(status.channels[0]?.info.url);
    const refused = await fetch(`${origin}/console/api/health`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'SIGN_IN_REQUIRED' } });

    const run = await cli(['console', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { url } = run.json() as { url: string };
    expect(url.startsWith(`${origin}/console/sign-in?token=`)).toBe(true);
    const human = await cli(['console']);
    expect(human.stdout).toContain('Open this link to sign in to the console (it works once):');

    const signIn = await fetch(url, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const health = await fetch(`${origin}/console/api/health`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ model: { configured: true }, store: { reachable: true }, channels: [{ id: 'http', connected: true }, { id: 'web', account: 'console', connected: true }] });
    // The link worked once.
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
  });

  it('config validate: valid, and invalid with field paths (exit 3)', async () => {
    const valid = await cli(['config', 'validate', '--json']);
    expect(valid.code, valid.stdout + valid.stderr).toBe(0);
    expect(valid.json()).toMatchObject({ valid: true });

    await using broken = await copyReferenceProject();
    const config = path.join(broken.dir, 'downcity.config.ts');
    await writeFile(config, (await readFile(config, 'utf8')).replace("approval: { mode: 'ask' }", "approval: { mode: 'sometimes' }").replace("expression: '0 9 * * *'", "expression: '0 25 * * *'"));
    const invalid = await runCli(['config', 'validate', '--json'], { cwd: broken.dir, env });
    expect(invalid.code, invalid.stdout + invalid.stderr).toBe(3);
    const paths = (invalid.json().problems as { path: string }[]).map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['services.shell.approval.mode', 'services.task.tasks.0.schedule.expression']));
    // `status` only needs to find the control socket, so package settings do not matter to it: no agent runs there.
    expect((await runCli(['status'], { cwd: broken.dir, env })).code).toBe(5);
  });

  it('exit 2 for an unknown command, exit 5 without a running agent', async () => {
    const unknown = await cli(['strat']);
    expect(unknown.code, unknown.stdout + unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'strat'. Did you mean 'start'?");

    await using idle = await copyReferenceProject();
    const status = await runCli(['status', '--json'], { cwd: idle.dir, env });
    expect(status.code, status.stdout + status.stderr).toBe(5);
    expect(status.json()).toMatchObject({ error: { exitCode: 5, message: expect.stringContaining('The agent is not running') } });
    const sessions = await runCli(['sessions', 'list'], { cwd: idle.dir, env });
    expect(sessions.code, sessions.stdout + sessions.stderr).toBe(5);
  });

  it('doctor checks Telegram credentials against the configured apiRoot', async () => {
    await using telegram = await startFakeTelegram('42:good-token');
    const good = await cli(['doctor', '--json'], { TELEGRAM_BOT_TOKEN: '42:good-token', TELEGRAM_API_ROOT: telegram.apiRoot });
    const checks = good.json().checks as Check[];
    expect(checks.find((check) => check.id === 'channel:telegram')).toMatchObject({ status: 'pass', detail: 'Telegram accepts the token of @reference_bot' });
    expect(checks.find((check) => check.id === 'config')?.status).toBe('pass');
    expect(checks.find((check) => check.id === 'store')?.detail).toContain('open by the running agent');
    expect(checks.find((check) => check.id === 'channel:feishu')?.status).toBe('skip');
    expect(good.code, good.stdout + good.stderr).toBe(checks.some((check) => check.status === 'fail') ? 4 : 0);

    const bad = await cli(['doctor', '--json'], { TELEGRAM_BOT_TOKEN: '42:wrong-token', TELEGRAM_API_ROOT: telegram.apiRoot });
    expect(bad.code, bad.stdout + bad.stderr).toBe(4);
    expect((bad.json().checks as Check[]).find((check) => check.id === 'channel:telegram')).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 401') });
    expect(bad.stdout).not.toContain('wrong-token');
    const human = await cli(['doctor'], { TELEGRAM_BOT_TOKEN: '42:wrong-token', TELEGRAM_API_ROOT: telegram.apiRoot });
    expect(human.stdout).toContain('✗ telegram credentials');
    expect(human.stdout).toContain('fix: Check services.chat.channels.telegram.token');
  });

  it('SIGTERM stops the agent gracefully and removes the control socket', async () => {
    expect(await agent.stop()).toBe(0);
    expect(agent.output()).toContain('Stopped.');
    await expect(access(path.join(copy.dir, '.downcity', 'control.sock'))).rejects.toThrow();
    expect((await cli(['status'])).code).toBe(5);
  });
});
