import type { PointKind } from '@downcity/core';

/** An extension point of a first-party Downcity service, as its service declares it. */
export interface FirstPartyPoint {
  /** The point kind. */
  kind: PointKind;
  /** The id of the declaring service (`agent` is built into core). */
  service: string;
  /** The package that declares the point and its payload types. */
  package: string;
}

/**
 * The extension points of the first-party services, by name. The lint checks attachments to them
 * against their declared kinds (the agent refuses to start otherwise); create-downcity scaffolds
 * typed handlers for them.
 */
export const FIRST_PARTY_POINTS = {
  'chat/authorize': { kind: 'guard', service: 'chat', package: '@downcity/chat' },
  'chat/inbound': { kind: 'pipeline', service: 'chat', package: '@downcity/chat' },
  'chat/before-reply': { kind: 'pipeline', service: 'chat', package: '@downcity/chat' },
  'chat/after-reply': { kind: 'effect', service: 'chat', package: '@downcity/chat' },
  'chat/session': { kind: 'resolve', service: 'chat', package: '@downcity/chat' },
  'task/before-run': { kind: 'guard', service: 'task', package: '@downcity/task' },
  'task/after-run': { kind: 'effect', service: 'task', package: '@downcity/task' },
  'shell/before-exec': { kind: 'guard', service: 'shell', package: '@downcity/shell' },
  'shell/after-exec': { kind: 'effect', service: 'shell', package: '@downcity/shell' },
  'agent/identity': { kind: 'resolve', service: 'agent', package: '@downcity/core' },
} as const satisfies Record<string, FirstPartyPoint>;

/** A first-party point name. */
export type FirstPartyPointName = keyof typeof FIRST_PARTY_POINTS;
