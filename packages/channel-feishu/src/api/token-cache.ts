import type { Cache } from '@larksuiteoapi/node-sdk';

/** The SDK keys its cache by strings and `Symbol`s. */
type CacheKey = string | { toString(): string };

interface Entry {
  value: unknown;
  expiresAt: number | undefined;
}

/**
 * The SDK's token cache, one per adapter. The SDK's default cache is process-wide, so two agents
 * (or two tests) with the same app id would share tokens; this one is owned and can be cleared
 * when the platform says a token is invalid.
 */
export class TokenCache implements Cache {
  readonly #entries = new Map<string, Entry>();

  /** Stores `value` until `expire` (epoch ms), as the SDK's token manager asks. */
  set = async (key: CacheKey, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean> => {
    this.#entries.set(keyOf(key, options?.namespace), { value, expiresAt: expire });
    return true;
  };

  /** Returns the value while it has not expired. */
  get = async (key: CacheKey, options?: { namespace?: string }): Promise<unknown> => {
    const entry = this.#entries.get(keyOf(key, options?.namespace));
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) return undefined;
    return entry.value;
  };

  /** Forgets every cached token, so the next call fetches a fresh one. */
  clear(): void {
    this.#entries.clear();
  }
}

function keyOf(key: CacheKey, namespace: string | undefined): string {
  return `${namespace ?? ''}/${key.toString()}`;
}
