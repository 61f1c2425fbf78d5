import { DowncityError, ErrorCodes } from '@downcity/core';
import { configPath } from '../config/feishu-config.js';
import { describeFailure, type PlatformFailure } from './platform-failure.js';

/** Business codes that mean the app credentials were refused by the token endpoint. */
const secretCodes = new Set([10014]);
/** Business codes that mean the app id itself is unknown. */
const appIdCodes = new Set([10003]);

/** Business codes that mean the access token is invalid or expired (as in the official Go SDK). */
export const invalidTokenCodes = new Set([99991663, 99991664, 99991671]);

/** The error for refused credentials. Names the setting to fix; never shows the secret. */
export function credentialError(failure: PlatformFailure | undefined, what: string): DowncityError {
  const setting = failure?.code !== undefined && appIdCodes.has(failure.code) ? `${configPath}.appId` : `${configPath}.appSecret`;
  const hint = failure?.code !== undefined && secretCodes.has(failure.code) ? 'the App Secret is wrong' : 'the app credentials were refused';
  return new DowncityError(
    ErrorCodes.CONFIG_INVALID,
    `Feishu ${what} failed (${describeFailure(failure)}): ${hint}. Check ${setting} (and ${configPath}.appId) against ` +
      'the developer console > Credentials & Basic Info, and that `domain` matches the app (feishu or lark).',
    { details: { setting, ...(failure?.status === undefined ? {} : { status: failure.status }), ...(failure?.code === undefined ? {} : { platformCode: failure.code }) } },
  );
}

/** The error for any other failed call. Keeps a sanitized cause: no request config, no headers. */
export function platformError(action: string, failure: PlatformFailure | undefined, error?: unknown): DowncityError {
  if (DowncityError.is(error)) return error;
  const summary = describeFailure(failure, error);
  return new DowncityError(ErrorCodes.INTERNAL, `Feishu ${action} failed: ${summary}`, {
    cause: new Error(summary),
    details: { ...(failure?.status === undefined ? {} : { status: failure.status }), ...(failure?.code === undefined ? {} : { platformCode: failure.code }) },
  });
}
