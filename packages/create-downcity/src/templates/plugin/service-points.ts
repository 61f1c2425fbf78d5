import { handlerModule } from './handler-module.js';
import type { PointTemplate } from './point-template.js';

/** The templates for the task and shell services' points and the agent's `agent/identity`. */
export function servicePointTemplates(): PointTemplate[] {
  return [
    {
      point: 'task/before-run',
      fields: [
        { key: 'blockedTasks', kind: 'words', default: [], description: 'Ids of tasks that must not run; their runs are recorded as denied.' },
      ],
      handler: handlerModule(
        'task/before-run',
        ['`task/before-run` (guard): stops runs of blocked tasks; the run is recorded as `denied` with the reason.', 'Guards fail closed: if this throws or times out, the run is denied.'],
        [
          'return ({ task }) =>',
          '  context.config.blockedTasks.includes(task.id) ? { allow: false, reason: `task "${task.id}" is blocked by the plugin config` } : { allow: true };',
        ],
      ),
      tests: [
        "it('task/before-run denies runs of blocked tasks', async () => {",
        "  await using agent = await startAgent({ config: { blockedTasks: ['nightly'] } });",
        "  const denied = await agent.agent.invoke('task/run', { taskId: 'nightly', wait: true });",
        "  expect(denied.run).toMatchObject({ status: 'denied' });",
        "  const allowed = await agent.agent.invoke('task/run', { taskId: 'hourly', wait: true });",
        "  expect(allowed.run).toMatchObject({ status: 'succeeded' });",
        '});',
      ].join('\n'),
      needs: ['task'],
    },
    {
      point: 'task/after-run',
      fields: [],
      handler: handlerModule(
        'task/after-run',
        ['`task/after-run` (effect): logs every finished run.', 'Effects observe after the fact; if this fails, the failure is logged and the run is unaffected.'],
        ['return ({ task, run }) => {', "  context.logger.info({ taskId: task.id, runId: run.id, status: run.status }, 'task run finished');", '};'],
      ),
      tests: [
        "it('task/after-run logs each finished run', async () => {",
        '  await using agent = await startAgent();',
        "  const { run } = await agent.agent.invoke('task/run', { taskId: 'hourly', wait: true });",
        "  await vi.waitFor(() => expect(agent.logs).toContainEqual(expect.objectContaining({ message: 'task run finished', fields: expect.objectContaining({ runId: run.id, status: 'succeeded' }) })));",
        '});',
      ].join('\n'),
      needs: ['task', 'logs'],
    },
    {
      point: 'shell/before-exec',
      fields: [
        { key: 'blockedPrograms', kind: 'words', default: ['curl', 'wget'], description: 'Programs that must never run, wherever they appear in a command (after env, sh -c, xargs...).' },
      ],
      handler: handlerModule(
        'shell/before-exec',
        [
          '`shell/before-exec` (guard): stops commands that would run a blocked program. `programs` lists every program the',
          'command runs after unwrapping env, sh -c, busybox and xargs. Guards fail closed: a throw or timeout denies.',
        ],
        [
          'return ({ programs }) => {',
          "  const blocked = programs.find((program) => context.config.blockedPrograms.includes(program.split('/').pop() ?? program));",
          '  return blocked === undefined ? { allow: true } : { allow: false, reason: `${blocked} is blocked by the plugin config` };',
          '};',
        ],
      ),
      tests: [
        "it('shell/before-exec stops a blocked program, even behind sh -c', async () => {",
        '  await using agent = await startAgent();',
        "  const result = await agent.agent.invoke('shell/exec', { argv: ['sh', '-c', 'curl https://example.com'] });",
        "  expect(result).toMatchObject({ status: 'denied', deniedBy: 'guard' });",
        '});',
      ].join('\n'),
      needs: ['shell'],
    },
    {
      point: 'shell/after-exec',
      fields: [],
      handler: handlerModule(
        'shell/after-exec',
        ['`shell/after-exec` (effect): logs every audited command: ran, denied, pending approval or failed.', 'Effects observe after the fact; if this fails, the failure is logged and the command is unaffected.'],
        ['return (record) => {', "  context.logger.info({ argv: record.argv, outcome: record.outcome }, 'shell command audited');", '};'],
      ),
      tests: [
        "it('shell/after-exec logs each audited command', async () => {",
        '  await using agent = await startAgent();',
        "  const result = await agent.agent.invoke('shell/exec', { argv: ['ls'] });",
        "  expect(result).toMatchObject({ status: 'ran', exitCode: 0 });",
        "  await vi.waitFor(() => expect(agent.logs).toContainEqual(expect.objectContaining({ message: 'shell command audited', fields: { argv: ['ls'], outcome: 'ran' } })));",
        '});',
      ].join('\n'),
      needs: ['shell', 'logs'],
    },
    {
      point: 'agent/identity',
      fields: [
        { key: 'owners', kind: 'words', default: [], description: 'Principal ids answered with the owner role, e.g. "telegram:123456".' },
      ],
      handler: handlerModule(
        'agent/identity',
        [
          '`agent/identity` (resolve): answers who a principal is. Here: configured owners, everyone else an unknown member.',
          'Only one plugin may answer a resolve point (`@downcity/auth` answers it too: use one or the other).',
        ],
        [
          'return ({ principal }) =>',
          "  context.config.owners.includes(principal.id) ? { principalId: principal.id, role: 'owner', known: true } : { principalId: principal.id, role: 'member', known: false };",
        ],
      ),
      tests: [
        "it('agent/identity answers the configured owners', async () => {",
        "  await using agent = await startAgent({ config: { owners: ['telegram:42'] } });",
        "  expect(await agent.agent.invoke('agent/identity', { principal: { id: 'telegram:42' } })).toMatchObject({ role: 'owner', known: true });",
        "  expect(await agent.agent.invoke('agent/identity', { principal: { id: 'telegram:7' } })).toMatchObject({ role: 'member', known: false });",
        '});',
      ].join('\n'),
      needs: [],
    },
  ];
}
