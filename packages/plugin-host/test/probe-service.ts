import { defineAction, defineService, type ExtensionRunner, type GuardPoint, type PipelinePoint, type EffectPoint } from '@downcity/core';
import { z } from 'zod';

declare module '@downcity/core' {
  interface ExtensionPoints {
    'probe/check': GuardPoint<{ text: string; mode?: string }>;
    'probe/shape': PipelinePoint<Record<string, unknown>>;
    'probe/seen': EffectPoint<{ id: string; text: string }>;
  }
  interface Actions {
    'probe/secret': { input: Record<string, never>; output: { secret: string } };
  }
}

/** A test service declaring one point of each kind and an action no plugin is allowed to invoke. */
export function probeService(): { service: ReturnType<typeof defineService>; runner: () => ExtensionRunner } {
  let runner: ExtensionRunner | undefined;
  const service = defineService({
    package: {
      name: 'probe',
      version: '1.0.0',
      downcity: {
        id: 'probe',
        kind: 'service',
        extensionPoints: {
          'probe/check': { kind: 'guard', description: 'a guard' },
          'probe/shape': { kind: 'pipeline', description: 'a pipeline' },
          'probe/seen': { kind: 'effect', description: 'an effect' },
        },
        actions: { 'probe/secret': { description: 'returns a secret' } },
      },
    },
    setup: (context) => {
      runner = context.plugins;
      return {
        actions: { secret: defineAction({ description: 'secret', input: z.object({}), output: z.object({ secret: z.string() }), run: () => ({ secret: 's3cret' }) }) },
      };
    },
  });
  return {
    service,
    runner: () => {
      if (!runner) throw new Error('the probe service was not set up');
      return runner;
    },
  };
}
