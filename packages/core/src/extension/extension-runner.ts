import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { Logger } from '../logger/logger.js';
import { traceHandler } from '../telemetry/trace-handler.js';
import { withTimeout } from '../util/with-timeout.js';
import type { ExtensionRegistry, RegisteredHandler } from './extension-registry.js';
import type { ExtensionRunner, GuardVerdict } from './extension-points.js';

/** Options for {@link createExtensionRunner}. */
export interface ExtensionRunnerOptions {
  /** The registry of attached handlers. */
  registry: ExtensionRegistry;
  /** The id of the service running its points; it may only run points under its own id. */
  owner: string;
  /** Logs handler failures. */
  logger: Logger;
  /** Aborted when the agent stops. */
  signal: AbortSignal;
}

function call(handler: RegisteredHandler, payload: unknown, signal: AbortSignal): Promise<unknown> {
  return traceHandler(handler, () =>
    withTimeout((inner) => handler.run(payload, { signal: inner, point: handler.point }), {
      timeoutMs: handler.timeoutMs,
      parent: signal,
      what: `Handler of "${handler.owner}" at "${handler.point}"`,
    }),
  );
}

/** Creates the `context.plugins` runner for one service. */
export function createExtensionRunner(options: ExtensionRunnerOptions): ExtensionRunner {
  const { registry, owner, logger, signal } = options;
  const own = (point: string): void => {
    if (!point.startsWith(`${owner}/`)) {
      throw new DowncityError(ErrorCodes.EXTENSION_POINT_UNKNOWN, `"${owner}" cannot run "${point}": a service only runs the extension points it declares.`);
    }
  };

  const runner = {
    async guard(point: string, input: unknown): Promise<GuardVerdict & { by?: string; failed?: boolean }> {
      own(point);
      for (const handler of registry.list(point)) {
        let verdict: GuardVerdict;
        try {
          verdict = (await call(handler, input, signal)) as GuardVerdict;
        } catch (error) {
          logger.error({ err: error, point, plugin: handler.owner }, 'guard failed; denying (fail closed)');
          return { allow: false, reason: `guard "${handler.owner}" failed: ${(error as Error).message}`, by: handler.owner, failed: true };
        }
        if (typeof verdict !== 'object' || verdict === null || verdict.allow !== true) {
          const reason = verdict && verdict.allow === false ? verdict.reason : 'guard returned no verdict';
          return { ...(verdict as object), allow: false, reason, by: handler.owner } as GuardVerdict & { by: string };
        }
      }
      return { allow: true };
    },
    async pipeline(point: string, value: unknown): Promise<unknown> {
      own(point);
      let current = value;
      for (const handler of registry.list(point)) {
        try {
          current = await call(handler, current, signal);
        } catch (error) {
          logger.error({ err: error, point, plugin: handler.owner }, 'pipeline handler failed; value passed on unchanged');
        }
      }
      return current;
    },
    async effect(point: string, payload: unknown): Promise<void> {
      own(point);
      for (const handler of registry.list(point)) {
        try {
          await call(handler, payload, signal);
        } catch (error) {
          logger.error({ err: error, point, plugin: handler.owner }, 'effect failed; the main path goes on');
        }
      }
    },
    async resolve(point: string, query: unknown, fallback: (query: unknown) => unknown): Promise<unknown> {
      own(point);
      const [provider] = registry.list(point);
      if (!provider) return fallback(query);
      return call(provider, query, signal);
    },
    count(point: string): number {
      return registry.list(point).length;
    },
  };
  return runner as unknown as ExtensionRunner;
}
