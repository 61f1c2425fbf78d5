import type { PackageManagerName } from './detect-package-manager.js';

/** What to ask the package manager to do. */
export type PackageManagerAction =
  | {
      kind: 'add';
      name: string;
      version: string;
      /** Whether install scripts (`preinstall`, `postinstall`, ...) may run; `--ignore-scripts` otherwise. */
      scripts?: boolean;
    }
  | { kind: 'remove'; name: string }
  | { kind: 'sync' };

/** Options for {@link packageManagerArgs}. */
export interface PackageManagerArgsOptions {
  /** Which package manager. */
  packageManager: PackageManagerName;
  /** What to do. */
  action: PackageManagerAction;
  /** A registry to pass with `--registry` (only when given explicitly; else the package manager reads the same .npmrc). Not for `pnpm remove`, which has no such flag. */
  registry?: string;
  /** Whether the project folder is a pnpm workspace root (`pnpm add` needs `-w` there). */
  workspaceRoot?: boolean;
}

/** The arguments for pnpm or npm: add pins the exact version, sync re-installs from package.json and the lockfile. */
export function packageManagerArgs(options: PackageManagerArgsOptions): string[] {
  const { action, packageManager } = options;
  const args: string[] =
    packageManager === 'pnpm'
      ? action.kind === 'add'
        ? ['add', `${action.name}@${action.version}`, '--save-exact']
        : action.kind === 'remove'
          ? ['remove', action.name]
          : ['install', '--no-frozen-lockfile', '--prefer-offline']
      : action.kind === 'add'
        ? ['install', `${action.name}@${action.version}`, '--save-exact']
        : action.kind === 'remove'
          ? ['uninstall', action.name]
          : ['install', '--prefer-offline'];
  if (action.kind === 'add' && action.scripts === false) args.push('--ignore-scripts');
  if (packageManager === 'npm') args.push('--no-audit', '--no-fund');
  if (packageManager === 'pnpm' && options.workspaceRoot && action.kind !== 'sync') args.push('--workspace-root');
  // `pnpm remove` has no --registry; runPackageManager also passes the registry as npm_config_registry.
  if (options.registry && !(packageManager === 'pnpm' && action.kind === 'remove')) args.push('--registry', options.registry);
  return args;
}
