/**
 * The origin to print in a sign-in link: a surface bound to every interface (`0.0.0.0`, `[::]`) reports that
 * address, which is no place to browse to; the link points at this machine's loopback instead, which is also the
 * only address the console answers by default.
 */
export function browsableOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  else if (url.hostname === '[::]') url.hostname = '[::1]';
  return url.origin;
}
