import { taskService, type BeforeRunInput } from '@downcity/task';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { startAuthAgent } from '../../test/start-auth-agent.js';
import type { TaskRunRequest } from './task-guard.js';

const owner = { id: 'telegram:1' };
const start = () => startAuthAgent({ auth: { owners: [owner.id] }, services: [taskService] });

describe('the task/before-run guard (real task service)', () => {
  it('reads a part of the task service\'s input', () => {
    expectTypeOf<BeforeRunInput>().toExtend<TaskRunRequest>();
  });

  it('runs a task only while its owner has the task permission; a revoke stops it at once', async () => {
    await using agent = await start();
    await agent.agent.invoke('auth/grant', { principalId: 'telegram:9', role: 'member' });
    const member = { id: 'telegram:9' };
    const { task } = await agent.agent.invoke('task/create', { schedule: { kind: 'manual' }, instructions: 'say hi' }, { principal: member });
    await expect(agent.agent.invoke('task/run', { taskId: task.id, wait: true })).resolves.toMatchObject({ run: { status: 'succeeded' } });
    await agent.agent.invoke('auth/revoke', { principalId: member.id });
    const { run } = await agent.agent.invoke('task/run', { taskId: task.id, wait: true });
    expect(run).toMatchObject({ status: 'denied', error: { code: 'DENIED', message: expect.stringContaining('telegram:9 (role guest), who lacks the "task" permission') } });
  });

  it('denies a run someone without the permission triggers on an owner\'s task', async () => {
    await using agent = await start();
    const { task } = await agent.agent.invoke('task/create', { schedule: { kind: 'manual' }, instructions: 'say hi' }, { principal: owner });
    const { run } = await agent.agent.invoke('task/run', { taskId: task.id, wait: true }, { principal: { id: 'telegram:55' } });
    expect(run.status).toBe('denied');
    await expect(agent.agent.invoke('task/run', { taskId: task.id, wait: true }, { principal: owner })).resolves.toMatchObject({ run: { status: 'succeeded' } });
  });

  it('runs ownerless tasks (the operator\'s) unless allowWithoutPrincipal is false', async () => {
    await using agent = await start();
    const { task } = await agent.agent.invoke('task/create', { schedule: { kind: 'manual' }, instructions: 'say hi' });
    await expect(agent.agent.invoke('task/run', { taskId: task.id, wait: true })).resolves.toMatchObject({ run: { status: 'succeeded' } });
    await using strict = await startAuthAgent({ auth: { owners: [owner.id], allowWithoutPrincipal: false }, services: [taskService] });
    const created = await strict.agent.invoke('task/create', { schedule: { kind: 'manual' }, instructions: 'say hi' });
    await expect(strict.agent.invoke('task/run', { taskId: created.task.id, wait: true })).resolves.toMatchObject({ run: { status: 'denied' } });
  });
});
