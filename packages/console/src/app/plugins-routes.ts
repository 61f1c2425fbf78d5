import { DowncityError, PermissionsSchema } from '@downcity/core';
import { HttpProblem, limitBody, requireJson, type RouteEnv } from '@downcity/http';
import { failureReasonOf, FailureReasons, isPackageName } from '@downcity/marketplace';
import type { Hono } from 'hono';
import { z } from 'zod';
import { PluginsReasons, type PluginsData } from '../api/plugins-data.js';
import type { ConsoleVariables } from './console-variables.js';
import { readBody } from './read-body.js';

/** What the plugins routes need. */
export interface PluginsRoutesOptions {
  /** The API prefix, e.g. `/console/api`. */
  api: string;
  /** The Plugins page's data. */
  plugins: PluginsData;
}

/** An exact version such as `1.2.0` or `2.0.0-beta.1`: the dialog confirms one version, never a range. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const MAX_QUERY = 200;

const PackageNameSchema = z.string().refine(isPackageName, 'must be an npm package name such as "@acme/downcity-weather"');
const VersionSchema = z.string().regex(EXACT_VERSION, 'must be an exact version such as "1.2.0"');

const AddBodySchema = z
  .object({
    name: PackageNameSchema,
    version: VersionSchema,
    acceptedPermissions: PermissionsSchema.required({ network: true, exec: true, filesystem: true, secrets: true })
      .nullable()
      .describe('The permissions the person accepted: network, exec, filesystem and secrets given (logs when asked for); null for a chat channel, which declares none.'),
  })
  .strict();

/** The status of a marketplace or Plugins page failure, by its `details.reason`. */
const STATUS_OF: Record<string, number> = {
  [PluginsReasons.projectUnknown]: 409,
  [PluginsReasons.changeRunning]: 409,
  [PluginsReasons.permissionsChanged]: 409,
  [FailureReasons.refused]: 409,
  [FailureReasons.useArrayNotFound]: 409,
  [FailureReasons.projectNotFound]: 409,
  [FailureReasons.packageManagerUnsupported]: 409,
  [FailureReasons.keywordMissing]: 422,
  [FailureReasons.manifestInvalid]: 422,
  [FailureReasons.coreIncompatible]: 422,
  [FailureReasons.loadFailed]: 422,
  [FailureReasons.notFound]: 404,
  [FailureReasons.noMatchingVersion]: 404,
  [FailureReasons.registryFailed]: 502,
  [FailureReasons.registryUnauthorized]: 502,
  [FailureReasons.installFailed]: 502,
};

/**
 * Runs a Plugins page call and turns a marketplace failure into an {@link HttpProblem}: the status by its reason, the
 * reason as the code (`core-incompatible` → `CORE_INCOMPATIBLE`) and the marketplace's message, which says what to do
 * (tokens are redacted from it). Anything else stays unexpected (logged, 500).
 */
async function viaMarketplace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = failureReasonOf(error);
    const status = reason === undefined ? undefined : STATUS_OF[reason];
    if (status === undefined || reason === undefined || !DowncityError.is(error)) throw error;
    throw new HttpProblem({ status, code: reason.toUpperCase().replaceAll('-', '_'), message: error.message, cause: error });
  }
}

function queryOrProblem<T>(name: string, value: string | undefined, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `Query ${name}=${JSON.stringify(value ?? '')}: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
}

/**
 * The Plugins page's JSON API (behind the session check; the add behind the CSRF check): `GET plugins` (installed,
 * restart needed), `GET plugins/market?q=` (registry search), `GET plugins/listing?name=&version=` (what an add would
 * install, with its checks and permissions) and `POST plugins/add {name, version, acceptedPermissions}` (refused with
 * 409 `PERMISSIONS_CHANGED` unless the accepted permissions equal what the package asks for).
 */
export function addPluginsRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: PluginsRoutesOptions): void {
  const { api, plugins } = options;
  app.get(`${api}/plugins`, async (c) => c.json(await viaMarketplace(() => plugins.installed())));
  app.get(`${api}/plugins/market`, async (c) => {
    const text = queryOrProblem('q', c.req.query('q') ?? '', z.string().max(MAX_QUERY, `at most ${MAX_QUERY} characters`));
    const words = text.split(/\s+/).filter(Boolean);
    return c.json({ results: await viaMarketplace(() => plugins.search(words)) });
  });
  app.get(`${api}/plugins/listing`, async (c) => {
    const name = queryOrProblem('name', c.req.query('name'), PackageNameSchema);
    const raw = c.req.query('version');
    const version = raw === undefined || raw === '' ? undefined : queryOrProblem('version', raw, VersionSchema);
    return c.json(await viaMarketplace(() => plugins.details(name, version)));
  });
  app.post(`${api}/plugins/add`, limitBody({ maxBytes: 16_384 }), requireJson(), async (c) => {
    const body = await readBody(c, AddBodySchema);
    return c.json(await viaMarketplace(() => plugins.add(body)));
  });
}
