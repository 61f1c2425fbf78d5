import { describe, expect, it } from 'vitest';
import { buildBwrapArgs, type BwrapArgsOptions } from './bwrap.js';

const base: BwrapArgsOptions = {
  workspace: '/srv/ws/http_alice-0123456789abcdef',
  cwd: '/srv/ws/http_alice-0123456789abcdef',
  network: false,
  argv: ['ls', '-la'],
  user: { uid: 65_532, gid: 65_532 },
  features: { disableUserns: true, perms: true },
};

/** The argument pairs and triples of an option, e.g. all `--ro-bind-try SRC DEST`. */
const operands = (args: string[], option: string, count: number): string[][] =>
  args.flatMap((arg, index) => (arg === option ? [args.slice(index + 1, index + 1 + count)] : []));

describe('buildBwrapArgs', () => {
  it('makes a user namespace with only the sandbox ids, which cannot make another', () => {
    const args = buildBwrapArgs(base);
    expect(args.slice(0, 3)).toEqual(['--unshare-all', '--unshare-user', '--disable-userns']);
    expect(operands(args, '--uid', 1)).toEqual([['65532']]);
    expect(operands(args, '--gid', 1)).toEqual([['65532']]);
    expect(args).toContain('--cap-drop');
    expect(args).not.toContain('--share-net');
    expect(buildBwrapArgs({ ...base, features: { disableUserns: false, perms: false } })).not.toContain('--disable-userns');
  });

  it('binds only the given workspace, never its parent or another workspace', () => {
    const args = buildBwrapArgs(base);
    expect(operands(args, '--bind', 2)).toEqual([[base.workspace, base.workspace]]);
    expect(args.slice(-5)).toEqual(['--chdir', base.cwd, '--', 'ls', '-la']);
  });

  it('never binds the host account, host name or resolver files; generates the account files instead', () => {
    const files = [
      { descriptor: 3, path: '/etc/passwd' },
      { descriptor: 4, path: '/etc/group' },
    ];
    const args = buildBwrapArgs({ ...base, files });
    const bound = operands(args, '--ro-bind-try', 2).map(([source]) => source);
    for (const secret of ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/etc/nsswitch.conf']) expect(bound).not.toContain(secret);
    expect(operands(args, '--ro-bind-data', 2)).toEqual([['3', '/etc/passwd'], ['4', '/etc/group']]);
    expect(operands(args, '--perms', 1)).toEqual([['0444'], ['0444']]);
    const networked = operands(buildBwrapArgs({ ...base, network: true }), '--ro-bind-try', 2).map(([source]) => source);
    expect(networked).toEqual(expect.arrayContaining(['/etc/resolv.conf', '/etc/hosts']));
  });

  it('hands each inherited descriptor to bwrap as a copy into /dev/null, after /dev exists, so bwrap closes it', () => {
    const args = buildBwrapArgs({ ...base, closeDescriptors: [251, 7] });
    expect(operands(args, '--file', 2)).toEqual([['251', '/dev/null'], ['7', '/dev/null']]);
    expect(args.indexOf('--file')).toBeGreaterThan(args.indexOf('--dev'));
    expect(args.indexOf('--file')).toBeLessThan(args.indexOf('--'));
  });
});
