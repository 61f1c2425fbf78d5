import { describe, expect, it } from 'vitest';
import { unwrapArgv } from './unwrap-argv.js';

const programs = (argv: string[]): string[] => unwrapArgv(argv).map((invocation) => invocation.program);

describe('unwrapArgv', () => {
  it('returns a plain command as one invocation', () => {
    expect(unwrapArgv(['ls', '-la'])).toEqual([{ program: 'ls', argv: ['ls', '-la'], via: [], analyzable: true, openArgs: false }]);
  });

  it('looks through env, skipping options and assignments', () => {
    const [invocation] = unwrapArgv(['env', '-i', '-u', 'HOME', '--', 'FOO=1', 'rm', '-rf', '/']);
    expect(invocation).toMatchObject({ program: 'rm', argv: ['rm', '-rf', '/'], via: ['env'], analyzable: true });
  });

  it('splits env -S strings, attached or abbreviated', () => {
    expect(unwrapArgv(['env', '-S', 'rm -rf /'])[0]).toMatchObject({ program: 'rm', argv: ['rm', '-rf', '/'] });
    expect(unwrapArgv(['env', "-S'rm' -rf"])[0]).toMatchObject({ program: 'rm', argv: ['rm', '-rf'] });
    expect(unwrapArgv(['env', '--split=-i rm x'])[0]).toMatchObject({ program: 'rm', argv: ['rm', 'x'] });
  });

  it('treats env assignments to PATH or LD_PRELOAD as un-analyzable', () => {
    expect(unwrapArgv(['env', 'LD_PRELOAD=./evil.so', 'ls'])[0]).toMatchObject({ program: 'env', analyzable: false });
    expect(unwrapArgv(['env', 'PATH=.', 'ls'])[0]?.reason).toContain('PATH');
  });

  it('looks through busybox and toybox applets', () => {
    expect(unwrapArgv(['busybox', 'rm', 'x'])[0]).toMatchObject({ program: 'rm', via: ['busybox'] });
    expect(unwrapArgv(['toybox', 'sh', '-c', 'rm x'])[0]).toMatchObject({ program: 'rm', via: ['toybox', 'sh -c'] });
  });

  it('parses sh -c scripts into every command they run', () => {
    const invocations = unwrapArgv(['sh', '-c', 'ls; rm -rf x && echo a || cat b | wc -l & true\nfalse']);
    expect(invocations.map((invocation) => invocation.program)).toEqual(['ls', 'rm', 'echo', 'cat', 'wc', 'true', 'false']);
    expect(invocations[1]).toMatchObject({ argv: ['rm', '-rf', 'x'], via: ['sh -c'] });
  });

  it('handles shell options before -c', () => {
    expect(programs(['bash', '-euo', 'pipefail', '-c', 'rm x'])).toEqual(['rm']);
    expect(programs(['dash', '-e', '-c', 'rm x'])).toEqual(['rm']);
  });

  it('marks substitutions, eval, exec and source as un-analyzable', () => {
    for (const script of ['echo $(rm x)', 'echo `rm x`', 'diff <(rm x) y', 'eval "rm x"', 'exec rm x', 'source ./x.sh', '. ./x.sh']) {
      const invocations = unwrapArgv(['bash', '-c', script]);
      expect(invocations.some((invocation) => !invocation.analyzable), script).toBe(true);
    }
  });

  it('marks script files, stdin and interactive shells as un-analyzable', () => {
    expect(unwrapArgv(['bash', 'script.sh'])[0]?.reason).toContain('script file');
    expect(unwrapArgv(['sh'])[0]?.reason).toContain('standard input');
    expect(unwrapArgv(['bash', '-ic', 'ls'])[0]?.analyzable).toBe(false);
  });

  it('resolves paths to basenames and keeps the path', () => {
    expect(unwrapArgv(['/usr/bin/rm', 'x'])[0]).toMatchObject({ program: 'rm', path: '/usr/bin/rm' });
    expect(unwrapArgv(['./rm'])[0]).toMatchObject({ program: 'rm', path: './rm' });
    expect(unwrapArgv(['../../usr/bin/rm'])[0]).toMatchObject({ program: 'rm', path: '../../usr/bin/rm' });
  });

  it('does not look through a wrapper named by an untrusted path', () => {
    expect(unwrapArgv(['./env', 'ls'])).toEqual([
      { program: 'env', path: './env', argv: ['./env', 'ls'], via: [], analyzable: true, openArgs: false },
    ]);
    expect(unwrapArgv(['/usr/bin/env', 'ls'])[0]).toMatchObject({ program: 'ls', via: ['env'] });
  });

  it('looks through xargs and marks its arguments as open', () => {
    expect(unwrapArgv(['xargs', '-0', '-n', '1', 'rm'])[0]).toMatchObject({ program: 'rm', via: ['xargs'], openArgs: true });
    expect(unwrapArgv(['xargs'])[0]).toMatchObject({ program: 'echo', via: ['xargs'] });
  });

  it('treats words that xargs -I or find -exec fill in at run time as unknown', () => {
    expect(unwrapArgv(['xargs', '-I{}', 'sh', '-c', '{}'])[0]).toMatchObject({ program: 'sh', analyzable: false });
    expect(unwrapArgv(['xargs', '-I', 'X', 'X', '-rf'])[0]).toMatchObject({ analyzable: false });
    expect(unwrapArgv(['find', '.', '-exec', '{}', ';'])[1]).toMatchObject({ analyzable: false });
  });

  it('looks through nice, timeout, nohup, stdbuf, setsid, ionice, chrt, taskset, time, command', () => {
    expect(programs(['nice', '-n', '5', 'rm'])).toEqual(['rm']);
    expect(programs(['nice', '-5', 'rm'])).toEqual(['rm']);
    expect(programs(['timeout', '-s', 'KILL', '5', 'rm'])).toEqual(['rm']);
    expect(programs(['nohup', 'rm'])).toEqual(['rm']);
    expect(programs(['stdbuf', '-oL', 'rm'])).toEqual(['rm']);
    expect(programs(['setsid', '-f', 'rm'])).toEqual(['rm']);
    expect(programs(['ionice', '-c', '3', 'rm'])).toEqual(['rm']);
    expect(programs(['chrt', '-o', '0', 'rm'])).toEqual(['rm']);
    expect(programs(['taskset', '-c', '0', 'rm'])).toEqual(['rm']);
    expect(programs(['time', '-p', 'rm'])).toEqual(['rm']);
    expect(programs(['command', 'rm'])).toEqual(['rm']);
    expect(programs(['command', '-v', 'rm'])).toEqual(['command']);
    expect(programs(['builtin', 'cd', '/'])).toEqual(['cd']);
  });

  it('fails closed on options it does not know', () => {
    expect(unwrapArgv(['timeout', '--bogus', '5', 'rm'])[0]).toMatchObject({ program: 'timeout', analyzable: false });
  });

  it('reports sudo and doas as programs, not wrappers', () => {
    expect(programs(['sudo', 'ls'])).toEqual(['sudo']);
    expect(programs(['doas', 'ls'])).toEqual(['doas']);
  });

  it('finds the commands of find -exec and -execdir, and find itself', () => {
    const invocations = unwrapArgv(['find', '.', '-name', '*.js', '-exec', 'rm', '{}', ';', '-execdir', 'cat', '{}', '+']);
    expect(invocations.map((invocation) => [invocation.program, invocation.via, invocation.openArgs])).toEqual([
      ['find', [], false],
      ['rm', ['find -exec'], true],
      ['cat', ['find -execdir'], true],
    ]);
  });

  it('caps the recursion depth', () => {
    const argv = [...Array.from({ length: 20 }, () => 'nice'), 'rm'];
    expect(unwrapArgv(argv).at(-1)).toMatchObject({ analyzable: false });
    expect(unwrapArgv(argv).at(-1)?.reason).toContain('nested');
  });
});
