import { createJiti } from 'jiti';

/**
 * Imports a module by file path with jiti, so TypeScript config files and local plugins need no
 * build step. Packages under `node_modules` are imported natively (one instance per process, shared
 * with the CLI); the user's own files are evaluated afresh on every call.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const jiti = createJiti(file, { moduleCache: false, interopDefault: false });
  const loaded: unknown = await jiti.import(file);
  return typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : { default: loaded };
}
