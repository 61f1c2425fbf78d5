import { describe, expect, it } from 'vitest';
import { evaluatePolicy, evaluateShellLine, shellPolicySchema, type ShellPolicyInput } from './policy.js';

const allowListOnly: ShellPolicyInput = { allow: [{ program: 'ls' }, { program: 'echo' }, { program: 'cat' }] };
const rmDenied: ShellPolicyInput = { allow: [{ program: '*' }], deny: [{ program: 'rm' }], default: 'allow' };

const bypassAttempts: Array<[string, string[]]> = [
  ['env', ['env', 'rm', '-rf', '/']],
  ['env -S', ['env', '-S', 'rm -rf /']],
  ['busybox', ['busybox', 'rm', '-rf', '/']],
  ['sh -c list', ['sh', '-c', 'ls; rm -rf x']],
  ['command substitution', ['bash', '-c', 'echo $(rm x)']],
  ['absolute path', ['/bin/rm', 'x']],
  ['relative path', ['../../usr/bin/rm', 'x']],
  ['xargs', ['xargs', 'rm']],
  ['nice', ['nice', '-n', '5', 'rm', 'x']],
  ['timeout', ['timeout', '5', 'rm', 'x']],
  ['find -exec', ['find', '.', '-exec', 'rm', '{}', ';']],
  ['nested wrappers', ['env', 'nice', 'timeout', '5', 'sh', '-c', 'busybox rm x']],
];

describe('evaluatePolicy', () => {
  it('allows a plain allowed command', async () => {
    const result = await evaluatePolicy(['ls', '-la'], allowListOnly);
    expect(result.decision).toBe('allow');
    expect(result.invocations.map((invocation) => invocation.program)).toEqual(['ls']);
  });

  it('allows a script whose every command, and the shell running it, is allowed', async () => {
    const withBash = { allow: [...(allowListOnly.allow ?? []), { program: 'bash' }] };
    expect((await evaluatePolicy(['bash', '-c', 'ls -la | cat && echo done > out.txt'], withBash)).decision).toBe('allow');
  });

  it('checks wrappers as programs of their own', async () => {
    for (const argv of [
      ['bash', '-c', 'echo x > f'],
      ['sh', '-c', 'ls'],
      ['env', 'ls'],
      ['timeout', '5', 'ls'],
      ['nohup', 'ls'],
      ['setsid', 'ls'],
      ['nice', 'ls'],
      ['xargs', 'echo'],
      ['find', '.', '-exec', 'cat', '{}', ';'],
      ['busybox', 'ls'],
      ['stdbuf', '-oL', 'ls'],
    ]) {
      const result = await evaluatePolicy(argv, allowListOnly);
      expect(result, argv.join(' ')).toMatchObject({ decision: 'deny', reason: expect.stringContaining(`${argv[0]} is not in the allow list`) });
    }
    const withEnv = { allow: [...(allowListOnly.allow ?? []), { program: 'env' }] };
    expect((await evaluatePolicy(['env', 'ls'], withEnv)).decision).toBe('allow');
    expect((await evaluatePolicy(['env', 'rm', 'x'], withEnv)).decision).toBe('deny');
  });

  it('does not count the running shell of a session line as a program', async () => {
    expect((await evaluateShellLine('ls -la | cat && echo done > out.txt', allowListOnly)).decision).toBe('allow');
    expect((await evaluateShellLine('bash -c "echo x > f"', allowListOnly)).decision).toBe('deny');
  });

  describe.each([
    ['default deny with only ls, echo and cat allowed', allowListOnly],
    ['rm denied, everything else allowed', rmDenied],
  ])('%s', (_name, policy) => {
    it.each(bypassAttempts)('denies rm through %s', async (_label, argv) => {
      const result = await evaluatePolicy(argv, policy);
      expect(result.decision).toBe('deny');
      expect(result.reason).toMatch(/rm|cannot be checked/);
    });

    it('denies sudo and doas', async () => {
      expect(await evaluatePolicy(['sudo', 'ls'], policy)).toMatchObject({ decision: 'deny', reason: expect.stringContaining('privileges') });
      expect((await evaluatePolicy(['doas', 'ls'], policy)).decision).toBe('deny');
    });

    it('denies NUL bytes and oversized argvs with a clear reason', async () => {
      expect((await evaluatePolicy(['ls', 'a\0b'], policy)).reason).toContain('NUL byte');
      expect((await evaluatePolicy(['ls', 'x'.repeat(100 * 1024)], policy)).reason).toContain('the limit is 65536 bytes');
      expect((await evaluatePolicy(['ls', ...Array.from({ length: 300 }, () => 'x')], policy)).reason).toContain('the limit is 256');
    });
  });

  it('explains un-analyzable commands', async () => {
    const result = await evaluatePolicy(['bash', '-c', 'echo $(rm x)'], allowListOnly);
    expect(result.reason).toContain('cannot be checked');
    expect(result.reason).toContain('command substitution');
  });

  it('can ask instead of deny for un-analyzable commands, but never overrides a deny rule', async () => {
    const policy: ShellPolicyInput = { ...rmDenied, unanalyzable: 'ask' };
    expect((await evaluatePolicy(['bash', '-c', 'echo $(date)'], policy)).decision).toBe('ask');
    expect((await evaluatePolicy(['bash', '-c', 'rm x; echo $(date)'], policy)).decision).toBe('deny');
  });

  it('lets deny win over allow, matching argument patterns in any order', async () => {
    const policy: ShellPolicyInput = { allow: [{ program: 'rm' }, { program: 'git' }], deny: [{ program: 'rm', args: ['-rf'] }, { program: 'git', args: ['--force*'] }] };
    expect((await evaluatePolicy(['rm', 'x'], policy)).decision).toBe('allow');
    expect((await evaluatePolicy(['rm', '-rf', 'x'], policy)).decision).toBe('deny');
    expect((await evaluatePolicy(['rm', '-fr', 'x'], policy)).decision).toBe('deny');
    expect((await evaluatePolicy(['rm', '-r', '-f', 'x'], policy)).decision).toBe('deny');
    expect((await evaluatePolicy(['git', 'push', '--force-with-lease'], policy)).decision).toBe('deny');
    expect((await evaluatePolicy(['xargs', 'rm'], { ...policy, allow: [...(policy.allow ?? []), { program: 'xargs' }] })).decision).toBe('deny');
  });

  it('matches argsPrefix rules', async () => {
    const policy: ShellPolicyInput = { allow: [{ program: 'git', argsPrefix: ['status'] }] };
    expect((await evaluatePolicy(['git', 'status', '-s'], policy)).decision).toBe('allow');
    expect((await evaluatePolicy(['git', 'push'], policy)).decision).toBe('deny');
  });

  it('applies deny rules to the wrappers themselves', async () => {
    const policy: ShellPolicyInput = { allow: [{ program: 'ls' }], deny: [{ program: 'setsid' }] };
    expect((await evaluatePolicy(['setsid', 'ls'], policy)).reason).toContain('setsid');
  });

  it('does not let an allow rule cover a program named by an untrusted path', async () => {
    const result = await evaluatePolicy(['./ls'], allowListOnly);
    expect(result.decision).toBe('deny');
    expect(result.reason).toContain('outside the trusted system directories');
    expect((await evaluatePolicy(['/usr/bin/ls'], allowListOnly)).decision).toBe('allow');
  });

  it('asks when the default is ask', async () => {
    expect(await evaluatePolicy(['make'], { ...allowListOnly, default: 'ask' })).toMatchObject({ decision: 'ask', reason: expect.stringContaining('needs approval') });
  });

  it('rejects malformed policy configs', async () => {
    expect(() => shellPolicySchema.parse({ allow: [{ program: '' }] })).toThrow();
    expect(() => shellPolicySchema.parse({ default: 'maybe' })).toThrow();
  });
});
