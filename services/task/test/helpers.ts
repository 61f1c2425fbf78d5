import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { createAgent, type Agent, type AgentOptions, type ServiceDefinition, type Store } from '@downcity/core';
import { createScriptedModel, type ScriptedReply } from '@downcity/testing';
import { vi } from 'vitest';
import { createTaskService, FINAL_STATUSES, type RunRecord, type ScriptHandler, type TaskServiceConfigInput } from '../src/index.js';
import { createFakeClock, createRecordingChat, type FakeClock, type RecordingChat } from '../src/testing.js';

/** Options for {@link startTaskAgent}. */
export interface TaskAgentOptions {
  /** Where the fake clock starts. */
  start?: string;
  /** Reuse a clock (restart tests). */
  clock?: FakeClock;
  /** The task service config. */
  task?: TaskServiceConfigInput;
  /** Script handlers. */
  scripts?: Record<string, ScriptHandler>;
  /** A model. */
  model?: LanguageModelV4;
  /** A store (restart tests). */
  store?: Store;
  /** Extra services (before the task service). */
  services?: ServiceDefinition[];
  /** Plugins. */
  plugins?: AgentOptions['plugins'];
  /** Leave out the recording chat service. */
  withoutChat?: boolean;
}

/** A started agent with the task service on a fake clock. */
export interface TaskAgent {
  agent: Agent;
  clock: FakeClock;
  chat: RecordingChat;
}

/** Starts an agent with the task service, a fake clock and a recording chat service. */
export async function startTaskAgent(options: TaskAgentOptions = {}): Promise<TaskAgent> {
  const clock = options.clock ?? createFakeClock(options.start ?? '2026-01-05T08:00:00Z');
  const chat = createRecordingChat();
  const agent = createAgent({
    logger: { level: 'silent' },
    config: {
      agent: { stopGraceMs: 0 },
      // The AI SDK's own retries would sleep in real time; the task service's retries are under test.
      ...(options.model ? { model: { provider: 'openai' as const, model: 'scripted', maxRetries: 0 } } : {}),
      services: { task: options.task ?? {} },
    },
    ...(options.model ? { model: options.model } : {}),
    ...(options.store ? { store: options.store } : {}),
    services: [...(options.withoutChat ? [] : [chat.service]), ...(options.services ?? []), createTaskService({ clock, ...(options.scripts ? { scripts: options.scripts } : {}) })],
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  await agent.start();
  return { agent, clock, chat };
}

/** Polls until the run satisfies `predicate` (default: final). */
export async function waitForRun(agent: Agent, runId: string, predicate: (run: RunRecord) => boolean = (run) => FINAL_STATUSES.has(run.status)): Promise<RunRecord> {
  return vi.waitFor(
    async () => {
      const { run } = await agent.invoke('task/run-info', { runId });
      if (!predicate(run)) throw new Error(`run ${runId} is ${run.status}`);
      return run;
    },
    { timeout: 5_000, interval: 2 },
  );
}

/** Polls until `task/runs` for the task returns `count` runs satisfying `predicate`. */
export async function waitForRuns(agent: Agent, taskId: string, count: number, predicate: (run: RunRecord) => boolean = (run) => FINAL_STATUSES.has(run.status)): Promise<RunRecord[]> {
  return vi.waitFor(
    async () => {
      const { runs } = await agent.invoke('task/runs', { taskId, limit: 200 });
      const matching = runs.filter(predicate);
      if (matching.length < count) throw new Error(`${matching.length}/${count} runs of ${taskId}`);
      return [...runs].sort((left, right) => left.scheduledFor.localeCompare(right.scheduledFor));
    },
    { timeout: 5_000, interval: 2 },
  );
}

/** A promise with its resolve function exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A model whose calls never answer until aborted, with counters of calls and aborts. */
export function hangingModel(): { model: LanguageModelV4; stats: { calls: number; aborted: number } } {
  const stats = { calls: 0, aborted: 0 };
  const hang = (options: LanguageModelV4CallOptions): Promise<never> =>
    new Promise<never>((_, reject) => {
      stats.calls++;
      options.abortSignal?.addEventListener('abort', () => {
        stats.aborted++;
        reject(options.abortSignal?.reason);
      });
    });
  return { model: { ...createScriptedModel(), doGenerate: hang, doStream: hang }, stats };
}

/** A scripted model answering with `replies`, then `fallback`. */
export function scripted(replies: ScriptedReply[], fallback: ScriptedReply = { text: 'done' }) {
  return createScriptedModel({ replies, default: fallback });
}
