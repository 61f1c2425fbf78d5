import { readdirSync, readFileSync } from 'node:fs';

/** `O_CLOEXEC` as `/proc/<pid>/fdinfo` prints open flags (octal). */
const O_CLOEXEC = 0o2_000_000;

/**
 * The descriptors above 2 this process would pass to every program it starts: those open without
 * close-on-exec, typically inherited from whatever launched the agent (a supervisor's pipe, a
 * socket). Node opens its own descriptors close-on-exec, and libuv closes nothing else when it
 * spawns, so these reach a child unless something closes them. Read from `/proc/self/fdinfo`;
 * empty where there is no `/proc` (not Linux).
 *
 * @param procRoot - where procfs is mounted, for tests
 * @returns the descriptor numbers, ascending
 */
export function inheritableDescriptors(procRoot = '/proc'): number[] {
  let names: string[];
  try {
    names = readdirSync(`${procRoot}/self/fdinfo`);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    const flags = readFlags(`${procRoot}/self/fdinfo/${name}`);
    if (flags !== undefined && (flags & O_CLOEXEC) === 0) found.push(fd);
  }
  return found.sort((left, right) => left - right);
}

function readFlags(path: string): number | undefined {
  try {
    const match = /^flags:\s*([0-7]+)$/m.exec(readFileSync(path, 'latin1'));
    return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 8);
  } catch {
    // The descriptor was closed while listing (the listing's own descriptor is one).
    return undefined;
  }
}
