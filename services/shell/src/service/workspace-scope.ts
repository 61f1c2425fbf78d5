import { z } from 'zod';

/** Who shares a workspace. */
export const workspaceScopeSchema = z
  .enum(['principal', 'session', 'shared'])
  .describe(
    '"principal": each principal (chat user, else the caller) gets its own workspace folder and never sees another\'s; ' +
      '"session": each agent session gets its own; "shared": everyone uses the workspace folder itself (the old behaviour; only for a single trusted user).',
  );

/** Who shares a workspace. */
export type WorkspaceScope = z.infer<typeof workspaceScopeSchema>;
