import { secretEquals } from '@downcity/http';
import { AESCipher } from '@larksuiteoapi/node-sdk';
import { signatureProblem, type SignatureHeaders } from './request-signature.js';

/** The security settings a callback is checked against. */
export interface CallbackSecurity {
  /** Encrypt Key: bodies arrive as `{ "encrypt": base64(iv + AES-256-CBC(sha256(key))) }` and are signed. */
  encryptKey?: string;
  /** Verification Token: `token` in the challenge, `header.token` in schema 2.0 events. */
  verificationToken?: string;
  /** Largest accepted distance between the signed timestamp and now. */
  maxClockSkewSeconds: number;
}

/** What to answer, and the event to hand on when the request is a genuine event. */
export type CallbackOutcome =
  | { kind: 'reply'; status: number; body: Record<string, unknown>; reason?: string }
  | { kind: 'event'; envelope: Record<string, unknown> };

/**
 * Checks one callback request in the documented order (open.feishu.cn "Receive events" and
 * "Configure request URL"): decrypt (proves the Encrypt Key), verify the signature over the raw
 * body with a fresh timestamp (events only: the URL verification request is not signed), check the
 * Verification Token, answer the `url_verification` challenge. Anything forged or malformed is
 * refused before it reaches the dispatcher.
 */
export function checkCallback(rawBody: Uint8Array, headers: SignatureHeaders, security: CallbackSecurity, nowMs = Date.now()): CallbackOutcome {
  const outer = parseObject(Buffer.from(rawBody).toString('utf8'));
  if (!outer) return refuse(400, 'body is not a JSON object');
  const encrypted = typeof outer.encrypt === 'string';
  let envelope = outer;
  if (security.encryptKey) {
    if (!encrypted) return refuse(401, 'plaintext callback while an Encrypt Key is configured');
    const decrypted = decrypt(outer.encrypt as string, security.encryptKey);
    if (!decrypted) return refuse(401, 'callback does not decrypt with the configured Encrypt Key');
    envelope = decrypted;
  } else if (encrypted) {
    return refuse(400, 'encrypted callback but no encryptKey is configured');
  }
  const isChallenge = envelope.type === 'url_verification';
  if (security.encryptKey && !isChallenge) {
    const problem = signatureProblem(headers, security.encryptKey, rawBody, security.maxClockSkewSeconds, nowMs);
    if (problem) return refuse(401, problem);
  }
  if (security.verificationToken && !secretEquals(tokenOf(envelope), security.verificationToken)) {
    return refuse(401, 'verification token mismatch');
  }
  if (isChallenge) {
    return typeof envelope.challenge === 'string'
      ? { kind: 'reply', status: 200, body: { challenge: envelope.challenge } }
      : refuse(400, 'url_verification without a challenge');
  }
  return { kind: 'event', envelope };
}

function refuse(status: number, reason: string): CallbackOutcome {
  return { kind: 'reply', status, body: { msg: status === 401 ? 'unauthorized' : 'bad request' }, reason };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function decrypt(encrypted: string, encryptKey: string): Record<string, unknown> | undefined {
  try {
    return parseObject(new AESCipher(encryptKey).decrypt(encrypted));
  } catch {
    return undefined;
  }
}

/** `token` of a challenge or schema 1.0 event, `header.token` of a schema 2.0 event. */
function tokenOf(envelope: Record<string, unknown>): string | undefined {
  const header = envelope.header;
  if (typeof header === 'object' && header !== null && typeof (header as { token?: unknown }).token === 'string') {
    return (header as { token: string }).token;
  }
  return typeof envelope.token === 'string' ? envelope.token : undefined;
}
