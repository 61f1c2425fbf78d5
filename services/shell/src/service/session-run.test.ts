import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alice, startShellAgent } from '../testing/shell-test-agent.js';

const allow = ['cd', 'pwd', 'echo', 'export', 'mkdir', 'sleep', 'ls', 'rm'].map((program) => ({ program }));
const run = (command: string) => ({ toolCalls: [{ name: 'shell_session-run', arguments: { command } }] });

describe.skipIf(process.platform !== 'linux')('shell_session-run', () => {
  it('keeps the directory and variables per agent session, and checks every program', async () => {
    await using harness = await startShellAgent({ shell: { policy: { allow, deny: [{ program: 'rm' }] } } });
    harness.model?.enqueue(run('mkdir -p sub && cd sub && export GREETING=hi'), run('pwd; echo "$GREETING"'), run('ls && rm -rf /'), { text: 'done' });
    await harness.say('work', { principal: alice });
    harness.model?.enqueue(run('pwd'), { text: 'done' });
    await harness.say('elsewhere', { principal: alice, sessionId: 'other:session' });
    const [first, second, third] = await harness.toolResults();
    expect(first).toMatchObject({ status: 'ran', exitCode: 0, cwd: 'sub' });
    expect(second).toMatchObject({ status: 'ran', stdout: `${join(harness.workspaceOf('http:alice'), 'sub')}\nhi\n` });
    expect(third).toMatchObject({ status: 'denied', deniedBy: 'policy', reason: expect.stringContaining('deny rule "rm"') });
    expect((await harness.toolResults('other:session'))[0]).toMatchObject({ stdout: `${harness.workspaceOf('http:alice')}\n` });
    const records = await harness.audit({ sessionId: 'test:session' });
    expect(records.map((record) => [record.kind, record.outcome, record.argv[2]])).toEqual([
      ['session', 'denied', 'ls && rm -rf /'],
      ['session', 'ran', 'pwd; echo "$GREETING"'],
      ['session', 'ran', 'mkdir -p sub && cd sub && export GREETING=hi'],
    ]);
    expect(records.map((record) => record.cwd)).toEqual(['sub', 'sub', '.']);
  });

  it('closes an idle shell, so the next line starts fresh', async () => {
    await using harness = await startShellAgent({ shell: { policy: { allow }, session: { idleMs: 100 } } });
    harness.model?.enqueue(run('mkdir -p sub && cd sub'), { text: 'done' });
    await harness.say('go', { principal: alice });
    await new Promise((resolve) => setTimeout(resolve, 250));
    harness.model?.enqueue(run('pwd'), { text: 'done' });
    await harness.say('where', { principal: alice });
    expect((await harness.toolResults()).at(-1)).toMatchObject({ status: 'ran', stdout: `${harness.workspaceOf('http:alice')}\n` });
  });

  it('kills every persistent shell and what it started when the agent stops', async () => {
    const harness = await startShellAgent({ shell: { policy: { allow } } });
    const marker = `${5000 + Math.floor(Math.random() * 1000)}${process.pid}`;
    harness.model?.enqueue(run(`sleep ${marker} &`), { text: 'done' });
    await harness.say('background', { principal: alice });
    expect(spawnSync('pgrep', ['-f', `sleep ${marker}`]).status).toBe(0);
    await harness.stop();
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status, { timeout: 2000 }).toBe(1);
  });

  it('starts and stops many times without leaking timers or shells', async () => {
    const live = (): number =>
      (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((name) => name === 'ChildProcess' || name === 'Timeout').length;
    const before = live();
    for (let round = 0; round < 10; round += 1) {
      await using harness = await startShellAgent({ shell: { policy: { allow } } });
      harness.model?.enqueue(run('pwd'), { text: 'done' });
      await harness.say('where', { principal: alice });
    }
    expect(live()).toBeLessThanOrEqual(before);
  });
});
