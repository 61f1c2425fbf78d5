import { z } from 'zod';
import { RuntimeActionsSchema } from './runtime-actions-schema.js';

/** A package id: lowercase words joined by `-`, e.g. `chat`, `asr`, `acme-weather`. */
export const PackageIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes, starting with a letter (e.g. "chat", "acme-weather")');

/** An extension point name: `<service id>/<point>`, e.g. `chat/authorize`. */
export const PointNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'must be "<service id>/<point name>" in lowercase, e.g. "chat/authorize"');

/** The four extension point kinds. */
export const PointKindSchema = z.enum(['guard', 'pipeline', 'effect', 'resolve']);

/** An extension point a service declares. */
export const DeclaredPointSchema = z.object({
  kind: PointKindSchema.describe('guard: may deny; pipeline: transforms a value; effect: observes after the fact; resolve: exactly one provider answers'),
  description: z.string().min(1).describe('What the point is for and what its payload holds.'),
  payload: z.string().optional().describe('The TypeScript type name of the payload, for documentation.'),
});

/** An extension point a plugin (or service) attaches to. */
export const AttachmentSchema = z.object({
  kind: PointKindSchema.describe('Must equal the kind the declaring service gives the point.'),
  priority: z.number().int().optional().describe('Lower runs first; ties keep load order. Default 0.'),
  optional: z.boolean().optional().describe('Skip this attachment when the declaring service is not installed, instead of refusing to start.'),
});

/** The permissions a package needs; shown to users before install. */
export const PermissionsSchema = z
  .object({
    network: z.union([z.boolean(), z.array(z.string().min(1))]).default(false).describe('true, or the hosts it talks to.'),
    exec: z.boolean().default(false).describe('Whether it runs programs.'),
    filesystem: z.enum(['none', 'read', 'workspace', 'full']).default('none').describe('The widest file access it needs.'),
    secrets: z.array(z.string().min(1)).default([]).describe('Names of the secrets (config keys or env variables) it reads.'),
    logs: z
      .boolean()
      .optional()
      .describe("Whether it reads the agent's recent log lines (redacted), e.g. to show them to the operator: context.logs."),
    uses: z
      .array(
        // Runtime actions (`context.actions`, e.g. `mcp/<server>/<tool>`) may hold capitals, `_`, `.` and more `/`.
        z.string().regex(/^[a-z][a-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_./-]{0,199}$/, 'must be an action name "<package id>/<action>", e.g. "memory/search" or "mcp/github/create_issue"'),
      )
      .default([])
      .describe("Actions of other packages it calls with context.invoke, e.g. \"memory/search\" (its own need no entry). An isolated plugin may invoke only these."),
  })
  .strict();

/** A semver range, e.g. `^0.1.0`. Checked by the agent at start. */
const RangeSchema = z.string().min(1, 'must be a semver range such as "^0.1.0"');

const BaseManifestSchema = z.object({
  id: PackageIdSchema.describe('The id used in config (`services.<id>`, `plugins.<id>`) and in point names.'),
  displayName: z.string().optional().describe('A human name for listings.'),
  requires: z.record(PackageIdSchema, RangeSchema).default({}).describe('Services this package needs, by id, with semver ranges.'),
  attaches: z.record(PointNameSchema, AttachmentSchema).default({}).describe('Extension points this package attaches handlers to.'),
  permissions: PermissionsSchema.default({ network: false, exec: false, filesystem: 'none', secrets: [], uses: [] }),
  config: z.record(z.string(), z.unknown()).optional().describe('JSON Schema of the package config (generated from its zod schema).'),
});

const ActionsSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'must be "<package id>/<action>" in lowercase'), z.object({ description: z.string().min(1), tool: z.boolean().default(false) }))
  .default({});

/** The manifest of a service package. */
export const ServiceManifestSchema = BaseManifestSchema.extend({
  kind: z.literal('service'),
  extensionPoints: z.record(PointNameSchema, DeclaredPointSchema).default({}).describe('Extension points this service declares, named `<id>/<point>`.'),
  actions: ActionsSchema.describe('Actions other packages (and, with `tool`, the model) can invoke, named `<id>/<action>`.'),
  runtimeActions: RuntimeActionsSchema.optional().describe('Actions the service adds and removes while it runs, named `<id>/<name>` (see `context.actions`).'),
}).strict();

/**
 * The manifest of a plugin package. Plugins declare no extension points; they may expose
 * actions that manage their own state (e.g. `auth/grant`), never a main path.
 */
export const PluginManifestSchema = BaseManifestSchema.extend({
  kind: z.literal('plugin'),
  actions: ActionsSchema.describe('Actions that manage the plugin\'s own state, named `<id>/<action>`.'),
}).strict();

/** The `downcity` field of a service or plugin package.json. */
export const ManifestSchema = z.discriminatedUnion('kind', [ServiceManifestSchema, PluginManifestSchema]);

/** A validated manifest. */
export type Manifest = z.output<typeof ManifestSchema>;
/** A validated service manifest. */
export type ServiceManifest = z.output<typeof ServiceManifestSchema>;
/** A validated plugin manifest. */
export type PluginManifest = z.output<typeof PluginManifestSchema>;
/** A manifest as written in package.json (defaults not applied). */
export type ManifestInput = z.input<typeof ManifestSchema>;
/** One of the four extension point kinds. */
export type PointKind = z.output<typeof PointKindSchema>;
/** Permissions as validated. */
export type Permissions = z.output<typeof PermissionsSchema>;
