import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLength, truncationMarker } from '../sandbox/render-output.js';
import { alice, startShellAgent } from '../testing/shell-test-agent.js';

const allow = ['touch', 'sh', 'bash', 'cat', 'echo', 'sleep', 'ls', 'printf', 'pwd'].map((program) => ({ program }));
const shell = { policy: { allow }, approval: { mode: 'allowlist' as const }, timeoutMs: 10_000 };

describe.skipIf(process.platform !== 'linux')('shell_exec through the agent (real bwrap)', () => {
  it('runs a command for the model and audits who ran what', async () => {
    await using harness = await startShellAgent({ shell });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['sh', '-c', 'echo hello > made.txt; cat made.txt'] } }] }, { text: 'done' });
    await harness.say('make a file', { principal: alice });
    const [result] = await harness.toolResults();
    expect(result).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'hello\n', timedOut: false, truncated: false });
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'made.txt'))).toBe(true);
    const [record] = await harness.audit();
    expect(record).toMatchObject({
      principal: 'http:alice',
      sessionId: 'test:session',
      argv: ['sh', '-c', 'echo hello > made.txt; cat made.txt'],
      cwd: '.',
      decision: 'allow',
      outcome: 'ran',
      exitCode: 0,
      timedOut: false,
      truncated: false,
    });
    expect(record?.durationMs).toBeGreaterThan(0);
  });

  it('cannot write outside the workspace', async () => {
    await using harness = await startShellAgent({ shell });
    const outside = join(harness.dataDir, 'outside.txt');
    harness.model?.enqueue(
      {
        toolCalls: [
          { name: 'shell_exec', arguments: { argv: ['touch', '/etc/downcity-escape'] } },
          { name: 'shell_exec', arguments: { argv: ['touch', '/usr/downcity-escape'] } },
          { name: 'shell_exec', arguments: { argv: ['sh', '-c', `echo x > ${outside}`] } },
          { name: 'shell_exec', arguments: { argv: ['touch', '../outside.txt'] } },
          { name: 'shell_exec', arguments: { argv: ['ls'], cwd: '..' } },
        ],
      },
      { text: 'done' },
    );
    await harness.say('escape', { principal: alice });
    const results = await harness.toolResults();
    for (const result of results.slice(0, 2)) {
      expect(result).toMatchObject({ status: 'ran', stderr: expect.stringContaining('Read-only file system') });
      expect((result as { exitCode: number }).exitCode).not.toBe(0);
    }
    expect(existsSync('/etc/downcity-escape')).toBe(false);
    expect(existsSync('/usr/downcity-escape')).toBe(false);
    expect(existsSync(outside)).toBe(false);
    expect(results[4]).toMatchObject({ type: 'error-text', value: expect.stringContaining('outside the workspace') });
    const failed = (await harness.audit()).find((record) => record.outcome === 'failed');
    expect(failed).toMatchObject({ cwd: '..', error: expect.stringContaining('outside the workspace') });
  });

  describe('network', () => {
    let server: Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections += 1;
        socket.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is blocked', async () => {
      // The policy refuses /dev/tcp redirections; let it through unchecked to test the sandbox itself.
      await using harness = await startShellAgent({ shell: { ...shell, policy: { allow, unanalyzable: 'allow' } } });
      harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['bash', '-c', `echo hi > /dev/tcp/127.0.0.1/${port} && echo connected`] } }] }, { text: 'done' });
      await harness.say('call home', { principal: alice });
      const [result] = await harness.toolResults();
      expect(result).toMatchObject({ status: 'ran', stdout: '' });
      expect((result as { exitCode: number }).exitCode).not.toBe(0);
      expect(connections).toBe(0);
    });
  });

  it('kills every process a command started when it times out', async () => {
    await using harness = await startShellAgent({ shell });
    const marker = `${4000 + Math.floor(Math.random() * 1000)}${process.pid}`;
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['sh', '-c', `sleep ${marker} & sleep ${marker}`], timeoutMs: 300 } }] }, { text: 'done' });
    await harness.say('hang', { principal: alice });
    const [result] = await harness.toolResults();
    expect(result).toMatchObject({ status: 'ran', timedOut: true, exitCode: null });
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status, { timeout: 2000 }).toBe(1);
    expect((await harness.audit())[0]).toMatchObject({ timedOut: true, outcome: 'ran', exitCode: null });
  });

  it('refuses timeouts above maxTimeoutMs with a clear error', async () => {
    await using harness = await startShellAgent({ shell: { ...shell, maxTimeoutMs: 1_000 } });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['ls'], timeoutMs: 5_000 } }] }, { text: 'done' });
    await harness.say('slow', { principal: alice });
    expect((await harness.toolResults())[0]).toMatchObject({ type: 'error-text', value: expect.stringContaining('at most 1000 ms') });
  });

  it('caps output with a truncation marker', async () => {
    await using harness = await startShellAgent({ shell: { ...shell, maxOutputChars: 300 } });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['sh', '-c', 'printf "%0500d" 0'] } }] }, { text: 'done' });
    await harness.say('big', { principal: alice });
    const [result] = await harness.toolResults();
    const marker = truncationMarker(500);
    expect(result).toMatchObject({ truncated: true, stdout: `${'0'.repeat(300 - jsonLength(marker))}${marker}` });
    expect((await harness.audit())[0]?.truncated).toBe(true);
  });

  it('runs in a subdirectory of the workspace', async () => {
    await using harness = await startShellAgent({ shell });
    mkdirSync(join(harness.workspaceOf('http:alice'), 'sub'));
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['pwd'], cwd: 'sub' } }] }, { text: 'done' });
    await harness.say('where', { principal: alice });
    expect((await harness.toolResults())[0]).toMatchObject({ stdout: `${join(harness.workspaceOf('http:alice'), 'sub')}\n` });
  });
});
