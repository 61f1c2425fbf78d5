import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execCommand } from '../sandbox/exec.js';
import { ROOT_WORKSPACES_DIRECTORY, rootFallbackWorkspace } from './root-fallback-workspace.js';
import { Workspaces } from './workspaces.js';

const asRoot = process.platform === 'linux' && process.getuid?.() === 0;

describe.skipIf(!asRoot)('workspaces of a root agent whose data folder the sandbox uid cannot reach', () => {
  it('move to /var/lib/downcity/workspaces/<hash>, where commands run and write', async () => {
    // A data folder under a directory closed to other users, as /root is, or a mkdtemp folder.
    const closed = mkdtempSync(join(tmpdir(), 'downcity-closed-'));
    const dataDir = join(closed, 'project', '.downcity');
    const fallbackRoot = rootFallbackWorkspace(dataDir);
    try {
      const workspaces = new Workspaces({ root: join(dataDir, 'workspace'), scope: 'principal', sandboxUid: 65532, sandboxGid: 65532, fallbackRoot });
      const started = await workspaces.start(dataDir);
      expect(started).toEqual({ changed: [], movedTo: fallbackRoot });
      expect(fallbackRoot.startsWith(`${ROOT_WORKSPACES_DIRECTORY}/`)).toBe(true);
      expect(statSync(ROOT_WORKSPACES_DIRECTORY).mode & 0o777).toBe(0o711);
      expect(statSync(closed).mode & 0o777).toBe(0o700);

      const workspace = await workspaces.open('http:alice');
      expect(workspace.startsWith(`${fallbackRoot}/`)).toBe(true);
      const result = await execCommand({ argv: ['sh', '-c', 'echo made > f && cat f && id -u'], workspace, timeoutMs: 10_000 });
      expect(result).toMatchObject({ exitCode: 0, stdout: 'made\n65532\n' });
      expect(rootFallbackWorkspace(dataDir)).toBe(fallbackRoot);
    } finally {
      rmSync(fallbackRoot, { recursive: true, force: true });
      rmSync(closed, { recursive: true, force: true });
    }
  });

  it('stay where they were configured: a configured workspace is never moved', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'downcity-closed-'));
    try {
      const workspaces = new Workspaces({ root: join(closed, 'ws'), scope: 'principal', sandboxUid: 65532, sandboxGid: 65532 });
      const started = await workspaces.start(join(closed, 'data'));
      expect(started.problem?.message).toContain(`"${closed}" is not searchable`);
      await expect(workspaces.open('http:alice')).rejects.toThrow(/chmod o\+x/);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
