import type { Context } from 'hono';
import { markRequestId, requestIdHeader } from '../app/request-id.js';
import { JSON_CONTENT_TYPE } from './http-problem.js';

/**
 * A JSON answer (`application/json; charset=utf-8`) with the request's `X-Request-Id` and `headers`, built with
 * plain header objects so `@hono/node-server` writes it without WHATWG `Headers` (the fast path for every chat
 * reply). Headers set earlier with `c.header()` are not added: pass them in `headers`.
 */
export function jsonResponse(c: Context, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return markRequestId(c, new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...requestIdHeader(c.get('requestId')), ...headers } }));
}
