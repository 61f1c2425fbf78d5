import { defineAction, defineService, type ActionSignature } from '@downcity/core';
import { z } from 'zod';

declare module '@downcity/core' {
  interface Actions {
    'weather/lookup': ActionSignature<{ city: string }, { city: string; sky: string }>;
  }
}

/** A one-action service for provider wire tests: `weather_lookup` says the sky is grey in Paris, blue elsewhere. */
export const weather = defineService({
  package: {
    name: 'wire-weather',
    version: '1.0.0',
    downcity: { id: 'weather', kind: 'service', actions: { 'weather/lookup': { description: 'The sky over a city', tool: true } } },
  },
  setup: () => ({
    actions: {
      lookup: defineAction({
        description: 'The sky over a city',
        input: z.object({ city: z.string() }),
        output: z.object({ city: z.string(), sky: z.string() }),
        run: async ({ city }) => ({ city, sky: city === 'Paris' ? 'grey' : 'blue' }),
      }),
    },
  }),
});

/** Quiet agents for tests. */
export const silent = { level: 'silent' } as const;
