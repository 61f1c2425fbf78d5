import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';

/**
 * Runs `operation` with a signal that aborts after `timeoutMs` or when `parent` aborts.
 * Rejects with a `TIMEOUT` error when the time runs out first. The timer is always cleared.
 */
export async function withTimeout<T>(
  operation: (signal: AbortSignal) => T | Promise<T>,
  options: { timeoutMs: number; parent?: AbortSignal; what: string },
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onParentAbort = (): void => controller.abort(options.parent?.reason);
  options.parent?.addEventListener('abort', onParentAbort, { once: true });
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new DowncityError(ErrorCodes.TIMEOUT, `${options.what} did not finish within ${options.timeoutMs} ms.`);
        controller.abort(error);
        reject(error);
      }, options.timeoutMs);
    });
    return await Promise.race([Promise.resolve().then(() => operation(controller.signal)), timeout]);
  } finally {
    clearTimeout(timer);
    options.parent?.removeEventListener('abort', onParentAbort);
  }
}
