import { z } from 'zod';

/**
 * Who a memory belongs to: `agent` (shared by everyone the agent talks to), `user` (one
 * principal, across all their sessions) or `session` (one conversation or task run).
 */
export const ScopeLevelSchema = z.enum(['agent', 'user', 'session']);

/** One of `agent`, `user` or `session`. */
export type ScopeLevel = z.output<typeof ScopeLevelSchema>;
