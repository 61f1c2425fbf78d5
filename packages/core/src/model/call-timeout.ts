import { wrapLanguageModel } from 'ai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { ProviderModel } from './run-model-loop.js';

function callTimeout(id: string, ms: number): DowncityError {
  return new DowncityError(ErrorCodes.TIMEOUT, `The model ${id} sent nothing for ${ms} ms (model.callTimeoutMs).`, { details: { model: id, callTimeoutMs: ms } });
}

/** A timer that aborts its signal unless it is pushed back in time. */
function idleTimer(id: string, ms: number): { signal: AbortSignal; touch(): void; clear(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(callTimeout(id, ms)), ms);
  };
  touch();
  return { signal: controller.signal, touch, clear: () => clearTimeout(timer) };
}

/**
 * The model with an idle deadline on each call: a call that gets no response for `ms`, or a stream
 * that sends no chunk for `ms`, is aborted and fails with a `TIMEOUT` error naming the model and
 * `model.callTimeoutMs`. The turn's own deadline (`model.timeoutMs`) still bounds the whole turn.
 *
 * @param model - The provider model.
 * @param id - The id used in the error, e.g. `openai:gpt-4o`.
 * @param ms - The idle deadline in milliseconds.
 */
export function withCallTimeout(model: ProviderModel, id: string, ms: number): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      wrapGenerate: async ({ params, model: inner }) => {
        const idle = idleTimer(id, ms);
        try {
          return await inner.doGenerate({ ...params, abortSignal: params.abortSignal ? AbortSignal.any([params.abortSignal, idle.signal]) : idle.signal });
        } catch (error) {
          throw idle.signal.aborted ? idle.signal.reason : error;
        } finally {
          idle.clear();
        }
      },
      wrapStream: async ({ params, model: inner }) => {
        const idle = idleTimer(id, ms);
        let result: Awaited<ReturnType<typeof inner.doStream>>;
        try {
          result = await inner.doStream({ ...params, abortSignal: params.abortSignal ? AbortSignal.any([params.abortSignal, idle.signal]) : idle.signal });
        } catch (error) {
          idle.clear();
          throw idle.signal.aborted ? idle.signal.reason : error;
        }
        idle.touch();
        let fail: ((reason: unknown) => void) | undefined;
        const onIdle = (): void => fail?.(idle.signal.reason);
        idle.signal.addEventListener('abort', onIdle, { once: true });
        const done = (): void => {
          idle.clear();
          idle.signal.removeEventListener('abort', onIdle);
        };
        const stream = result.stream.pipeThrough(
          new TransformStream({
            start(controller) {
              fail = (reason) => {
                done();
                controller.error(reason);
              };
            },
            transform(chunk, controller) {
              idle.touch();
              controller.enqueue(chunk);
            },
            flush: done,
          }),
        );
        return { ...result, stream };
      },
    },
  });
}
