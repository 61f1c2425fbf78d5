import { describe, expect, it } from 'vitest';
import { unwrapArgv } from './unwrap-argv.js';

const programs = async (argv: string[]): Promise<string[]> => (await unwrapArgv(argv)).map((invocation) => invocation.program);
const last = async (argv: string[]) => (await unwrapArgv(argv)).at(-1);

describe('unwrapArgv', () => {
  it('returns a plain command as one invocation', async () => {
    expect(await unwrapArgv(['ls', '-la'])).toEqual([{ program: 'ls', argv: ['ls', '-la'], via: [], analyzable: true, openArgs: false }]);
  });

  it('reports the wrapper itself, then what it runs', async () => {
    const [wrapper, inner] = await unwrapArgv(['env', '-i', '-u', 'HOME', '--', 'FOO=1', 'rm', '-rf', '/']);
    expect(wrapper).toMatchObject({ program: 'env', wrapper: true, analyzable: true, via: [] });
    expect(inner).toMatchObject({ program: 'rm', argv: ['rm', '-rf', '/'], via: ['env'], analyzable: true });
  });

  it('splits env -S strings, attached or abbreviated', async () => {
    expect(await last(['env', '-S', 'rm -rf /'])).toMatchObject({ program: 'rm', argv: ['rm', '-rf', '/'] });
    expect(await last(['env', "-S'rm' -rf"])).toMatchObject({ program: 'rm', argv: ['rm', '-rf'] });
    expect(await last(['env', '--split=-i rm x'])).toMatchObject({ program: 'rm', argv: ['rm', 'x'] });
  });

  it('treats env assignments to PATH, LD_PRELOAD or odd names as un-analyzable', async () => {
    expect((await unwrapArgv(['env', 'LD_PRELOAD=./evil.so', 'ls']))[0]).toMatchObject({ program: 'env', analyzable: false });
    expect((await unwrapArgv(['env', 'PATH=.', 'ls']))[0]?.reason).toContain('PATH');
    // GNU env reads any word with "=" as an assignment, so "a.b=1" is not the program.
    expect((await unwrapArgv(['env', 'a.b=1', 'rm', 'x']))[0]).toMatchObject({ program: 'env', analyzable: false });
    expect(await programs(['env', 'LC_ALL=C', 'sort'])).toEqual(['env', 'sort']);
  });

  it('looks through busybox and toybox applets', async () => {
    expect(await last(['busybox', 'rm', 'x'])).toMatchObject({ program: 'rm', via: ['busybox'] });
    expect(await last(['toybox', 'sh', '-c', 'rm x'])).toMatchObject({ program: 'rm', via: ['toybox', 'sh -c'] });
  });

  it('parses sh -c scripts into every command they run', async () => {
    const invocations = await unwrapArgv(['sh', '-c', 'ls; rm -rf x && echo a || cat b | wc -l & true\nfalse']);
    expect(invocations.map((invocation) => invocation.program)).toEqual(['sh', 'ls', 'rm', 'echo', 'cat', 'wc', 'true', 'false']);
    expect(invocations[2]).toMatchObject({ argv: ['rm', '-rf', 'x'], via: ['sh -c'] });
    expect(invocations[2]?.builtin).toBeUndefined();
    expect(invocations[3]).toMatchObject({ program: 'echo', builtin: true });
  });

  it('handles shell options before -c, and refuses the ones that run code', async () => {
    expect(await programs(['bash', '-euo', 'pipefail', '-c', 'rm x'])).toEqual(['bash', 'rm']);
    expect(await programs(['dash', '-e', '-c', 'rm x'])).toEqual(['dash', 'rm']);
    expect((await unwrapArgv(['bash', '-xc', 'ls']))[0]).toMatchObject({ analyzable: false, reason: expect.stringContaining('-x') });
    expect((await unwrapArgv(['bash', '-O', 'expand_aliases', '-c', 'ls']))[0]).toMatchObject({ analyzable: false });
  });

  it('does not analyse zsh, ksh or ash scripts, which bash grammar does not describe', async () => {
    for (const shell of ['zsh', 'ksh', 'mksh', 'ash']) {
      expect((await unwrapArgv([shell, '-fc', 'ls']))[0]).toMatchObject({ program: shell, analyzable: false });
    }
  });

  it('marks substitutions, eval, exec and source as un-analyzable', async () => {
    for (const script of ['echo $(rm x)', 'echo `rm x`', 'diff <(rm x) y', 'eval "rm x"', 'exec rm x', 'source ./x.sh', '. ./x.sh']) {
      const invocations = await unwrapArgv(['bash', '-c', script]);
      expect(invocations.some((invocation) => !invocation.analyzable), script).toBe(true);
    }
  });

  it('checks builtins in a script against their safe arguments', async () => {
    expect(await last(['bash', '-c', 'printf -v x %s y'])).toMatchObject({ program: 'printf', builtin: true, analyzable: false });
    expect(await last(['bash', '-c', 'printf %s y'])).toMatchObject({ program: 'printf', builtin: true, analyzable: true });
    expect(await last(['bash', '-c', 'let x=1'])).toMatchObject({ program: 'let', analyzable: false });
    // Outside a shell, printf is the program /usr/bin/printf, which has no -v.
    expect((await unwrapArgv(['printf', '-v', 'x']))[0]).toMatchObject({ program: 'printf', analyzable: true });
    // command and builtin keep the shell's builtins.
    expect(await last(['bash', '-c', 'command printf -v x y'])).toMatchObject({ program: 'printf', analyzable: false });
  });

  it('marks script files, stdin and interactive shells as un-analyzable', async () => {
    expect((await unwrapArgv(['bash', 'script.sh']))[0]?.reason).toContain('script file');
    expect((await unwrapArgv(['sh']))[0]?.reason).toContain('standard input');
    expect((await unwrapArgv(['bash', '-ic', 'ls']))[0]?.analyzable).toBe(false);
  });

  it('resolves paths to basenames and keeps the path', async () => {
    expect((await unwrapArgv(['/usr/bin/rm', 'x']))[0]).toMatchObject({ program: 'rm', path: '/usr/bin/rm' });
    expect((await unwrapArgv(['./rm']))[0]).toMatchObject({ program: 'rm', path: './rm' });
    expect((await unwrapArgv(['../../usr/bin/rm']))[0]).toMatchObject({ program: 'rm', path: '../../usr/bin/rm' });
  });

  it('does not look through a wrapper named by an untrusted path', async () => {
    expect(await unwrapArgv(['./env', 'ls'])).toEqual([
      { program: 'env', path: './env', argv: ['./env', 'ls'], via: [], analyzable: true, openArgs: false },
    ]);
    expect(await last(['/usr/bin/env', 'ls'])).toMatchObject({ program: 'ls', via: ['env'] });
  });

  it('looks through xargs and marks its arguments as open', async () => {
    expect(await last(['xargs', '-0', '-n', '1', 'rm'])).toMatchObject({ program: 'rm', via: ['xargs'], openArgs: true });
    expect(await programs(['xargs'])).toEqual(['xargs', 'echo']);
  });

  it('treats words that xargs -I or find -exec fill in at run time as unknown', async () => {
    expect(await last(['xargs', '-I{}', 'sh', '-c', '{}'])).toMatchObject({ program: 'sh', analyzable: false });
    expect(await last(['xargs', '-I', 'X', 'X', '-rf'])).toMatchObject({ analyzable: false });
    expect(await last(['find', '.', '-exec', '{}', ';'])).toMatchObject({ analyzable: false });
  });

  it('looks through nice, timeout, nohup, stdbuf, setsid, ionice, chrt, taskset, time, command', async () => {
    expect(await programs(['nice', '-n', '5', 'rm'])).toEqual(['nice', 'rm']);
    expect(await programs(['nice', '-5', 'rm'])).toEqual(['nice', 'rm']);
    expect(await programs(['timeout', '-s', 'KILL', '5', 'rm'])).toEqual(['timeout', 'rm']);
    expect(await programs(['nohup', 'rm'])).toEqual(['nohup', 'rm']);
    expect(await programs(['stdbuf', '-oL', 'rm'])).toEqual(['stdbuf', 'rm']);
    expect(await programs(['setsid', '-f', 'rm'])).toEqual(['setsid', 'rm']);
    expect(await programs(['ionice', '-c', '3', 'rm'])).toEqual(['ionice', 'rm']);
    expect(await programs(['chrt', '-o', '0', 'rm'])).toEqual(['chrt', 'rm']);
    expect(await programs(['taskset', '-c', '0', 'rm'])).toEqual(['taskset', 'rm']);
    expect(await programs(['time', '-p', 'rm'])).toEqual(['time', 'rm']);
    expect(await programs(['command', 'rm'])).toEqual(['command', 'rm']);
    expect(await programs(['command', '-v', 'rm'])).toEqual(['command']);
    expect(await programs(['builtin', 'cd', '/'])).toEqual(['builtin', 'cd']);
  });

  it('fails closed on options it does not know', async () => {
    expect((await unwrapArgv(['timeout', '--bogus', '5', 'rm']))[0]).toMatchObject({ program: 'timeout', analyzable: false });
  });

  it('reports sudo and doas as programs, not wrappers', async () => {
    expect(await programs(['sudo', 'ls'])).toEqual(['sudo']);
    expect(await programs(['doas', 'ls'])).toEqual(['doas']);
  });

  it('finds the commands of find -exec and -execdir, and find itself', async () => {
    const invocations = await unwrapArgv(['find', '.', '-name', '*.js', '-exec', 'rm', '{}', ';', '-execdir', 'cat', '{}', '+']);
    expect(invocations.map((invocation) => [invocation.program, invocation.via, invocation.openArgs])).toEqual([
      ['find', [], false],
      ['rm', ['find -exec'], true],
      ['cat', ['find -execdir'], true],
    ]);
  });

  it('caps the recursion depth', async () => {
    const argv = [...Array.from({ length: 20 }, () => 'nice'), 'rm'];
    expect(await last(argv)).toMatchObject({ analyzable: false, reason: expect.stringContaining('nested') });
  });
});
