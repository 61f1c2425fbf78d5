import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The host child's entry and the folder of the host's own code (which the child must be allowed to read).
 * Built, both are in `dist/` next to this module; from source (tests), `src/host-child.ts` runs under Node's
 * type stripping.
 */
export function childEntry(): { file: string; folder: string } {
  const here = fileURLToPath(import.meta.url);
  const file = path.join(path.dirname(here), here.endsWith('.ts') ? 'host-child.ts' : 'host-child.js');
  return { file, folder: path.dirname(file) };
}
