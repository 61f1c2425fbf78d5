import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { startConsoleAgent } from './start-console-agent.js';
import { createGate, REPORT_TEXT, taskAgentOptions } from './task-fixtures.js';

/** The text of the cells of the table row that mentions `text`, e.g. `['Morning report', 'cron …', …]`. */
async function rowCells(page: Page, text: string): Promise<string[]> {
  return page.getByRole('row').filter({ hasText: text }).getByRole('cell').allTextContents();
}

describe('the Tasks page in Chromium', () => {
  it('shows schedules and next runs, pauses and resumes a task, runs it now and shows the run live with its output', { timeout: 90_000 }, async () => {
    const gate = createGate();
    await using harness = await startConsoleAgent(taskAgentOptions(gate));
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('heading', { name: 'Health' }).waitFor();

    // Keyboard: the navigation reaches Tasks.
    await page.getByRole('link', { name: 'Tasks' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await page.getByRole('caption').filter({ hasText: '2 tasks' }).waitFor();
    const nextRunAt = (await harness.agent.invoke('task/get', { taskId: 'morning-report' })).task.nextRunAt ?? '';
    const nextRunText = await page.evaluate((iso) => new Date(Date.parse(iso)).toLocaleString(), nextRunAt);
    expect(await rowCells(page, 'Morning report')).toEqual([
      'Morning reportmorning-report',
      'cron 30 8 * * 1-5 (Europe/Berlin)',
      nextRunText,
      'active',
      'never run',
      'Run nowPause',
    ]);
    expect(await rowCells(page, 'cleanup')).toEqual(['cleanup', 'manual (only when run by hand)', '—', 'manual', 'never run', 'Run now']);
    expect(await unlabelledControls(page)).toEqual([]);

    // Pause: the state says so, the next run is gone, and the agent agrees.
    await page.getByRole('button', { name: 'Pause morning-report' }).press('Enter');
    await page.getByText('Paused morning-report: its schedule will not fire until resumed.').waitFor();
    await expect.poll(() => rowCells(page, 'Morning report')).toEqual([
      'Morning reportmorning-report',
      'cron 30 8 * * 1-5 (Europe/Berlin)',
      '— (paused)',
      expect.stringMatching(/^pausedsince .+ by console$/),
      'never run',
      'Run nowResume',
    ]);
    expect((await harness.agent.invoke('task/get', { taskId: 'morning-report' })).task).toMatchObject({ nextRunAt: null, paused: { by: 'console' } });
    await screenshot(page, 'tasks-paused');

    // Resume: the next run is back.
    await page.getByRole('button', { name: 'Resume morning-report' }).press('Enter');
    await page.getByText(`Resumed morning-report; next run ${nextRunText}.`).waitFor();
    await expect.poll(async () => (await rowCells(page, 'Morning report')).slice(2, 4)).toEqual([nextRunText, 'active']);

    // The task's page: Run now; the run shows as running while the model turn waits, and the page refreshes by itself.
    await page.getByRole('link', { name: 'Morning report' }).press('Enter');
    await page.getByRole('heading', { name: 'Task Morning report' }).waitFor();
    await page.getByText('No runs yet.').waitFor();
    expect(await page.locator('.instructions').textContent()).toBe('Write the morning report: new chat sessions and failed task runs since yesterday.');
    harness.model.enqueue({ toolCalls: [{ name: 'gate_wait', arguments: {} }] }, { text: REPORT_TEXT });
    await page.getByRole('button', { name: 'Run morning-report now' }).press('Enter');
    await page.getByText(/^Run of morning-report started/).waitFor();
    await vi.waitFor(() => expect(gate.waiting).toBe(1));
    const run = page.getByRole('row').filter({ hasText: 'manual ·' });
    await run.getByText('running', { exact: true }).waitFor();
    await run.getByText('Still running…').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'tasks-running');
    gate.open();
    await run.getByText('succeeded', { exact: true }).waitFor();
    await run.getByText(REPORT_TEXT).waitFor();
    expect(await run.getByRole('cell').nth(3).textContent()).toMatch(/^\d+(\.\d)? m?s$/);

    // Run it again and cancel it while it waits.
    harness.model.enqueue({ toolCalls: [{ name: 'gate_wait', arguments: {} }] });
    await page.getByRole('button', { name: 'Run morning-report now' }).press('Enter');
    await vi.waitFor(() => expect(gate.waiting).toBe(1));
    await page.getByRole('caption').filter({ hasText: 'The newest 2 runs, newest first' }).waitFor();
    const cancel = page.getByRole('button', { name: /^Cancel the manual run of / });
    await cancel.waitFor();
    await cancel.press('Enter');
    await page.getByText('Run cancelled.').waitFor();
    await page.getByRole('row').filter({ hasText: 'cancelled' }).getByText('ABORTED: Cancelled by console.').waitFor();
    expect(gate.waiting).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: REPORT_TEXT }).getByText('succeeded', { exact: true }).count()).toBe(1);
    await screenshot(page, 'tasks-run');

    // The run's link opens its session: the model turn with the gate tool call.
    await page.getByRole('row').filter({ hasText: REPORT_TEXT }).getByRole('link').press('Enter');
    await page.getByRole('heading', { name: /^Session task:morning-report:manual-/ }).waitFor();
    await page.getByLabel('Arguments of gate_wait').waitFor();
    expect(await page.locator('.history').textContent()).toContain(REPORT_TEXT);

    // Back on the list: the last run and its status.
    await page.getByRole('link', { name: 'Tasks' }).press('Enter');
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await expect.poll(async () => (await rowCells(page, 'Morning report'))[4]).toMatch(/^cancelled/);
    await page.getByRole('button', { name: 'Run cleanup now' }).press('Enter');
    await expect.poll(async () => (await rowCells(page, 'cleanup'))[4]).toMatch(/^succeeded/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'tasks-list');
  });
});
