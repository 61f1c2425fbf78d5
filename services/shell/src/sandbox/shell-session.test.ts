import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAFE_SHELL_BUILTINS, type ShellPolicyInput } from '../policy/policy.js';
import { jsonLength, truncationMarker } from './render-output.js';
import { ShellSession, ansiCQuote, type ShellSessionOptions } from './shell-session.js';
import { createTestWorkspace } from './test-workspace.js';

const workspace = createTestWorkspace();
mkdirSync(join(workspace.path, 'sub'));
afterAll(() => workspace[Symbol.dispose]());

const policy: ShellPolicyInput = {
  allow: [...SAFE_SHELL_BUILTINS, 'ls', 'cat', 'sleep', 'mkdir', 'sh'].map((program) => ({ program })),
  deny: [{ program: 'rm' }],
};

const openSession = (options: Partial<ShellSessionOptions> = {}) =>
  new ShellSession({ workspace: workspace.path, policy, timeoutMs: 10_000, ...options });

describe.each(process.platform === 'linux' ? (['bwrap', 'none'] as const) : (['none'] as const))('ShellSession (sandbox: %s)', (sandbox) => {
  it('keeps the working directory and variables between commands', async () => {
    await using session = openSession({ sandbox });
    const first = await session.run('cd sub && export GREETING=hello && LOCAL=kept');
    expect(first).toMatchObject({ ran: true, exitCode: 0, cwd: join(workspace.path, 'sub'), restarted: false });
    const second = await session.run('pwd; echo "$GREETING $LOCAL"; sh -c \'echo "child sees $GREETING"\'');
    expect(second.stdout).toBe(`${join(workspace.path, 'sub')}\nhello kept\nchild sees hello\n`);
  });

  it('returns exit codes and separates stdout from stderr', async () => {
    await using session = openSession({ sandbox });
    expect(await session.run('echo out; echo err >&2; false')).toMatchObject({ exitCode: 1, stdout: 'out\n', stderr: 'err\n' });
    expect(await session.run('printf "no newline"')).toMatchObject({ exitCode: 0, stdout: 'no newline' });
  });

  it('survives syntax errors and commands that read stdin', async () => {
    // The policy refuses scripts it cannot parse; let this one through to test the session itself.
    await using session = openSession({ sandbox, policy: { ...policy, unanalyzable: 'ask' } });
    const broken = await session.run('if true; then echo x', { approved: true });
    expect(broken.exitCode).toBe(2);
    // An unchecked line never leaves its shell behind for later lines.
    expect(broken.sessionEnded).toBe(true);
    expect(await session.run('cat')).toMatchObject({ exitCode: 0, stdout: '', restarted: true });
    expect((await session.run('echo still here')).stdout).toBe('still here\n');
  });

  it('does not keep a shell an approved, unchecked line may have changed', async () => {
    await using session = openSession({ sandbox, policy: { ...policy, unanalyzable: 'ask' } });
    expect((await session.run('cd sub && export KEPT=yes')).exitCode).toBe(0);
    const shadow = await session.run('ls() { echo shadowed; }; shopt -s expand_aliases; alias cat="echo aliased"', { approved: true });
    expect(shadow).toMatchObject({ ran: true, exitCode: 0, sessionEnded: true, policy: { decision: 'ask' } });
    const next = await session.run('ls -d . && echo x | cat && echo "[$KEPT]"');
    expect(next).toMatchObject({ ran: true, restarted: true, stdout: '.\nx\n[]\n' });
    expect(next.notice).toContain('could not be checked');
  });

  it('checks every command against the policy first', async () => {
    await using session = openSession({ sandbox });
    const denied = await session.run('ls; rm -rf sub');
    expect(denied).toMatchObject({ ran: false, exitCode: null, policy: { decision: 'deny' } });
    expect(denied.policy.reason).toContain('rm -rf sub');
    expect((await session.run('echo $(id)')).policy.reason).toContain('command substitution');
    expect((await session.run('ls -d sub')).stdout).toBe('sub\n');
  });

  it('runs a command the policy asks about only when approved', async () => {
    await using session = openSession({ sandbox, policy: { default: 'ask' } });
    expect(await session.run('echo hi')).toMatchObject({ ran: false, policy: { decision: 'ask' } });
    expect(await session.run('echo hi', { approved: true })).toMatchObject({ ran: true, stdout: 'hi\n' });
    expect(await session.run('sudo ls', { approved: true })).toMatchObject({ ran: false, policy: { decision: 'deny' } });
  });

  it('restarts fresh after a timeout and says so', async () => {
    await using session = openSession({ sandbox });
    await session.run('cd sub && export GREETING=hello');
    const marker = `${4000 + Math.floor(Math.random() * 1000)}${process.pid}`;
    const timedOut = await session.run(`sleep ${marker} & sleep ${marker}`, { timeoutMs: 300 });
    expect(timedOut).toMatchObject({ ran: true, timedOut: true, sessionEnded: true, exitCode: null });
    expect(session.alive).toBe(false);
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status, { timeout: 2000 }).toBe(1);
    const next = await session.run('pwd; echo "[$GREETING]"');
    expect(next).toMatchObject({ restarted: true, stdout: `${workspace.path}\n[]\n` });
    expect(next.notice).toContain('timed out after 300 ms');
    expect((await session.run('true')).restarted).toBe(false);
  });

  it('reports a shell that exits and restarts on the next command', async () => {
    await using session = openSession({ sandbox });
    expect(await session.run('exit 7')).toMatchObject({ exitCode: 7, sessionEnded: true });
    const next = await session.run('echo back');
    expect(next).toMatchObject({ stdout: 'back\n', restarted: true });
    expect(next.notice).toContain('exit code 7');
  });

  it('caps output of one command, in characters, with control bytes replaced', async () => {
    await using session = openSession({ sandbox, maxOutputChars: 300 });
    const result = await session.run("printf '%0500d' 0");
    expect(result.truncated).toBe(true);
    const marker = truncationMarker(500);
    expect(result.stdout).toBe(`${'0'.repeat(300 - jsonLength(marker))}${marker}`);
    expect(await session.run("printf 'a\\0b\\033c\\r\\n'")).toMatchObject({ stdout: 'a\uFFFDb\uFFFDc\n', truncated: false });
    expect((await session.run('echo small')).stdout).toBe('small\n');
  });

  it('cannot run after close', async () => {
    const session = openSession({ sandbox });
    await session.run('true');
    await session.close();
    expect(session.alive).toBe(false);
    await expect(session.run('true')).rejects.toMatchObject({ code: 'AGENT_STATE', details: { reason: 'SESSION_CLOSED' } });
  });
});

describe('ansiCQuote', () => {
  it('round-trips any text through bash', () => {
    const text = "it's a \\ \"test\"\n\twith $HOME and `id` and \x01 and ünïcödé";
    const result = spawnSync('bash', ['-c', `printf %s ${ansiCQuote(text)}`], { encoding: 'utf8' });
    expect(result.stdout).toBe(text);
  });
});
