import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertAudio } from '../audio/convert-audio.js';
import { SherpaOnnxEngineConfigSchema, type SherpaOnnxEngineConfigInput } from '../config.js';
import { asrError, isAsrError } from '../errors/asr-error.js';
import { parseConfig } from '../parse-config.js';
import { errorLine } from '../process/error-line.js';
import { runProcess } from '../process/run-process.js';
import { withTempDirectory } from '../process/with-temp-directory.js';
import { checkFilesExist } from './check-files-exist.js';
import type { TranscriptionEngine, TranscriptionInput, TranscriptionResult } from './engine.js';
import { buildSherpaOnnxArguments, parseSherpaOnnxOutput, sherpaOnnxModelFiles } from './sherpa-onnx-arguments.js';

/** Options for {@link createSherpaOnnxEngine}: the `sherpa-onnx` engine config without `kind`. */
export type SherpaOnnxEngineOptions = Omit<SherpaOnnxEngineConfigInput, 'kind'>;

/**
 * An offline engine running the `sherpa-onnx-offline` binary from a sherpa-onnx release with a
 * model you downloaded (transducer, Whisper, Paraformer, SenseVoice or NeMo CTC). Audio is
 * converted to 16 kHz mono WAV in a private temporary directory that is removed afterwards.
 *
 * @example
 * ```ts
 * const engine = createSherpaOnnxEngine({
 *   binary: '/opt/sherpa-onnx/bin/sherpa-onnx-offline',
 *   tokens: '/models/whisper-tiny.en/tiny.en-tokens.txt',
 *   model: { type: 'whisper', encoder: '/models/whisper-tiny.en/tiny.en-encoder.int8.onnx', decoder: '/models/whisper-tiny.en/tiny.en-decoder.int8.onnx' },
 * });
 * ```
 *
 * @throws `DowncityError` with `details.reason` `CONFIG_INVALID` when the options are invalid.
 */
export function createSherpaOnnxEngine(options: SherpaOnnxEngineOptions): TranscriptionEngine {
  const config = parseConfig({ schema: SherpaOnnxEngineConfigSchema, value: { ...options, kind: 'sherpa-onnx' }, path: 'engine' });

  async function transcribe(input: TranscriptionInput): Promise<TranscriptionResult> {
    await checkFilesExist({ engine: 'sherpa-onnx', files: sherpaOnnxModelFiles(config) });
    const converted = await convertAudio({ audio: input.audio, mimeType: input.mimeType, output: 'wav', ffmpegPath: config.ffmpegPath, timeoutMs: config.timeoutMs, signal: input.signal });
    return withTempDirectory(async (directory) => {
      const audioPath = join(directory, 'audio.wav');
      await writeFile(audioPath, converted.data, { mode: 0o600 });
      const args = buildSherpaOnnxArguments({ config, audioPath, language: input.language });
      const result = await runProcess({ command: config.binary, args, timeoutMs: config.timeoutMs, signal: input.signal }).catch((error: unknown) => {
        throw isAsrError(error, 'BINARY_MISSING')
          ? asrError('BINARY_MISSING', `The sherpa-onnx binary set in \`engine.binary\` was not found: ${config.binary}. Download a release from https://github.com/k2-fsa/sherpa-onnx/releases and set \`engine.binary\` to its sherpa-onnx-offline.`, { cause: error, details: { key: 'engine.binary', command: config.binary } })
          : error;
      });
      const output = `${result.stderr}\n${result.stdout.toString('utf8')}`;
      const text = result.exitCode === 0 ? parseSherpaOnnxOutput(output) : undefined;
      if (text === undefined) {
        const reason = errorLine({ stderr: result.stderr, hidePaths: [directory] }) ?? `exited with code ${String(result.exitCode)}`;
        throw asrError('ENGINE_FAILED', `sherpa-onnx produced no transcript: ${reason}. Check that engine.model.type matches the model files.`, { details: { exitCode: result.exitCode } });
      }
      return { text, engine: 'sherpa-onnx', durationSeconds: converted.durationSeconds };
    });
  }

  return { name: 'sherpa-onnx', transcribe };
}
