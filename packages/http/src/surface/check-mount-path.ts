import { DowncityError, ErrorCodes } from '@downcity/core';

const SEGMENT = /^[A-Za-z0-9._~!$&'()+,;=@%-]+$/;

/**
 * Checks a route's path prefix: `/`, or `/` followed by plain segments, without a trailing slash or Hono
 * pattern characters (`*`, `:`), so that prefixes compare as plain strings.
 *
 * @throws `CONFIG_INVALID` naming the route and what to change.
 */
export function checkMountPath(name: string, path: string): void {
  if (path === '/') return;
  const segments = path.split('/');
  if (segments[0] !== '' || segments.slice(1).some((segment) => !SEGMENT.test(segment))) {
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `The path "${path}" of ${name} is not a plain path prefix: start it with "/", leave out a trailing "/", "*" and ":", e.g. "/hooks/telegram".`,
    );
  }
}
