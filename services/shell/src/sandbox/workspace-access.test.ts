import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSandboxUser } from './sandbox-user.js';
import { ensureSandboxCanReach, prepareWorkspace, prepareWorkspaceRoot } from './workspace-access.js';

const asRoot = resolveSandboxUser({ sandboxUid: 65_532, sandboxGid: 65_532, processUid: 0 });
const unprivileged = resolveSandboxUser({ sandboxUid: 65_532, sandboxGid: 65_532, processUid: 1000 });
const made: string[] = [];
afterEach(() => {
  for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
});
const scratch = (): string => {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'downcity-reach-')));
  made.push(path);
  return path;
};

describe('resolveSandboxUser', () => {
  it('starts commands as the sandbox ids only when the agent is root', () => {
    expect(asRoot).toEqual({ uid: 65_532, gid: 65_532, spawnAs: { uid: 65_532, gid: 65_532 } });
    expect(unprivileged).toEqual({ uid: 65_532, gid: 65_532 });
  });
});

describe.skipIf(process.getuid?.() !== 0)('workspace access when the agent runs as root', () => {
  it('gives a workspace to the sandbox user, and a workspace folder to its group with search only', async () => {
    const data = scratch();
    await prepareWorkspace({ path: join(data, 'ws', 'alice'), user: asRoot });
    expect(statSync(join(data, 'ws', 'alice'))).toMatchObject({ uid: 65_532, gid: 65_532 });
    expect(statSync(join(data, 'ws', 'alice')).mode & 0o7777).toBe(0o700);
    await prepareWorkspaceRoot({ path: join(data, 'ws'), user: asRoot });
    expect(statSync(join(data, 'ws'))).toMatchObject({ uid: 0, gid: 65_532 });
    expect(statSync(join(data, 'ws')).mode & 0o7777).toBe(0o710);
  });

  it('opens private directories inside the data folder to the sandbox group (g+x), and nothing above it', async () => {
    const data = scratch();
    mkdirSync(join(data, 'inner'), { mode: 0o700 });
    chmodSync(data, 0o700);
    const changed = await ensureSandboxCanReach({ path: join(data, 'inner', 'ws'), user: asRoot, grantWithin: data });
    expect(changed).toEqual([data, join(data, 'inner')]);
    for (const directory of changed) {
      expect(statSync(directory)).toMatchObject({ uid: 0, gid: 65_532 });
      expect(statSync(directory).mode & 0o7777).toBe(0o710);
    }
    expect(await ensureSandboxCanReach({ path: join(data, 'inner', 'ws'), user: asRoot, grantWithin: data })).toEqual([]);
  });

  it('refuses, naming the directory and the fix, when a directory outside the data folder blocks the sandbox user', async () => {
    const outer = scratch();
    chmodSync(outer, 0o700);
    mkdirSync(join(outer, 'data'));
    await expect(ensureSandboxCanReach({ path: join(outer, 'data', 'ws'), user: asRoot, grantWithin: join(outer, 'data') })).rejects.toMatchObject({
      details: { reason: 'WORKSPACE_INVALID' },
      message: expect.stringContaining(`"${outer}" is not searchable for it. Run \`chmod o+x ${outer}\``),
    });
    expect(statSync(outer).mode & 0o7777).toBe(0o700);
  });

  it('leaves a directory with group permissions for another group alone', async () => {
    const data = scratch();
    chmodSync(data, 0o750);
    await expect(ensureSandboxCanReach({ path: join(data, 'ws'), user: asRoot, grantWithin: data })).rejects.toMatchObject({ details: { reason: 'WORKSPACE_INVALID' } });
    expect(statSync(data).gid).toBe(0);
  });

  it('changes nothing when the agent is not root', async () => {
    const data = scratch();
    chmodSync(data, 0o700);
    expect(await ensureSandboxCanReach({ path: join(data, 'ws'), user: unprivileged, grantWithin: data })).toEqual([]);
    expect(statSync(data).mode & 0o7777).toBe(0o700);
  });
});
