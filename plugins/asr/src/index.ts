/**
 * `@downcity/asr`: speech-to-text for Downcity voice messages. Offline with pocketsphinx or a
 * sherpa-onnx model, or through any OpenAI-compatible transcription endpoint; audio converted
 * with ffmpeg; size and duration limits; implausible transcripts flagged. The plugin attaches to
 * the chat service's `chat/inbound` pipeline.
 *
 * @packageDocumentation
 */
export { asrPlugin, asrPlugin as default } from './plugin/asr-plugin.js';
export { TRANSCRIPT_INSTRUCTIONS } from './plugin/transcript-instructions.js';
export { convertAudio, type ConvertAudioOptions, type ConvertedAudio } from './audio/convert-audio.js';
export { detectAudioFormat, type AudioFormat } from './audio/detect-audio-format.js';
export { probeAudio, type AudioProbe, type ProbeAudioOptions } from './audio/probe-audio.js';
export {
  AsrConfigSchema,
  EngineConfigSchema,
  OpenAICompatibleEngineConfigSchema,
  PocketsphinxEngineConfigSchema,
  SherpaOnnxEngineConfigSchema,
  SherpaOnnxModelConfigSchema,
  type AsrConfig,
  type AsrConfigInput,
  type EngineConfig,
  type EngineConfigInput,
  type OpenAICompatibleEngineConfig,
  type OpenAICompatibleEngineConfigInput,
  type PocketsphinxEngineConfig,
  type PocketsphinxEngineConfigInput,
  type SherpaOnnxEngineConfig,
  type SherpaOnnxEngineConfigInput,
  type SherpaOnnxModelConfig,
  type SherpaOnnxModelConfigInput,
} from './config.js';
export { createEngine } from './create-engine.js';
export type { TranscriptionEngine, TranscriptionInput, TranscriptionResult } from './engine/engine.js';
export { createOpenAICompatibleEngine, type OpenAICompatibleEngineOptions } from './engine/openai-compatible-engine.js';
export { createPocketsphinxEngine, type PocketsphinxEngineOptions } from './engine/pocketsphinx-engine.js';
export { createSherpaOnnxEngine, type SherpaOnnxEngineOptions } from './engine/sherpa-onnx-engine.js';
export { asrError, asrReasonOf, isAsrError, type AsrErrorOptions } from './errors/asr-error.js';
export { AsrReasons, type AsrReason } from './errors/asr-reasons.js';
export { assertAudioDuration, assertAudioSize, DEFAULT_MAX_BYTES, DEFAULT_MAX_DURATION_SECONDS, type AudioLimits } from './limits.js';
export { transcribeAudio, type FailedTranscription, type TranscribeAudioOptions, type TranscribeAudioResult, type TranscribedAudio } from './transcribe.js';
export { assessTranscript, type AssessTranscriptOptions, type TranscriptAssessment } from './transcript/assess-transcript.js';
