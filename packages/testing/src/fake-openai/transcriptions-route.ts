import type { ServerResponse } from 'node:http';
import type { ReplyScript } from '../scripted-model/reply-script.js';
import type { TranscriptionReply } from './fake-reply.js';
import type { RecordedRequest } from './recorded-request.js';
import { sendJson, sendOpenAIError } from './send-json.js';

const languageNames: Record<string, string> = {
  en: 'english',
  zh: 'chinese',
  ja: 'japanese',
  de: 'german',
  fr: 'french',
  es: 'spanish',
};

/**
 * Answers `POST /v1/audio/transcriptions` (multipart: `file`, `model`, optional `language` and
 * `response_format`) from the transcription script. `json` (default) returns `{ text }`,
 * `verbose_json` adds `task`, `language`, `duration` and `segments`, and `text`, `srt` and `vtt`
 * return plain text.
 *
 * @param options - The recorded request, the response and the transcription script.
 */
export function answerTranscription(options: {
  request: RecordedRequest;
  response: ServerResponse;
  script: ReplyScript<TranscriptionReply, RecordedRequest>;
}): void {
  const { request, response } = options;
  const form = request.form;
  if (form === undefined) {
    sendOpenAIError(response, { status: 400, message: 'Request must be multipart/form-data.' });
    return;
  }
  if (!form.files.some((file) => file.field === 'file')) {
    sendOpenAIError(response, { status: 400, message: "Missing required parameter: 'file'." }, { param: 'file' });
    return;
  }
  if (form.fields.model === undefined || form.fields.model === '') {
    sendOpenAIError(response, { status: 400, message: "Missing required parameter: 'model'." }, { param: 'model' });
    return;
  }
  const reply = options.script.next(request);
  if (typeof reply !== 'string') {
    sendOpenAIError(response, reply.error);
    return;
  }
  const format = form.fields.response_format ?? 'json';
  if (format === 'text' || format === 'srt' || format === 'vtt') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(reply);
    return;
  }
  if (format === 'verbose_json') {
    const language = form.fields.language;
    sendJson(response, 200, {
      task: 'transcribe',
      language: language === undefined ? 'english' : (languageNames[language] ?? language),
      duration: 0,
      text: reply,
      segments: [],
    });
    return;
  }
  sendJson(response, 200, { text: reply });
}
