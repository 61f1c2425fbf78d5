import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import type { BeforeExecRequest } from './points.js';
import { alice, startShellAgent } from '../testing/shell-test-agent.js';

const BYPASSES: string[][] = [
  ['rm', '-rf', 'victim'],
  ['env', 'rm', 'victim'],
  ['env', '-S', 'rm -rf victim'],
  ['busybox', 'rm', 'victim'],
  ['sh', '-c', 'ls; rm -rf victim'],
  ['bash', '-c', 'cat victim && rm victim'],
  ['/usr/bin/rm', 'victim'],
  ['../../../usr/bin/rm', 'victim'],
  ['xargs', 'rm'],
  ['nice', '-n', '5', 'rm', 'victim'],
  ['timeout', '5', 'rm', 'victim'],
  ['sh', '-c', '$(printf rm) victim'],
  ['find', '.', '-name', 'victim', '-exec', 'rm', '{}', ';'],
];

describe.skipIf(process.platform !== 'linux')('checks before a command runs', () => {
  it.each([
    ['a deny rule', { policy: { deny: [{ program: 'rm' }] }, approval: { mode: 'ask' as const } }],
    ['the allowlist mode', { policy: {}, approval: { mode: 'allowlist' as const } }],
  ])('denies bypass attempts through env, busybox, sh -c and paths (%s)', async (_name, shell) => {
    await using harness = await startShellAgent({ shell: { ...shell, policy: { ...shell.policy, allow: ['ls', 'cat', 'find', 'printf'].map((program) => ({ program })) } } });
    writeFileSync(join(harness.workspaceOf('http:alice'), 'victim'), 'keep me');
    harness.model?.enqueue({ toolCalls: BYPASSES.map((argv) => ({ name: 'shell_exec', arguments: { argv } })) }, { text: 'I could not delete it.' });
    const turn = await harness.say('delete victim', { principal: alice });
    expect(turn.text).toBe('I could not delete it.');
    const results = await harness.toolResults();
    expect(results).toHaveLength(BYPASSES.length);
    for (const [index, result] of results.entries()) {
      expect(result, BYPASSES[index]?.join(' ')).toMatchObject({ status: 'denied', reason: expect.stringMatching(/blocked|not run/i) });
    }
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'victim'))).toBe(true);
    const records = await harness.audit();
    expect(records).toHaveLength(BYPASSES.length);
    expect(records.every((record) => record.outcome === 'denied' && record.principal === 'http:alice' && record.exitCode === null)).toBe(true);
    // The calls of one step run concurrently, so the audit holds them in the order they finished.
    const byText = (argv: string[]) => JSON.stringify(argv);
    expect(records.map((record) => byText(record.argv)).sort()).toEqual(BYPASSES.map(byText).sort());
  });

  it('lets a before-exec guard deny a command, which then never runs', async () => {
    const seen: BeforeExecRequest[] = [];
    const noTouch = definePlugin({
      package: { name: 'no-touch', version: '1.0.0', downcity: { id: 'no-touch', kind: 'plugin', attaches: { 'shell/before-exec': { kind: 'guard' } } } },
      setup: () => ({
        handlers: {
          'shell/before-exec': (request) => {
            seen.push(request);
            return request.programs.includes('touch') ? { allow: false, reason: 'touching is not allowed here' } : { allow: true };
          },
        },
      }),
    });
    await using harness = await startShellAgent({ shell: { policy: { allow: [{ program: 'env' }, { program: 'touch' }, { program: 'ls' }] } }, plugins: [noTouch] });
    harness.model?.enqueue(
      { toolCalls: [{ name: 'shell_exec', arguments: { argv: ['env', 'touch', 'made.txt'] } }, { name: 'shell_exec', arguments: { argv: ['ls'] } }] },
      { text: 'done' },
    );
    await harness.say('touch it', { principal: alice });
    const [denied, ran] = await harness.toolResults();
    expect(denied).toEqual({ status: 'denied', deniedBy: 'guard', reason: 'Blocked by no-touch: touching is not allowed here', auditId: expect.any(String) });
    expect(ran).toMatchObject({ status: 'ran', exitCode: 0 });
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'made.txt'))).toBe(false);
    expect(seen[0]).toEqual({
      kind: 'exec',
      argv: ['env', 'touch', 'made.txt'],
      cwd: harness.workspaceOf('http:alice'),
      principal: alice,
      sessionId: 'test:session',
      decision: 'allow',
      reason: expect.any(String),
      programs: ['env', 'touch'],
    });
    const records = await harness.audit();
    expect(records.map((record) => [record.outcome, record.deniedBy])).toEqual([
      ['ran', undefined],
      ['denied', 'guard'],
    ]);
  });

  it('denies everything in approval mode deny', async () => {
    await using harness = await startShellAgent({ shell: { approval: { mode: 'deny' } } });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['ls'] } }] }, { text: 'done' });
    await harness.say('list', { principal: alice });
    expect((await harness.toolResults())[0]).toMatchObject({ status: 'denied', deniedBy: 'mode', reason: expect.stringContaining('turned off') });
  });

  it('rejects NUL bytes and absurd lengths with a clear error, stores nothing, and keeps running', async () => {
    await using harness = await startShellAgent({});
    harness.model?.enqueue(
      {
        toolCalls: [
          { name: 'shell_exec', arguments: { argv: ['ls', 'a\u0000b'] } },
          { name: 'shell_exec', arguments: { argv: ['ls', 'x'.repeat(100 * 1024)] } },
          { name: 'shell_exec', arguments: { argv: Array.from({ length: 1_000 }, () => 'ls') } },
          { name: 'shell_exec', arguments: { argv: [] } },
          { name: 'shell_exec', arguments: { argv: 'ls -la' } },
          { name: 'shell_session-run', arguments: { command: 'ls\u0000; rm -rf /' } },
          { name: 'shell_session-run', arguments: { command: 'x'.repeat(100 * 1024) } },
        ],
      },
      { text: 'sorry' },
    );
    await harness.say('bad input', { principal: alice });
    const results = (await harness.toolResults()) as { type: string; value: string }[];
    expect(results.map((result) => result.type)).toEqual(Array(7).fill('error-text'));
    expect(results[0]?.value).toContain('argument 1 contains a NUL byte');
    expect(results[1]?.value).toContain('the limit is 65536 bytes');
    expect(results[1]?.value.length).toBeLessThan(1_000);
    expect(results[2]?.value).toContain('the limit is 256');
    expect(results[3]?.value).toContain('argv must name a program');
    expect(results[4]?.value).toContain('argv must be an array of strings');
    expect(results[5]?.value).toContain('NUL byte');
    expect(results[6]?.value).toContain('the limit is 65536 bytes');
    expect(await harness.audit()).toEqual([]);
    expect(await harness.agent.invoke('shell/pending', {})).toEqual({ pending: [] });
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['ls'] } }] }, { text: 'ok' });
    await harness.say('now list', { principal: alice });
    expect((await harness.toolResults()).at(-1)).toMatchObject({ status: 'ran', exitCode: 0 });
  });

  it('refuses to run without bubblewrap, with a clear error, and still starts', async () => {
    await using harness = await startShellAgent({ shell: { bwrapPath: '/nonexistent/bwrap' } });
    expect(harness.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('bubblewrap (bwrap) was not found') }));
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['ls'] } }] }, { text: 'no sandbox' });
    await harness.say('list', { principal: alice });
    const [result] = await harness.toolResults();
    expect(result).toMatchObject({ type: 'error-text', value: expect.stringMatching(/bubblewrap \(bwrap\) was not found at "\/nonexistent\/bwrap".*apt-get install bubblewrap.*sandbox: "none"/) });
    expect((await harness.audit())[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('bubblewrap') });
  });

  it('warns at start when bubblewrap is installed but cannot make a sandbox on this host', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'downcity-fake-bwrap-'));
    // As root, bwrap is started as the sandbox uid, which must be able to reach it.
    chmodSync(bin, 0o755);
    try {
      const bwrapPath = join(bin, 'bwrap');
      writeFileSync(bwrapPath, '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n', { mode: 0o755 });
      await using harness = await startShellAgent({ shell: { bwrapPath } });
      expect(harness.logger.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', message: expect.stringMatching(/The shell sandbox does not work on this host.*setting up uid map: Permission denied.*user namespaces/) }),
      );
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('logs a warning at start with sandbox "none", and runs commands on the host', async () => {
    await using harness = await startShellAgent({ shell: { sandbox: 'none' } });
    expect(harness.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('WARNING: services.shell.sandbox is "none"'), fields: expect.objectContaining({ package: 'shell' }) }),
    );
    harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['pwd'] } }] }, { text: 'done' });
    await harness.say('where', { principal: alice });
    expect((await harness.toolResults())[0]).toMatchObject({ status: 'ran', stdout: `${harness.workspaceOf('http:alice')}\n` });
  });

  it('does not warn with a working bubblewrap, except once when the agent runs as root', async () => {
    await using harness = await startShellAgent({});
    const warnings = harness.logger.lines.filter((line) => line.level === 'warn');
    if (process.getuid?.() === 0) {
      expect(warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/^WARNING: the agent runs as root\. Shell commands are started as uid 65532 and gid 65532/) })]);
    } else {
      expect(warnings).toEqual([]);
    }
  });
});
