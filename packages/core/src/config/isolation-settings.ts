import { z } from 'zod';

/**
 * Which plugins run in an isolated host (`@downcity/plugin-host`, decision 0028) instead of the agent's process.
 * Read by the CLI. Untrusted by default: every plugin installed from a registry that is not first-party runs isolated
 * unless `plugins.<id>: false` says otherwise.
 */
export const IsolationSettingsSchema = z
  .object({
    thirdParty: z
      .boolean()
      .default(true)
      .describe('Run every plugin installed from a registry that is not first-party (not @downcity/*) in its own isolated process, with its declared permissions enforced (default true; false imports them into the agent\'s process, as full trust).'),
    plugins: z
      .record(z.string(), z.boolean({ error: 'must be true (run isolated) or false (run in the agent\'s process)' }))
      .default({})
      .describe('Per plugin id: true runs it isolated, false in the agent\'s process; overrides thirdParty. Only installed packages can run isolated, not files of the project.'),
    network: z
      .enum(['auto', 'require', 'off'], { error: 'must be "auto", "require" or "off"' })
      .default('auto')
      .describe('How an isolated plugin that declares no network is cut off: auto uses bubblewrap when installed (else warns), require refuses to start without it, off does not try.'),
    maxHeapMb: z.number().int().min(16, { error: 'must be at least 16 (MiB)' }).default(128).describe('The heap limit of each isolated plugin host, in MiB.'),
  })
  .strict();

/** The isolation settings as validated. */
export type IsolationSettings = z.output<typeof IsolationSettingsSchema>;
