import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShellConfigInput } from '@downcity/shell';
import { describe, expect, it } from 'vitest';
import { OWNER, startAttackAgent, type AttackAgent } from './attack-agent.js';

/**
 * The sandbox is what must hold when the policy does not: every program is allowed here, so each
 * attack reaches bubblewrap. Only the approval test asks for approval.
 */
const openPolicy: ShellConfigInput = { policy: { default: 'allow', unanalyzable: 'allow' }, approval: { mode: 'allowlist' }, timeoutMs: 20_000 };
const BOB = 'bob';
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Ran {
  status: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** One chat turn in which the model runs each line with `shell_exec ['sh', '-c', line]`; the tool results in order. */
async function shellTurn(target: AttackAgent, lines: string[], user = OWNER): Promise<Ran[]> {
  const { status, results } = await target.turn({ user, calls: lines.map((line) => ({ name: 'shell_exec', arguments: { argv: ['sh', '-c', line] } })) });
  expect(status).toBe(200);
  expect(results).toHaveLength(lines.length);
  return results as Ran[];
}

/** The host's view of a process: its real, effective, saved and filesystem uids and gids, and its uid_map. */
function hostView(pid: string): { uids: number[]; gids: number[]; uidMap: number[][] } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const ids = (name: string) => (new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(status)?.[1] ?? '').split(/\s+/).map(Number);
  const uidMap = readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
  return { uids: ids('Uid'), gids: ids('Gid'), uidMap };
}

describe.skipIf(process.platform !== 'linux')('sandbox attacks (model tool calls in chat turns, auth on, real bubblewrap)', () => {
  it('runs commands as an unprivileged uid and gid that map to no host root, with no capabilities and no_new_privs', async () => {
    await using target = await startAttackAgent({ shell: openPolicy });
    const [inside] = await shellTurn(target, ['id -u; id -g; id -G; cat /proc/self/uid_map /proc/self/gid_map; grep -E "^(CapEff|CapPrm|CapBnd|NoNewPrivs):" /proc/self/status']);
    const lines = inside?.stdout.split('\n') ?? [];
    expect(lines.slice(0, 3).map(Number).every((id) => id > 0)).toBe(true);
    for (const line of ['CapPrm:\t0000000000000000', 'CapEff:\t0000000000000000', 'CapBnd:\t0000000000000000', 'NoNewPrivs:\t1']) expect(lines).toContain(line);

    // Seen from the host while it runs: the command's every uid is non-zero, and its user namespace maps no id to host root.
    const marker = `2.${randomInt(100_000, 999_999)}`;
    const running = target.turn({ calls: [{ name: 'shell_exec', arguments: { argv: ['sleep', marker] } }] });
    let pid = '';
    await expect.poll(() => (pid = spawnSync('pgrep', ['-x', '-f', `sleep ${marker}`], { encoding: 'utf8' }).stdout.trim().split('\n')[0] ?? ''), { timeout: 10_000 }).not.toBe('');
    const host = hostView(pid);
    await running;
    expect(host.uids.every((uid) => uid !== 0)).toBe(true);
    expect(host.gids.every((gid) => gid !== 0)).toBe(true);
    for (const [, outside = 0, count = 0] of host.uidMap) expect(outside <= 0 && 0 < outside + count).toBe(false);
    if (process.getuid?.() === 0) expect(host.uids).toEqual([65_532, 65_532, 65_532, 65_532]);
  });

  it('cannot write kernel settings: /proc/sys (drop_caches, core_pattern, swappiness), /proc/sysrq-trigger and /sys are refused', async () => {
    await using target = await startAttackAgent({ shell: openPolicy });
    const corePattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    const swappiness = readFileSync('/proc/sys/vm/swappiness', 'utf8');
    const results = await shellTurn(target, [
      'echo 1 > /proc/sys/vm/drop_caches',
      // Writes back the current value, so a sandbox that fails this test changes nothing on the host.
      'v=$(cat /proc/sys/kernel/core_pattern); printf "%s\\n" "$v" > /proc/sys/kernel/core_pattern',
      'v=$(cat /proc/sys/vm/swappiness); printf "%s\\n" "$v" > /proc/sys/vm/swappiness',
      // Opening for writing is the test; writing nothing triggers nothing.
      ': > /proc/sysrq-trigger',
      'echo never > /sys/kernel/mm/transparent_hugepage/enabled',
      'echo 1 > /sys/fs/cgroup/cgroup.procs',
    ]);
    for (const result of results) {
      expect(result.status).toBe('ran');
      expect(result.exitCode).not.toBe(0);
      // Refused for the uid (DAC), or absent: /sys is not mounted, and some kernels (gVisor) have no /proc/sysrq-trigger.
      expect(result.stderr).toMatch(/Permission denied|Read-only file system|No such file or directory|Directory nonexistent/);
    }
    expect(readFileSync('/proc/sys/kernel/core_pattern', 'utf8')).toBe(corePattern);
    expect(readFileSync('/proc/sys/vm/swappiness', 'utf8')).toBe(swappiness);
  });

  it('sees no host account in /etc/passwd or /etc/group, and no host name or resolver without network', async () => {
    await using target = await startAttackAgent({ shell: openPolicy });
    const [passwd, group, other] = await shellTurn(target, ['cat /etc/passwd', 'cat /etc/group', 'cat /etc/hostname /etc/resolv.conf /etc/shadow 2>&1; cat /etc/hosts']);
    const names = (text: string) => text.trim().split('\n').map((line) => line.split(':')[0]);
    expect(names(passwd?.stdout ?? '')).toEqual(['sandbox', 'nobody']);
    expect(names(group?.stdout ?? '')).toEqual(['sandbox', 'nogroup']);
    const hostAccounts = names(readFileSync('/etc/passwd', 'utf8')).filter((name) => name !== 'nobody');
    expect(hostAccounts.length).toBeGreaterThan(0);
    for (const account of hostAccounts) expect(passwd?.stdout).not.toMatch(new RegExp(`^${account}:`, 'm'));
    expect(other?.stdout).toBe(
      'cat: /etc/hostname: No such file or directory\ncat: /etc/resolv.conf: No such file or directory\ncat: /etc/shadow: No such file or directory\n' +
        '127.0.0.1 localhost sandbox\n::1 localhost ip6-localhost ip6-loopback\n',
    );
  });

  it('does not pass the agent\'s inherited descriptors (fd 251 from its launcher) to a command', () => {
    // A child Node process runs the whole attack agent with fd 251 open without close-on-exec, as a supervisor would leave it.
    const script = `
      import { existsSync } from 'node:fs';
      import { startAttackAgent } from './test/attack-agent.ts';
      const target = await startAttackAgent({ shell: { policy: { default: 'allow', unanalyzable: 'allow' }, approval: { mode: 'allowlist' } } });
      try {
        const once = await target.turn({ calls: [{ name: 'shell_exec', arguments: { argv: ['sh', '-c', 'ls /proc/self/fd; test -e /proc/self/fd/251 && echo FD-251-OPEN'] } }] });
        const session = await target.turn({ calls: [{ name: 'shell_session-run', arguments: { command: 'ls /proc/self/fd; test -e /proc/self/fd/251 && echo FD-251-OPEN' } }] });
        console.log(JSON.stringify({ agentHas251: existsSync('/proc/self/fd/251'), once: once.results[0], session: session.results[0] }));
      } finally {
        await target.stop();
      }
    `;
    const child = spawnSync('bash', ['-c', 'exec 251</etc/hostname; exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 45_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const seen = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { agentHas251: boolean; once: Ran; session: Ran };
    expect(seen.agentHas251).toBe(true);
    for (const result of [seen.once, seen.session]) {
      expect(result).toMatchObject({ status: 'ran' });
      const descriptors = result.stdout.split('\n').filter(Boolean);
      expect(descriptors).not.toContain('251');
      expect(descriptors).not.toContain('FD-251-OPEN');
      expect(descriptors.map(Number).every((fd) => fd < 10)).toBe(true);
    }
  }, 60_000);

  it('keeps each principal\'s files from every other principal, by any path', async () => {
    await using target = await startAttackAgent({ shell: openPolicy });
    await target.agent.invoke('auth/grant', { principalId: `http:${BOB}`, role: 'admin' });
    const [owner] = await shellTurn(target, ['echo owner-secret-4711 > secret.txt && mkdir -p private && echo deeper-4711 > private/notes.txt && pwd']);
    const ownerWorkspace = owner?.stdout.trim() ?? '';
    expect(owner).toMatchObject({ status: 'ran', exitCode: 0 });
    const attempts = await shellTurn(
      target,
      [
        'pwd; ls -A',
        `cat ${ownerWorkspace}/secret.txt ${ownerWorkspace}/private/notes.txt; ls -A ${ownerWorkspace}`,
        'ls -A .. ../.. ; cat ../*/secret.txt ../*/private/notes.txt',
        `ls -AR ${join(ownerWorkspace, '..')} 2>&1 | head -50`,
        'find / -name secret.txt 2>/dev/null',
        'cat /proc/*/cwd/secret.txt /proc/*/root/*/secret.txt 2>&1 | head -5',
      ],
      BOB,
    );
    expect(attempts[0]).toMatchObject({ status: 'ran', exitCode: 0 });
    expect(attempts[0]?.stdout.split('\n')[0]).not.toBe(ownerWorkspace);
    for (const attempt of attempts) {
      expect(attempt.status).toBe('ran');
      expect(`${attempt.stdout}${attempt.stderr}`).not.toContain('4711');
      expect(`${attempt.stdout}${attempt.stderr}`).not.toMatch(/secret\.txt$|notes\.txt$/m);
    }
    const [ownerAgain] = await shellTurn(target, ['cat secret.txt']);
    expect(ownerAgain?.stdout).toBe('owner-secret-4711\n');
  });

  it('keeps a tool result within the output cap for 32 KiB of NUL bytes and of random bytes', async () => {
    await using target = await startAttackAgent({ shell: openPolicy });
    const results = await shellTurn(target, ['head -c 32768 /dev/zero', 'head -c 32768 /dev/urandom', 'head -c 32768 /dev/urandom >&2; head -c 32768 /dev/zero']);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'ran', exitCode: 0 });
      const toolResultJson = JSON.stringify(result);
      // The cap (maxOutputChars, 32 KiB by default) bounds stdout and stderr as JSON; the rest is a few short fields.
      expect(JSON.stringify(result.stdout).length + JSON.stringify(result.stderr).length - 4).toBeLessThanOrEqual(32 * 1024);
      expect(toolResultJson.length).toBeLessThan(32 * 1024 + 400);
      expect(toolResultJson).not.toContain('\\u0000');
    }
  });

  it('cancels a principal\'s pending approvals when auth revokes the principal, so /approve runs nothing', async () => {
    await using target = await startAttackAgent({ shell: { policy: { allow: [{ program: 'echo' }] }, approval: { mode: 'ask' }, timeoutMs: 20_000 } });
    await target.agent.invoke('auth/grant', { principalId: `http:${BOB}`, role: 'admin' });
    const { results } = await target.turn({ user: BOB, calls: [{ name: 'shell_exec', arguments: { argv: ['sh', '-c', 'echo ran > after-revoke.txt; pwd'] } }] });
    const pending = results[0] as { status: string; approvalId: string };
    expect(pending).toMatchObject({ status: 'pending' });
    const waiting = (await target.agent.invoke('shell/pending', {})).pending;
    expect(waiting.map((entry) => [entry.id, entry.requestedBy])).toEqual([[pending.approvalId, `http:${BOB}`]]);

    const revoked = await target.agent.invoke('auth/revoke', { principalId: `http:${BOB}` });
    expect(revoked).toMatchObject({ revoked: true, shellApprovalsCancelled: 1 });
    expect((await target.agent.invoke('shell/pending', {})).pending).toEqual([]);

    // What the chat command `/approve <id>` does when bob sends it: invoke shell/approve on bob's behalf, in bob's chat.
    const approve = await target.agent.invoke(
      'shell/approve',
      { id: pending.approvalId, args: pending.approvalId },
      { principal: { id: `http:${BOB}`, channel: 'http' }, sessionId: waiting[0]?.sessionId ?? '' },
    );
    expect(approve.status).not.toBe('ran');
    const audit = await target.audit();
    expect(audit.some((record) => record.outcome === 'ran')).toBe(false);
    expect(audit[0]).toMatchObject({ principal: `http:${BOB}`, outcome: 'denied', deniedBy: 'cancelled', approvalId: pending.approvalId, reason: expect.stringContaining('revoked') });
    const workspaces = spawnSync('find', [target.dataDir, '-name', 'after-revoke.txt'], { encoding: 'utf8' }).stdout;
    expect(workspaces).toBe('');
    expect(existsSync(join(target.dataDir, 'workspace', 'after-revoke.txt'))).toBe(false);
  });
});
