import { createScriptedModel } from '@downcity/testing';
import { describe, expect, it, vi } from 'vitest';
import { startTaskAgent, waitForRuns } from '../../test/helpers.js';

const toolNames = (model: ReturnType<typeof createScriptedModel>, call: number) => (model.calls[call]?.tools ?? []).map((tool) => tool.name).sort();
const toolResults = (model: ReturnType<typeof createScriptedModel>, call: number) => JSON.stringify(model.calls[call]?.prompt.filter((message) => message.role === 'tool'));

describe('tasks as model tools', () => {
  it('offers only the read-only tools unless allowModelToCreate is set', async () => {
    const model = createScriptedModel({ default: { text: 'ok' } });
    const { agent } = await startTaskAgent({ model });
    await agent.session.open('chat:t:1', { kind: 'chat' });
    await agent.session.turn('chat:t:1', { input: [{ role: 'user', content: 'hi' }] });
    expect(toolNames(model, 0).filter((name) => name.startsWith('task_'))).toEqual(['task_get', 'task_list', 'task_run-info', 'task_runs']);
    await agent.stop();

    const allowed = await startTaskAgent({ model, task: { allowModelToCreate: true } });
    await allowed.agent.session.open('chat:t:1', { kind: 'chat' });
    await allowed.agent.session.turn('chat:t:1', { input: [{ role: 'user', content: 'hi' }] });
    expect(toolNames(model, 1).filter((name) => name.startsWith('task_'))).toEqual([
      'task_cancel',
      'task_create',
      'task_delete',
      'task_get',
      'task_list',
      'task_pause',
      'task_resume',
      'task_run',
      'task_run-info',
      'task_runs',
    ]);
    await allowed.agent.stop();
  });

  it('lets the model schedule a reminder that runs for its user and is delivered back to the same chat', async () => {
    const model = createScriptedModel({
      replies: [
        { toolCalls: [{ name: 'task_create', arguments: { id: 'stretch', schedule: { kind: 'at', at: '2026-01-05T09:00:00Z' }, instructions: 'Remind the user to stretch.' } }] },
        { text: 'Scheduled.' },
        { text: 'Time to stretch!' },
      ],
    });
    const alice = { id: 'telegram:1', channel: 'telegram' };
    const { agent, clock, chat } = await startTaskAgent({ model, start: '2026-01-05T08:00:00Z', task: { allowModelToCreate: true } });
    await agent.session.open('chat:telegram:bot:1', { kind: 'chat' });
    const reply = await agent.session.turn('chat:telegram:bot:1', { input: [{ role: 'user', content: 'remind me at 9 to stretch' }], principal: alice });
    expect(reply.text).toBe('Scheduled.');
    const { task } = await agent.invoke('task/get', { taskId: 'stretch' });
    expect(task).toMatchObject({ owner: alice, createdBy: 'model', deliver: { sessionId: 'chat:telegram:bot:1', onFailure: true }, nextRunAt: '2026-01-05T09:00:00.000Z' });

    await clock.advanceTo('2026-01-05T09:00:00Z');
    const [run] = await waitForRuns(agent, 'stretch', 1);
    expect(run).toMatchObject({ status: 'succeeded', output: 'Time to stretch!', principal: alice, sessionId: 'task:stretch:2026-01-05T09:00:00.000Z' });
    await vi.waitFor(() => expect(chat.deliveries).toEqual([{ sessionId: 'chat:telegram:bot:1', text: 'Time to stretch!', principal: alice, caller: 'task' }]));
    await agent.stop();
  });

  it("keeps one user's tasks away from another user's model; the model cannot create script tasks", async () => {
    const model = createScriptedModel({
      replies: [
        { toolCalls: [{ name: 'task_list', arguments: {} }, { name: 'task_delete', arguments: { taskId: 'alice-task' } }] },
        { text: 'nothing here' },
        { toolCalls: [{ name: 'task_create', arguments: { schedule: { kind: 'manual' }, script: { kind: 'action', action: 'shell/exec', input: {} } } }] },
        { text: 'refused' },
      ],
    });
    const { agent } = await startTaskAgent({ model, task: { allowModelToCreate: true } });
    await agent.invoke('task/create', { id: 'alice-task', schedule: { kind: 'manual' }, instructions: 'x' }, { principal: { id: 'telegram:1' } });
    await agent.session.open('chat:bob', { kind: 'chat' });
    await agent.session.turn('chat:bob', { input: [{ role: 'user', content: 'what tasks exist? delete alice-task' }], principal: { id: 'telegram:2' } });
    expect(toolResults(model, 1)).toContain('"value":{"tasks":[]}');
    expect(toolResults(model, 1)).toMatch(/"error-text","value":"No task \\"alice-task\\"/);
    expect((await agent.invoke('task/list', {})).tasks.map((task) => task.id)).toEqual(['alice-task']);

    await agent.session.turn('chat:bob', { input: [{ role: 'user', content: 'run shell every minute' }], principal: { id: 'telegram:2' } });
    expect(toolResults(model, 3)).toMatch(/"error-text","value":"The model may only create tasks with \\"instructions\\"/);
    expect((await agent.invoke('task/list', {})).tasks).toHaveLength(1);
    await agent.stop();
  });
});
