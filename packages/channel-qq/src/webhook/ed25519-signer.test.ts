import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createQqSigner, seedOf } from './ed25519-signer.js';

describe('createQqSigner', () => {
  it('derives the seed by repeating the secret (docs: 安全和授权 DEMO)', () => {
    expect(seedOf('naOC0ocQE3shWLAfffVLB1rhYPG7').toString()).toBe('naOC0ocQE3shWLAfffVLB1rhYPG7naOC');
  });

  it('produces the public key the docs list for the demo secret', () => {
    // The public key printed in the docs for secret naOC0ocQE3shWLAfffVLB1rhYPG7.
    const expected = [215, 195, 98, 254, 120, 174, 248, 31, 242, 50, 135, 180, 147, 98, 139, 93, 176, 42, 60, 79, 227, 11, 33, 94, 77, 25, 96, 155, 93, 118, 103, 58];
    const signer = createQqSigner('naOC0ocQE3shWLAfffVLB1rhYPG7');
    const signature = signer.sign('x');
    expect(signer.verify(Buffer.from('x'), signature)).toBe(true);
    // The documented public key verifies what our key signed: both come from the same seed.
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(expected)]);
    const documented = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from('x'), documented, Buffer.from(signature, 'hex'))).toBe(true);
  });

  it('signs the callback validation exactly as the docs example (event_ts + plain_token)', () => {
    const signer = createQqSigner('DG5g3B4j9X2KOErG');
    expect(signer.sign('1725442341' + 'Arq0D5A61EgUu4OxUvOp')).toBe(
      '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
    );
  });

  it('verifies the signed callback from the official Go SDK test (timestamp + body)', () => {
    const body =
      '{"id":"ROBOT1.0_veoihSEXDc8Q.g-6eLpNIa11bH8MisOjn-m-LKxCPntMk6exUXgcWCGpVO7L2QKTNZzjZzFFDSbiOFcqAPWyVA!!","content":"哦一下","timestamp":"2024-10-15T16:33:15+08:00","author":{"id":"675860273","user_openid":"675860273"}}';
    const signature =
      'e949b5b94ef4103df903fb031d1d16e358db3db83e79e117edd404c8508be3ce8a76d7bad1bed353194c126a1a5915b4ad8b5288c1191cc53a12acffccd82004';
    const signer = createQqSigner('123456abcdef');
    expect(signer.verify(Buffer.from('1728981195' + body), signature)).toBe(true);
    expect(signer.verify(Buffer.from('1728981196' + body), signature)).toBe(false);
    expect(signer.verify(Buffer.from('1728981195' + body + ' '), signature)).toBe(false);
    expect(createQqSigner('123456abcdeg').verify(Buffer.from('1728981195' + body), signature)).toBe(false);
  });

  it('rejects signatures that are not 64 bytes of hex without throwing', () => {
    const signer = createQqSigner('123456abcdef');
    for (const bad of ['', 'zz', 'e949b5', 'g'.repeat(128), 'e9'.repeat(65)]) expect(signer.verify(Buffer.from('x'), bad)).toBe(false);
  });
});
