/** The `downcity.config.ts` that `downcity init` writes. */
export function configTemplate(name: string): string {
  return `import { defineConfig } from '@downcity/core';

// The whole agent in one file. \${NAME} is replaced from the environment (and .env);
// \${NAME:-fallback} gives a default. Check it with \`downcity config validate\`.
export default defineConfig({
  agent: {
    name: ${JSON.stringify(name)},
    instructions: 'You are a helpful assistant.',
  },
  // The model. Or leave this out and set DOWNCITY_MODEL (e.g. openai:gpt-4o-mini) in .env.
  // model: { provider: 'openai', model: 'gpt-4o-mini' },
  store: { kind: 'libsql', path: '.downcity/downcity.db' },
  // The one HTTP port of the agent, shared by the HTTP channel and the webhooks (these are the defaults).
  http: { host: '127.0.0.1', port: 8787 },
  use: ['@downcity/chat'],
  services: {
    chat: {
      channels: {
        terminal: true,
        // Per-user tokens: downcity auth token create <user>. The shared token speaks only as http:shared.
        // http: { token: '\${DOWNCITY_HTTP_TOKEN}' },
      },
    },
  },
});
`;
}
