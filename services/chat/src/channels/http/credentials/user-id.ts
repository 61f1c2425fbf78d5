import { z } from 'zod';

/**
 * A user id a credential may name: 1 to 200 characters, no whitespace, no control, format (bidi,
 * zero-width) or unassigned characters. The principal is `http:<user id>`, so it must read the same
 * in a config file, a log line and an operator's listing.
 */
export const HttpUserIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s\p{C}]+$/u, 'must be 1 to 200 visible characters without spaces, e.g. "alice" or "user-42"');
