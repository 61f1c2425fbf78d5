import { describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { startConsoleAgent } from './start-console-agent.js';

/** The command the model asks for: bash is not allowed on its own, so it waits for approval; it prints on both streams and exits 2. */
const ARGV = ['bash', '-c', 'echo hello from the sandbox; ls missing.txt'];

describe('shell approvals in the console', () => {
  it('shows a shell request the model made as it arrives, approves it, shows its output and tells the chat user', { timeout: 90_000 }, async () => {
    // The shell service as configured by default: approval mode ask, commands in the bubblewrap sandbox.
    await using harness = await startConsoleAgent({ shell: {} });
    const carol = await harness.agent.invoke('chat/http-token-create', { user: 'carol' });
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('link', { name: 'Approvals' }).press('Enter');
    await page.getByRole('heading', { name: 'Shell commands' }).waitFor();
    await page.getByText('No shell commands are waiting.').waitFor();
    // Marks this page load: if the request appeared through a reload, the mark would be gone.
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));

    // Carol asks in chat; the model calls the shell tool, which waits for approval.
    harness.model.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ARGV } }] }, { text: 'I asked for approval to run it.' });
    expect(await harness.say('is there a missing.txt in my workspace?', 'carol-chat', carol.token)).toBe('I asked for approval to run it.');

    // The request appears on the open page, without a reload, with who asked, the session and why.
    const row = page.getByRole('row').filter({ hasText: 'hello from the sandbox' });
    await row.waitFor();
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    const [request] = (await harness.agent.invoke('shell/pending', {})).pending;
    if (!request) throw new Error('no pending shell request');
    expect(await row.getByRole('cell').nth(0).textContent()).toContain("bash -c 'echo hello from the sandbox; ls missing.txt'");
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('http:carol');
    expect(await row.getByRole('link').textContent()).toBe(request.sessionId);
    expect(await row.getByRole('cell').nth(4).textContent()).toBe(request.reason);
    expect(request.reason).toMatch(/bash/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'approvals-shell-pending');

    // Approve it from the keyboard: it runs in the sandbox and its output shows on the page.
    await page.getByRole('button', { name: `Approve ${request.id}` }).press('Enter');
    await page.getByText(`Ran ${request.id}: exit code 2.`).waitFor();
    expect(await page.getByLabel(`stdout of ${request.id}`).textContent()).toBe('hello from the sandbox\n');
    expect(await page.getByLabel(`stderr of ${request.id}`).textContent()).toContain('missing.txt');
    expect(await page.getByRole('article', { name: `Outcome of ${request.id}` }).textContent()).toContain('Exit code 2');
    await page.getByText('No shell commands are waiting.').waitFor();
    const answeredRow = page.getByRole('row').filter({ hasText: 'approved by console' });
    await answeredRow.waitFor();
    expect(await answeredRow.textContent()).toContain('http:carol');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'approvals-shell-output');

    // Audited as approved by the console, run for carol.
    expect((await harness.agent.invoke('shell/audit', { limit: 1 })).records[0]).toMatchObject({ outcome: 'ran', approvalId: request.id, approvedBy: 'console', principal: 'http:carol', exitCode: 2 });

    // What carol sees in her conversation: the request, then the operator's decision and the exit status.
    const history = await fetch(`${harness.origin}/v1/sessions/${encodeURIComponent(request.sessionId)}/messages`, { headers: { authorization: `Bearer ${carol.token}` } });
    const { messages } = (await history.json()) as { messages: { role: string; text: string }[] };
    const texts = messages.filter((message) => message.role === 'assistant').map((message) => message.text);
    expect(texts.some((text) => text.includes(`reply /approve ${request.id} or /deny ${request.id}`))).toBe(true);
    expect(texts.at(-1)).toContain("The operator (console) approved `bash -c 'echo hello from the sandbox; ls missing.txt'`: it finished with exit code 2.");
    // The output stays out of the conversation's text; the model's next turn reads it from the tool result.
    expect(texts.some((text) => text.includes('hello from the sandbox\n'))).toBe(false);
    harness.model.enqueue({ text: 'It printed "hello from the sandbox" and ls said missing.txt does not exist.' });
    expect(await harness.say('what did it print?', 'carol-chat', carol.token)).toBe('It printed "hello from the sandbox" and ls said missing.txt does not exist.');
    expect(JSON.stringify(harness.model.calls.at(-1)?.prompt)).toContain('hello from the sandbox');
  });

  it('denies a shell request: it does not run and the conversation is told', { timeout: 90_000 }, async () => {
    await using harness = await startConsoleAgent({ shell: {} });
    const dave = await harness.agent.invoke('chat/http-token-create', { user: 'dave' });
    harness.model.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', 'denied.txt'] } }] }, { text: 'Waiting for approval.' });
    await harness.say('make a file', 'dave-chat', dave.token);
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('link', { name: 'Approvals' }).press('Enter');
    const [request] = (await harness.agent.invoke('shell/pending', {})).pending;
    if (!request) throw new Error('no pending shell request');
    await page.getByRole('button', { name: `Deny ${request.id}` }).press('Enter');
    await page.getByText(`Denied ${request.id}: it will not run.`).waitFor();
    await page.getByText('No shell commands are waiting.').waitFor();
    expect((await harness.agent.invoke('shell/audit', { limit: 1 })).records[0]).toMatchObject({ outcome: 'denied', deniedBy: 'user', reason: 'The operator (console) denied it.' });
    const history = await harness.agent.session.history(request.sessionId, { limit: 20 });
    expect(JSON.stringify(history.at(-1)?.content)).toContain('The operator (console) denied `touch denied.txt`: it will not run.');

    // A request that is gone answers not-found; a malformed id is refused with what to fix; without the CSRF token nothing is answered.
    const post = (path: string, headers: Record<string, string>) => page.evaluate(async ([url, sent]) => {
      const response = await fetch(url, { method: 'POST', headers: sent });
      return { status: response.status, body: await response.json() };
    }, [`${harness.consoleUrl}/api/${path}`, headers] as const);
    const csrfToken = ((await (await page.request.get(`${harness.consoleUrl}/api/me`)).json()) as { csrfToken: string }).csrfToken;
    expect(await post(`shell/${request.id}/approve`, { 'x-csrf-token': csrfToken })).toMatchObject({ status: 200, body: { status: 'not-found' } });
    expect(await post('shell/not-an-id!/approve', { 'x-csrf-token': csrfToken })).toMatchObject({ status: 400, body: { error: { code: 'INPUT_INVALID', message: expect.stringContaining('8 hex digits') } } });
    expect(await post(`shell/${request.id}/deny`, {})).toMatchObject({ status: 403, body: { error: { code: 'CSRF_REJECTED' } } });
  });
});
