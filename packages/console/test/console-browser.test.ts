import { describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { startConsoleAgent } from './start-console-agent.js';

describe('the console in Chromium', () => {
  it('signs in from the printed link and shows health and sessions of a real agent, by keyboard alone', { timeout: 60_000 }, async () => {
    await using harness = await startConsoleAgent();
    harness.model.enqueue({ toolCalls: [{ name: 'weather_forecast', arguments: { city: 'Lisbon' } }] }, { text: 'It is sunny in Lisbon.' });
    await harness.say('weather in Lisbon?', 'alice-chat');
    await harness.say('hello there', 'bob-chat');
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });

    // Without the cookie: the page and the API are refused.
    const refused = await page.goto(`${harness.consoleUrl}/`);
    expect(refused?.status()).toBe(401);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign-in needed');
    await screenshot(page, '0-sign-in-needed');
    const api = await page.request.get(`${harness.consoleUrl}/api/sessions`);
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'SIGN_IN_REQUIRED' } });

    // The link `downcity console` prints signs in and lands on the health page, without the token in the URL.
    await page.goto(await harness.signInLink());
    expect(page.url()).toBe(`${harness.consoleUrl}/`);
    await page.getByRole('heading', { name: 'Health' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'http' }).getByRole('cell', { name: 'connected', exact: true }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('configured');
    expect(await page.locator('.facts').textContent()).toContain('2 chat sessions');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '1-health');

    // Keyboard only: skip link, then the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Health');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chat');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sessions');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await page.getByRole('caption').filter({ hasText: '2 sessions' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    await page.getByLabel('User or chat').focus();
    await page.keyboard.type('alice');
    await page.keyboard.press('Enter');
    await page.getByRole('caption').filter({ hasText: '1 session' }).waitFor();
    await page.getByLabel('User or chat').fill('');
    await page.getByLabel('Text').fill('hello there');
    await page.keyboard.press('Enter');
    // The caption already said "1 session" for the previous filter: wait for the row this filter finds.
    await page.locator('tbody tr', { hasText: 'bob-chat' }).waitFor();
    await page.getByRole('caption').filter({ hasText: '1 session' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear' }).press('Enter');
    await page.getByRole('caption').filter({ hasText: '2 sessions' }).waitFor();
    await screenshot(page, '2-sessions');

    // A session's history shows the tool call with its arguments and result; reset asks first.
    const aliceRow = page.getByRole('row').filter({ hasText: 'alice-chat' });
    await aliceRow.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Session / }).waitFor();
    await page.getByLabel('Arguments of weather_forecast').waitFor();
    expect(await page.getByLabel('Arguments of weather_forecast').textContent()).toContain('"city": "Lisbon"');
    expect(await page.getByLabel('Result of weather_forecast').textContent()).toContain('sunny in Lisbon');
    expect(await page.locator('.history').textContent()).toContain('It is sunny in Lisbon.');
    // Token use and timings: per model step (the tool call, then the answer) and summed for the session.
    expect(await page.locator('.facts').textContent()).toMatch(/2 model steps: \d+ in \/ \d+ out tokens · (\d+ ms|\d+\.\d s)/);
    expect(await page.locator('.history .cost').count()).toBe(2);
    expect(await page.locator('.history .cost').first().textContent()).toMatch(/model step: \d+ in \/ \d+ out tokens · (\d+ ms|\d+\.\d s)/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '3-session');

    // A change without the CSRF token is refused, even from the console's own page with its cookie.
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const forged = await page.evaluate(async (url) => (await fetch(url, { method: 'POST' })).status, `${harness.consoleUrl}/api/sessions/${encodeURIComponent(sessionId)}/reset`);
    expect(forged).toBe(403);
    expect((await harness.agent.session.get(sessionId))?.windowStart).toBe(0);

    await page.getByRole('button', { name: 'Reset session…' }).press('Enter');
    await page.getByRole('button', { name: 'Confirm reset' }).press('Enter');
    await page.getByText('Session reset.').waitFor();
    await page.getByText(/messages after #\d+ \(reset\)/).waitFor();
    expect((await harness.agent.session.get(sessionId))?.windowStart).toBeGreaterThan(0);
    await screenshot(page, '4-session-reset');

    // Sign-out ends the session: the next page load is refused.
    await page.getByRole('button', { name: 'Sign out' }).press('Enter');
    await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    expect((await page.reload())?.status()).toBe(401);
  });

  it('approves and denies pairing requests on the approvals page', { timeout: 60_000 }, async () => {
    await using harness = await startConsoleAgent({ auth: true });
    const mallory = await harness.agent.invoke('chat/http-token-create', { user: 'mallory' });
    const eve = await harness.agent.invoke('chat/http-token-create', { user: 'eve' });
    await harness.say('let me in', 'mallory-chat', mallory.token);
    await harness.say('me too', 'eve-chat', eve.token);
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('link', { name: 'Approvals' }).press('Enter');
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'http:mallory' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'http:eve' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '5-approvals');

    await page.getByRole('button', { name: 'Approve http:mallory' }).press('Enter');
    await page.getByText(/^Approved http:mallory as /).waitFor();
    // The buttons stay disabled until the list is fresh again after an answer.
    const denyEve = page.getByRole('button', { name: 'Deny http:eve' });
    await expect.poll(() => denyEve.isEnabled()).toBe(true);
    await denyEve.press('Enter');
    await page.getByText('Request denied.').waitFor();
    await page.getByText('No pairing requests are waiting.').waitFor();
    await screenshot(page, '6-approvals-answered');
    expect(await harness.say('let me in', 'mallory-chat', mallory.token)).toBe('echo: let me in');
    expect(await harness.say('me too', 'eve-chat', eve.token)).toMatch(/pairing code/);
  });
});
