import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent, DowncityError, ErrorCodes, jsonSchemaInput, type ExecutionContext } from '../index.js';
import { scriptedModel, testService } from '../../test/fixtures.js';

const silent = { level: 'silent' } as const;

function dynamicService(holder: { context?: ExecutionContext }, runtimeActions: { description: string; tool?: boolean } | false = { description: 'weather tools', tool: true }) {
  return testService(
    { id: 'dyn', actions: { 'dyn/fixed': { description: 'a fixed action' } }, ...(runtimeActions ? { runtimeActions } : {}) },
    (context) => {
      holder.context = context;
      return { actions: { fixed: { description: 'fixed', input: z.object({}), output: z.string(), run: () => 'fixed' } } };
    },
  );
}

const forecastSchema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'], additionalProperties: false };

describe('runtime actions (context.actions)', () => {
  it('adds an action described by a JSON Schema that the model can call, validates its input and removes it', async () => {
    const holder: { context?: ExecutionContext } = {};
    const model = scriptedModel([{ tool: 'dyn_weather_forecast', input: { city: 'Oslo' } }, { text: 'done' }]);
    await using agent = createAgent({ logger: silent, model, services: [dynamicService(holder)] });
    await agent.start();
    const actions = holder.context?.actions;
    if (!actions) throw new Error('expected context.actions');
    const remove = actions.add('weather/forecast', {
      description: 'Forecast for a city',
      ...jsonSchemaInput(forecastSchema),
      output: z.string(),
      run: (input) => `sunny in ${(input as { city: string }).city}`,
    });
    expect(actions.names()).toEqual(['weather/forecast']);

    await agent.session.open('s1', { kind: 'chat' });
    const result = await agent.session.turn('s1', { input: [{ role: 'user', content: 'weather?' }] });
    expect(result.text).toBe('done');
    const offered = model.doGenerateCalls[0]?.tools?.find((tool) => tool.name === 'dyn_weather_forecast');
    expect(offered).toMatchObject({ description: 'Forecast for a city', inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] } });
    const history = JSON.stringify(await agent.session.history('s1'));
    expect(history).toContain('sunny in Oslo');

    const invalid = await agent.invoke('dyn/weather/forecast' as never, { city: 7 } as never).catch((error: unknown) => error);
    expect(DowncityError.is(invalid) && invalid.code).toBe(ErrorCodes.ACTION_INVALID);

    remove();
    expect(actions.names()).toEqual([]);
    const gone = await agent.invoke('dyn/weather/forecast' as never, { city: 'Oslo' } as never).catch((error: unknown) => error);
    expect(DowncityError.is(gone) && gone.code).toBe(ErrorCodes.ACTION_UNKNOWN);
  });

  it('refuses a malformed name or the name of a declared action, and is undefined without runtimeActions', async () => {
    const holder: { context?: ExecutionContext } = {};
    await using agent = createAgent({ logger: silent, services: [dynamicService(holder)] });
    await agent.start();
    const definition = { description: 'x', input: z.object({}), output: z.string(), run: () => 'x' };
    expect(() => holder.context?.actions?.add('has space', definition)).toThrow(/invalid: use letters, digits/);
    expect(() => holder.context?.actions?.add('fixed', definition)).toThrow(/its manifest declares an action of that name/);

    const plain: { context?: ExecutionContext } = {};
    await using other = createAgent({ logger: silent, services: [dynamicService(plain, false)] });
    await other.start();
    expect(plain.context?.actions).toBeUndefined();
  });

  it('removes the runtime actions still registered when the agent stops', async () => {
    const holder: { context?: ExecutionContext } = {};
    const agent = createAgent({ logger: silent, services: [dynamicService(holder)] });
    await agent.start();
    holder.context?.actions?.add('left/over', { description: 'x', input: z.object({}), output: z.string(), run: () => 'x' });
    await agent.stop();
    expect(holder.context?.actions?.names()).toEqual([]);
  });
});
