import { z } from 'zod';
import { registerSecret } from '../secrets/secret-registry.js';

/**
 * A config string that holds a secret (token, API key, signing secret). The parsed value is
 * registered for redaction, so it never appears in logs, error messages or replies. The JSON
 * Schema marks it `writeOnly` with `"x-secret": true`.
 *
 * @example
 * ```ts
 * const Config = z.object({ botToken: secret().describe('Telegram bot token from @BotFather') });
 * ```
 */
export function secret(): z.ZodPipe<z.ZodString, z.ZodTransform<string, string>> {
  return z
    .string()
    .min(1, 'must not be empty')
    .meta({ writeOnly: true, 'x-secret': true })
    .transform((value) => {
      registerSecret(value);
      return value;
    });
}
