import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from './frame-codec.js';

describe('frame codec', () => {
  it('round-trips a frame, including large ids', () => {
    const frame = { SeqID: 2 ** 40, LogID: 7, service: 7, method: 1, headers: [{ key: 'type', value: 'event' }, { key: 'sum', value: '1' }], payload: Buffer.from('{"a":1}') };
    const decoded = decodeFrame(encodeFrame(frame));
    expect({ ...decoded, payload: Buffer.from(decoded.payload!) }).toEqual(frame);
  });

  it('rejects truncated frames and frames missing required fields', () => {
    expect(() => decodeFrame(new Uint8Array([0xff]))).toThrow();
    expect(() => decodeFrame(new Uint8Array([8, 1]))).toThrow(/required/);
  });
});
