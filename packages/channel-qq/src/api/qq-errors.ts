import { DowncityError, ErrorCodes } from '@downcity/core';
import { settingPath } from '../config.js';

/** What the platform said about a failed call: HTTP status, business code, message and trace id. */
export interface QqFailure {
  /** HTTP status. */
  status: number;
  /** The JSON body's `code` (or `err_code`), when any. */
  code?: number;
  /** The JSON body's `message`, when any. */
  message?: string;
  /** The `X-Tps-trace-ID` response header, for support tickets. */
  traceId?: string;
}

/** The error for credentials QQ refused: names the settings to fix, never their values. */
export function credentialsError(failure: QqFailure, what: string): DowncityError {
  const appIdOnly = failure.code === 100007;
  const fix = appIdOnly
    ? `Check ${settingPath('appId')} (the AppID from q.qq.com → 开发设置).`
    : `Check ${settingPath('appSecret')} (and ${settingPath('appId')}): copy the AppSecret again from q.qq.com → 开发设置; it changes when it is reset.`;
  return new DowncityError(ErrorCodes.CONFIG_INVALID, `QQ refused the bot credentials while ${what} (${describe(failure)}). ${fix}`, {
    details: { ...failure, setting: appIdOnly ? settingPath('appId') : settingPath('appSecret') },
  });
}

/** The error for a call that was still rate-limited after every retry. */
export function rateLimitedError(failure: QqFailure, what: string, attempts: number): DowncityError {
  return new DowncityError(
    ErrorCodes.TIMEOUT,
    `QQ kept rate-limiting ${what} after ${attempts} attempts (${describe(failure)}). Send less often, or raise ${settingPath('maxRetries')}.`,
    { details: { ...failure } },
  );
}

/** The error for any other refused call. */
export function apiError(failure: QqFailure, what: string): DowncityError {
  const code = failure.status >= 500 ? ErrorCodes.INTERNAL : ErrorCodes.INPUT_INVALID;
  return new DowncityError(code, `QQ rejected ${what} (${describe(failure)}).`, { details: { ...failure } });
}

/** The error for a request that never got an answer. */
export function networkError(cause: unknown, what: string): DowncityError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DowncityError(ErrorCodes.INTERNAL, `Could not reach QQ while ${what}: ${reason}. Check the network, ${settingPath('apiBaseUrl')} and ${settingPath('tokenUrl')}.`, { cause });
}

function describe(failure: QqFailure): string {
  const parts = [`HTTP ${failure.status}`];
  if (failure.code !== undefined) parts.push(`code ${failure.code}`);
  if (failure.message) parts.push(failure.message);
  if (failure.traceId) parts.push(`trace ${failure.traceId}`);
  return parts.join(', ');
}
