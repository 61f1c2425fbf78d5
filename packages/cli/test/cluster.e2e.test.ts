import { closedPort } from '@downcity/testing';
import { createTestDatabase } from '@downcity/testing/postgres';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { captureIo } from './capture-io.js';
import { startCli } from './cli-process.js';
import { fixtureProject } from './fixture-project.js';

// `downcity start --worker` / `--workers N` and `downcity doctor` against a real PostgreSQL, with real processes.
// Workers start in seconds each (2 cores, other builds beside): generous deadlines, never duration asserts.
vi.setConfig({ testTimeout: 180_000 });
const database = await createTestDatabase();
afterAll(() => database.drop());

const CONFIG = `export default { agent: { name: 'cluster-fixture' }, use: ['@downcity/chat'], http: { port: 0 } };`;

interface Check {
  id: string;
  status: string;
  detail: string;
  hint?: string;
}

/** `downcity doctor --json` in `dir` with `env`; its exit code and checks. */
async function doctor(dir: string, env: Record<string, string>): Promise<{ code: number; checks: Check[]; text: string }> {
  const io = captureIo({ cwd: dir, env });
  const code = await runCli(['doctor', '--json'], io);
  return { code, checks: (JSON.parse(io.out()) as { checks: Check[] }).checks, text: io.out() + io.err() };
}

const check = (checks: Check[], id: string): Check | undefined => checks.find((entry) => entry.id === id);


describe('downcity start --worker without PostgreSQL', () => {
  it('refuses a libSQL store and says what to set', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    for (const args of [['start', '--worker'], ['start', '--workers', '2']]) {
      const io = captureIo({ cwd: project.dir });
      expect(await runCli(args, io)).toBe(3);
      expect(io.err()).toContain("A worker of a cluster needs a PostgreSQL store that every worker shares, but this project's store is libSQL");
      expect(io.err()).toContain('Set DOWNCITY_DATABASE_URL=postgres://');
    }
  });

  it('refuses bad flags and a bad cluster.concurrency', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { cluster: { concurrency: 0 } };` });
    const both = captureIo({ cwd: project.dir });
    expect(await runCli(['start', '--worker', '--workers', '2'], both)).toBe(2);
    expect(both.err()).toContain('--worker and --workers cannot go together');
    const zero = captureIo({ cwd: project.dir });
    expect(await runCli(['start', '--workers', '0'], zero)).toBe(2);
    expect(zero.err()).toContain('--workers must be a whole number from 1 to 256 (got "0")');
    const alone = captureIo({ cwd: project.dir });
    expect(await runCli(['start', '--concurrency', '5'], alone)).toBe(2);
    expect(alone.err()).toContain('--concurrency applies to workers only');
    const config = captureIo({ cwd: project.dir });
    expect(await runCli(['config', 'validate'], config)).toBe(3);
    expect(config.out()).toContain('cluster.concurrency');
    expect(config.out()).toContain('must be at least 1');
  });
});

describe('downcity start --worker on PostgreSQL', () => {
  const env = { DOWNCITY_DATABASE_URL: database.url, DOWNCITY_LOG_LEVEL: 'warn' };

  it('runs a worker that doctor lists as live, and stops it cleanly on SIGTERM', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const before = await doctor(project.dir, env);
    expect(check(before.checks, 'cluster:workers')).toMatchObject({ status: 'pass', detail: 'none running now' });

    await using worker = startCli(['start', '--worker', '--concurrency', '3'], { cwd: project.dir, env });
    const [, workerId] = await worker.waitFor(/Worker (\S+) of agent "cluster-fixture" is running in the postgres cluster \(channels: [^;]*; at most 3 turns at once\)/);
    expect(worker.output()).toContain(`Control socket: ${project.dir}/.downcity/control.sock (served by one worker of this host)`);

    const running = await doctor(project.dir, env);
    expect(running.code, running.text).toBe(0);
    expect(check(running.checks, 'database')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^PostgreSQL 1\d\.\d+.* at postgres:\/\//) });
    expect(check(running.checks, 'database:migrations')).toMatchObject({ status: 'pass', detail: expect.stringContaining('(up to date)') });
    expect(check(running.checks, 'database:queue')).toMatchObject({ status: 'pass' });
    expect(check(running.checks, 'cluster:workers')).toMatchObject({ status: 'pass', detail: expect.stringContaining(`1 running: ${String(workerId)} on `) });
    expect(check(running.checks, 'cluster:workers')?.detail).toContain(`(pid ${String(worker.child.pid)})`);
    expect(running.text).not.toContain(new URL(database.url).password);

    // The worker serves the control socket: `downcity status` names it and the live workers.
    const status = async () => {
      const io = captureIo({ cwd: project.dir, env });
      return { code: await runCli(['status'], io), out: io.out() };
    };
    await expect.poll(async () => (await status()).code, { timeout: 30_000 }).toBe(0);
    expect((await status()).out).toContain(`cluster:  worker ${String(workerId)} of 1 live (${String(workerId)} on `);

    // A plain `downcity start` next to a worker of the same project is refused.
    const single = captureIo({ cwd: project.dir, env });
    expect(await runCli(['start'], single)).toBe(1);
    expect(single.err()).toContain('Another agent is already running for this project');

    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(worker.output()).toContain('Stopped.');
    const after = await doctor(project.dir, env);
    expect(check(after.checks, 'cluster:workers')).toMatchObject({ status: 'pass', detail: 'none running now' });
  });

  it('--workers 2 runs two workers on one HTTP port, restarts one that dies, and stops both on SIGTERM', async () => {
    const port = await closedPort();
    const withHttp = `export default { agent: { name: 'cluster-fixture' }, use: ['@downcity/chat'], http: { port: ${port} }, services: { chat: { channels: { http: { token: 'cluster-test-token' } } } } };`;
    await using project = await fixtureProject({ 'downcity.config.ts': withHttp });
    await using supervisor = startCli(['start', '--workers', '2'], { cwd: project.dir, env });
    await supervisor.waitFor(/Worker 1 of 2 runs \(pid \d+/);
    await supervisor.waitFor(/Worker 2 of 2 runs \(pid \d+/);
    // Workers report in whichever order they got ready: index them by their number.
    const pidOf = new Map([...supervisor.output().matchAll(/Worker (\d) of 2 runs \(pid (\d+), id (\S+),/g)].map((match) => [Number(match[1]), Number(match[2])]));
    const pids = [pidOf.get(1), pidOf.get(2)] as number[];
    // Both listen on http.port (SO_REUSEPORT): without it the second would fail with "the address is in use".
    for (const index of [1, 2]) {
      expect(supervisor.output()).toMatch(new RegExp(`Worker ${index} of 2 \\(id \\S+\\) of agent "cluster-fixture" is running in the postgres cluster \\(channels: http \\(http://127\\.0\\.0\\.1:${port}\\)`));
    }
    const healthy = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    expect(await healthy()).toBe(200);

    const live = async () => check((await doctor(project.dir, env)).checks, 'cluster:workers')?.detail ?? '';
    const both = await live();
    expect(both).toContain('2 running: ');
    for (const pid of pids) expect(both).toContain(`(pid ${pid})`);

    // The worker serving the control socket dies: it is started again, and the control socket moves over.
    const statusPid = async (): Promise<number | undefined> => {
      const io = captureIo({ cwd: project.dir, env });
      return (await runCli(['status', '--json'], io)) === 0 ? (JSON.parse(io.out()) as { pid: number }).pid : undefined;
    };
    await expect.poll(statusPid, { timeout: 30_000 }).toBeDefined();
    const holder = (await statusPid()) as number;
    const index = pids.indexOf(holder) + 1;
    expect(index).toBeGreaterThan(0);
    process.kill(holder, 'SIGKILL');
    await supervisor.waitFor(new RegExp(`Worker ${index} \\(pid ${holder}\\) exited unexpectedly \\(SIGKILL\\); restarting it in 1 s`));
    // The port stays served by the other worker meanwhile.
    expect(await healthy()).toBe(200);
    const runsOf = () => [...supervisor.output().matchAll(new RegExp(`Worker ${index} of 2 runs \\(pid (\\d+)`, 'g'))].map((match) => Number(match[1]));
    await expect.poll(() => runsOf().length, { timeout: 60_000 }).toBe(2);
    const restarted = runsOf()[1];
    expect(restarted).not.toBe(holder);
    await expect.poll(live, { timeout: 30_000 }).toContain(`(pid ${restarted})`);
    expect(await live()).not.toContain(`(pid ${holder})`);
    await expect.poll(async () => { const pid = await statusPid(); return pid !== undefined && pid !== holder; }, { timeout: 30_000 }).toBe(true);
    const io = captureIo({ cwd: project.dir, env });
    expect(await runCli(['status'], io)).toBe(0);
    expect(io.out()).toMatch(/cluster: {2}worker \S+ of 2 live/);

    expect(await supervisor.stop('SIGTERM')).toBe(0);
    expect(supervisor.output()).toContain('Stopping 2 worker(s) (SIGTERM)');
    expect(supervisor.output()).toContain('All workers stopped.');
    expect(await live()).toBe('none running now');
  });
});

describe('a worker whose supervisor dies', () => {
  const env = { DOWNCITY_DATABASE_URL: database.url, DOWNCITY_LOG_LEVEL: 'warn' };

  it('stops by itself and leaves the cluster', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    await using supervisor = startCli(['start', '--workers', '1'], { cwd: project.dir, env });
    const [, pid] = await supervisor.waitFor(/Worker 1 of 1 runs \(pid (\d+)/);
    const alive = () => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    await supervisor.stop('SIGKILL');
    await expect.poll(alive, { timeout: 60_000 }).toBe(false);
    expect(check((await doctor(project.dir, env)).checks, 'cluster:workers')).toMatchObject({ detail: 'none running now' });
  });
});

describe('downcity start --worker next to other agents', () => {
  const env = { DOWNCITY_DATABASE_URL: database.url, DOWNCITY_LOG_LEVEL: 'warn' };

  it('refuses to run next to a single-process agent of the same project', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    await using single = startCli(['start'], { cwd: project.dir, env });
    await single.waitFor(/Agent "cluster-fixture" is running/);
    const io = captureIo({ cwd: project.dir, env });
    expect(await runCli(['start', '--worker'], io)).toBe(1);
    expect(io.err()).toMatch(/A single-process agent \(pid \d+\) is already running for this project; a worker cannot run next to it/);
    expect(await single.stop()).toBe(0);
  });

  it('--workers N stops every worker and exits 3 when a worker cannot load the project', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { use: ['@downcity/not-installed'] };` });
    await using supervisor = startCli(['start', '--workers', '2'], { cwd: project.dir, env });
    expect(await supervisor.exited).toBe(3);
    expect(supervisor.output()).toMatch(/Worker \d exited with exit code 3 \(a config or usage error, see above\); a restart would fail the same way/);
    expect(supervisor.output()).toContain('All workers stopped.');
    expect(supervisor.output()).not.toContain('restarting it');
  });
});

describe('downcity doctor on a PostgreSQL it cannot use', () => {
  it('says the password was refused without printing it, that the database is missing, and that nothing listens on the port', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const wrong = new URL(database.url);
    wrong.password = 'Wrong-Secret-4711';
    const denied = await doctor(project.dir, { DOWNCITY_DATABASE_URL: wrong.toString() });
    expect(denied.code).toBe(4);
    expect(check(denied.checks, 'database')).toMatchObject({ status: 'fail', detail: expect.stringContaining('Check the user name and password') });
    expect(check(denied.checks, 'cluster:workers')).toMatchObject({ status: 'skip', detail: 'needs a database connection' });
    expect(denied.text).not.toContain('Wrong-Secret-4711');

    const missing = new URL(database.url);
    missing.pathname = '/downcity_no_such_database';
    const absent = await doctor(project.dir, { DOWNCITY_DATABASE_URL: missing.toString() });
    expect(check(absent.checks, 'database')).toMatchObject({ status: 'fail', detail: expect.stringContaining('database "downcity_no_such_database" does not exist. Create the database first') });

    const unreachable = new URL(database.url);
    unreachable.port = String(await closedPort());
    const refused = await doctor(project.dir, { DOWNCITY_DATABASE_URL: unreachable.toString() });
    expect(refused.code).toBe(4);
    expect(check(refused.checks, 'database')).toMatchObject({ status: 'fail', detail: expect.stringContaining('Check that PostgreSQL runs and accepts connections') });
    expect(refused.text).not.toContain(new URL(database.url).password);
  });
});
