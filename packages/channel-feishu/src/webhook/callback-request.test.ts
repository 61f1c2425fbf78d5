import { describe, expect, it } from 'vitest';
import { encryptCallback, signCallback } from '../testing/callback-crypto.js';
import { checkCallback } from './callback-request.js';

const encryptKey = 'unit-encrypt-key';
const security = { encryptKey, verificationToken: 'vt', maxClockSkewSeconds: 300 };
const envelope = { schema: '2.0', header: { event_id: 'e1', event_type: 'im.message.receive_v1', token: 'vt' }, event: {} };

function signed(rawBody: string, timestamp = String(Math.floor(Date.now() / 1_000))) {
  return { timestamp, nonce: 'n-1', signature: signCallback(timestamp, 'n-1', encryptKey, rawBody) };
}

describe('checkCallback', () => {
  it('verifies the signature over the raw body bytes, whatever their formatting', () => {
    const raw = JSON.stringify({ encrypt: encryptCallback(JSON.stringify(envelope), encryptKey) }, null, 2);
    const outcome = checkCallback(Buffer.from(raw), signed(raw), security);
    expect(outcome).toEqual({ kind: 'event', envelope });
    // A signature over re-serialized JSON (what the SDK's own check computes) does not match these bytes.
    const compact = JSON.stringify(JSON.parse(raw));
    expect(checkCallback(Buffer.from(raw), signed(compact), security)).toMatchObject({ kind: 'reply', status: 401, reason: 'signature mismatch' });
  });

  it('refuses stale and future timestamps and malformed headers', () => {
    const raw = JSON.stringify({ encrypt: encryptCallback(JSON.stringify(envelope), encryptKey) });
    const now = Math.floor(Date.now() / 1_000);
    expect(checkCallback(Buffer.from(raw), signed(raw, String(now - 301)), security)).toMatchObject({ status: 401, reason: 'stale X-Lark-Request-Timestamp' });
    expect(checkCallback(Buffer.from(raw), signed(raw, String(now + 301)), security)).toMatchObject({ status: 401 });
    expect(checkCallback(Buffer.from(raw), signed(raw, 'yesterday'), security)).toMatchObject({ status: 401 });
    expect(checkCallback(Buffer.from(raw), { ...signed(raw), signature: 'abc' }, security)).toMatchObject({ status: 401 });
  });

  it('refuses encrypted bodies without a key, garbage ciphertext and non-object JSON', () => {
    const raw = JSON.stringify({ encrypt: 'AAAA' });
    expect(checkCallback(Buffer.from(raw), signed(raw), security)).toMatchObject({ status: 401 });
    expect(checkCallback(Buffer.from(raw), signed(raw), { maxClockSkewSeconds: 300, verificationToken: 'vt' })).toMatchObject({ status: 400 });
    expect(checkCallback(Buffer.from('[1,2]'), signed('[1,2]'), security)).toMatchObject({ status: 400 });
  });
});
