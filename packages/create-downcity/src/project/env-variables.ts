import { randomBytes } from 'node:crypto';
import type { ProjectOptions } from './project-options.js';

/** An environment variable a generated project reads, with where to get its value. */
export interface EnvVariable {
  /** The variable name, referenced in downcity.config.ts as `${NAME}`. */
  name: string;
  /** Comment lines for .env.example: what it is and where to get it. */
  comment: readonly string[];
  /** The value written to .env.example (empty for secrets). */
  example: string;
  /** The value written to .env: a freshly generated secret, or the example. */
  value: string;
  /** A stand-in the generated tests use, so the config loads without real secrets. */
  testValue: string;
  /** Whether the config has a default for it (`${NAME:-default}`), so it may stay unset. */
  optional: boolean;
}

type Spec = Omit<EnvVariable, 'value' | 'optional'> & { value?: string; optional?: boolean };
const variable = (spec: Spec): EnvVariable => ({ value: spec.example, optional: false, ...spec });

/**
 * Every environment variable the project's config references, in .env.example order.
 *
 * @param options - the project choices
 */
export function envVariables(options: Pick<ProjectOptions, 'model' | 'channels' | 'features'>): EnvVariable[] {
  const variables: EnvVariable[] = [];
  if (options.model === 'openai') {
    variables.push(variable({ name: 'OPENAI_API_KEY', comment: ['OpenAI API key: https://platform.openai.com/api-keys'], example: '', testValue: 'sk-test' }));
  }
  if (options.model === 'anthropic') {
    variables.push(variable({ name: 'ANTHROPIC_API_KEY', comment: ['Anthropic API key: https://console.anthropic.com/settings/keys'], example: '', testValue: 'sk-ant-test' }));
  }
  if (options.model === 'openai-compatible') {
    variables.push(
      variable({
        name: 'OPENAI_COMPATIBLE_BASE_URL',
        comment: ['Base URL of your OpenAI-compatible endpoint, including /v1: vLLM, LM Studio, DeepSeek (https://api.deepseek.com/v1), Qwen (DashScope)...'],
        example: 'http://127.0.0.1:8000/v1',
        testValue: 'http://127.0.0.1:8000/v1',
      }),
      variable({ name: 'OPENAI_COMPATIBLE_MODEL', comment: ['The model id the endpoint serves, e.g. qwen2.5-7b-instruct or deepseek-chat.'], example: 'qwen2.5-7b-instruct', testValue: 'test-model' }),
      variable({ name: 'OPENAI_COMPATIBLE_API_KEY', comment: ['The endpoint\'s API key; leave empty for local servers without auth.'], example: '', testValue: 'test-key', optional: true }),
    );
  }
  if (options.channels.includes('http')) {
    variables.push(
      variable({
        name: 'DOWNCITY_HTTP_TOKEN',
        comment: [
          'Shared bearer token ("Authorization: Bearer <token>"): requests with it speak as http:shared, never an owner.',
          'Give each person a token of their own instead: npx downcity auth token create <user>. To generate this one: openssl rand -hex 24',
        ],
        example: '',
        value: randomBytes(24).toString('hex'),
        testValue: 'test-http-token',
      }),
    );
  }
  if (options.channels.includes('telegram')) {
    variables.push(variable({ name: 'TELEGRAM_BOT_TOKEN', comment: ['Telegram bot token: talk to @BotFather, send /newbot, copy the token (123456789:AA...).'], example: '', testValue: '123456789:test-token' }));
  }
  if (options.channels.includes('feishu')) {
    variables.push(
      variable({ name: 'FEISHU_APP_ID', comment: ['Feishu / Lark app: https://open.feishu.cn/app (Lark: https://open.larksuite.com/app) > your app > Credentials & Basic Info > App ID (cli_...).'], example: '', testValue: 'cli_test' }),
      variable({ name: 'FEISHU_APP_SECRET', comment: ['Same page: App Secret.'], example: '', testValue: 'test-secret' }),
    );
  }
  if (options.channels.includes('qq')) {
    variables.push(
      variable({ name: 'QQ_APP_ID', comment: ['QQ bot: https://q.qq.com > 开发管理 > 开发设置 > AppID.'], example: '', testValue: '102000000' }),
      variable({ name: 'QQ_APP_SECRET', comment: ['Same page: AppSecret (ClientSecret).'], example: '', testValue: 'test-secret' }),
    );
  }
  if (options.features.includes('auth')) {
    variables.push(
      variable({
        name: 'DOWNCITY_OWNER_ID',
        comment: [
          'Optional. Who owns the agent (may approve pairing codes with /pair approve <code>): terminal:local (the default),',
          'http:<user id>, telegram:<numeric user id> (ask @userinfobot), feishu:<open_id> or qq:<openid>.',
        ],
        example: 'terminal:local',
        testValue: 'http:tester',
        optional: true,
      }),
    );
  }
  return variables;
}
