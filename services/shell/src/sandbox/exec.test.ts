import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectBwrap } from './bwrap.js';
import { execCommand, type ExecCommandOptions } from './exec.js';
import { jsonLength, truncationMarker } from './render-output.js';
import { createTestWorkspace } from './test-workspace.js';

const workspace = createTestWorkspace();
afterAll(() => workspace[Symbol.dispose]());

const run = (argv: string[], options: Partial<ExecCommandOptions> = {}) =>
  execCommand({ argv, workspace: workspace.path, timeoutMs: 10_000, ...options });

describe.skipIf(process.platform !== 'linux')('execCommand with bubblewrap', () => {
  it('finds bwrap (install bubblewrap to run these tests)', () => {
    expect(detectBwrap()).toBeDefined();
  });

  it('runs argv directly and returns output and exit code', async () => {
    const result = await run(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false, truncated: false });
  });

  it('passes argv without a shell', async () => {
    const result = await run(['echo', '$HOME; rm -rf /', '`id`']);
    expect(result.stdout).toBe('$HOME; rm -rf / `id`\n');
  });

  it('feeds stdin', async () => {
    expect((await run(['cat'], { stdin: 'from stdin' })).stdout).toBe('from stdin');
  });

  it('writes inside the workspace, visible on the host', async () => {
    const result = await run(['sh', '-c', 'echo hello > made.txt']);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(workspace.path, 'made.txt'), 'utf8')).toBe('hello\n');
  });

  it('cannot write outside the workspace', async () => {
    for (const argv of [['touch', '/etc/x'], ['touch', '/usr/x'], ['sh', '-c', 'echo x > /tmp/../root/x'], ['touch', '/x']]) {
      const result = await run(argv);
      expect(result.exitCode, argv.join(' ')).not.toBe(0);
    }
    expect(existsSync('/etc/x')).toBe(false);
    expect(existsSync('/usr/x')).toBe(false);
    expect(existsSync(join(homedir(), 'x'))).toBe(false);
  });

  it('hides the host home directory and secret files', async () => {
    expect(readdirSync(homedir()).length).toBeGreaterThan(0);
    const home = await run(['ls', '-A', homedir()]);
    expect(home.exitCode).not.toBe(0);
    expect(home.stdout).toBe('');
    expect((await run(['cat', '/etc/shadow'])).exitCode).not.toBe(0);
  });

  it('sets HOME to the workspace and passes only allowlisted variables', async () => {
    const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', SECRET_TOKEN: 'hunter2' };
    const filtered = await run(['env'], { env });
    expect(filtered.stdout).not.toContain('SECRET_TOKEN');
    expect(filtered.stdout).toContain(`HOME=${workspace.path}\n`);
    expect(filtered.stdout).toContain('LANG=C.UTF-8\n');
    const allowed = await run(['env'], { env, envAllowlist: ['PATH', 'SECRET_TOKEN'] });
    expect(allowed.stdout).toContain('SECRET_TOKEN=hunter2');
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

    const connect = ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/$0 && echo connected`];

    it('is cut off by default', async () => {
      const before = connections;
      const result = await run([...connect, String(port)]);
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(connections).toBe(before);
    });

    it('works with network: true', async () => {
      const result = await run([...connect, String(port)], { network: true });
      expect(result).toMatchObject({ exitCode: 0, stdout: 'connected\n' });
      await expect.poll(() => connections).toBeGreaterThan(0);
    });
  });

  it('kills every process the command started when it times out', async () => {
    const marker = `${1000 + Math.floor(Math.random() * 1000)}${process.pid}`;
    const result = await run(['sh', '-c', `sleep ${marker} & sleep ${marker}; `], { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' });
    expect(result.durationMs).toBeLessThan(5000);
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status, { timeout: 2000 }).toBe(1);
  });

  it('kills background processes left behind after the command exits', async () => {
    const marker = `${2000 + Math.floor(Math.random() * 1000)}${process.pid}`;
    const result = await run(['sh', '-c', `sleep ${marker} >/dev/null 2>&1 & echo started`]);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'started\n', timedOut: false });
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status, { timeout: 2000 }).toBe(1);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await run(['sleep', '30'], { signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null });
  });

  it('caps stdout and stderr together, in characters, with a marker', async () => {
    const result = await run(['sh', '-c', 'head -c 5000 /dev/zero | tr "\\0" a; head -c 10 /dev/zero | tr "\\0" b >&2'], {
      maxOutputChars: 1000,
    });
    expect(result.truncated).toBe(true);
    const marker = truncationMarker(5000);
    expect(result.stdout).toBe(`${'a'.repeat(1000 - 10 - jsonLength(marker))}${marker}`);
    expect(result.stderr).toBe('b'.repeat(10));
  });

  it('replaces control bytes, so 32 KiB of NUL bytes is no bigger a result than 32 KiB of text', async () => {
    const result = await run(['sh', '-c', 'head -c 32768 /dev/zero; printf "ok\\r\\n\\033[31mred\\t\\n" >&2']);
    expect(result.stdout).toMatch(/^\uFFFD+\n\[output truncated: the command wrote 32768 bytes; only the start is shown\]$/);
    expect(result.stderr).toBe('ok\n\uFFFD[31mred\t\n');
    expect(JSON.stringify({ stdout: result.stdout, stderr: result.stderr }).length).toBeLessThanOrEqual(32 * 1024 + 40);
  });

  it('runs in a subdirectory and rejects working directories outside the workspace', async () => {
    mkdirSync(join(workspace.path, 'sub'), { recursive: true });
    expect((await run(['pwd'], { cwd: 'sub' })).stdout).toBe(`${join(workspace.path, 'sub')}\n`);
    await expect(run(['pwd'], { cwd: '..' })).rejects.toMatchObject({ code: 'INPUT_INVALID', details: { reason: 'CWD_OUTSIDE_WORKSPACE' } });
    await expect(run(['pwd'], { cwd: 'sub/../../' })).rejects.toMatchObject({ code: 'INPUT_INVALID', details: { reason: 'CWD_OUTSIDE_WORKSPACE' } });
    symlinkSync('/etc', join(workspace.path, 'escape'));
    await expect(run(['pwd'], { cwd: 'escape' })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      details: { reason: 'CWD_OUTSIDE_WORKSPACE' },
      message: expect.stringContaining('outside the workspace'),
    });
    await expect(run(['pwd'], { cwd: 'missing' })).rejects.toMatchObject({ code: 'INPUT_INVALID', details: { reason: 'CWD_NOT_FOUND' } });
  });

  it('tells the user how to fix a missing bubblewrap', async () => {
    const attempt = run(['true'], { bwrapPath: '/nonexistent/bwrap' });
    await expect(attempt).rejects.toMatchObject({ code: 'CONFIG_INVALID', details: { reason: 'SANDBOX_UNAVAILABLE' } });
    await expect(attempt).rejects.toThrow(/apt-get install bubblewrap.*sandbox: "none"/);
  });
});

describe('execCommand without a sandbox', () => {
  it('runs on the host with the filtered environment and the workspace as HOME', async () => {
    const result = await run(['sh', '-c', 'echo "$HOME:${SECRET_TOKEN:-unset}"'], {
      sandbox: 'none',
      env: { PATH: process.env.PATH, SECRET_TOKEN: 'hunter2' },
    });
    expect(result.stdout).toBe(`${workspace.path}:unset\n`);
  });

  it('kills the process group on timeout', async () => {
    const marker = `${3000 + Math.floor(Math.random() * 1000)}${process.pid}`;
    const result = await run(['sh', '-c', `sleep ${marker} & sleep ${marker}; `], { sandbox: 'none', timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status, { timeout: 2000 }).toBe(1);
  });

  it('reports a missing program as a spawn failure', async () => {
    await expect(run(['definitely-not-a-program-xyz'], { sandbox: 'none' })).rejects.toMatchObject({ code: 'INPUT_INVALID', details: { reason: 'SPAWN_FAILED' } });
  });
});
