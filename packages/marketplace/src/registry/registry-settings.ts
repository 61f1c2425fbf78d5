import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { registerSecret } from '@downcity/core';
import { nerfDart, withTrailingSlash } from './nerf-dart.js';
import { parseNpmrc } from './parse-npmrc.js';

/** The public npm registry, used when nothing else is configured. */
export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** Where the marketplace finds its registry and credentials. */
export interface RegistryOptions {
  /** The registry URL; wins over env and `.npmrc`. */
  registry?: string;
  /** A token for that registry (sent as `Authorization: Bearer`); wins over `.npmrc`. Never logged. */
  token?: string;
  /** The project folder whose `.npmrc` is read (after the user's `~/.npmrc`). */
  projectDir?: string;
  /** Environment for `npm_config_registry`, `npm_config_userconfig` and `${NAME}` in `.npmrc` (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** The fetch implementation (default the global `fetch`). */
  fetch?: typeof fetch;
}

/** The resolved registry settings. */
export interface RegistrySettings {
  /** The default registry URL, ending in `/`. */
  registry: string;
  /** Registries for scopes, e.g. `{ '@acme': 'https://npm.acme.dev/' }`. */
  scopes: Record<string, string>;
  /** Whether `registry` was given explicitly (options or env) rather than read from `.npmrc`. */
  explicitRegistry: boolean;
  /** The token given in options, if any. */
  explicitToken?: string;
  /** Authorization header values by nerf dart (`//host/path/`). Never logged. */
  auth: Record<string, string>;
  /** The environment the settings were read from; package managers run with it too. */
  env: Record<string, string | undefined>;
  /** The fetch implementation. */
  fetch: typeof fetch;
}

async function readNpmrc(file: string, env: Record<string, string | undefined>): Promise<Record<string, string>> {
  try {
    return parseNpmrc(await readFile(file, 'utf8'), env);
  } catch {
    return {};
  }
}

function envSetting(env: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = `npm_config_${name}`;
  for (const [key, value] of Object.entries(env)) if (key.toLowerCase() === wanted && value) return value;
  return undefined;
}

/**
 * Resolves the registry as npm does: options, then `npm_config_registry`, then the project's
 * `.npmrc`, then the user's `~/.npmrc`, then the public registry. Tokens come from options or from
 * `//host/path/:_authToken` (or `:_auth`) lines, and are registered as secrets so no log or
 * error message shows them.
 */
export async function resolveRegistrySettings(options: RegistryOptions = {}): Promise<RegistrySettings> {
  const env = options.env ?? process.env;
  const userconfig = envSetting(env, 'userconfig') ?? path.join(os.homedir(), '.npmrc');
  const merged = { ...(await readNpmrc(userconfig, env)) };
  if (options.projectDir) Object.assign(merged, await readNpmrc(path.join(options.projectDir, '.npmrc'), env));
  const fromEnv = envSetting(env, 'registry');
  const registry = withTrailingSlash(options.registry ?? fromEnv ?? merged.registry ?? DEFAULT_REGISTRY);
  const scopes: Record<string, string> = {};
  const auth: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) {
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope?.[1]) scopes[scope[1]] = withTrailingSlash(value);
    const token = /^(\/\/.+?)\/?:_authToken$/.exec(key);
    if (token?.[1]) auth[`${token[1]}/`] = `Bearer ${value}`;
    const basic = /^(\/\/.+?)\/?:_auth$/.exec(key);
    if (basic?.[1]) auth[`${basic[1]}/`] = `Basic ${value}`;
    if (token || basic) registerSecret(value);
  }
  if (options.token) {
    registerSecret(options.token);
    auth[nerfDart(registry)] = `Bearer ${options.token}`;
  }
  return {
    registry,
    scopes,
    explicitRegistry: options.registry !== undefined || fromEnv !== undefined,
    explicitToken: options.token,
    auth,
    env,
    fetch: options.fetch ?? fetch,
  };
}

/** The registry a package name is fetched from (its scope's registry, else the default). */
export function registryFor(settings: RegistrySettings, name: string): string {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  return (scope && settings.scopes[scope]) || settings.registry;
}

/** The `Authorization` header for a URL: the configured credential with the longest matching nerf dart, if any. */
export function authorizationFor(settings: RegistrySettings, url: string): string | undefined {
  const target = nerfDart(url);
  let best: string | undefined;
  for (const key of Object.keys(settings.auth)) if (target.startsWith(key) && (!best || key.length > best.length)) best = key;
  return best === undefined ? undefined : settings.auth[best];
}
