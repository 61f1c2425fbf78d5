import { describe, expect, it } from 'vitest';
import { evaluatePolicy, shellPolicySchema, type ShellPolicyInput } from './policy.js';

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
  it('allows a plain allowed command', () => {
    const result = evaluatePolicy(['ls', '-la'], allowListOnly);
    expect(result.decision).toBe('allow');
    expect(result.invocations.map((invocation) => invocation.program)).toEqual(['ls']);
  });

  it('allows a script whose every command is allowed', () => {
    expect(evaluatePolicy(['bash', '-c', 'ls -la | cat && echo done > out.txt'], allowListOnly).decision).toBe('allow');
  });

  describe.each([
    ['default deny with only ls, echo and cat allowed', allowListOnly],
    ['rm denied, everything else allowed', rmDenied],
  ])('%s', (_name, policy) => {
    it.each(bypassAttempts)('denies rm through %s', (_label, argv) => {
      const result = evaluatePolicy(argv, policy);
      expect(result.decision).toBe('deny');
      expect(result.reason).toMatch(/rm|cannot be checked/);
    });

    it('denies sudo and doas', () => {
      expect(evaluatePolicy(['sudo', 'ls'], policy)).toMatchObject({ decision: 'deny', reason: expect.stringContaining('privileges') });
      expect(evaluatePolicy(['doas', 'ls'], policy).decision).toBe('deny');
    });

    it('denies NUL bytes and oversized argvs with a clear reason', () => {
      expect(evaluatePolicy(['ls', 'a\0b'], policy).reason).toContain('NUL byte');
      expect(evaluatePolicy(['ls', 'x'.repeat(100 * 1024)], policy).reason).toContain('the limit is 65536 bytes');
      expect(evaluatePolicy(['ls', ...Array.from({ length: 300 }, () => 'x')], policy).reason).toContain('the limit is 256');
    });
  });

  it('explains un-analyzable commands', () => {
    const result = evaluatePolicy(['bash', '-c', 'echo $(rm x)'], allowListOnly);
    expect(result.reason).toContain('cannot be checked');
    expect(result.reason).toContain('command substitution');
  });

  it('can ask instead of deny for un-analyzable commands, but never overrides a deny rule', () => {
    const policy: ShellPolicyInput = { ...rmDenied, unanalyzable: 'ask' };
    expect(evaluatePolicy(['bash', '-c', 'echo $(date)'], policy).decision).toBe('ask');
    expect(evaluatePolicy(['bash', '-c', 'rm x; echo $(date)'], policy).decision).toBe('deny');
  });

  it('lets deny win over allow, matching argument patterns in any order', () => {
    const policy: ShellPolicyInput = { allow: [{ program: 'rm' }, { program: 'git' }], deny: [{ program: 'rm', args: ['-rf'] }, { program: 'git', args: ['--force*'] }] };
    expect(evaluatePolicy(['rm', 'x'], policy).decision).toBe('allow');
    expect(evaluatePolicy(['rm', '-rf', 'x'], policy).decision).toBe('deny');
    expect(evaluatePolicy(['rm', '-fr', 'x'], policy).decision).toBe('deny');
    expect(evaluatePolicy(['rm', '-r', '-f', 'x'], policy).decision).toBe('deny');
    expect(evaluatePolicy(['git', 'push', '--force-with-lease'], policy).decision).toBe('deny');
    expect(evaluatePolicy(['xargs', 'rm'], { ...policy, allow: [...(policy.allow ?? []), { program: 'xargs' }] }).decision).toBe('deny');
  });

  it('matches argsPrefix rules', () => {
    const policy: ShellPolicyInput = { allow: [{ program: 'git', argsPrefix: ['status'] }] };
    expect(evaluatePolicy(['git', 'status', '-s'], policy).decision).toBe('allow');
    expect(evaluatePolicy(['git', 'push'], policy).decision).toBe('deny');
  });

  it('applies deny rules to the wrappers themselves', () => {
    const policy: ShellPolicyInput = { allow: [{ program: 'ls' }], deny: [{ program: 'setsid' }] };
    expect(evaluatePolicy(['setsid', 'ls'], policy).reason).toContain('setsid');
  });

  it('does not let an allow rule cover a program named by an untrusted path', () => {
    const result = evaluatePolicy(['./ls'], allowListOnly);
    expect(result.decision).toBe('deny');
    expect(result.reason).toContain('outside the trusted system directories');
    expect(evaluatePolicy(['/usr/bin/ls'], allowListOnly).decision).toBe('allow');
  });

  it('asks when the default is ask', () => {
    expect(evaluatePolicy(['make'], { ...allowListOnly, default: 'ask' })).toMatchObject({ decision: 'ask', reason: expect.stringContaining('needs approval') });
  });

  it('rejects malformed policy configs', () => {
    expect(() => shellPolicySchema.parse({ allow: [{ program: '' }] })).toThrow();
    expect(() => shellPolicySchema.parse({ default: 'maybe' })).toThrow();
  });
});
