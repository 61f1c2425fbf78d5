import { FIRST_PARTY_POINTS } from '@downcity/marketplace';
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

/**
 * The extension points of the first-party services, by name: `@downcity/marketplace`'s catalog, which the
 * manifest lint checks attachment kinds against, so scaffold and lint never disagree.
 */
export const KNOWN_POINTS = FIRST_PARTY_POINTS satisfies Record<string, KnownPoint>;

/** A point name create-downcity can scaffold a handler for. */
export type KnownPointName = keyof typeof KNOWN_POINTS;

/** Every known point name, in catalog order. */
export const KNOWN_POINT_NAMES = Object.keys(KNOWN_POINTS) as KnownPointName[];
