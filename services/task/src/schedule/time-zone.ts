/**
 * Whether `timeZone` is an IANA time zone this runtime knows (checked with `Intl`, the same
 * database the scheduler computes with), e.g. `Europe/Berlin`, `America/New_York` or `UTC`.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
