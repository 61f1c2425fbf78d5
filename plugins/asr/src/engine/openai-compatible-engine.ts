import type { DowncityError } from '@downcity/core';
import { convertAudio } from '../audio/convert-audio.js';
import { detectAudioFormat } from '../audio/detect-audio-format.js';
import { OpenAICompatibleEngineConfigSchema, type OpenAICompatibleEngineConfig, type OpenAICompatibleEngineConfigInput } from '../config.js';
import { asrError } from '../errors/asr-error.js';
import { parseConfig } from '../parse-config.js';
import type { TranscriptionEngine, TranscriptionInput, TranscriptionResult } from './engine.js';
import { backoffDelay, parseRetryAfter, sleep } from './retry-delay.js';

/** Options for {@link createOpenAICompatibleEngine}: the `openai-compatible` engine config without `kind`. */
export type OpenAICompatibleEngineOptions = Omit<OpenAICompatibleEngineConfigInput, 'kind'> & {
  /** A custom fetch (proxies, instrumentation). Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
};

/** Formats `/audio/transcriptions` accepts; anything else is converted to WAV with ffmpeg first. */
const ACCEPTED_FORMATS = new Set(['ogg', 'mp3', 'wav', 'm4a', 'webm', 'flac']);
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

interface Upload {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  fileName: string;
}

/**
 * An engine for any OpenAI-compatible transcription endpoint (OpenAI, Groq, speaches,
 * faster-whisper-server, whisper.cpp server): `POST {baseURL}/audio/transcriptions` as multipart
 * form data with a bearer key. Retries 429 and 5xx with backoff, honouring `retry-after`, at most
 * `maxRetries` times; the whole call, retries included, is bounded by `timeoutMs`.
 *
 * @example
 * ```ts
 * const engine = createOpenAICompatibleEngine({ baseURL: 'https://api.openai.com/v1', apiKey: env.OPENAI_API_KEY });
 * ```
 *
 * @throws `DowncityError` with `details.reason` `CONFIG_INVALID` when the options are invalid.
 */
export function createOpenAICompatibleEngine(options: OpenAICompatibleEngineOptions): TranscriptionEngine {
  const { fetch: fetchImplementation = globalThis.fetch, ...rest } = options;
  const config = parseConfig({ schema: OpenAICompatibleEngineConfigSchema, value: { ...rest, kind: 'openai-compatible' }, path: 'engine' });
  const url = `${config.baseURL.replace(/\/+$/, '')}/audio/transcriptions`;
  const redact = (text: string): string => (config.apiKey ? text.split(config.apiKey).join('[redacted]') : text);

  async function transcribe(input: TranscriptionInput): Promise<TranscriptionResult> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const signal = input.signal ? AbortSignal.any([timeout, input.signal]) : timeout;
    const aborted = (cause: unknown): DowncityError =>
      timeout.aborted
        ? asrError('TIMEOUT', `The transcription request to ${url} did not finish within ${config.timeoutMs} ms. Raise engine.timeoutMs for long audio.`, { cause, details: { url } })
        : asrError('ABORTED', 'The transcription request was aborted.', { cause, details: { url } });

    const upload = await prepareUpload({ input, config, signal });
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetchImplementation(url, { method: 'POST', headers: authorization(config), body: formFor({ upload, config, language: input.language }), signal });
      } catch (error) {
        if (signal.aborted) throw aborted(error);
        if (attempt >= config.maxRetries) {
          throw asrError('ENGINE_FAILED', `Could not reach the transcription endpoint ${url}: ${redact(error instanceof Error ? error.message : String(error))}. Check engine.baseURL.`, { cause: error, details: { url } });
        }
        await sleep(backoffDelay({ attempt, maxMs: config.maxRetryDelayMs }), signal).catch((cause: unknown) => {
          throw aborted(cause);
        });
        continue;
      }
      if (response.ok) {
        try {
          return { text: await readText(response, url), engine: 'openai-compatible' };
        } catch (error) {
          throw signal.aborted ? aborted(error) : error;
        }
      }

      const body = await response.text().catch(() => '');
      if (response.status === 401 || response.status === 403) {
        throw asrError('ENGINE_AUTH', `The transcription endpoint rejected the credentials (HTTP ${response.status}). Check the asr setting \`engine.apiKey\` (apiKey) for ${config.baseURL}.`, { details: { url, status: response.status } });
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        const requested = parseRetryAfter(response.headers);
        const delay = requested ?? backoffDelay({ attempt, maxMs: config.maxRetryDelayMs });
        if (attempt < config.maxRetries && delay <= config.maxRetryDelayMs) {
          await sleep(delay, signal).catch((cause: unknown) => {
            throw aborted(cause);
          });
          continue;
        }
        const reason = response.status === 429 ? 'ENGINE_RATE_LIMITED' : 'ENGINE_FAILED';
        const why = delay > config.maxRetryDelayMs ? `it asked to wait ${Math.ceil(delay / 1000)} s, longer than engine.maxRetryDelayMs` : `after ${attempt + 1} attempts`;
        throw asrError(reason, `The transcription endpoint answered HTTP ${response.status} (${why}): ${summarise(redact(body))}`, { details: { url, status: response.status, attempts: attempt + 1 } });
      }
      throw asrError('ENGINE_FAILED', `The transcription endpoint refused the request (HTTP ${response.status}): ${summarise(redact(body))}. Check engine.model and engine.baseURL.`, { details: { url, status: response.status } });
    }
  }

  return { name: 'openai-compatible', transcribe };
}

async function prepareUpload(options: { input: TranscriptionInput; config: OpenAICompatibleEngineConfig; signal: AbortSignal }): Promise<Upload> {
  const { input, config, signal } = options;
  const format = detectAudioFormat({ audio: input.audio, mimeType: input.mimeType });
  if (format && ACCEPTED_FORMATS.has(format.name)) {
    return { bytes: new Uint8Array(input.audio), mimeType: format.mimeType, fileName: `audio.${format.extension}` };
  }
  const converted = await convertAudio({ audio: input.audio, mimeType: input.mimeType, output: 'wav', ffmpegPath: config.ffmpegPath, signal });
  return { bytes: new Uint8Array(converted.data), mimeType: 'audio/wav', fileName: 'audio.wav' };
}

function authorization(config: OpenAICompatibleEngineConfig): Record<string, string> {
  return config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
}

function formFor(options: { upload: Upload; config: OpenAICompatibleEngineConfig; language: string | undefined }): FormData {
  const form = new FormData();
  form.append('file', new Blob([options.upload.bytes], { type: options.upload.mimeType }), options.upload.fileName);
  form.append('model', options.config.model);
  const language = options.language ?? options.config.language;
  if (language) form.append('language', language);
  form.append('response_format', 'json');
  return form;
}

async function readText(response: Response, url: string): Promise<string> {
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw asrError('ENGINE_FAILED', `The transcription endpoint ${url} returned a body that is not JSON: ${summarise(body)}`, { cause: error, details: { url } });
  }
  if (typeof parsed === 'object' && parsed !== null && 'text' in parsed && typeof parsed.text === 'string') return parsed.text.trim();
  throw asrError('ENGINE_FAILED', `The transcription endpoint ${url} returned JSON without a "text" string.`, { details: { url } });
}

function summarise(body: string): string {
  let text = body.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error = parsed.error;
      if (typeof error === 'string') text = error;
      else if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') text = error.message;
    }
  } catch {
    // Plain-text body.
  }
  if (text.length === 0) return '(empty body)';
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
