import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestUser } from './create-test-user.js';
import { npmrcText } from './npmrc.js';
import { publishPackage, type PublishedPackage, type PublishPackageOptions } from './publish-package.js';
import { writeVerdaccioConfig } from './verdaccio-config.js';

/** Options for {@link startVerdaccio}. */
export interface StartVerdaccioOptions {
  /** Where packages are stored (default: a fresh temp folder, removed on close). */
  storageDir?: string;
  /** Whether reading needs a token, as on a private registry (default false: anyone may read, publishing needs the token). */
  requireAuthToRead?: boolean;
  /** Give up when verdaccio has not started after this many milliseconds (default 15 000). */
  startTimeoutMs?: number;
}

/** Options for {@link Verdaccio.publish}. */
export type PublishOptions = Pick<PublishPackageOptions, 'tag' | 'tool'>;

/** A running verdaccio. Close it (or `await using` it) in every test. */
export interface Verdaccio extends AsyncDisposable {
  /** The registry URL, ending in `/`, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  /** The test user's auth token. */
  readonly token: string;
  /** A temp `.npmrc` holding the registry and token, for `npm_config_userconfig`. */
  readonly userconfig: string;
  /** The text of an `.npmrc` that points a project at this registry (optionally only for one scope). */
  npmrc(options?: { scope?: string }): string;
  /** Publishes a package folder with `pnpm publish` (default) or `npm publish`. */
  publish(packageDir: string, options?: PublishOptions): Promise<PublishedPackage>;
  /** Stops verdaccio and removes its temp folder. Safe to call twice. */
  close(): Promise<void>;
}

const childScript = fileURLToPath(new URL('../bin/verdaccio-child.cjs', import.meta.url));

/**
 * Starts a real verdaccio on 127.0.0.1 with a port the OS picks, no uplinks, a temp storage folder
 * and a test user. It runs in a child process that exits with the test process.
 */
export async function startVerdaccio(options: StartVerdaccioOptions = {}): Promise<Verdaccio> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-verdaccio-'));
  const configFile = await writeVerdaccioConfig({
    dir,
    storageDir: options.storageDir ?? path.join(dir, 'storage'),
    requireAuthToRead: options.requireAuthToRead ?? false,
  });
  const child = fork(childScript, [configFile], {
    cwd: path.dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await waitForPort(child, options.startTimeoutMs ?? 15_000);
    const url = `http://127.0.0.1:${port}/`;
    const token = await createTestUser({ registry: url, name: 'downcity-test', password: 'downcity-test-password' });
    const userconfig = path.join(dir, 'userconfig.npmrc');
    await writeFile(userconfig, npmrcText({ registry: url, token }));
    return {
      url,
      token,
      userconfig,
      npmrc: (npmrcOptions = {}) => npmrcText({ registry: url, token, ...npmrcOptions }),
      publish: (packageDir, publishOptions = {}) => publishPackage({ packageDir, registry: url, userconfig, ...publishOptions }),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`verdaccio did not start within ${timeoutMs} ms. ${stderr}`)), timeoutMs);
    child.once('message', (message: { port?: number; error?: string }) => {
      clearTimeout(timer);
      if (message.port) resolve(message.port);
      else reject(new Error(`verdaccio failed to start: ${message.error ?? 'unknown error'}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited (code ${code}) before it started. ${stderr}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
