/**
 * `@downcity/http`: the one HTTP surface of a Downcity agent (decision 0013). `createHttpSurface` implements
 * core's `HttpSurface` on Hono and `@hono/node-server`; `createRouteApp` and the middleware give every route
 * (the HTTP channel, the platform webhooks, the control API) the same request ids, body limits, content-type
 * and bearer checks, and JSON error bodies.
 *
 * @packageDocumentation
 */
export { createHttpSurface, type HttpSurfaceOptions } from './surface/create-http-surface.js';
export { createRouteApp, type RouteAppOptions } from './app/create-route-app.js';
export type { RouteContext, RouteEnv, RouteVariables } from './app/route-env.js';
export { remoteAddress } from './app/remote-address.js';
export { openTextStream, type TextStream, type TextStreamOptions } from './app/text-stream.js';
export { listen, type Listener, type ListenOptions, type NodeFetchHandler } from './listen/listen.js';
export { HttpProblem, JSON_CONTENT_TYPE, problemResponse, type HttpProblemOptions, type ProblemField } from './problem/http-problem.js';
export { sendProblem } from './problem/send-problem.js';
export { jsonResponse } from './problem/json-response.js';
export { requestId } from './app/request-id.js';
export { limitBody, type LimitBodyOptions } from './middleware/limit-body.js';
export { requireJson } from './middleware/require-json.js';
export { bearerCredential, type BearerCredentialOptions } from './middleware/bearer-credential.js';
export { secretEquals } from './secret/secret-equals.js';
