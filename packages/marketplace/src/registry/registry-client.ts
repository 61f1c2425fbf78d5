import { ErrorCodes } from '@downcity/core';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import type { Packument, SearchHit } from './packument.js';
import { authorizationFor, registryFor, type RegistrySettings } from './registry-settings.js';

const TIMEOUT_MS = 30_000;

/** Reads packages from an npm registry. */
export interface RegistryClient {
  /** The settings in use. */
  readonly settings: RegistrySettings;
  /** Runs the search API with `text` and returns its hits. */
  search(text: string, size: number): Promise<SearchHit[]>;
  /** The package document of `name`. */
  packument(name: string): Promise<Packument>;
  /** Downloads a tarball. */
  tarball(url: string): Promise<Buffer>;
}

/** Creates a registry client. Tokens are sent only to the registry they belong to. */
export function createRegistryClient(settings: RegistrySettings): RegistryClient {
  async function get(url: string, what: string, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const authorization = authorizationFor(settings, url);
    if (authorization) headers.authorization = authorization;
    let response: Response;
    try {
      response = await settings.fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw marketplaceError(ErrorCodes.INTERNAL, `Cannot reach the registry for ${what} (${new URL(url).origin}): ${(error as Error).message}. Check the registry URL and your network.`, {
        reason: FailureReasons.registryFailed,
        cause: error,
        details: { url },
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw marketplaceError(
        ErrorCodes.DENIED,
        `The registry ${new URL(url).origin} refused ${what} (${response.status}). For a private registry, add "${authHint(url)}:_authToken=<token>" to .npmrc or pass a token.`,
        { reason: FailureReasons.registryUnauthorized, details: { url, status: response.status } },
      );
    }
    return response;
  }

  async function json<T>(url: string, what: string): Promise<T | undefined> {
    const response = await get(url, what, 'application/json');
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw marketplaceError(ErrorCodes.INTERNAL, `The registry answered ${response.status} for ${what} (${url}). Try again later or check the registry.`, {
        reason: FailureReasons.registryFailed,
        details: { url, status: response.status },
      });
    }
    return (await response.json()) as T;
  }

  return {
    settings,
    async search(text, size) {
      const url = new URL('-/v1/search', settings.registry);
      url.searchParams.set('text', text);
      url.searchParams.set('size', String(size));
      const body = await json<{ objects?: SearchHit[] }>(url.href, `search "${text}"`);
      return body?.objects ?? [];
    },
    async packument(name) {
      const registry = registryFor(settings, name);
      const url = new URL(name.replace('/', '%2f'), registry).href;
      const body = await json<Packument>(url, `package ${name}`);
      if (!body) {
        throw marketplaceError(ErrorCodes.INPUT_INVALID, `No package named "${name}" on ${registry}. Check the name, or the registry in .npmrc.`, {
          reason: FailureReasons.notFound,
          details: { name, registry },
        });
      }
      return body;
    },
    async tarball(url) {
      const response = await get(url, `tarball ${url}`, 'application/octet-stream');
      if (!response.ok) {
        throw marketplaceError(ErrorCodes.INTERNAL, `Downloading ${url} failed with ${response.status}.`, {
          reason: FailureReasons.registryFailed,
          details: { url, status: response.status },
        });
      }
      return Buffer.from(await response.arrayBuffer());
    },
  };
}

function authHint(url: string): string {
  const parsed = new URL(url);
  return `//${parsed.host}/`;
}
