/** The model providers a project can start with; `none` starts without a model (commands, tasks and memory still work). */
export const MODEL_PROVIDERS = ['openai', 'anthropic', 'ollama', 'openai-compatible', 'none'] as const;

/** A model provider choice. */
export type ModelProviderChoice = (typeof MODEL_PROVIDERS)[number];

/** The chat channels a project can use. `terminal` and `http` are built into `@downcity/chat`. */
export const CHANNELS = ['terminal', 'http', 'telegram', 'feishu', 'qq'] as const;

/** A channel choice. */
export type ChannelChoice = (typeof CHANNELS)[number];

/** The services and plugins a project can use. `chat` is always included: the channels and the sample plugin need it. */
export const FEATURES = ['chat', 'task', 'memory', 'shell', 'asr', 'auth'] as const;

/** A service or plugin choice. */
export type FeatureChoice = (typeof FEATURES)[number];

/** The package managers create-downcity installs with. */
export const PACKAGE_MANAGERS = ['npm', 'pnpm'] as const;

/** A package manager choice. */
export type PackageManagerChoice = (typeof PACKAGE_MANAGERS)[number];

/** One line per choice, shown by the prompts and `--help`. */
export const CHOICE_DESCRIPTIONS: Readonly<Record<ModelProviderChoice | ChannelChoice | FeatureChoice, string>> = {
  openai: 'OpenAI (OPENAI_API_KEY)',
  anthropic: 'Anthropic (ANTHROPIC_API_KEY)',
  ollama: 'Ollama on this machine (no key)',
  'openai-compatible': 'any OpenAI-compatible endpoint: vLLM, LM Studio, DeepSeek, Qwen...',
  none: 'no model yet: commands, tasks and memory still work',
  terminal: 'type to the agent in this terminal (npm run chat)',
  http: 'HTTP API with a bearer token, for apps and scripts',
  telegram: 'a Telegram bot (token from @BotFather)',
  feishu: 'a Feishu / Lark app bot',
  qq: 'a QQ bot (q.qq.com)',
  chat: 'chat service: durable, ordered conversations on every channel (always on)',
  task: 'scheduled and on-demand tasks (cron, intervals, one-shot)',
  memory: 'long-term memory across sessions',
  shell: 'sandboxed shell commands for the model (bubblewrap)',
  asr: 'speech to text for voice messages',
  auth: 'access control: owners, pairing codes, roles, rate limits',
};

/** The choices used when a flag or prompt gives none. */
export const DEFAULT_CHOICES = {
  name: 'my-agent',
  model: 'openai',
  channels: ['terminal', 'http'],
  features: ['chat', 'task', 'memory'],
} as const satisfies { name: string; model: ModelProviderChoice; channels: readonly ChannelChoice[]; features: readonly FeatureChoice[] };
