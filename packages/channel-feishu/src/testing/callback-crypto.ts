import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts a callback body the way Feishu does (open.feishu.cn "Receive events" > decryption):
 * key = SHA256(encryptKey), random 16-byte IV, AES-256-CBC with PKCS#7 padding,
 * result base64(iv + ciphertext).
 */
export function encryptCallback(plaintext: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** `X-Lark-Signature`: sha256 hex of timestamp + nonce + encryptKey + raw body. */
export function signCallback(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey, 'utf8').update(Buffer.from(rawBody, 'utf8')).digest('hex');
}
