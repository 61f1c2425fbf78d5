import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `scripts/bootstrap.sh --with-system-deps` installs it). */
function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('Chromium is not installed: run `apt-get install -y chromium` (or `bash scripts/bootstrap.sh --with-system-deps`).');
}

/** Launches headless Chromium; close it with `await using`. */
export async function launchChromium(): Promise<Browser & AsyncDisposable> {
  // --no-sandbox: CI containers run as root, where Chromium's own sandbox cannot start.
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  return Object.assign(browser, { [Symbol.asyncDispose]: () => browser.close() });
}
