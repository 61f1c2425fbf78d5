import { DowncityError, ErrorCodes, type Principal } from '@downcity/core';
import type { TaskEntry } from '../tasks/task-entry.js';
import { invokeByName } from './invoke-by-name.js';
import { toOutputText } from './output-text.js';
import type { RunDependencies } from './run-dependencies.js';
import { RunErrorCodes, runFailure } from './run-error.js';
import type { RunRecord } from './run-record.js';

/** Options for {@link runBody}. */
export interface RunBodyOptions {
  /** The task. */
  task: TaskEntry;
  /** The run record as the attempt starts. */
  record: RunRecord;
  /** Aborted on cancel, timeout or agent stop. */
  signal: AbortSignal;
}

const principalOf = (record: RunRecord): { principal?: Principal } => (record.principal ? { principal: record.principal } : {});

/** Runs one attempt's work in the run's session and returns the output text. */
export async function runBody(deps: RunDependencies, options: RunBodyOptions): Promise<string> {
  const { task, record } = options;
  const metadata = { taskId: task.spec.id, runId: record.id };
  await deps.context.session.open(record.sessionId, { kind: 'task', metadata: task.spec.history === 'continue' ? { taskId: task.spec.id } : metadata });
  const output = task.spec.script ? await runScript(deps, options) : await runInstructions(deps, options);
  if (task.spec.script) {
    await deps.context.session.append(record.sessionId, [{ role: 'assistant', content: output, metadata: { ...metadata, attempt: record.attempt } }]);
  }
  return output;
}

async function runInstructions(deps: RunDependencies, { task, record, signal }: RunBodyOptions): Promise<string> {
  const { session } = deps.context;
  const instructions = task.spec.instructions ?? '';
  // The prompt is stored once per run: a retry (or a resumed interrupted run) continues from it.
  const recent = await session.history(record.sessionId, { limit: 50 });
  const stored = recent.some((message) => message.role === 'user' && message.metadata.runId === record.id);
  if (!stored) await session.append(record.sessionId, [{ role: 'user', content: instructions, metadata: { taskId: task.spec.id, runId: record.id, task: true } }]);
  const name = task.spec.name ?? task.spec.id;
  const result = await session.turn(record.sessionId, {
    ...principalOf(record),
    instructions: `You are running the task "${name}" (id ${task.spec.id}, run ${record.id}), scheduled for ${record.scheduledFor}; the time now is ${new Date(deps.clock.now()).toISOString()}. Do what the latest user message asks; your final answer is the run's output.`,
    tools: task.spec.tools,
    signal,
    metadata: { taskId: task.spec.id, runId: record.id, attempt: record.attempt },
  });
  return toOutputText(result.text);
}

async function runScript(deps: RunDependencies, { task, record, signal }: RunBodyOptions): Promise<string> {
  const script = task.spec.script;
  if (!script) throw new DowncityError(ErrorCodes.INTERNAL, `Task "${task.spec.id}" has no script.`);
  if (script.kind === 'action') {
    const output = await invokeByName(deps.context.invoke)(script.action, script.input, { ...principalOf(record), sessionId: record.sessionId, signal });
    return toOutputText(output);
  }
  const handler = deps.scripts[script.name];
  if (!handler) {
    const known = Object.keys(deps.scripts).sort().join(', ') || '(none)';
    throw runFailure(
      RunErrorCodes.SCRIPT_UNKNOWN,
      `No script handler "${script.name}" is registered (known: ${known}). Register it with createTaskService({ scripts: { "${script.name}": async (call) => ... } }).`,
    );
  }
  const { context } = deps;
  try {
    const result = await handler({ task: deps.view(task), run: record, input: script.input, signal, invoke: context.invoke, session: context.session, logger: context.logger });
    return toOutputText(result);
  } catch (error) {
    if (signal.aborted) throw error;
    throw runFailure(RunErrorCodes.SCRIPT_FAILED, `Script "${script.name}" failed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}
