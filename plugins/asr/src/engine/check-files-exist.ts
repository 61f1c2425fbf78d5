import { access } from 'node:fs/promises';
import { asrError } from '../errors/asr-error.js';

/** Options for {@link checkFilesExist}. */
export interface CheckFilesExistOptions {
  /** The engine name, for the message. */
  engine: string;
  /** Config key (e.g. `engine.model.encoder`) to the path it names; undefined paths are skipped. */
  files: Record<string, string | undefined>;
}

/**
 * Checks that every configured model file exists and is readable, before an engine starts a
 * process that would fail with a less helpful message.
 *
 * @throws `DowncityError` with `details.reason` `MODEL_MISSING` naming the config key and the path it points to.
 */
export async function checkFilesExist(options: CheckFilesExistOptions): Promise<void> {
  for (const [key, path] of Object.entries(options.files)) {
    if (path === undefined) continue;
    try {
      await access(path);
    } catch (error) {
      throw asrError('MODEL_MISSING', `The ${options.engine} model file set in \`${key}\` does not exist or is not readable: ${path}. Fix \`${key}\` or download the model there.`, {
        cause: error,
        details: { key, path },
      });
    }
  }
}
