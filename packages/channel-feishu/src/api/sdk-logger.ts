import type { Logger } from '@downcity/core';
import type { Logger as SdkLogger } from '@larksuiteoapi/node-sdk';
import { bodyFields, describeFailure, failureOf } from './platform-failure.js';

const maxLength = 500;

/**
 * Routes the SDK's log lines into the channel logger. The SDK logs raw axios errors (whose request
 * config carries the app secret and the bearer token), so every argument is reduced to a short,
 * sanitized string first; the Downcity logger then redacts registered secrets as well.
 * SDK errors become warnings (the adapter decides what is an error), SDK info becomes debug.
 */
export function sdkLogger(logger: Logger): SdkLogger {
  const line = (args: unknown[]): string => args.flat(2).map(describe).join(' ').slice(0, maxLength);
  return {
    error: (...args) => logger.warn({ source: 'lark-sdk' }, line(args)),
    warn: (...args) => logger.warn({ source: 'lark-sdk' }, line(args)),
    info: (...args) => logger.debug({ source: 'lark-sdk' }, line(args)),
    debug: (...args) => logger.trace({ source: 'lark-sdk' }, line(args)),
    trace: (...args) => logger.trace({ source: 'lark-sdk' }, line(args)),
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  const failure = failureOf(value);
  if (failure) return describeFailure(failure);
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null) {
    const { message, response } = value as { message?: unknown; response?: unknown };
    if (typeof message === 'string') return response === undefined ? message : `${message} (${describeFailure(failureOf({ response }))})`;
    const body = bodyFields(value);
    return body.code === undefined ? '[object]' : describeFailure({ ...body, headers: {} });
  }
  return String(value);
}
