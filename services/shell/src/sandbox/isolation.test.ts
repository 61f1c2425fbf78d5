import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bwrapFeatures } from './bwrap-features.js';
import { detectBwrap } from './bwrap.js';
import { execCommand } from './exec.js';
import { DEFAULT_SANDBOX_ID } from './sandbox-config.js';
import { ShellSession } from './shell-session.js';
import { createTestWorkspace } from './test-workspace.js';

const workspace = createTestWorkspace();
afterAll(() => workspace[Symbol.dispose]());
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const isRoot = process.getuid?.() === 0;

/** Runs a shell line one-shot and in a persistent shell; both must give the same answer. */
async function bothWays(line: string): Promise<string[]> {
  const once = await execCommand({ argv: ['sh', '-c', line], workspace: workspace.path, timeoutMs: 10_000 });
  await using session = new ShellSession({ workspace: workspace.path, policy: { default: 'allow', unanalyzable: 'allow' }, timeoutMs: 10_000 });
  const persistent = await session.run(line);
  return [once.stdout + once.stderr, persistent.stdout + persistent.stderr];
}

describe.skipIf(process.platform !== 'linux' || detectBwrap() === undefined)('the sandbox is unprivileged and private (one-shot and persistent shells)', () => {
  it('runs commands as the sandbox uid and gid, with no capabilities and no_new_privs, however the agent runs', async () => {
    for (const output of await bothWays('id -u; id -g; id -G; grep -E "^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):" /proc/self/status')) {
      expect(output).toBe(
        `${DEFAULT_SANDBOX_ID}\n${DEFAULT_SANDBOX_ID}\n${DEFAULT_SANDBOX_ID}\n` +
          'CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nCapAmb:\t0000000000000000\nNoNewPrivs:\t1\n',
      );
    }
  });

  it('owns what it writes as an unprivileged host uid: the sandbox uid when the agent is root, the agent\'s otherwise', async () => {
    await execCommand({ argv: ['sh', '-c', 'echo x > owned.txt'], workspace: workspace.path });
    const host = statSync(join(workspace.path, 'owned.txt'));
    expect(host.uid).toBe(isRoot ? DEFAULT_SANDBOX_ID : process.getuid?.());
    expect(host.uid).not.toBe(0);
  });

  it('cannot write kernel settings, trigger sysrq, see /sys or make a user namespace of its own', async () => {
    const line =
      'for target in /proc/sys/vm/drop_caches /proc/sys/vm/swappiness /proc/sys/kernel/core_pattern /proc/sysrq-trigger; do ' +
      '(echo 1 > "$target") 2>/dev/null && echo "WROTE $target" || echo "refused $target"; done; ' +
      'ls /sys 2>/dev/null && echo "SYS VISIBLE" || echo "no /sys"; ' +
      '(unshare -U true) 2>/dev/null && echo "USERNS MADE" || echo "no userns"';
    const { disableUserns } = await bwrapFeatures(detectBwrap() ?? 'bwrap');
    for (const output of await bothWays(line)) {
      expect(output).not.toContain('WROTE');
      expect(output).toContain('refused /proc/sys/kernel/core_pattern');
      expect(output).toContain('no /sys');
      if (disableUserns) expect(output).toContain('no userns');
    }
  });

  it('sees a generated /etc: only the sandbox accounts, localhost, no shadow and no resolver without network', async () => {
    for (const output of await bothWays('cat /etc/passwd /etc/group /etc/hosts; ls /etc/shadow /etc/resolv.conf /etc/hostname 2>&1; getent passwd root || echo "no root account"')) {
      expect(output).toBe(
        `sandbox:x:${DEFAULT_SANDBOX_ID}:${DEFAULT_SANDBOX_ID}:Downcity sandbox:${workspace.path}:/bin/sh\n` +
          'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' +
          `sandbox:x:${DEFAULT_SANDBOX_ID}:\nnogroup:x:65534:\n` +
          '127.0.0.1 localhost sandbox\n::1 localhost ip6-localhost ip6-loopback\n' +
          "ls: cannot access '/etc/shadow': No such file or directory\nls: cannot access '/etc/resolv.conf': No such file or directory\n" +
          "ls: cannot access '/etc/hostname': No such file or directory\nno root account\n",
      );
    }
  });

  it('passes the host resolver configuration only with network: true', async () => {
    const result = await execCommand({ argv: ['sh', '-c', 'test -e /etc/resolv.conf && echo resolver'], workspace: workspace.path, network: true });
    expect(result.stdout).toBe(statSync('/etc/resolv.conf', { throwIfNoEntry: false }) ? 'resolver\n' : '');
  });

  it('closes every descriptor the agent inherited without close-on-exec (fd 251 from a launcher)', () => {
    const script = `
      import { execCommand } from './src/sandbox/exec.ts';
      import { inheritableDescriptors } from './src/sandbox/inherited-descriptors.ts';
      import { ShellSession } from './src/sandbox/shell-session.ts';
      const workspace = ${JSON.stringify(workspace.path)};
      const line = 'ls /proc/self/fd | sort -n | tr "\\\\n" " "; test -e /proc/self/fd/251 && echo "FD 251 OPEN" || echo "no fd 251"';
      const once = await execCommand({ argv: ['sh', '-c', line], workspace });
      const session = new ShellSession({ workspace, policy: { default: 'allow', unanalyzable: 'allow' } });
      const persistent = await session.run(line);
      await session.close();
      console.log(JSON.stringify({ agent: inheritableDescriptors(), once: once.stdout, persistent: persistent.stdout }));
    `;
    const child = spawnSync('bash', ['-c', 'exec 251</etc/hostname; exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout) as { agent: number[]; once: string; persistent: string };
    expect(seen.agent).toContain(251);
    // 0-2 are the pipes, 3 is the directory ls reads; a persistent shell's bash may keep one more of its own.
    expect(seen.once).toBe('0 1 2 3 no fd 251\n');
    expect(seen.persistent).toMatch(/^0 1 2 3 (\d+ )?no fd 251\n$/);
    expect(seen.persistent).not.toContain('251 ');
  }, 40_000);
});
