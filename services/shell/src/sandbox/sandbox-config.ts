import { z } from 'zod';

/** How commands are isolated, shared by one-shot execution and persistent shell sessions. */
export const sandboxConfigSchema = z.strictObject({
  sandbox: z
    .enum(['bwrap', 'none'])
    .default('bwrap')
    .describe('"bwrap" isolates commands with bubblewrap (Linux); "none" runs them directly on the host, only for trusted setups.'),
  network: z.boolean().default(false).describe('Whether sandboxed commands may use the network.'),
  timeoutMs: z.number().int().positive().default(30_000).describe('Kill the command and everything it started after this long.'),
  maxOutputBytes: z
    .number()
    .int()
    .positive()
    .default(256 * 1024)
    .describe('Keep at most this many bytes of stdout and of stderr; the rest is counted and dropped.'),
  envAllowlist: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/))
    .default(['PATH', 'LANG', 'TERM'])
    .describe('Host environment variables passed to commands. HOME is always the workspace.'),
  bwrapPath: z.string().min(1).optional().describe('Path to the bwrap binary; found on PATH when unset.'),
  readOnlyPaths: z
    .array(z.string().startsWith('/'))
    .default([])
    .describe('Extra host paths made visible read-only inside the sandbox, e.g. "/opt/toolchain".'),
});

/** Sandbox settings after defaults are applied. */
export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

/** Sandbox settings as written, before defaults are applied. */
export type SandboxConfigInput = z.input<typeof sandboxConfigSchema>;

/**
 * Reads the sandbox settings out of a larger options object and applies defaults.
 *
 * @param options - any object carrying sandbox settings
 */
export function parseSandboxConfig(options: SandboxConfigInput): SandboxConfig {
  const { sandbox, network, timeoutMs, maxOutputBytes, envAllowlist, bwrapPath, readOnlyPaths } = options;
  return sandboxConfigSchema.parse({ sandbox, network, timeoutMs, maxOutputBytes, envAllowlist, bwrapPath, readOnlyPaths });
}
