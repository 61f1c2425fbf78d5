import type { DowncityError } from '@downcity/core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertAudio } from '../audio/convert-audio.js';
import { PocketsphinxEngineConfigSchema, type PocketsphinxEngineConfigInput } from '../config.js';
import { asrError, isAsrError } from '../errors/asr-error.js';
import { parseConfig } from '../parse-config.js';
import { errorLine } from '../process/error-line.js';
import { runProcess } from '../process/run-process.js';
import { withTempDirectory } from '../process/with-temp-directory.js';
import { checkFilesExist } from './check-files-exist.js';
import type { TranscriptionEngine, TranscriptionInput, TranscriptionResult } from './engine.js';
import { buildPocketsphinxArguments, parsePocketsphinxOutput, pocketsphinxCliFor } from './pocketsphinx-arguments.js';

/** Options for {@link createPocketsphinxEngine}: the `pocketsphinx` engine config without `kind`. */
export type PocketsphinxEngineOptions = Omit<PocketsphinxEngineConfigInput, 'kind'>;

const INSTALL_HINT = 'Install it (Debian/Ubuntu: apt-get install pocketsphinx pocketsphinx-en-us) or set `binary` to its path.';

/**
 * An offline engine running the pocketsphinx CLI (by default `pocketsphinx_batch` from Debian's
 * `pocketsphinx` package). Audio is converted to 16 kHz mono WAV with ffmpeg, written to a private
 * temporary directory with the optional JSGF grammar, recognised, and the directory removed.
 * With a grammar it is reliable for a fixed set of commands; free dictation with the default
 * language model is rough, so check `plausible` and prefer another engine for open speech.
 *
 * @example
 * ```ts
 * const engine = createPocketsphinxEngine({
 *   grammar: '#JSGF V1.0; grammar cmd; public <cmd> = turn on the lights | turn off the lights;',
 * });
 * const { text } = await engine.transcribe({ audio, mimeType: 'audio/ogg' });
 * ```
 *
 * @throws `DowncityError` with `details.reason` `CONFIG_INVALID` when the options are invalid.
 */
export function createPocketsphinxEngine(options: PocketsphinxEngineOptions = {}): TranscriptionEngine {
  const config = parseConfig({ schema: PocketsphinxEngineConfigSchema, value: { ...options, kind: 'pocketsphinx' }, path: 'engine' });
  const cli = pocketsphinxCliFor(config.binary);

  async function transcribe(input: TranscriptionInput): Promise<TranscriptionResult> {
    await checkFilesExist({ engine: 'pocketsphinx', files: { 'engine.hmm': config.hmm, 'engine.dict': config.dict, 'engine.languageModel': config.grammar ? undefined : config.languageModel } });
    const converted = await convertAudio({ audio: input.audio, mimeType: input.mimeType, output: 'wav', ffmpegPath: config.ffmpegPath, timeoutMs: config.timeoutMs, signal: input.signal });
    return withTempDirectory(async (directory) => {
      const files = { directory, utteranceId: 'audio', audioPath: join(directory, 'audio.wav'), controlPath: join(directory, 'control.txt'), hypothesisPath: join(directory, 'hypothesis.txt') };
      await writeFile(files.audioPath, converted.data, { mode: 0o600 });
      await writeFile(files.controlPath, `${files.utteranceId}\n`, { mode: 0o600 });
      let grammarPath: string | undefined;
      if (config.grammar) {
        grammarPath = join(directory, 'grammar.gram');
        await writeFile(grammarPath, config.grammar, { mode: 0o600 });
      }
      const args = buildPocketsphinxArguments({ cli, files, grammarPath, hmm: config.hmm, dict: config.dict, languageModel: config.languageModel });
      const result = await runProcess({ command: config.binary, args, timeoutMs: config.timeoutMs, signal: input.signal }).catch((error: unknown) => {
        throw isAsrError(error, 'BINARY_MISSING')
          ? asrError('BINARY_MISSING', `pocketsphinx is not installed (looked for "${config.binary}"). ${INSTALL_HINT}`, { cause: error, details: { command: config.binary } })
          : error;
      });
      if (result.exitCode !== 0) throw failure({ stderr: result.stderr, exitCode: result.exitCode, directory });
      const output = cli === 'batch' ? await readFile(files.hypothesisPath, 'utf8').catch(() => '') : result.stdout.toString('utf8');
      return { text: parsePocketsphinxOutput({ cli, output }), engine: 'pocketsphinx', durationSeconds: converted.durationSeconds };
    });
  }

  function failure(options: { stderr: string; exitCode: number | null; directory: string }): DowncityError {
    const reason = errorLine({ stderr: options.stderr, match: /^(ERROR|FATAL)/, pick: 'first', hidePaths: [options.directory] }) ?? `exited with code ${String(options.exitCode)}`;
    const details = { exitCode: options.exitCode, reason };
    if (/acoustic model|mdef|feat\.params/i.test(reason)) {
      return asrError('MODEL_MISSING', `pocketsphinx could not load its acoustic model: ${reason}. Install the English model (apt-get install pocketsphinx-en-us) or set \`engine.hmm\`.`, { details });
    }
    if (/JSGF|grammar|missing in the dictionary/i.test(reason)) {
      return asrError('CONFIG_INVALID', `pocketsphinx rejected the grammar in \`engine.grammar\`: ${reason}. Use JSGF V1.0 syntax and only words in the dictionary.`, { details });
    }
    return asrError('ENGINE_FAILED', `pocketsphinx failed: ${reason}`, { details });
  }

  return { name: 'pocketsphinx', transcribe };
}
