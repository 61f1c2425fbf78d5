import type { ProjectShape } from '../../project/project-shape.js';
import { uses } from '../../project/project-shape.js';
import { indent, lines, quote } from '../render.js';

const MODELS: Record<Exclude<ProjectShape['options']['model'], 'none'>, string[]> = {
  openai: ['// OpenAI; the key comes from OPENAI_API_KEY in .env.', "model: { provider: 'openai', model: 'gpt-4o-mini' },"],
  anthropic: ['// Anthropic; the key comes from ANTHROPIC_API_KEY in .env.', "model: { provider: 'anthropic', model: 'claude-sonnet-4-5' }," ],
  ollama: [
    '// Ollama on http://127.0.0.1:11434 (run `ollama pull qwen2.5:7b` first), through ollama-ai-provider-v2; for another',
    "// host set OLLAMA_HOST or add baseURL: 'http://gpu-box:11434/api'.",
    "model: { provider: 'ollama', model: 'qwen2.5:7b' },",
  ],
  'openai-compatible': [
    '// Any OpenAI-compatible endpoint (vLLM, LM Studio, DeepSeek, Qwen...), configured in .env.',
    "model: { provider: 'openai-compatible', baseURL: '${OPENAI_COMPATIBLE_BASE_URL}', model: '${OPENAI_COMPATIBLE_MODEL}', apiKeyEnv: 'OPENAI_COMPATIBLE_API_KEY' },",
  ],
};

function modelSection(shape: ProjectShape): string[] {
  if (shape.options.model !== 'none') return MODELS[shape.options.model];
  return [
    '// No model yet: the agent starts and serves everything that needs none (commands such as /help). To add one:',
    "// model: { provider: 'openai', model: 'gpt-4o-mini' }, with OPENAI_API_KEY in .env",
    '// (or anthropic, ollama, openai-compatible), or set DOWNCITY_MODEL=openai:gpt-4o-mini.',
  ];
}

const CHANNELS: Record<ProjectShape['options']['channels'][number], string[]> = {
  terminal: ['// `npm run chat`: talk to the agent in this terminal.', 'terminal: {},'],
  http: [
    '// POST http://127.0.0.1:8787/v1/messages (the `http` surface above) with "Authorization: Bearer <token>": a per-user',
    '// token from `downcity auth token create <user>` speaks as http:<user>; the shared DOWNCITY_HTTP_TOKEN only as http:shared.',
    "http: { token: '${DOWNCITY_HTTP_TOKEN}' },",
  ],
  telegram: ['// Long polling: no public URL needed.', "telegram: { token: '${TELEGRAM_BOT_TOKEN}' },"],
  feishu: ["// The long connection: no public URL needed. For Lark add domain: 'lark'.", "feishu: { appId: '${FEISHU_APP_ID}', appSecret: '${FEISHU_APP_SECRET}' },"],
  qq: [
    "// Webhook at /qq/callback on the `http` surface above; QQ only calls HTTPS URLs, so put a TLS proxy in front (or use mode: 'websocket').",
    "qq: { appId: '${QQ_APP_ID}', appSecret: '${QQ_APP_SECRET}' },",
  ],
};

/** The agent's one HTTP surface, when a chosen channel is served over HTTP (the HTTP channel, the QQ webhook). */
function httpSection(shape: ProjectShape): string[] {
  if (!shape.options.channels.some((channel) => channel === 'http' || channel === 'qq')) return [];
  return ['// The one HTTP port of the agent: the HTTP channel and the webhooks share it. Keep 127.0.0.1 behind a TLS proxy.', "http: { host: '127.0.0.1', port: 8787 },"];
}

function servicesSection(shape: ProjectShape): string[] {
  const channels = shape.options.channels.flatMap((channel) => CHANNELS[channel]);
  return [
    'services: {',
    '  chat: {',
    '    channels: {',
    ...channels.map((line) => `      ${line}`),
    '    },',
    '  },',
    ...(uses(shape, 'task')
      ? [
          '  // Scheduled work, e.g. a weekday summary delivered to a chat session:',
          "  // { id: 'morning', schedule: { kind: 'cron', expression: '0 8 * * 1-5', timeZone: 'Europe/Berlin' },",
          "  //   instructions: 'Summarize what is planned today.', deliver: { sessionId: 'chat:terminal:local:local' } }",
          '  task: { tasks: [] },',
        ]
      : []),
    ...(uses(shape, 'memory')
      ? [
          '  // Full-text recall out of the box; for vector recall add',
          "  // embedding: { provider: 'openai', model: 'text-embedding-3-small' }.",
          '  memory: {},',
        ]
      : []),
    ...(uses(shape, 'shell')
      ? [
          '  // Commands run in .downcity/workspace inside bubblewrap (apt-get install bubblewrap); commands',
          '  // outside the allowlist wait for /approve in chat.',
          "  shell: { sandbox: 'bwrap', approval: { mode: 'ask' } },",
        ]
      : []),
    '},',
  ];
}

function pluginsSection(shape: ProjectShape): string[] {
  const asr =
    shape.options.model === 'openai'
      ? ['  // Voice messages are transcribed by OpenAI.', "  asr: { engine: { kind: 'openai-compatible', baseURL: 'https://api.openai.com/v1', apiKey: '${OPENAI_API_KEY}', model: 'whisper-1' } },"]
      : ['  // Offline speech to text: apt-get install pocketsphinx pocketsphinx-en-us ffmpeg.', "  asr: { engine: { kind: 'pocketsphinx' } },"];
  return [
    'plugins: {',
    ...(uses(shape, 'auth')
      ? [
          '  // Unknown users get a pairing code in direct messages; an owner approves it with /pair approve <code>.',
          "  // Groups stay off until you set e.g. channels: { telegram: { group: 'allowlist' } }.",
          "  auth: { owners: ['${DOWNCITY_OWNER_ID:-terminal:local}'] },",
        ]
      : []),
    ...(uses(shape, 'asr') ? asr : []),
    '  // The sample plugin in src/plugins/greeting.ts.',
    "  greeting: { greeting: 'Hello' },",
    '},',
  ];
}

/**
 * The project's downcity.config.ts: `defineConfig` with `use`, the model, the store, the config of each
 * chosen service and plugin, and channel secrets as `${ENV}` references.
 *
 * @param shape - the project shape
 */
export function projectConfig(shape: ProjectShape): string {
  const use = [...shape.packages, './src/plugins/greeting.ts'].map((entry) => `${quote(entry)},`);
  const body = [
    'agent: {',
    `  name: ${quote(shape.options.name)},`,
    `  instructions: ${quote(`You are ${shape.options.name}, a helpful assistant. Answer briefly and say so when you are not sure.`)},`,
    '},',
    ...modelSection(shape),
    '// Sessions, tasks and memories live in one libSQL file.',
    "store: { kind: 'libsql', path: '.downcity/downcity.db' },",
    ...httpSection(shape),
    '// Services, channels and plugins to load: npm packages and local files.',
    'use: [',
    ...use.map((line) => `  ${line}`),
    '],',
    ...servicesSection(shape),
    ...pluginsSection(shape),
  ];
  return lines(
    "import { defineConfig } from '@downcity/core';",
    '',
    '/**',
    ` * The ${shape.options.name} agent. \`npm start\` (downcity start) loads this file; \`\${NAME}\` values come from`,
    ' * the environment or .env (see .env.example). `npx downcity config validate` checks it.',
    ' */',
    'export default defineConfig({',
    indent(body.join('\n'), 1),
    '});',
  );
}
