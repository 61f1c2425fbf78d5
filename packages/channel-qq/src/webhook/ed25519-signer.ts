import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Signs and verifies QQ callback signatures with the key derived from the bot secret. */
export interface QqSigner {
  /** Hex ed25519 signature of `message`. */
  sign(message: string): string;
  /** Whether `signatureHex` is a valid signature of `message`. Never throws. */
  verify(message: Buffer, signatureHex: string): boolean;
}

/** PKCS#8 DER header of an ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED_BYTES = 32;
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;

/**
 * The ed25519 seed QQ derives from the bot secret: the secret repeated until it has at least
 * 32 bytes, then cut to 32 bytes (API v2 docs, 安全和授权 / 签名校验).
 */
export function seedOf(appSecret: string): Buffer {
  const bytes = Buffer.from(appSecret, 'utf8');
  if (bytes.length === 0) throw new Error('the bot secret is empty');
  let seed = bytes;
  while (seed.length < SEED_BYTES) seed = Buffer.concat([seed, seed]);
  return seed.subarray(0, SEED_BYTES);
}

/** Creates the signer of a bot: the private key is built from the seed through a PKCS#8 DER wrapper. */
export function createQqSigner(appSecret: string): QqSigner {
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seedOf(appSecret)]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return {
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('hex'),
    verify(message, signatureHex) {
      if (!SIGNATURE_HEX.test(signatureHex)) return false;
      try {
        return verify(null, message, publicKey, Buffer.from(signatureHex, 'hex'));
      } catch {
        return false;
      }
    },
  };
}
