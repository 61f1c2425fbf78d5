import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectAudioFormat } from './detect-audio-format.js';

/**
 * Writes audio bytes into `directory` as `input.<extension>`, the extension taken from the
 * detected format so ffmpeg's probing gets a hint. Returns the file's path.
 */
export async function writeAudioFile(options: { directory: string; audio: Uint8Array; mimeType?: string }): Promise<string> {
  const format = detectAudioFormat({ audio: options.audio, mimeType: options.mimeType });
  const path = join(options.directory, `input.${format?.extension ?? 'bin'}`);
  await writeFile(path, options.audio, { mode: 0o600 });
  return path;
}
