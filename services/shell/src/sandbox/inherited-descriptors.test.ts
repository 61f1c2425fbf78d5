import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inheritableDescriptors } from './inherited-descriptors.js';

const proc = mkdtempSync(join(tmpdir(), 'downcity-fake-proc-'));
afterAll(() => rmSync(proc, { recursive: true, force: true }));

function fakeDescriptor(fd: number, flags: string): void {
  mkdirSync(join(proc, 'self', 'fdinfo'), { recursive: true });
  writeFileSync(join(proc, 'self', 'fdinfo', String(fd)), `pos:\t0\nflags:\t${flags}\nmnt_id:\t12\nino:\t88058\n`);
}

describe('inheritableDescriptors', () => {
  it('lists the descriptors above 2 that are open without close-on-exec', () => {
    fakeDescriptor(0, '0100002');
    fakeDescriptor(2, '0100001');
    fakeDescriptor(10, '02100000');
    fakeDescriptor(251, '01');
    fakeDescriptor(17, '0100002');
    fakeDescriptor(20, '02004002');
    expect(inheritableDescriptors(proc)).toEqual([17, 251]);
  });

  it('finds nothing where there is no procfs', () => {
    expect(inheritableDescriptors(join(proc, 'missing'))).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')('sees no descriptor of its own process leak: Node opens everything close-on-exec', () => {
    // Whatever launched the test runner may have passed some; none is one this process opened.
    const before = inheritableDescriptors();
    const directory = mkdtempSync(join(tmpdir(), 'downcity-fd-'));
    writeFileSync(join(directory, 'file'), 'x');
    expect(inheritableDescriptors()).toEqual(before);
    rmSync(directory, { recursive: true, force: true });
  });
});
