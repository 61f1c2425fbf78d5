import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/**
 * Saves a screenshot as `test/screenshots/<name>.png`: of the whole page, or of the viewport only
 * (`fullPage: false`; a modal dialog's backdrop covers only the viewport).
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

/** Every input has a label and every button and link a name, so screen readers and keyboard users can use them. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...[...document.querySelectorAll('input, select, textarea')].filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute('aria-label')).map((control) => control.outerHTML),
    ...[...document.querySelectorAll('button, a')].filter((control) => (control.textContent ?? '').trim() === '' && !control.getAttribute('aria-label')).map((control) => control.outerHTML),
  ]);
}
