import { defineConfig, type ModelConfigInput } from '@downcity/core';

// The reference agent. Everything is on embedded defaults (a libSQL file in .downcity/, the
// terminal channel); the other channels turn on when their variables are set (see .env.example).
// `${NAME}` and `${NAME:-default}` are replaced from the environment and .env when the config loads.
const env = process.env;
const has = (...names: string[]): boolean => names.every((name) => Boolean(env[name]));

// OPENAI_API_KEY or ANTHROPIC_API_KEY alone is enough; DOWNCITY_MODEL (e.g. ollama:qwen2.5:7b) overrides.
function model(): ModelConfigInput | undefined {
  if (has('OPENAI_API_KEY')) return { provider: 'openai', model: env.OPENAI_MODEL ?? 'gpt-4o-mini' };
  if (has('ANTHROPIC_API_KEY')) return { provider: 'anthropic', model: env.ANTHROPIC_MODEL ?? 'claude-sonnet-4-5' };
  return undefined;
}
const chosen = model();

// The person at the keyboard of `pnpm start` owns the agent; DOWNCITY_OWNERS adds more, e.g. "telegram:123456".
const owners = ['terminal:local', ...(env.DOWNCITY_OWNERS ?? '').split(',').map((owner) => owner.trim()).filter(Boolean)];

export default defineConfig({
  agent: {
    name: 'downcity-reference',
    // How long a stop (Ctrl-C, SIGTERM) waits for in-flight replies; keep it below systemd's TimeoutStopSec.
    stopGraceMs: Number(env.DOWNCITY_STOP_GRACE_MS ?? 10_000),
    instructions:
      'You are the Downcity reference agent. Be brief. Remember lasting facts users tell you with memory_remember, ' +
      'recall them with memory_recall, and run commands in your workspace with shell_exec when asked.',
  },
  ...(chosen ? { model: chosen } : {}),
  store: { kind: 'libsql', path: '.downcity/downcity.db' },
  // The agent's one HTTP port: the console, the HTTP channel and the webhooks (QQ, and Telegram or Feishu in webhook mode).
  http: { host: '${DOWNCITY_HTTP_HOST:-127.0.0.1}', port: Number(env.DOWNCITY_HTTP_PORT ?? 8787) },
  use: [
    '@downcity/chat',
    '@downcity/channel-telegram',
    '@downcity/channel-feishu',
    '@downcity/channel-qq',
    './src/tasks.ts',
    '@downcity/memory',
    '@downcity/shell',
    '@downcity/asr',
    '@downcity/auth',
    '@downcity/console',
  ],
  services: {
    chat: {
      channels: {
        terminal: {},
        ...(has('DOWNCITY_HTTP_TOKEN')
          ? { http: { token: '${DOWNCITY_HTTP_TOKEN}' } }
          : {}),
        ...(has('TELEGRAM_BOT_TOKEN') ? { telegram: { token: '${TELEGRAM_BOT_TOKEN}', apiRoot: '${TELEGRAM_API_ROOT:-https://api.telegram.org}' } } : {}),
        ...(has('FEISHU_APP_ID', 'FEISHU_APP_SECRET') ? { feishu: { appId: '${FEISHU_APP_ID}', appSecret: '${FEISHU_APP_SECRET}', domain: '${FEISHU_DOMAIN:-feishu}' } } : {}),
        ...(has('QQ_APP_ID', 'QQ_APP_SECRET')
          ? {
              qq: {
                appId: '${QQ_APP_ID}',
                appSecret: '${QQ_APP_SECRET}',
                mode: env.QQ_MODE === 'websocket' ? 'websocket' : 'webhook',
                sandbox: env.QQ_SANDBOX === 'true',
                // On the shared HTTP port at /qq/callback, unless QQ_WEBHOOK_PORT gives it one of its own.
                ...(has('QQ_WEBHOOK_PORT') ? { webhook: { host: '${QQ_WEBHOOK_HOST:-127.0.0.1}', port: Number(env.QQ_WEBHOOK_PORT) } } : {}),
                ...(has('QQ_TOKEN_URL') ? { tokenUrl: '${QQ_TOKEN_URL}' } : {}),
              },
            }
          : {}),
      },
    },
    task: {
      tasks: [
        {
          id: 'daily-digest',
          name: 'Daily digest',
          schedule: { kind: 'cron', expression: '0 9 * * *', timeZone: '${DOWNCITY_TIME_ZONE:-UTC}' },
          script: { kind: 'handler', name: 'digest' },
          deliver: { sessionId: '${DOWNCITY_DIGEST_SESSION:-chat:terminal:local:local}' },
        },
      ],
    },
    memory: {},
    // Commands run in bubblewrap in .downcity/workspace. Read-only tools and echo run at once; anything
    // else waits for /approve <id> from the user who asked (owners and admins only, by auth).
    shell: { sandbox: 'bwrap', approval: { mode: 'ask' } },
    // The web console at http://127.0.0.1:8787/console, this machine only: `pnpm exec downcity console` prints a sign-in link.
    console: {},
  },
  plugins: {
    asr: { engine: { kind: 'pocketsphinx' } },
    auth: {
      owners,
      // Local channels are open; Telegram, Feishu and QQ users pair (the owner approves with /pair approve <code>).
      channels: { terminal: { direct: 'open' }, http: { direct: 'open' } },
    },
  },
});
