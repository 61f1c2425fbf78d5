import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent, defineAction, ErrorCodes, type ExecutionContext, type Principal } from '../index.js';
import { testService } from '../../test/fixtures.js';

const silent = { level: 'silent' } as const;

function greeter(seen: { principal?: Principal; caller: string }[]) {
  return testService(
    { id: 'greet', actions: { 'greet/hello': { description: 'Say hello', tool: true }, 'greet/secret': { description: 'Operator only', tool: false } } },
    () => ({
      actions: {
        hello: defineAction({
          description: 'Say hello to someone.',
          input: z.strictObject({ name: z.string().min(1).describe('Who to greet') }),
          output: z.object({ text: z.string() }),
          tool: true,
          run: (input, call) => {
            seen.push({ caller: call.caller, ...(call.principal ? { principal: call.principal } : {}) });
            return { text: `hello ${input.name}` };
          },
        }),
        secret: defineAction({ description: 'Operator only.', input: z.object({}), output: z.object({}), run: () => ({}) }),
      },
    }),
  );
}

describe('the tool actions capability', () => {
  it('lists only tool actions, with the tool name and input JSON Schema the model sees', async () => {
    await using agent = createAgent({ logger: silent, services: [greeter([])] });
    await agent.start();
    expect(agent.tools.list()).toEqual([
      {
        action: 'greet/hello',
        name: 'greet_hello',
        description: 'Say hello to someone.',
        inputSchema: { type: 'object', properties: { name: { type: 'string', minLength: 1, description: 'Who to greet' } }, required: ['name'], additionalProperties: false },
      },
    ]);
  });

  it('calls by tool or action name on a principal\'s behalf, validating input, and refuses a non-tool action', async () => {
    const seen: { principal?: Principal; caller: string }[] = [];
    await using agent = createAgent({ logger: silent, services: [greeter(seen)] });
    await agent.start();
    const alice: Principal = { id: 'http:alice', authenticatedBy: 'user-credential' };
    await expect(agent.tools.call('greet_hello', { name: 'Ann' }, { principal: alice })).resolves.toEqual({ text: 'hello Ann' });
    await expect(agent.tools.call('greet/hello', { name: 'Bo' })).resolves.toEqual({ text: 'hello Bo' });
    expect(seen).toEqual([{ caller: 'agent', principal: alice }, { caller: 'agent' }]);
    await expect(agent.tools.call('greet_hello', { name: '' })).rejects.toMatchObject({ code: ErrorCodes.ACTION_INVALID });
    await expect(agent.tools.call('greet/secret', {})).rejects.toMatchObject({ code: ErrorCodes.ACTION_UNKNOWN, message: 'No tool "greet/secret". Tools: greet_hello.' });
  });

  it('gives a package the same capability, calling as that package, and reports actions added and removed', async () => {
    let context: ExecutionContext | undefined;
    const seen: { principal?: Principal; caller: string }[] = [];
    const watcher = testService({ id: 'watcher' }, (given) => {
      context = given;
      return {};
    });
    const agent = createAgent({ logger: silent, services: [watcher, greeter(seen)] });
    let changes = 0;
    await agent.start();
    const stop = context!.tools.onChange(() => changes++);
    await context!.tools.call('greet_hello', { name: 'Cy' });
    expect(seen).toEqual([{ caller: 'watcher' }]);
    await agent.stop();
    stop();
    expect(changes).toBeGreaterThan(0);
  });
});
