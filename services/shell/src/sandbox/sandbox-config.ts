import { z } from 'zod';

/** The uid and gid sandboxed commands run as when the agent itself runs as root (see {@link sandboxConfigSchema}). */
export const DEFAULT_SANDBOX_ID = 65_532;

const sandboxId = (what: 'uid' | 'gid') =>
  z
    .number()
    .int()
    .min(1, `the sandbox ${what} must not be 0 (root)`)
    .max(2_147_483_647)
    .default(DEFAULT_SANDBOX_ID)
    .describe(
      `The ${what} commands run as. When the agent runs as root, bubblewrap itself is started as this ${what} (never as root), so it must not belong to a real account; ` +
        `when the agent runs as another user, commands run as that user, shown as this ${what} inside the sandbox. Default ${DEFAULT_SANDBOX_ID}, in the range Debian reserves (65000-65533) so no account has it by default.`,
    );

/** How commands are isolated, shared by one-shot execution and persistent shell sessions. */
export const sandboxConfigSchema = z.strictObject({
  sandbox: z
    .enum(['bwrap', 'none'])
    .default('bwrap')
    .describe('"bwrap" isolates commands with bubblewrap (Linux); "none" runs them directly on the host, only for trusted setups.'),
  network: z.boolean().default(false).describe('Whether sandboxed commands may use the network.'),
  timeoutMs: z.number().int().positive().default(30_000).describe('Kill the command and everything it started after this long.'),
  maxOutputChars: z
    .number()
    .int()
    .min(256)
    .default(32 * 1024)
    .describe(
      'The most characters of output (stdout and stderr together, truncation markers included) a command returns, after control bytes are replaced; ' +
        'newline, tab, quote and backslash count twice, as JSON escapes them, so the JSON the model reads stays within this.',
    ),
  envAllowlist: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/))
    .default(['PATH', 'LANG', 'TERM'])
    .describe('Host environment variables passed to commands. HOME is always the workspace.'),
  bwrapPath: z
    .string()
    .min(1)
    .optional()
    .describe('Path to the bwrap binary; found on PATH when unset. When the agent runs as root it is started as sandboxUid, which must be able to execute it.'),
  readOnlyPaths: z
    .array(z.string().startsWith('/'))
    .default([])
    .describe('Extra host paths made visible read-only inside the sandbox, e.g. "/opt/toolchain". The sandbox uid must be able to reach and read them.'),
  sandboxUid: sandboxId('uid'),
  sandboxGid: sandboxId('gid'),
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
  const { sandbox, network, timeoutMs, maxOutputChars, envAllowlist, bwrapPath, readOnlyPaths, sandboxUid, sandboxGid } = options;
  return sandboxConfigSchema.parse({ sandbox, network, timeoutMs, maxOutputChars, envAllowlist, bwrapPath, readOnlyPaths, sandboxUid, sandboxGid });
}
