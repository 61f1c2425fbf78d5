import { z } from 'zod';
import { UsageSettingsSchema } from '../usage/usage-settings.js';
import { ModelSectionSchema } from '../model/model-config.js';
import { IsolationSettingsSchema } from './isolation-settings.js';
import { secret } from './secret.js';

/** The agent's own settings. */
export const AgentSettingsSchema = z
  .object({
    name: z.string().min(1).default('downcity').describe('The agent name, used in logs and prompts.'),
    instructions: z.string().default('You are a helpful assistant.').describe('The base system prompt.'),
    dataDir: z.string().default('.downcity').describe('Folder for the store and package files.'),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
    stopGraceMs: z.number().int().min(0).default(10_000).describe('How long stop() waits for in-flight turns before aborting them.'),
  })
  .strict();

/** Session settings. */
export const SessionSettingsSchema = z
  .object({
    window: z.number().int().min(1).max(1000).default(40).describe('How many stored messages a prompt includes.'),
    maxSteps: z.number().int().min(1).max(100).default(8).describe('Maximum model steps (tool round trips) per turn.'),
  })
  .strict();

/** Where the agent keeps its state. The CLI and the reference app create the store from this. */
export const StoreSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('libsql'), path: z.string().default('.downcity/downcity.db').describe('The database file.') }).strict(),
  z
    .object({
      kind: z.literal('postgres'),
      url: secret()
        .optional()
        .describe('postgres://user:password@host:5432/database. Default: the DOWNCITY_DATABASE_URL environment variable.'),
      schema: z.string().min(1).max(63).default('downcity').describe('The schema holding the tables, created on first start.'),
    })
    .strict()
    .describe('PostgreSQL (@downcity/store-postgres), for several workers on one database.'),
  z.object({ kind: z.literal('memory') }).strict().describe('In-memory; nothing survives a restart. For tests.'),
]);

/** The agent's shared HTTP surface (decision 0013): where the HTTP channel, webhooks and the console are served. */
export const HttpSettingsSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('Interface the shared HTTP surface listens on. Keep 127.0.0.1 unless a reverse proxy with TLS sits in front.'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65_535)
      .default(8787)
      .describe('Port of the shared HTTP surface (0 picks a free one). It listens only while something is served on it (the HTTP channel, a webhook).'),
    headersTimeoutMs: z
      .number()
      .int()
      .min(1_000)
      .default(10_000)
      .describe('A client must send all request headers within this time, else it gets 408 (slow-client protection).'),
    requestTimeoutMs: z
      .number()
      .int()
      .min(1_000)
      .default(60_000)
      .describe('A client must send the whole request (headers and body) within this time, else it gets 408. Does not limit how long an answer (a streamed reply) takes.'),
  })
  .strict()
  .refine((settings) => settings.headersTimeoutMs <= settings.requestTimeoutMs, { path: ['headersTimeoutMs'], message: 'must not be longer than requestTimeoutMs' });

/** The shared HTTP surface settings as validated. */
export type HttpSettings = z.output<typeof HttpSettingsSchema>;
/** The shared HTTP surface settings as written (every field optional). */
export type HttpSettingsInput = z.input<typeof HttpSettingsSchema>;

/** How this process runs as a worker of a cluster (`downcity start --worker`, decision 0020). Read by the CLI. */
export const ClusterSettingsSchema = z
  .object({
    concurrency: z
      .number({ error: 'must be a whole number of jobs, e.g. 10' })
      .int({ error: 'must be a whole number of jobs, e.g. 10' })
      .min(1, { error: 'must be at least 1: a worker runs at least one turn or job at a time' })
      .max(1000, { error: 'must be at most 1000; run more workers instead' })
      .default(10)
      .describe('How many turns and jobs one worker runs at once (`downcity start --worker`; `--concurrency N` overrides it).'),
  })
  .strict();

/** The cluster settings as validated. */
export type ClusterSettings = z.output<typeof ClusterSettingsSchema>;

/** The whole agent config. Package slices are validated by each package's own schema. */
export const AgentConfigSchema = z
  .object({
    agent: AgentSettingsSchema.default(AgentSettingsSchema.parse({})),
    use: z
      .array(z.string().min(1))
      .default([])
      .describe('npm packages to load (services, plugins and chat channels), e.g. ["@downcity/chat", "@downcity/auth"]. Read by the CLI.'),
    store: StoreSettingsSchema.default({ kind: 'libsql', path: '.downcity/downcity.db' }).describe('The store. Read by the CLI.'),
    http: HttpSettingsSchema.prefault({}).describe('The shared HTTP surface (HTTP channel, webhooks, console): one port, loopback by default. Read by the CLI.'),
    cluster: ClusterSettingsSchema.prefault({}).describe('How this process runs as one worker of a cluster on PostgreSQL (`downcity start --worker`). Read by the CLI.'),
    model: ModelSectionSchema.optional(),
    session: SessionSettingsSchema.default(SessionSettingsSchema.parse({})),
    services: z.record(z.string(), z.unknown()).default({}).describe('Config per service id.'),
    plugins: z.record(z.string(), z.unknown()).default({}).describe('Config per plugin id.'),
    usage: UsageSettingsSchema.prefault({}).describe('Token prices (none built in) and daily budgets per principal.'),
    isolation: IsolationSettingsSchema.prefault({}).describe('Which plugins run in their own isolated process (decision 0028). Read by the CLI.'),
  })
  .strict();

/** The agent config as written. */
export type AgentConfigInput = z.input<typeof AgentConfigSchema>;
/** The agent config as validated. */
export type AgentConfig = z.output<typeof AgentConfigSchema>;

/**
 * Declares an agent config with type checking. An identity helper.
 *
 * @example
 * ```ts
 * export default defineConfig({ model: { provider: 'openai', model: 'gpt-4o-mini' } });
 * ```
 */
export function defineConfig<Config extends AgentConfigInput>(config: Config): Config {
  return config;
}
