import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpProblem, JSON_CONTENT_TYPE } from './http-problem.js';

/** Answers with the problem's JSON body, status and headers (keeping headers set earlier, such as `X-Request-Id`). */
export function sendProblem(c: Context, problem: HttpProblem): Response {
  return c.json(problem.toJSON(), problem.status as ContentfulStatusCode, { 'content-type': JSON_CONTENT_TYPE, ...problem.headers });
}
