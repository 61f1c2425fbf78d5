import { secret } from '@downcity/core';
import { z } from 'zod';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DURATION_SECONDS } from './limits.js';

const path = (description: string) => z.string().min(1, 'must not be empty').describe(description);
const timeoutMs = (defaultMs: number, what: string) =>
  z.number().int().positive().default(defaultMs).describe(`Milliseconds before ${what} is stopped.`);
const ffmpegPath = z.string().min(1).default('ffmpeg').describe('The ffmpeg binary used to convert audio. Debian/Ubuntu: apt-get install ffmpeg.');

/**
 * Offline recognition with the pocketsphinx CLI from Debian/Ubuntu (`apt-get install pocketsphinx
 * pocketsphinx-en-us`). Accurate for a small JSGF grammar of commands; rough for free dictation.
 */
export const PocketsphinxEngineConfigSchema = z
  .object({
    kind: z.literal('pocketsphinx'),
    binary: z.string().min(1).default('pocketsphinx_batch').describe('The CLI, recognised by name: `pocketsphinx_batch` (5prealpha: Debian 12, Ubuntu 24.04), `pocketsphinx_continuous` (5prealpha), or `pocketsphinx` (5.x).'),
    grammar: z.string().min(1).optional().describe('A JSGF grammar (the text, not a path) restricting what can be recognised, e.g. `#JSGF V1.0; grammar cmd; public <cmd> = turn on the lights | hello world;`.'),
    hmm: path('Acoustic model directory (-hmm). Defaults to the installed en-us model.').optional(),
    dict: path('Pronunciation dictionary file (-dict). Defaults to the installed cmudict-en-us.dict.').optional(),
    languageModel: path('Language model file (-lm) for free dictation. Ignored when a grammar is set.').optional(),
    timeoutMs: timeoutMs(120_000, 'pocketsphinx'),
    ffmpegPath,
  })
  .strict();

/** The model files of a sherpa-onnx offline model, by model family. */
export const SherpaOnnxModelConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transducer'), encoder: path('encoder.onnx (--encoder).'), decoder: path('decoder.onnx (--decoder).'), joiner: path('joiner.onnx (--joiner).') }).strict(),
  z
    .object({
      type: z.literal('whisper'),
      encoder: path('Whisper encoder .onnx (--whisper-encoder).'),
      decoder: path('Whisper decoder .onnx (--whisper-decoder).'),
      language: z.string().min(2).optional().describe('Spoken language (--whisper-language), e.g. "en"; detected when omitted.'),
      task: z.enum(['transcribe', 'translate']).default('transcribe').describe('--whisper-task.'),
    })
    .strict(),
  z.object({ type: z.literal('paraformer'), model: path('Paraformer model .onnx (--paraformer).') }).strict(),
  z
    .object({
      type: z.literal('sense-voice'),
      model: path('SenseVoice model .onnx (--sense-voice-model).'),
      language: z.string().min(2).default('auto').describe('--sense-voice-language: auto, zh, en, ja, ko, yue.'),
      useInverseTextNormalization: z.boolean().default(true).describe('--sense-voice-use-itn: punctuation and digits in the output.'),
    })
    .strict(),
  z.object({ type: z.literal('nemo-ctc'), model: path('NeMo CTC model .onnx (--nemo-ctc-model).') }).strict(),
]);

/** Offline recognition with a sherpa-onnx model and the `sherpa-onnx-offline` binary you provide. */
export const SherpaOnnxEngineConfigSchema = z
  .object({
    kind: z.literal('sherpa-onnx'),
    binary: z.string().min(1).default('sherpa-onnx-offline').describe('Path to the sherpa-onnx-offline binary (from a sherpa-onnx release).'),
    tokens: path('tokens.txt of the model (--tokens).'),
    model: SherpaOnnxModelConfigSchema,
    numThreads: z.number().int().min(1).max(64).default(2).describe('--num-threads.'),
    timeoutMs: timeoutMs(120_000, 'sherpa-onnx'),
    ffmpegPath,
  })
  .strict();

/** Cloud or self-hosted recognition through `POST {baseURL}/audio/transcriptions` (OpenAI, Groq, speaches, whisper.cpp server...). */
export const OpenAICompatibleEngineConfigSchema = z
  .object({
    kind: z.literal('openai-compatible'),
    baseURL: z.url().describe('API base URL including the version, e.g. "https://api.openai.com/v1".'),
    apiKey: secret().optional().describe('Bearer API key (registered for redaction: never logged); omit for local servers without auth.'),
    model: z.string().min(1).default('whisper-1').describe('Transcription model id, e.g. "whisper-1", "gpt-4o-mini-transcribe", "whisper-large-v3".'),
    language: z.string().min(2).optional().describe('Spoken language (ISO-639-1) sent with every request unless the message says otherwise.'),
    timeoutMs: timeoutMs(60_000, 'a transcription request (including retries)'),
    maxRetries: z.number().int().min(0).max(10).default(2).describe('Retries on HTTP 429 and 5xx, honouring retry-after.'),
    maxRetryDelayMs: z.number().int().min(0).default(20_000).describe('Longest retry-after the engine waits for; a longer one fails at once.'),
    ffmpegPath: ffmpegPath.describe('ffmpeg converts formats the API does not accept (AMR, 3GP) to WAV.'),
  })
  .strict();

/** Which engine transcribes, chosen by `kind`. */
export const EngineConfigSchema = z.discriminatedUnion('kind', [PocketsphinxEngineConfigSchema, OpenAICompatibleEngineConfigSchema, SherpaOnnxEngineConfigSchema]);

/** The asr plugin's configuration. */
export const AsrConfigSchema = z
  .object({
    engine: EngineConfigSchema,
    maxBytes: z.number().int().positive().default(DEFAULT_MAX_BYTES).describe('Largest voice message transcribed, in bytes (default 20 MiB).'),
    maxDurationSeconds: z.number().positive().default(DEFAULT_MAX_DURATION_SECONDS).describe('Longest voice message transcribed, in seconds (default 300).'),
    downloadTimeoutMs: z.number().int().positive().default(60_000).describe('Milliseconds before downloading a voice message from the channel is abandoned with a note on the message (default 60000).'),
    timeoutMs: z.number().int().positive().default(180_000).describe('Milliseconds before one voice message\'s transcription (download excluded) is abandoned with a note on the message (default 180000).'),
  })
  .strict();

/** pocketsphinx engine configuration as written. */
export type PocketsphinxEngineConfigInput = z.input<typeof PocketsphinxEngineConfigSchema>;
/** pocketsphinx engine configuration as validated. */
export type PocketsphinxEngineConfig = z.output<typeof PocketsphinxEngineConfigSchema>;
/** sherpa-onnx model files as written. */
export type SherpaOnnxModelConfigInput = z.input<typeof SherpaOnnxModelConfigSchema>;
/** sherpa-onnx model files as validated. */
export type SherpaOnnxModelConfig = z.output<typeof SherpaOnnxModelConfigSchema>;
/** sherpa-onnx engine configuration as written. */
export type SherpaOnnxEngineConfigInput = z.input<typeof SherpaOnnxEngineConfigSchema>;
/** sherpa-onnx engine configuration as validated. */
export type SherpaOnnxEngineConfig = z.output<typeof SherpaOnnxEngineConfigSchema>;
/** OpenAI-compatible engine configuration as written. */
export type OpenAICompatibleEngineConfigInput = z.input<typeof OpenAICompatibleEngineConfigSchema>;
/** OpenAI-compatible engine configuration as validated. */
export type OpenAICompatibleEngineConfig = z.output<typeof OpenAICompatibleEngineConfigSchema>;
/** Engine configuration as written. */
export type EngineConfigInput = z.input<typeof EngineConfigSchema>;
/** Engine configuration as validated. */
export type EngineConfig = z.output<typeof EngineConfigSchema>;
/** The asr plugin configuration as written. */
export type AsrConfigInput = z.input<typeof AsrConfigSchema>;
/** The asr plugin configuration as validated. */
export type AsrConfig = z.output<typeof AsrConfigSchema>;
