import { definePlugin, type Handlers, type InstructionsContributor, type PointKind } from '@downcity/core';

/** A plugin attaching `handlers` to chat points, with an inline manifest. */
export function testPlugin(id: string, attaches: Record<string, PointKind>, handlers: Handlers, instructions?: InstructionsContributor) {
  return definePlugin({
    package: {
      name: `test-${id}`,
      version: '1.0.0',
      downcity: {
        kind: 'plugin',
        id,
        requires: { chat: '^0.1.0' },
        attaches: Object.fromEntries(Object.entries(attaches).map(([point, kind]) => [point, { kind }])),
      },
    },
    setup: () => ({ handlers, ...(instructions ? { instructions } : {}) }),
  });
}
