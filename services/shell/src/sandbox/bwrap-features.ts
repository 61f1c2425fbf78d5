import { execFile } from 'node:child_process';

/** Options of bubblewrap that not every installed version has. */
export interface BwrapFeatures {
  /** `--disable-userns` (0.8.0): the sandbox cannot create user namespaces of its own. */
  disableUserns: boolean;
  /** `--perms` (0.5.0): the mode of generated files. */
  perms: boolean;
}

const known = new Map<string, Promise<BwrapFeatures>>();

/**
 * Reads which optional options a bwrap binary supports from its `--help`, once per path and
 * process (a few milliseconds the first time).
 *
 * @param path - the bwrap binary
 */
export function bwrapFeatures(path: string): Promise<BwrapFeatures> {
  let features = known.get(path);
  if (!features) {
    features = new Promise((resolve) => {
      execFile(path, ['--help'], { timeout: 5_000 }, (_error, stdout, stderr) => {
        const help = `${stdout}${stderr}`;
        resolve({ disableUserns: help.includes('--disable-userns'), perms: help.includes('--perms') });
      });
    });
    known.set(path, features);
  }
  return features;
}
