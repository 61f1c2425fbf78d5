import { createHash } from 'node:crypto';

/** The outcome of {@link checkIntegrity}. */
export interface IntegrityCheck {
  /** Whether the bytes match. */
  ok: boolean;
  /** The algorithm compared (`sha512`, `sha1`...). */
  algorithm?: string;
  /** The digest computed from the bytes, in the registry's format. */
  actual?: string;
  /** What the registry says. */
  expected?: string;
}

const STRENGTH = ['sha512', 'sha384', 'sha256', 'sha1'];

/**
 * Compares bytes with a registry's `dist.integrity` (Subresource Integrity, strongest algorithm
 * first) or, lacking one, the legacy hex `dist.shasum`.
 */
export function checkIntegrity(bytes: Buffer, integrity: string | undefined, shasum: string | undefined): IntegrityCheck {
  const entries = (integrity ?? '')
    .split(/\s+/)
    .map((item) => /^(sha\d+)-([A-Za-z0-9+/=]+)/.exec(item))
    .flatMap((match) => (match?.[1] && match[2] ? [{ algorithm: match[1], digest: match[2] }] : []))
    .filter((entry) => STRENGTH.includes(entry.algorithm))
    .sort((a, b) => STRENGTH.indexOf(a.algorithm) - STRENGTH.indexOf(b.algorithm));
  const strongest = entries[0];
  if (strongest) {
    const actual = createHash(strongest.algorithm).update(bytes).digest('base64');
    return { ok: actual === strongest.digest, algorithm: strongest.algorithm, actual: `${strongest.algorithm}-${actual}`, expected: `${strongest.algorithm}-${strongest.digest}` };
  }
  if (shasum) {
    const actual = createHash('sha1').update(bytes).digest('hex');
    return { ok: actual === shasum.toLowerCase(), algorithm: 'sha1', actual, expected: shasum };
  }
  return { ok: false };
}
