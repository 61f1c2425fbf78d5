import type { Context } from 'hono';
import type { HttpProblem } from './http-problem.js';
import { jsonResponse } from './json-response.js';

/** Answers with the problem's JSON body, status and headers, and the request's `X-Request-Id`. */
export function sendProblem(c: Context, problem: HttpProblem): Response {
  return jsonResponse(c, problem.toJSON(), problem.status, problem.headers);
}
