import { HttpProblem, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import type { ShellApprovalsData } from '../api/shell-approvals-data.js';
import { viaAction } from './action-problem.js';
import type { ConsoleVariables } from './console-variables.js';

/** An approval id as the shell service makes them: 8 hex digits (longer ones are refused the same way). */
const APPROVAL_ID = /^[0-9a-f]{1,64}$/;

/** 404 when the shell service is not loaded, so the page can say so. */
function loaded<T>(value: T | null): T {
  if (value === null) throw new HttpProblem({ status: 404, code: 'SHELL_NOT_LOADED', message: 'The shell service (@downcity/shell) is not loaded in this agent.' });
  return value;
}

function approvalId(raw: string): string {
  if (!APPROVAL_ID.test(raw)) throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `"${raw.slice(0, 64)}" is not an approval id: use the 8 hex digits the request shows.` });
  return raw;
}

/**
 * Shell approvals of the console's JSON API: `GET shell/pending` (`{ pending: [...] | null }`, null without the shell
 * service), `GET shell/answered` (the newest answers from the audit log), `POST shell/:id/approve` and
 * `POST shell/:id/deny` (the outcome, with the command's exit code and output when it ran). The console answers as
 * the operator (decision 0016).
 */
export function addShellApprovalRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: { api: string; shell: ShellApprovalsData }): void {
  const { api, shell } = options;
  app.get(`${api}/shell/pending`, async (c) => c.json({ pending: await viaAction(() => shell.pending()) }));
  app.get(`${api}/shell/answered`, async (c) => c.json({ answered: await viaAction(() => shell.answered(20)) }));
  app.post(`${api}/shell/:id/approve`, async (c) => c.json(loaded(await viaAction(() => shell.answer(approvalId(c.req.param('id')), true)))));
  app.post(`${api}/shell/:id/deny`, async (c) => c.json(loaded(await viaAction(() => shell.answer(approvalId(c.req.param('id')), false)))));
}
