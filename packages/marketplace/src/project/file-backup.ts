import { readFile, rm, writeFile } from 'node:fs/promises';

/** The bytes of some files (or their absence), to put back after a failed change. */
export interface FileBackup {
  /** Writes every file back as it was; removes the ones that did not exist. */
  restore(): Promise<void>;
  /** Whether any backed-up file differs from the backup now. */
  changed(): Promise<boolean>;
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** Backs up `files` byte for byte. */
export async function backUpFiles(files: string[]): Promise<FileBackup> {
  const saved = new Map<string, Buffer | undefined>();
  for (const file of new Set(files)) saved.set(file, await readOrUndefined(file));
  return {
    async restore() {
      for (const [file, bytes] of saved) {
        if (bytes === undefined) await rm(file, { force: true });
        else await writeFile(file, bytes);
      }
    },
    async changed() {
      for (const [file, bytes] of saved) {
        const now = await readOrUndefined(file);
        if ((now === undefined) !== (bytes === undefined) || (now && bytes && !now.equals(bytes))) return true;
      }
      return false;
    },
  };
}
