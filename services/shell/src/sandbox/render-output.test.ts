import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonLength, renderOutput, sanitizeOutput, truncationMarker } from './render-output.js';

const captured = (bytes: Buffer, totalBytes = bytes.length) => ({ bytes, totalBytes });
const json = (output: { stdout: string; stderr: string }) => JSON.stringify(output.stdout).length - 2 + JSON.stringify(output.stderr).length - 2;

describe('sanitizeOutput', () => {
  it('keeps text, tabs and newlines; makes CRLF LF; replaces NUL, escape, CR and C1 controls', () => {
    expect(sanitizeOutput(Buffer.from('a\tb\r\nc\rd\u0000e\u001b[0mf\u007fg'))).toBe('a\tb\nc\uFFFDd\uFFFDe\uFFFD[0mf\uFFFDg');
    expect(sanitizeOutput(Buffer.from('ünï\u0085cödé 🎉'))).toBe('ünï\uFFFDcödé 🎉');
  });

  it('replaces invalid UTF-8, and drops a character cut at the end only when the stream was cut', () => {
    expect(sanitizeOutput(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
    const cut = Buffer.from('aé').subarray(0, 2);
    expect(sanitizeOutput(cut, true)).toBe('a');
    expect(sanitizeOutput(cut, false)).toBe('a\uFFFD');
  });
});

describe('renderOutput', () => {
  it('returns both streams whole when they fit', () => {
    expect(renderOutput({ stdout: captured(Buffer.from('out\n')), stderr: captured(Buffer.from('err')), maxChars: 256 })).toEqual({ stdout: 'out\n', stderr: 'err', truncated: false });
  });

  it('keeps a JSON-encoded result within the cap for NUL bytes, random bytes, quotes and newlines', () => {
    for (const bytes of [Buffer.alloc(32 * 1024), randomBytes(32 * 1024), Buffer.from('"\\\n'.repeat(12 * 1024))]) {
      const output = renderOutput({ stdout: captured(bytes), stderr: captured(randomBytes(2_000)), maxChars: 32 * 1024 });
      expect(output.truncated).toBe(true);
      expect(json(output)).toBeLessThanOrEqual(32 * 1024);
      expect(json(output)).toBeGreaterThan(32 * 1024 - 8);
      expect(output.stdout.endsWith(truncationMarker(bytes.length))).toBe(true);
    }
  });

  it('lets a small stream keep everything and gives the rest to the other; two big ones get half each', () => {
    const big = captured(Buffer.from('x'.repeat(10_000)));
    const small = renderOutput({ stdout: big, stderr: captured(Buffer.from('short error')), maxChars: 1_000 });
    expect(small.stderr).toBe('short error');
    expect(small.stdout.length).toBe(1_000 - 'short error'.length - jsonLength(truncationMarker(10_000)) + truncationMarker(10_000).length);
    const halves = renderOutput({ stdout: big, stderr: big, maxChars: 1_000 });
    expect(jsonLength(halves.stdout)).toBe(500);
    expect(jsonLength(halves.stderr)).toBe(500);
  });

  it('counts bytes dropped at capture in the marker and never splits a surrogate pair', () => {
    const output = renderOutput({ stdout: captured(Buffer.from('🎉'.repeat(400)), 1_000_000), stderr: captured(Buffer.alloc(0)), maxChars: 256 });
    expect(output.stdout).toMatch(/^(🎉)+\n\[output truncated: the command wrote 1000000 bytes; only the start is shown\]$/u);
    expect(jsonLength(output.stdout)).toBeLessThanOrEqual(256);
  });
});
