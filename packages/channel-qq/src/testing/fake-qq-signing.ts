import { createPrivateKey, sign } from 'node:crypto';

/**
 * How the QQ platform signs a callback, written from the docs (安全和授权): the bot secret
 * repeated to a 32-byte ed25519 seed; the signature is the hex ed25519 signature of
 * `timestamp + body`. Kept apart from the adapter's signer so the fake does not share its code.
 */
export function platformSignature(botSecret: string, timestamp: string, body: string): string {
  let seed = botSecret;
  while (Buffer.byteLength(seed) < 32) seed = seed.repeat(2);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed).subarray(0, 32)]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(timestamp + body), key).toString('hex');
}
