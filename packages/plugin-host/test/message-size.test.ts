import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardPartialMessages, messageSize } from '../src/message-size.js';

const sender = fileURLToPath(new URL('./fixtures/big-sender/send-big.mjs', import.meta.url));

function run(bytes: number, limit: number): Promise<{ installed: boolean; refused: number[]; delivered: number }> {
  const child = fork(sender, [String(bytes)], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const refused: number[] = [];
  let delivered = 0;
  const installed = guardPartialMessages(child, limit, (size) => {
    refused.push(size);
    child.kill('SIGKILL');
  });
  child.on('message', () => {
    delivered += 1;
    child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('exit', () => resolve({ installed, refused, delivered })));
}

describe('the IPC message size cap while Node reads the message', () => {
  it('is installed on this Node, and refuses an oversized message before it is delivered', async () => {
    const outcome = await run(2_000_000, 256 * 1024);
    expect(outcome.installed).toBe(true);
    expect(outcome.refused).toHaveLength(1);
    expect(outcome.refused[0]).toBeGreaterThan(2_000_000);
    expect(outcome.delivered).toBe(0);
  });

  it('lets a message under the limit through, and its delivered size is what crossed', async () => {
    const outcome = await run(100_000, 256 * 1024);
    expect(outcome).toEqual({ installed: true, refused: [], delivered: 1 });
    expect(messageSize({ big: 'x'.repeat(100_000) })).toBeGreaterThan(100_000);
  });
});
