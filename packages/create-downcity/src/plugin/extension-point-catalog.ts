import type { DowncityPackageName } from '../dependencies/dependency-source.js';

/** What create-downcity knows about an extension point a scaffolded plugin can attach to. */
export interface KnownPoint {
  /** The point kind, as its service declares it. */
  kind: 'guard' | 'pipeline' | 'effect' | 'resolve';
  /** The id of the declaring service (`agent` is built into core). */
  service: string;
  /** The package that declares the point and its payload types. */
  package: DowncityPackageName;
}

/** The extension points of the first-party services, by name. */
export const KNOWN_POINTS = {
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
} as const satisfies Record<string, KnownPoint>;

/** A point name create-downcity can scaffold a handler for. */
export type KnownPointName = keyof typeof KNOWN_POINTS;

/** Every known point name, in catalog order. */
export const KNOWN_POINT_NAMES = Object.keys(KNOWN_POINTS) as KnownPointName[];
