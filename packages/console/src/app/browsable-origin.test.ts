import { describe, expect, it } from 'vitest';
import { browsableOrigin } from './browsable-origin.js';

describe('browsableOrigin', () => {
  it('points a link at loopback when the surface listens on every interface, and keeps any other address', () => {
    expect(browsableOrigin('http://0.0.0.0:8787')).toBe('http://127.0.0.1:8787');
    expect(browsableOrigin('http://[::]:8787')).toBe('http://[::1]:8787');
    expect(browsableOrigin('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(browsableOrigin('http://192.168.1.20:8787')).toBe('http://192.168.1.20:8787');
  });
});
