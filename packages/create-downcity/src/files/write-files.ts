import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './generated-file.js';

/** What {@link writeFiles} did. */
export interface WriteFilesResult {
  /** Paths written, relative to the folder. */
  written: string[];
  /** Paths that already existed and were left untouched. */
  kept: string[];
}

/**
 * Writes files into `directory`, creating folders as needed. A file that already exists is never
 * replaced: it is kept and reported.
 *
 * @param directory - the target folder, absolute
 * @param files - the files to write
 */
export async function writeFiles(directory: string, files: readonly GeneratedFile[]): Promise<WriteFilesResult> {
  const result: WriteFilesResult = { written: [], kept: [] };
  for (const file of files) {
    const target = path.join(directory, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await writeFile(target, file.content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      result.kept.push(file.path);
      continue;
    }
    if (file.executable) await chmod(target, 0o755);
    result.written.push(file.path);
  }
  return result;
}
