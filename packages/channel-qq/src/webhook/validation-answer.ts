import type { QqSigner } from './ed25519-signer.js';

/** The answer to a callback-address validation (op 13): `{plain_token, signature}` over `event_ts + plain_token`. */
export interface ValidationAnswer {
  /** The token QQ sent, echoed. */
  plain_token: string;
  /** Hex ed25519 signature of `event_ts + plain_token`. */
  signature: string;
}

/**
 * What a validation request may contain. QQ sends short alphanumeric tokens and a seconds
 * timestamp; anything else is refused so the endpoint cannot be used to sign arbitrary text
 * (a signature over `timestamp + {json}` would pass as a signed event).
 */
const PLAIN_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;
const EVENT_TS = /^\d{1,20}$/;

/** Builds the validation answer, or undefined when the request is malformed. */
export function validationAnswer(data: unknown, signer: QqSigner): ValidationAnswer | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { plain_token: plainToken, event_ts: eventTs } = data as Record<string, unknown>;
  if (typeof plainToken !== 'string' || typeof eventTs !== 'string') return undefined;
  if (!PLAIN_TOKEN.test(plainToken) || !EVENT_TS.test(eventTs)) return undefined;
  return { plain_token: plainToken, signature: signer.sign(eventTs + plainToken) };
}
