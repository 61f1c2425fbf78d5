import { defineAction, defineService } from '@downcity/core';
import { z } from 'zod';

/** A service with one model tool, `weather/forecast` (the model calls it `weather_forecast`). */
export const weatherService = defineService({
  package: { name: 'test-weather', version: '1.0.0', downcity: { kind: 'service', id: 'weather', actions: { 'weather/forecast': { description: 'The forecast for a city.', tool: true } } } },
  setup: () => ({
    actions: {
      forecast: defineAction({
        description: 'The forecast for a city.',
        input: z.object({ city: z.string() }),
        output: z.object({ forecast: z.string() }),
        tool: true,
        run: ({ city }) => ({ forecast: `sunny in ${city}` }),
      }),
    },
  }),
});
