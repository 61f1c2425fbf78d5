/** What an engine is asked to transcribe. */
export interface TranscriptionInput {
  /** The audio bytes, in whatever format the chat platform delivered (OGG/Opus, AMR, MP3...). */
  audio: Uint8Array;
  /** The MIME type the platform reported, if any. */
  mimeType?: string;
  /** The original file name, if any; engines that upload audio use it as a hint. */
  fileName?: string;
  /** Expected spoken language as an ISO-639-1 code (`en`, `zh`), when known. */
  language?: string;
  /** Aborting stops the transcription (child process killed, request cancelled). */
  signal?: AbortSignal;
}

/** What an engine heard. */
export interface TranscriptionResult {
  /** The transcript; an empty string when nothing was recognised. */
  text: string;
  /** The name of the engine that produced it. */
  engine: string;
  /** The audio's duration, when the engine measured it. */
  durationSeconds?: number;
  /** The engine's confidence between 0 and 1, when it reports one. */
  confidence?: number;
}

/**
 * The speech-to-text engine contract. Implement it to plug in any recogniser; the built-in ones
 * are pocketsphinx (offline), sherpa-onnx (offline, your model) and OpenAI-compatible endpoints.
 * `transcribe` rejects with a `DowncityError` (its asr reason in `details.reason`) on failure; it never resolves with a partial guess.
 */
export interface TranscriptionEngine {
  /** A short stable name, e.g. `pocketsphinx`, reported in results and logs. */
  readonly name: string;
  /** Transcribes one audio clip. */
  transcribe(input: TranscriptionInput): Promise<TranscriptionResult>;
}
