import { describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { CHANNEL_TOKEN, startConsoleAgent } from './start-console-agent.js';

describe('the health page', () => {
  it('shows channel activity and a live, redacted log tail filtered by level', { timeout: 90_000 }, async () => {
    await using harness = await startConsoleAgent();
    expect(await harness.say('hello', 'gina-chat')).toBe('echo: hello');
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('heading', { name: 'Health' }).waitFor();

    // The HTTP channel: connected, when it last delivered a message, no error.
    const http = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'http', exact: true }) }).filter({ hasText: 'connected' });
    await http.waitFor();
    expect(await http.getByRole('cell').nth(3).textContent()).not.toBe('none yet');
    expect(await http.getByRole('cell').nth(4).textContent()).toBe('none');

    // The tail opens with the agent's recent lines (its start-up), then shows new ones as they are logged.
    const tail = page.getByRole('list', { name: 'Log lines, oldest first' });
    await tail.getByText('console served; run `downcity console` for a sign-in link').waitFor();
    await page.getByText(/^live · \d+ lines/).waitFor();
    // A line that carries the channel's token (a secret in the config), in its message, a field and a secret-looking key.
    harness.agent.logger.child({ package: 'upstream' }).warn({ token: CHANNEL_TOKEN, detail: `retrying with ${CHANNEL_TOKEN}` }, `the upstream refused ${CHANNEL_TOKEN}`);
    const warned = tail.getByRole('listitem').filter({ hasText: 'the upstream refused [redacted]' });
    await warned.waitFor();
    expect(await warned.textContent()).toContain('"token":"[redacted]"');
    expect(await warned.textContent()).toContain('"detail":"retrying with [redacted]"');
    expect(await page.content()).not.toContain(CHANNEL_TOKEN);
    const api = await page.request.get(`${harness.consoleUrl}/api/logs`);
    expect(await api.text()).not.toContain(CHANNEL_TOKEN);
    // The real log output got the same line unredacted in this test's recording logger: the tail redacts on its own.
    expect(harness.logLines.some((line) => line.message.includes(CHANNEL_TOKEN))).toBe(true);

    // Filter by level: only warnings and errors, from the kept lines and the live ones.
    await page.getByLabel('Level').selectOption('warn');
    await tail.getByRole('listitem').filter({ hasText: 'the upstream refused [redacted]' }).waitFor();
    await expect.poll(() => tail.getByText('console served; run `downcity console` for a sign-in link').count()).toBe(0);
    harness.agent.logger.info('an info line the filter hides');
    harness.agent.logger.error('disk almost full');
    await tail.getByText('disk almost full').waitFor();
    expect(await tail.textContent()).not.toContain('an info line the filter hides');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'health-log-tail');

    // A bad level is refused with what to use.
    const refused = await page.request.get(`${harness.consoleUrl}/api/logs?level=loud`);
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('trace, debug, info, warn, error') } });
  });
});
