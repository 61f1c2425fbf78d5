import { createHash } from 'node:crypto';

/** Longest readable part of a workspace directory name. */
const MAX_SLUG_LENGTH = 40;

/**
 * The directory name of one principal's (or session's) workspace: a readable slug of the key
 * (lower-case letters, digits and `_`, at most 40 characters) and 16 hex characters of its SHA-256,
 * e.g. `http_alice-3f9a1c20d4e5b6a7`. The name never contains a separator, a dot or `..`, and two
 * keys that share a slug (`http:a/b` and `http:a_b`) still get different directories.
 *
 * @param key - the principal id, session id, or caller the workspace belongs to
 */
export function workspaceDirectoryName(key: string): string {
  const slug = key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_SLUG_LENGTH);
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
  return `${slug || 'workspace'}-${hash}`;
}
