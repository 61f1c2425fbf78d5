import { redactSecrets, registerSecret } from '@downcity/core';
import type { CheckResult } from './check.js';

type Outcome = Omit<CheckResult, 'id' | 'title'>;
type Settings = Record<string, unknown>;

const TIMEOUT_MS = 10_000;

async function fetchJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    body = { message: text.slice(0, 200) };
  }
  return { status: response.status, body };
}

function unreachable(base: string, error: unknown, setting: string): Outcome {
  const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return { status: 'fail', detail: `cannot reach ${new URL(base).origin}: ${redactSecrets(cause)}`, hint: `Check the network, a proxy, or ${setting}.` };
}

/** Telegram accepts the bot token: `getMe` at the configured `apiRoot`. */
export async function checkTelegram(settings: Settings): Promise<Outcome> {
  const token = String(settings.token);
  const apiRoot = String(settings.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  let answer;
  try {
    answer = await fetchJson(`${apiRoot}/bot${token}/getMe`);
  } catch (error) {
    return unreachable(apiRoot, error, 'services.chat.channels.telegram.apiRoot');
  }
  const result = answer.body.result as { username?: unknown } | undefined;
  if (answer.status === 200 && answer.body.ok === true) return { status: 'pass', detail: `Telegram accepts the token of @${String(result?.username ?? 'unknown')}` };
  return {
    status: 'fail',
    detail: `Telegram refused the bot token (HTTP ${answer.status}: ${redactSecrets(String(answer.body.description ?? 'no description'))})`,
    hint: 'Check services.chat.channels.telegram.token (e.g. TELEGRAM_BOT_TOKEN in .env); @BotFather shows the token with /token.',
  };
}

function feishuBase(domain: unknown): string {
  if (domain === 'lark') return 'https://open.larksuite.com';
  if (typeof domain === 'string' && domain !== 'feishu') return domain.replace(/\/+$/, '');
  return 'https://open.feishu.cn';
}

/** Feishu / Lark issues a tenant access token for the app id and secret. */
export async function checkFeishu(settings: Settings): Promise<Outcome> {
  const base = feishuBase(settings.domain);
  let answer;
  try {
    answer = await fetchJson(`${base}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ app_id: settings.appId, app_secret: settings.appSecret }),
    });
  } catch (error) {
    return unreachable(base, error, 'services.chat.channels.feishu.domain');
  }
  const token = answer.body.tenant_access_token;
  if (typeof token === 'string') registerSecret(token);
  if (answer.body.code === 0 && typeof token === 'string') return { status: 'pass', detail: `Feishu issues a tenant token for app ${String(settings.appId)}` };
  return {
    status: 'fail',
    detail: `Feishu refused the app credentials (HTTP ${answer.status}, code ${String(answer.body.code ?? '?')}: ${redactSecrets(String(answer.body.msg ?? answer.body.message ?? 'no message'))})`,
    hint: 'Check services.chat.channels.feishu.appId and appSecret (developer console > Credentials & Basic Info), and domain (feishu or lark).',
  };
}

/** QQ issues an app access token for the app id and secret. */
export async function checkQq(settings: Settings): Promise<Outcome> {
  const tokenUrl = String(settings.tokenUrl ?? 'https://bots.qq.com/app/getAppAccessToken');
  let answer;
  try {
    answer = await fetchJson(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: String(settings.appId), clientSecret: settings.appSecret }),
    });
  } catch (error) {
    return unreachable(tokenUrl, error, 'services.chat.channels.qq.tokenUrl');
  }
  const token = answer.body.access_token;
  if (typeof token === 'string') registerSecret(token);
  if (answer.status === 200 && typeof token === 'string' && token !== '') return { status: 'pass', detail: `QQ issues an access token for app ${String(settings.appId)}` };
  return {
    status: 'fail',
    detail: `QQ refused the app credentials (HTTP ${answer.status}${answer.body.code === undefined ? '' : `, code ${String(answer.body.code)}`}: ${redactSecrets(String(answer.body.message ?? 'no access_token in the answer'))})`,
    hint: 'Check services.chat.channels.qq.appId and appSecret (q.qq.com > 开发管理 > 开发设置).',
  };
}

/** The credential checks by channel id. */
export const CHANNEL_CHECKS: Record<string, (settings: Settings) => Promise<Outcome>> = { telegram: checkTelegram, feishu: checkFeishu, qq: checkQq };
