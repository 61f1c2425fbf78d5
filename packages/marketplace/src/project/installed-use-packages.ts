import { checkManifest } from '../candidate/describe-version.js';
import type { InstalledPackage } from '../candidate/check-candidate.js';
import { isChannelPackage } from '../candidate/package-kind.js';
import { findInstalledPackage } from './find-installed-package.js';
import { useEntries, type Project } from './read-project.js';

/**
 * The Downcity packages the project's `use` array names and that are installed, with their
 * manifest ids and kinds (a chat channel: kind `channel`, no id), read from package.json without
 * running code. Local paths are skipped.
 */
export async function installedUsePackages(project: Project): Promise<InstalledPackage[]> {
  const found: InstalledPackage[] = [];
  for (const name of useEntries(project)) {
    if (name.startsWith('.') || name.startsWith('/')) continue;
    const installed = await findInstalledPackage(name, project.dir);
    if (!installed) continue;
    if (isChannelPackage(installed.packageJson)) {
      found.push({ name, version: installed.packageJson.version, kind: 'channel' });
      continue;
    }
    const { manifest } = checkManifest({ ...installed.packageJson, downcity: installed.packageJson.downcity });
    found.push({ name, version: installed.packageJson.version, id: manifest?.id, kind: manifest?.kind, requires: manifest?.requires });
  }
  return found;
}
