import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreVersion } from '@downcity/core';
import { cleanNpmEnv, createTestProject, startVerdaccio, writeFixturePackage, type TestProject, type Verdaccio } from '@downcity/verdaccio-harness';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { screenshot, unlabelledControls } from './page-checks.js';
import { startConsoleAgent, type ConsoleAgent } from './start-console-agent.js';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));

const GREETER = '@acme/downcity-greeter';
const FUTURE = '@acme/downcity-greeter-next';
const GREETER_LINES = ['network: api.greeting.example', 'runs programs: no', 'files: none', 'secrets: GREETER_TOKEN'];

/** The project the agent runs from, as `downcity init` would leave it: chat and the console in use. */
const CONFIG = `import { defineConfig } from '@downcity/core';

// The agent of the Plugins page test.
export default defineConfig({
  agent: { name: 'plugins-test' },
  use: ['@downcity/chat', '@downcity/console'],
  services: { console: {} },
});
`;

const focused = (page: Page): Promise<string | undefined> => page.evaluate(() => document.activeElement?.textContent?.trim());

/** POSTs an add from the console's own page (its cookie, its CSRF token unless `csrf` is false) and answers status and body. */
async function postAdd(page: Page, consoleUrl: string, body: unknown, csrf = true): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  return page.evaluate(
    async ({ url, payload, withCsrf }) => {
      const { csrfToken } = (await (await fetch(`${url}/api/me`)).json()) as { csrfToken: string };
      const response = await fetch(`${url}/api/plugins/add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(withCsrf ? { 'x-csrf-token': csrfToken } : {}) },
        body: JSON.stringify(payload),
      });
      return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
    },
    { url: consoleUrl, payload: body, withCsrf: csrf },
  );
}

let registry: Verdaccio;
let fixtures: string;
let project: TestProject;
let harness: ConsoleAgent;

beforeAll(async () => {
  // One registry for the file: starting verdaccio and publishing take a few seconds.
  registry = await startVerdaccio();
  fixtures = await mkdtemp(path.join(tmpdir(), 'downcity-console-fixtures-'));
  const manifest = {
    id: 'greeter',
    kind: 'plugin',
    displayName: 'Greeter',
    requires: { chat: '^0.1.0' },
    attaches: { 'chat/inbound': { kind: 'pipeline' } },
    permissions: { network: ['api.greeting.example'], secrets: ['GREETER_TOKEN'] },
  };
  const published = await Promise.all([
    writeFixturePackage(fixtures, { name: GREETER, version: '1.0.0', coreRange: `^${coreVersion}`, keywords: ['downcity', 'downcity-plugin'], manifest, description: 'Greets people in chat (greeter)' }),
    writeFixturePackage(fixtures, { name: FUTURE, version: '2.0.0', coreRange: '>=99.0.0', keywords: ['downcity-plugin'], manifest: { ...manifest, id: 'greeter-next' }, description: 'The next greeter' }),
  ]);
  await Promise.all(published.map((dir) => registry.publish(dir, { tool: 'npm' })));
  project = await createTestProject({
    npmrc: registry.npmrc(),
    packageManager: 'pnpm',
    links: { '@downcity/core': path.join(PACKAGES, 'core'), '@downcity/chat': path.join(PACKAGES, '../services/chat'), '@downcity/console': path.join(PACKAGES, 'console') },
    files: { 'downcity.config.ts': CONFIG },
  });
  // The agent runs from the project; without the npm settings `pnpm test` injects, its .npmrc picks the registry.
  harness = await startConsoleAgent({ projectDir: project.dir, env: cleanNpmEnv() });
}, 180_000);

afterAll(async () => {
  await harness?.[Symbol.asyncDispose]();
  await project?.[Symbol.asyncDispose]();
  await registry?.close();
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
});

describe('the Plugins page in Chromium, against a real registry (verdaccio)', () => {
  it('refuses an add whose accepted permissions differ from what the package asks for, or without the CSRF token', { timeout: 120_000 }, async () => {
    await using browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(await harness.signInLink());
    const before = await project.snapshot();
    const allowed = { network: ['api.greeting.example'], exec: false, filesystem: 'none', secrets: ['GREETER_TOKEN'] };

    const narrower = await postAdd(page, harness.consoleUrl, { name: GREETER, version: '1.0.0', acceptedPermissions: { ...allowed, secrets: [] } });
    expect(narrower.status).toBe(409);
    expect(narrower.body.error?.code).toBe('PERMISSIONS_CHANGED');
    expect(narrower.body.error?.message).toContain('secrets: GREETER_TOKEN');
    expect(narrower.body.error?.message).toContain('Nothing was changed');

    const forged = await postAdd(page, harness.consoleUrl, { name: GREETER, version: '1.0.0', acceptedPermissions: allowed }, false);
    expect(forged.status).toBe(403);
    expect(forged.body.error?.code).toBe('CSRF_REJECTED');

    const incomplete = await postAdd(page, harness.consoleUrl, { name: GREETER, version: '^1.0.0', acceptedPermissions: { network: true } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error?.message).toMatch(/version: must be an exact version/);

    const incompatible = await postAdd(page, harness.consoleUrl, { name: FUTURE, version: '2.0.0', acceptedPermissions: allowed });
    expect(incompatible.status).toBe(422);
    expect(incompatible.body.error?.code).toBe('CORE_INCOMPATIBLE');

    expect(await project.snapshot()).toEqual(before);
    expect(await project.installed()).not.toContain(GREETER);
  });

  it('shows installed packages with permissions, searches the market, and adds a plugin only after its permissions are confirmed, by keyboard alone', { timeout: 180_000 }, async () => {
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(await harness.signInLink());
    await page.getByRole('link', { name: 'Plugins' }).press('Enter');
    await page.getByRole('heading', { name: 'Plugins', level: 1 }).waitFor();

    // Installed: what the running agent loaded, with each manifest's permissions.
    const consoleRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^@downcity\/console / }) });
    await consoleRow.waitFor();
    expect(await consoleRow.getByRole('list', { name: 'Permissions of @downcity/console' }).textContent()).toBe("network: any hostruns programs: yesfiles: workspacesecrets: nonereads the agent's logs (redacted): yes");
    expect(await consoleRow.textContent()).toContain('console/sign-in-link');
    await page.getByRole('rowheader', { name: /^@downcity\/chat / }).waitFor();
    await page.getByRole('rowheader', { name: /^@downcity\/core .*built in/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Restart needed' }).count()).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'plugins-installed');

    // The market: a search finds both greeters, with what they ask for and whether they work with this core.
    await page.getByLabel('Search the registry').focus();
    await page.keyboard.type('greeter');
    await page.keyboard.press('Enter');
    await page.getByRole('caption').filter({ hasText: '2 packages found for “greeter”' }).waitFor();
    const greeterRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${GREETER} 1\\.0\\.0`) }) });
    expect(await greeterRow.getByRole('list', { name: `What ${GREETER} asks for` }).getByRole('listitem').allTextContents()).toEqual(GREETER_LINES);
    expect(await greeterRow.getByRole('cell', { name: 'yes', exact: true }).count()).toBe(1);
    const futureRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${FUTURE} `) }) });
    expect(await futureRow.textContent()).toContain('no (needs core >=99.0.0)');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'plugins-market');

    // Opening the plugin moves the focus to it: its checks passed and the permissions it asks for.
    await page.getByRole('button', { name: `Details of ${GREETER}`, exact: true }).press('Enter');
    await page.getByRole('heading', { name: GREETER, level: 3, exact: true }).waitFor();
    expect(await focused(page)).toBe(GREETER);
    const listing = page.getByRole('region', { name: GREETER, exact: true });
    await listing.getByText(/✓ Manifest valid/).waitFor();
    expect(await listing.getByRole('list', { name: `What ${GREETER}@1.0.0 asks for` }).getByRole('listitem').allTextContents()).toEqual(GREETER_LINES);
    expect(await listing.textContent()).toMatch(/sha512-/);

    // The permission dialog: labelled, the focus on Cancel; Escape refuses, and nothing is added.
    const before = await project.snapshot();
    const addButton = page.getByRole('button', { name: `Add ${GREETER}@1.0.0…` });
    await addButton.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Add ${GREETER}@1.0.0?` });
    await dialog.waitFor();
    expect(await focused(page)).toBe('Cancel');
    expect(await dialog.getByRole('list', { name: `Permissions ${GREETER}@1.0.0 asks for` }).getByRole('listitem').allTextContents()).toEqual(GREETER_LINES);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'plugins-confirm', false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe(`Add ${GREETER}@1.0.0…`);
    expect(await project.snapshot()).toEqual(before);
    expect(await project.installed()).not.toContain(GREETER);

    // Confirming adds it, as `downcity plugins add` would: the exact version pinned, use edited in place. A restart loads it.
    await addButton.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Allow and add');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Added ${GREETER}@1.0.0` }).waitFor({ timeout: 120_000 });
    expect(await focused(page)).toBe(`Added ${GREETER}@1.0.0`);
    expect(await listing.textContent()).toContain('Changed: package.json pnpm-lock.yaml downcity.config.ts');
    const restart = page.getByRole('region', { name: 'Restart needed' });
    await restart.waitFor();
    expect(await restart.getByRole('listitem').allTextContents()).toEqual([`${GREETER} (plugin) 1.0.0: added; restart to load it`]);
    // The market and the listing now say it is installed.
    await expect.poll(() => listing.locator('dt:text-is("Installed here") + dd').textContent()).toBe('1.0.0');
    await greeterRow.getByRole('cell', { name: '1.0.0', exact: true }).waitFor();
    await screenshot(page, 'plugins-added');

    const packageJson = JSON.parse(await readFile(path.join(project.dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(packageJson.dependencies[GREETER]).toBe('1.0.0');
    expect(await readFile(path.join(project.dir, 'downcity.config.ts'), 'utf8')).toBe(CONFIG.replace("'@downcity/console']", `'@downcity/console', '${GREETER}']`));
    expect(await readFile(path.join(project.dir, 'pnpm-lock.yaml'), 'utf8')).toContain(`'${GREETER}'`);
    expect(await project.installed()).toContain(GREETER);
    // The running agent has not loaded it: that is what the restart is for.
    expect(harness.agent.packages().map((entry) => entry.name)).not.toContain(GREETER);
  });
});
