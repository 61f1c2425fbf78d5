import type { Permissions } from '@downcity/core';
import { prefixSafeFolders } from './prefix-safe-folders.js';

/** What {@link permissionFlags} turns into Node flags. */
export interface PermissionFlagsOptions {
  /** The permissions the plugin's manifest declares (and the user confirmed). */
  permissions: Permissions;
  /** Folders the host must read to run at all: its own code, the plugin's folder and its dependencies' folders. */
  codeFolders: readonly string[];
  /** The plugin's data folder (`<dataDir>/plugins/<id>`). */
  dataDir: string;
  /** The V8 old-space limit in MiB. */
  maxHeapMb: number;
}

/**
 * The `node` flags that start an isolated plugin host: Node's permission model with file reads limited to the
 * code folders (plus the data folder for `filesystem: "read"`), writes only to the data folder for
 * `"workspace"`, everything for `"full"`; child processes, workers, addons and WASI only with `exec: true`;
 * and a heap limit. Each folder is its own repeated `--allow-fs-*` flag, the form Node 22.13+ and 24 accept.
 */
export function permissionFlags(options: PermissionFlagsOptions): string[] {
  const { permissions, codeFolders, dataDir, maxHeapMb } = options;
  const flags = ['--permission', `--max-old-space-size=${maxHeapMb}`];
  if (permissions.filesystem === 'full') {
    flags.push('--allow-fs-read=*', '--allow-fs-write=*');
  } else {
    const reads = prefixSafeFolders(codeFolders);
    if (permissions.filesystem === 'read' || permissions.filesystem === 'workspace') reads.push(dataDir);
    for (const folder of reads) flags.push(`--allow-fs-read=${folder}`);
    if (permissions.filesystem === 'workspace') flags.push(`--allow-fs-write=${dataDir}`);
  }
  if (permissions.exec) flags.push('--allow-child-process', '--allow-worker', '--allow-addons', '--allow-wasi');
  return flags;
}

/** Whether the manifest's file permission gives the plugin a data folder. */
export function hasDataDir(permissions: Permissions): boolean {
  return permissions.filesystem !== 'none';
}
