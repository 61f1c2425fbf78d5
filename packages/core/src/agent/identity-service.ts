import { z } from 'zod';
import { defineAction } from '../action/action.js';
import { defineService } from '../definition/define-service.js';
import { coreVersion } from '../version.js';
import type { Identity } from './identity.js';
import { usageActionManifest, usageActions } from '../usage/usage-actions-definition.js';
import type { UsageLedger } from '../usage/usage-ledger.js';

const PrincipalSchema = z.object({
  id: z.string().min(1),
  channel: z.string().optional(),
  account: z.string().optional(),
  displayName: z.string().optional(),
  conversation: z.enum(['direct', 'group']).optional(),
  authenticatedBy: z.enum(['platform', 'user-credential', 'shared-credential', 'operator']).optional(),
});

const IdentitySchema = z.object({
  principalId: z.string(),
  role: z.enum(['owner', 'admin', 'member', 'guest']),
  known: z.boolean(),
  canonicalId: z.string().optional(),
});

/**
 * The agent's built-in service (id `agent`), loaded first in every agent. It declares the
 * `agent/identity` resolve point, which an identity provider such as `@downcity/auth` answers,
 * and the `agent/identity` action any package can call to ask it; with the agent's usage ledger, also the
 * `agent/usage` and `agent/budget` actions.
 */
export const agentService = (usage: () => UsageLedger | undefined = () => undefined) =>
  defineService({
    package: {
      name: '@downcity/core',
      version: coreVersion,
      downcity: {
        id: 'agent',
        kind: 'service',
        displayName: 'Agent',
        extensionPoints: {
          'agent/identity': { kind: 'resolve', description: 'Who a principal is and what role it has (owner, admin, member, guest).', payload: 'IdentityQuery -> Identity' },
        },
        actions: { 'agent/identity': { description: 'Who a principal is and what role it has.', tool: false }, ...usageActionManifest },
      },
    },
    setup: (context) => ({
      actions: {
        identity: defineAction({
          description: 'Who a principal is and what role it has.',
          input: z.object({ principal: PrincipalSchema }),
          output: IdentitySchema,
          run: ({ principal }) =>
            context.plugins.resolve('agent/identity', { principal }, (): Identity => ({ principalId: principal.id, role: 'member', known: false })),
        }),
        ...usageActions(usage),
      },
    }),
  });

/** The agent's built-in service without a usage ledger (its `agent/usage` and `agent/budget` fail with `AGENT_STATE`). */
export const identityService = agentService();
