import { createHash } from 'node:crypto';
import { secretEquals } from '@downcity/http';

/** The headers Feishu signs callbacks with when an Encrypt Key is configured. */
export interface SignatureHeaders {
  /** `X-Lark-Request-Timestamp`: seconds since the epoch. */
  timestamp: string | undefined;
  /** `X-Lark-Request-Nonce`. */
  nonce: string | undefined;
  /** `X-Lark-Signature`: lower-case hex. */
  signature: string | undefined;
}

/**
 * `sha256(timestamp + nonce + encryptKey + rawBody)` as lower-case hex: the first three are
 * UTF-8 encoded and the raw request body bytes are appended (open.feishu.cn "Receive events" >
 * signature verification). The raw bytes matter: re-serialized JSON would not match.
 */
export function requestSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Uint8Array): string {
  return createHash('sha256').update(`${timestamp}${nonce}${encryptKey}`, 'utf8').update(rawBody).digest('hex');
}

/** Why a signature was refused, or undefined when it is valid and fresh. */
export function signatureProblem(
  headers: SignatureHeaders,
  encryptKey: string,
  rawBody: Uint8Array,
  maxSkewSeconds: number,
  nowMs: number = Date.now(),
): string | undefined {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return 'missing X-Lark-Signature, X-Lark-Request-Timestamp or X-Lark-Request-Nonce';
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) return 'malformed X-Lark-Request-Timestamp';
  if (Math.abs(nowMs / 1_000 - seconds) > maxSkewSeconds) return 'stale X-Lark-Request-Timestamp';
  if (!secretEquals(signature.toLowerCase(), requestSignature(timestamp, nonce, encryptKey, rawBody))) return 'signature mismatch';
  return undefined;
}
