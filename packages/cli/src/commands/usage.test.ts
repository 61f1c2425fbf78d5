import { access } from 'node:fs/promises';
import path from 'node:path';
import { startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { fixtureProject } from '../../test/fixture-project.js';
import { sendHttpMessage } from '../../test/http-message.js';
import { Output } from '../cli/output.js';
import { runCli } from '../cli/run-cli.js';
import { runAgent } from '../runtime/run-agent.js';
import { formatCost, usageRange } from './usage.js';

const CONFIG = `import { defineConfig } from '@downcity/core';
export default defineConfig({
  agent: { name: 'usage-fixture', logLevel: 'silent', stopGraceMs: 2000 },
  use: ['@downcity/chat'],
  services: { chat: { channels: { http: { port: 0, token: 'usage-token-123456' } } } },
  usage: { currency: 'EUR', prices: { 'openai-compatible:fake': { input: 1, output: 2, cachedInput: 0.5 } } },
});
`;

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

describe('downcity usage', () => {
  it('reports tokens and cost of a running agent by user, session and day, as JSON and as a table', async () => {
    await using fake = await startFakeOpenAI();
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const env = { DOWNCITY_MODEL: 'openai-compatible:fake', DOWNCITY_MODEL_BASE_URL: fake.baseURL };
    const io = captureIo({ cwd: project.dir, env });
    let stop: (reason: string) => void = () => {};
    const running = runAgent({ dir: project.dir, io, output: new Output(io, { json: false }), mode: 'start', stopSignal: new Promise<string>((resolve) => (stop = resolve)) });
    try {
      await expect.poll(() => exists(path.join(project.dir, '.downcity', 'control.sock')), { timeout: 15_000 }).toBe(true);
      const cli = async (args: string[]) => {
        const capture = captureIo({ cwd: project.dir, env });
        const code = await runCli(args, capture);
        return { code, out: capture.out(), err: capture.err() };
      };
      const channels = await cli(['status', '--json']);
      const url = String((JSON.parse(channels.out) as { channels: { id: string; info: { url: string } }[] }).channels.find((channel) => channel.id === 'http')?.info.url);
      fake.enqueue({ text: 'one', usage: { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 400, reasoningTokens: 30 } }, { text: 'two', usage: { inputTokens: 500, outputTokens: 50 } });
      expect((await sendHttpMessage({ url, token: 'usage-token-123456', text: 'hi', chatId: 'a' })).body).toMatchObject({ status: 'answered', text: 'one' });
      expect((await sendHttpMessage({ url, token: 'usage-token-123456', text: 'again', chatId: 'b' })).body).toMatchObject({ status: 'answered', text: 'two' });

      const byUser = await cli(['usage', '--by', 'user', '--json']);
      expect(byUser.code, byUser.err).toBe(0);
      const report = JSON.parse(byUser.out) as { currency: string; groups: { key: string; turns: number; inputTokens: number; cachedInputTokens: number; reasoningTokens: number; cost: number | null }[] };
      expect(report.currency).toBe('EUR');
      expect(report.groups).toHaveLength(1);
      expect(report.groups[0]).toMatchObject({ turns: 2, inputTokens: 1500, cachedInputTokens: 400, reasoningTokens: 30 });
      // 600 uncached at 1 + 400 cached at 0.5 + 150 output at 2 (+ 500 input at 1) per million.
      expect(report.groups[0]?.cost).toBeCloseTo((600 + 200 + 300 + 500) / 1e6, 12);

      const bySession = await cli(['usage', '--by', 'session', '--days', '2', '--json']);
      expect((JSON.parse(bySession.out) as { groups: { key: string }[] }).groups.map((group) => group.key).sort()).toEqual([expect.stringContaining(':a'), expect.stringContaining(':b')]);

      const human = await cli(['usage']);
      expect(human.code, human.err).toBe(0);
      expect(human.out).toMatch(/DAY\s+TURNS\s+INPUT\s+CACHED\s+OUTPUT\s+REASONING\s+TOTAL\s+COST/);
      expect(human.out).toContain('1,650');
      expect(human.out).toContain('0.001600 EUR');

      const bad = await cli(['usage', '--by', 'week']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--by must be one of session, user, day, model, turn');
    } finally {
      stop('test');
      await running;
    }
  });

  it('turns --days, --since and --until into a UTC day range, and says "no price" instead of a made-up cost', () => {
    const now = Date.UTC(2026, 0, 3, 12);
    expect(usageRange({}, now)).toEqual({ since: '2025-12-28', until: '2026-01-03' });
    expect(usageRange({ days: '1' }, now)).toEqual({ since: '2026-01-03', until: '2026-01-03' });
    expect(usageRange({ since: '2026-01-01', until: '2026-01-02' }, now)).toEqual({ since: '2026-01-01', until: '2026-01-02' });
    expect(() => usageRange({ since: '2026-13-01' }, now)).toThrow('--since must be a UTC day as YYYY-MM-DD');
    expect(() => usageRange({ since: '2026-01-01', days: '3' }, now)).toThrow('either --since (with --until) or --days');
    expect(() => usageRange({ days: '0' }, now)).toThrow('--days must be a whole number from 1 to 366');
    expect(formatCost({ cost: null, unpricedSteps: 2 }, 'USD')).toBe('no price');
    expect(formatCost({ cost: 1.5, unpricedSteps: 1 }, 'USD')).toBe('1.5000 USD + no price (1 step)');
    expect(formatCost({ cost: 0.25, unpricedSteps: 0 }, 'USD')).toBe('0.2500 USD');
  });
});
