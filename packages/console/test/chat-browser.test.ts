import { describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { startConsoleAgent } from './start-console-agent.js';

describe('the Chat page in Chromium', () => {
  it('chats with the fake model: a streamed reply with a tool call, then a reply stopped with the Stop button', { timeout: 60_000 }, async () => {
    await using harness = await startConsoleAgent();
    harness.model.enqueue(
      { toolCalls: [{ name: 'weather_forecast', arguments: { city: 'Lisbon' } }] },
      { text: 'It is sunny in Lisbon today, a good day for a walk by the river.' },
      // Writes its first words, then keeps writing until it is stopped.
      { text: 'Once upon a time, in a city of seven hills, there lived a tram driver who', hold: true },
    );
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('heading', { name: 'Health' }).waitFor();

    // Keyboard only: the Chat link, then the message box.
    await page.getByRole('link', { name: 'Chat' }).press('Enter');
    await page.getByRole('heading', { name: 'Chat' }).waitFor();
    expect(page.url()).toBe(`${harness.consoleUrl}/chat`);
    await page.getByText('No messages yet. Say hello.').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    // Record what the reply bubble shows while it streams (before the stored conversation replaces it).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { liveTexts: string[] }).liveTexts = seen;
      new MutationObserver(() => {
        const live = document.querySelector('.message.live');
        if (live?.textContent) seen.push(live.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Message').focus();
    await page.keyboard.type('What is the weather in Lisbon?');
    await page.keyboard.press('Enter');
    const conversation = page.getByRole('list', { name: 'Conversation, oldest first' });
    await conversation.getByText('It is sunny in Lisbon today, a good day for a walk by the river.').waitFor();
    const liveTexts = await page.evaluate(() => (window as unknown as { liveTexts: string[] }).liveTexts);
    expect(liveTexts.some((text) => text.includes('writing…') && text.includes('It is sunny in Lisbon today'))).toBe(true);
    // The tool call with its arguments and its result, as stored.
    expect(await page.getByLabel('Arguments of weather_forecast').textContent()).toContain('"city": "Lisbon"');
    expect(await page.getByLabel('Result of weather_forecast').textContent()).toContain('sunny in Lisbon');
    expect(await page.getByLabel('Message').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-message');
    await screenshot(page, 'chat-2-tool-call');

    // A long reply streams in; Stop is offered while it is written, and Send waits.
    await page.keyboard.type('Tell me a long story about Lisbon.');
    await page.keyboard.press('Enter');
    const live = page.locator('.message.live');
    await live.getByText('Once upon a time, in a city of seven hills, there lived a tram driver who').waitFor();
    expect(await live.getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await page.getByRole('status').filter({ hasText: 'The agent is replying…' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'chat-1-streamed');

    await page.getByRole('button', { name: 'Stop' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Reply stopped. What the agent had written is kept.' }).waitFor();
    await live.waitFor({ state: 'detached' });
    const stopped = conversation.getByRole('listitem').filter({ hasText: 'stopped' });
    expect(await stopped.textContent()).toContain('Once upon a time, in a city of seven hills');
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    await screenshot(page, 'chat-3-stopped');

    // The conversation is stored: a reload shows it, and the next message is answered normally.
    await page.reload();
    await conversation.getByText('It is sunny in Lisbon today, a good day for a walk by the river.').waitFor();
    expect(await conversation.getByRole('listitem').filter({ hasText: 'stopped' }).textContent()).toContain('there lived a tram driver who');
    await page.getByLabel('Message').fill('Thanks!');
    await page.getByRole('button', { name: 'Send' }).press('Enter');
    await conversation.getByText('echo: Thanks!').waitFor();
    const { messages } = await harness.agent.invoke('chat/history', { sessionId: 'chat:web:console:main:operator' });
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'user', 'assistant']);
  });
});
