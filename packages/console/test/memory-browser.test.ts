import { describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { startConsoleAgent } from './start-console-agent.js';

describe('the memory page', () => {
  it('searches memory, inspects an item and forgets it', { timeout: 90_000 }, async () => {
    // The real memory service, full-text recall (no embedding model, as offline).
    await using harness = await startConsoleAgent({ memory: true });
    const erin = await harness.agent.invoke('chat/http-token-create', { user: 'erin' });
    const frank = await harness.agent.invoke('chat/http-token-create', { user: 'frank' });
    // Users tell the assistant things; the model stores them with its memory tool, in each user's own scope.
    harness.model.enqueue({ toolCalls: [{ name: 'memory_remember', arguments: { text: 'Erin takes oat milk in her coffee', tags: ['preference'] } }] }, { text: 'Noted.' });
    await harness.say('I take oat milk in my coffee, remember that', 'erin-chat', erin.token);
    harness.model.enqueue({ toolCalls: [{ name: 'memory_remember', arguments: { text: 'Frank drinks his coffee black' } }] }, { text: 'Noted.' });
    await harness.say('remember: black coffee for me', 'frank-chat', frank.token);
    await harness.agent.invoke('memory/remember', { text: 'The office coffee machine is on the 3rd floor', scope: 'agent' });

    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('link', { name: 'Memory' }).press('Enter');
    await page.getByRole('heading', { name: 'Memory', level: 1 }).waitFor();
    await page.getByRole('caption').filter({ hasText: '3 memories, newest first' }).waitFor();

    // Search, by keyboard: the user memories about coffee, best first, with whose they are and where they were said.
    await page.getByLabel('Search memory').focus();
    await page.keyboard.type('oat milk coffee');
    await page.getByLabel('Scope').selectOption('user');
    await page.getByRole('button', { name: 'Search', exact: true }).press('Enter');
    await page.getByRole('caption').filter({ hasText: '2 memories, best match first' }).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.nth(0).textContent()).toContain('Erin takes oat milk in her coffee');
    const erinRow = page.getByRole('row').filter({ hasText: 'Erin takes oat milk' });
    expect(await erinRow.getByRole('cell').nth(1).textContent()).toBe('user http:erin');
    expect(await erinRow.getByRole('cell').nth(2).textContent()).toBe('model for http:erin');
    expect(await erinRow.getByRole('cell').nth(3).textContent()).toMatch(/^chat:http:default:erin-chat/);
    expect(await page.locator('tbody').textContent()).not.toContain('3rd floor');
    expect(await unlabelledControls(page)).toEqual([]);

    // Inspect it: everything the service knows about it.
    await erinRow.getByRole('button', { name: 'Inspect "Erin takes oat milk in her coffee"' }).press('Enter');
    const detail = page.getByRole('region', { name: /^Memory m_/ });
    await detail.waitFor();
    expect(await detail.textContent()).toContain('preference');
    expect(await detail.getByRole('link').textContent()).toMatch(/^chat:http:default:erin-chat/);
    await screenshot(page, 'memory-search');

    // Forget asks first; then the item is gone from the page and from the assistant's recall.
    await detail.getByRole('button', { name: 'Forget…' }).press('Enter');
    await detail.getByRole('button', { name: 'Cancel' }).press('Enter');
    await detail.getByRole('button', { name: 'Forget…' }).press('Enter');
    await detail.getByRole('button', { name: 'Confirm forget' }).press('Enter');
    await page.getByText('Forgotten: "Erin takes oat milk in her coffee". It will not be recalled again.').waitFor();
    await page.getByRole('caption').filter({ hasText: '1 memory, best match first' }).waitFor();
    expect(await page.locator('tbody').textContent()).not.toContain('oat milk');
    expect(await page.locator('tbody').textContent()).toContain('Frank drinks his coffee black');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'memory-forgotten');

    harness.model.enqueue({ toolCalls: [{ name: 'memory_recall', arguments: { query: 'oat milk coffee' } }] }, { text: 'I do not know how you take your coffee.' });
    await harness.say('how do I take my coffee?', 'erin-chat', erin.token);
    const sessionId = (await harness.agent.invoke('chat/sessions', { limit: 10 })).sessions.find((session) => session.id.includes('erin-chat'))?.id ?? '';
    const results = (await harness.agent.session.history(sessionId, { limit: 50 })).filter((message) => message.role === 'tool');
    // Erin's recall still finds the shared coffee fact, but not the forgotten one.
    expect(JSON.stringify(results.at(-1)?.content)).toContain('The office coffee machine is on the 3rd floor');
    expect(JSON.stringify(results.at(-1)?.content)).not.toContain('oat milk');
    expect((await harness.agent.invoke('memory/operator-search', { query: 'oat milk' })).memories).toEqual([]);
  });
});
