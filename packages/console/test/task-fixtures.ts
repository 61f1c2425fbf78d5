import { defineAction, defineService, type ServiceDefinition } from '@downcity/core';
import { createTaskService } from '@downcity/task';
import { z } from 'zod';
import type { ConsoleAgentOptions } from './start-console-agent.js';

/** A model tool that holds a model turn until the test opens it, so a task run stays `running` as long as the test needs. */
export interface Gate {
  /** Add it to the agent's services: its tool is `gate_wait`. */
  service: ServiceDefinition;
  /** Turns waiting in `gate_wait` right now. */
  readonly waiting: number;
  /** Lets every waiting turn go on. */
  open(): void;
}

/** Creates a {@link Gate}; an aborted turn (a cancelled run) leaves the gate with the abort reason. */
export function createGate(): Gate {
  const waiters = new Set<() => void>();
  const service = defineService({
    package: { name: 'test-gate', version: '1.0.0', downcity: { kind: 'service', id: 'gate', actions: { 'gate/wait': { description: 'Waits until the test opens the gate.', tool: true } } } },
    setup: () => ({
      actions: {
        wait: defineAction({
          description: 'Waits until the test opens the gate.',
          input: z.object({}),
          output: z.object({ opened: z.boolean() }),
          tool: true,
          run: (_input, call) =>
            new Promise<{ opened: boolean }>((resolve, reject) => {
              const pass = () => {
                waiters.delete(pass);
                resolve({ opened: true });
              };
              waiters.add(pass);
              call.signal.addEventListener('abort', () => {
                waiters.delete(pass);
                reject(call.signal.reason);
              });
            }),
        }),
      },
    }),
  });
  return {
    service,
    get waiting() {
      return waiters.size;
    },
    open: () => [...waiters].forEach((pass) => pass()),
  };
}

/** The model's reply on the morning report's run, after the gate opens. */
export const REPORT_TEXT = 'Morning report: 2 new chat sessions, no failed runs.';

/**
 * Harness options for an agent with the task service, two config tasks and the gate: `morning-report` (weekday
 * mornings in Berlin, a model turn) and `cleanup` (manual, a script handler).
 */
export function taskAgentOptions(gate: Gate): ConsoleAgentOptions {
  return {
    services: [gate.service, createTaskService({ scripts: { cleanup: () => 'removed 3 old files' } })],
    servicesConfig: {
      task: {
        tasks: [
          {
            id: 'morning-report',
            name: 'Morning report',
            schedule: { kind: 'cron', expression: '30 8 * * 1-5', timeZone: 'Europe/Berlin' },
            instructions: 'Write the morning report: new chat sessions and failed task runs since yesterday.',
          },
          { id: 'cleanup', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'cleanup' } },
        ],
      },
    },
  };
}
