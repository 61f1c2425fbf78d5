import type { Api } from 'grammy';

/** The abort-signal type grammY's Node build declares (from the `abort-controller` polyfill). */
export type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>;

/**
 * Passes a native `AbortSignal` to grammY. grammY only calls `addEventListener`,
 * `removeEventListener` and reads `aborted`, which native signals have; its Node typings name the
 * polyfill's class instead, so the types differ while the runtime contract matches.
 */
export function grammySignal(signal: AbortSignal): GrammySignal;
export function grammySignal(signal: AbortSignal | undefined): GrammySignal | undefined;
export function grammySignal(signal: AbortSignal | undefined): GrammySignal | undefined {
  return signal as unknown as GrammySignal | undefined;
}
