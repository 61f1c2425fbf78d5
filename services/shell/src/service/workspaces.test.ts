import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAFE_SHELL_BUILTINS } from '../policy/policy.js';
import { alice, startShellAgent, type ShellTestAgent } from '../testing/shell-test-agent.js';

const bob = { id: 'http:bob', channel: 'http' };
const allow = [...SAFE_SHELL_BUILTINS, 'sh', 'cat', 'ls', 'find', 'grep', 'head', 'mkdir'].map((program) => ({ program }));
const shell = { policy: { allow }, approval: { mode: 'allowlist' as const }, timeoutMs: 10_000 };

/** One turn in which the model runs each line with shell_exec (sh -c) for `principal` in the shared test session. */
async function execFor(harness: ShellTestAgent, principal: typeof alice, lines: string[]): Promise<Array<{ stdout?: string; stderr?: string; status?: string }>> {
  const before = (await harness.agent.session.get('test:session')) ? (await harness.toolResults()).length : 0;
  harness.model?.enqueue({ toolCalls: lines.map((line) => ({ name: 'shell_exec', arguments: { argv: ['sh', '-c', line] } })) }, { text: 'done' });
  await harness.say('run these', { principal });
  return (await harness.toolResults()).slice(before) as Array<{ stdout?: string; stderr?: string }>;
}

describe.skipIf(process.platform !== 'linux')('a workspace per principal', () => {
  it('gives each principal in one session its own workspace, and no path leads to another\'s', async () => {
    await using harness = await startShellAgent({ shell });
    const [written] = await execFor(harness, alice, ['echo alice-secret > secret.txt && mkdir -p notes && echo more > notes/n.txt && pwd']);
    const aliceWorkspace = harness.workspaceOf('http:alice');
    expect(written).toMatchObject({ status: 'ran', stdout: `${aliceWorkspace}\n` });
    expect(dirname(aliceWorkspace)).toBe(harness.workspace);
    const bobWorkspace = harness.workspaceOf('http:bob');
    const attempts = await execFor(harness, bob, [
      'pwd; ls -A',
      `cat ${aliceWorkspace}/secret.txt; ls ${aliceWorkspace}`,
      'ls -A ..; cat ../*/secret.txt',
      `ls -A ${harness.workspace} ${harness.dataDir} /`,
      'find / -name secret.txt 2>/dev/null',
      `cat /proc/*/root${aliceWorkspace}/secret.txt /proc/1/cwd/secret.txt 2>&1`,
    ]);
    expect(attempts[0]).toMatchObject({ status: 'ran', stdout: `${bobWorkspace}\n` });
    for (const attempt of attempts) expect(JSON.stringify(attempt)).not.toContain('alice-secret');
    expect(attempts[2]?.stdout).toBe(`${bobWorkspace.slice(harness.workspace.length + 1)}\n`);
    expect(attempts[4]?.stdout).toBe('');
    expect(readdirSync(harness.workspace).sort()).toEqual([aliceWorkspace, bobWorkspace].map((path) => path.slice(harness.workspace.length + 1)).sort());
    expect(existsSync(join(bobWorkspace, 'secret.txt'))).toBe(false);
  }, 30_000);

  it('gives each principal in one session its own persistent shell, started in its own workspace', async () => {
    await using harness = await startShellAgent({ shell });
    const run = (principal: typeof alice, command: string) => {
      harness.model?.enqueue({ toolCalls: [{ name: 'shell_session-run', arguments: { command } }] }, { text: 'done' });
      return harness.say('go', { principal });
    };
    await run(alice, 'mkdir -p deep && cd deep && export MINE=alice');
    await run(bob, 'pwd; echo "[$MINE]"; ls -A');
    await run(alice, 'pwd; echo "[$MINE]"');
    const [first, bobs, alices] = await harness.toolResults();
    expect(first).toMatchObject({ status: 'ran', cwd: 'deep' });
    expect(bobs).toMatchObject({ status: 'ran', stdout: `${harness.workspaceOf('http:bob')}\n[]\n`, cwd: '.' });
    expect(alices).toMatchObject({ status: 'ran', stdout: `${join(harness.workspaceOf('http:alice'), 'deep')}\n[alice]\n`, cwd: 'deep' });
    expect((await harness.audit()).map((record) => [record.principal, record.cwd])).toEqual([
      ['http:alice', 'deep'],
      ['http:bob', '.'],
      ['http:alice', '.'],
    ]);
  });

  it('keeps the old single workspace with workspaceScope "shared", and one per session with "session"', async () => {
    {
      await using harness = await startShellAgent({ shell: { ...shell, workspaceScope: 'shared' } });
      await execFor(harness, alice, ['echo shared > shared.txt']);
      const [seen] = await execFor(harness, bob, ['pwd; cat shared.txt']);
      expect(seen).toMatchObject({ stdout: `${harness.workspace}\nshared\n` });
    }
    {
      await using harness = await startShellAgent({ shell: { ...shell, workspaceScope: 'session' } });
      await execFor(harness, alice, ['echo same-session > s.txt']);
      const [sameSession] = await execFor(harness, bob, ['cat s.txt']);
      expect(sameSession).toMatchObject({ stdout: 'same-session\n' });
      harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['sh', '-c', 'cat s.txt 2>&1; pwd'] } }] }, { text: 'done' });
      await harness.say('elsewhere', { principal: alice, sessionId: 'other:session' });
      const [otherSession] = await harness.toolResults('other:session');
      expect(otherSession).toMatchObject({ stdout: expect.stringContaining('No such file') });
    }
  });
});
