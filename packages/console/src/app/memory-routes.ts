import { HttpProblem, limitBody, requireJson, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { MemoryData, MemoryFilter } from '../api/memory-data.js';
import { viaAction } from './action-problem.js';
import type { ConsoleVariables } from './console-variables.js';

const SCOPES = ['agent', 'user', 'session'] as const;

const ForgetBodySchema = z.object({ key: z.string().min(1).max(2_000).describe('The memory key from GET memory.') }).strict();

function isScope(value: string): value is (typeof SCOPES)[number] {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * The memory page's JSON API: `GET memory?query=&scope=&owner=` (`{ memories: [...] | null }`, null without the
 * memory service) and `POST memory/forget {"key"}` (`{ forgotten }`). The console calls the memory service's
 * operator actions (decision 0016).
 */
export function addMemoryRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: { api: string; memory: MemoryData }): void {
  const { api, memory } = options;
  app.get(`${api}/memory`, async (c) => {
    const pick = (name: string) => c.req.query(name)?.trim() || undefined;
    const scope = pick('scope');
    if (scope !== undefined && !isScope(scope)) {
      throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `scope must be one of ${SCOPES.join(', ')}, not "${scope.slice(0, 40)}".` });
    }
    const query = pick('query');
    const owner = pick('owner');
    const filter: MemoryFilter = { ...(query ? { query } : {}), ...(scope ? { scope } : {}), ...(owner ? { owner } : {}) };
    return c.json({ memories: await viaAction(() => memory.search(filter)) });
  });
  app.post(`${api}/memory/forget`, limitBody({ maxBytes: 4_096 }), requireJson(), async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = ForgetBodySchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: 'Send {"key": "<memory key>"} with the key from GET memory.' });
    const forgotten = await viaAction(() => memory.forget(parsed.data.key));
    if (forgotten === null) throw new HttpProblem({ status: 404, code: 'MEMORY_NOT_LOADED', message: 'The memory service (@downcity/memory) is not loaded in this agent.' });
    return c.json({ forgotten });
  });
}
