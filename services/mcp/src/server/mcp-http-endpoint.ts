import { DowncityError, ErrorCodes, type ExecutionContext, type MountedRoute, type Principal } from '@downcity/core';
import { bearerCredential, createRouteApp, HttpProblem } from '@downcity/http';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { MISSING_TOKEN, principalOfToken, VERIFY_ACTION } from './authenticate-token.js';
import { createToolServer } from './create-tool-server.js';
import type { McpHttpServeConfig } from './serve-config.js';

/** The largest JSON-RPC request body the endpoint reads. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * Answers one MCP request statelessly: a fresh SDK server and transport per request (no `Mcp-Session-Id`),
 * bound to the request's principal, closed once the JSON answer is out. Any worker of a cluster can answer any
 * request, and nothing outlives it.
 */
async function answer(context: ExecutionContext, principal: Principal, request: Request): Promise<Response> {
  const server = createToolServer({
    source: { list: () => context.tools.list(), call: (name, input, { signal }) => context.tools.call(name, input, { principal, signal }) },
  });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}

/**
 * Mounts the streamable-HTTP MCP endpoint on the agent's HTTP surface (decision 0027): `POST <path>` with
 * `Authorization: Bearer <per-user token>`. A missing, malformed, unknown or revoked token is 401 (with
 * `WWW-Authenticate: Bearer`) before anything else; GET and DELETE are 405, as a stateless server offers no
 * stream and no session to end.
 *
 * @throws `DowncityError` `CONFIG_INVALID` when the agent has no HTTP surface or no chat service for its tokens.
 */
export async function mountMcpEndpoint(context: ExecutionContext, config: McpHttpServeConfig): Promise<MountedRoute> {
  if (!context.http) {
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, 'services.mcp.serve.http is set but the agent has no HTTP surface. Run it with the downcity CLI, or pass `http` (createHttpSurface from @downcity/http) to createAgent.');
  }
  if (!context.agent.packages().some((summary) => summary.actions.some((action) => action.name === VERIFY_ACTION))) {
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `services.mcp.serve.http authenticates with the chat service's per-user tokens, but no package provides "${VERIFY_ACTION}". Add @downcity/chat (a version with that action) to the agent, or remove services.mcp.serve.http.`,
    );
  }
  const app = createRouteApp<{ identity: Principal }>({ logger: context.logger });
  const methodNotAllowed = (): never => {
    throw new HttpProblem({ status: 405, code: 'METHOD_NOT_ALLOWED', message: 'This MCP endpoint is stateless: send every JSON-RPC request as a POST.', headers: { allow: 'POST' } });
  };
  app.use(bearerCredential<Principal>({ verify: (token) => principalOfToken(context, token), missingMessage: MISSING_TOKEN }));
  app.post('*', (c) => answer(context, c.get('identity'), c.req.raw));
  app.on(['GET', 'DELETE', 'PUT', 'PATCH'], '*', methodNotAllowed);
  return context.http.mount({
    name: 'the MCP endpoint',
    path: config.path,
    fetch: app.fetch,
    ...(config.port === undefined ? {} : { port: config.port }),
    ...(config.host === undefined ? {} : { host: config.host }),
  });
}
