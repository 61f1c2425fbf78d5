import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

describe('runProcess', () => {
  it('feeds stdin and collects stdout, stderr and the exit code', async () => {
    const output = await runProcess({ command: 'sh', args: ['-c', 'cat; echo oops >&2; exit 3'], input: new TextEncoder().encode('audio bytes'), timeoutMs: 5000 });
    expect(output.stdout.toString()).toBe('audio bytes');
    expect(output.stderr).toBe('oops\n');
    expect(output.exitCode).toBe(3);
  });

  it('kills a program that runs too long', async () => {
    const started = Date.now();
    await expect(runProcess({ command: 'sleep', args: ['10'], timeoutMs: 100 })).rejects.toMatchObject({ details: { reason: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('kills a program when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(runProcess({ command: 'sleep', args: ['10'], timeoutMs: 5000, signal: controller.signal })).rejects.toMatchObject({ details: { reason: 'ABORTED' } });
  });

  it('reports a missing program', async () => {
    await expect(runProcess({ command: 'definitely-not-installed-asr', args: [], timeoutMs: 1000 })).rejects.toMatchObject({ details: { reason: 'BINARY_MISSING' } });
  });

  it('stops a program whose output grows past the cap', async () => {
    await expect(runProcess({ command: 'yes', args: [], timeoutMs: 5000, maxStdoutBytes: 1024 * 1024 })).rejects.toMatchObject({ details: { reason: 'ENGINE_FAILED' } });
  });
});
