import type { Context } from 'hono';

/** The variables every route app sets: the request id (`X-Request-Id`, taken from the client when valid, else a new one). */
export interface RouteVariables {
  /** This request's id, also sent back as `X-Request-Id` and logged with every failure. */
  requestId: string;
}

/** The Hono environment of a route app, with a route's own variables (e.g. the authenticated identity). */
export interface RouteEnv<Variables extends object = object> {
  /** Per-request variables (`c.get` / `c.set`). */
  Variables: RouteVariables & Variables;
}

/** The request context inside a route app. */
export type RouteContext<Variables extends object = object> = Context<RouteEnv<Variables>>;
