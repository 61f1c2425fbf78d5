import type { ServerResponse } from 'node:http';
import { estimateTokens } from '../scripted-model/text-chunks.js';
import { hashEmbedding } from './hash-embedding.js';
import type { RecordedRequest } from './recorded-request.js';
import { sendJson, sendOpenAIError } from './send-json.js';

/**
 * Answers `POST /v1/embeddings` with {@link hashEmbedding} vectors, as floats or base64
 * (`encoding_format`), in `dimensions` (request) or `defaultDimensions` (server option) length.
 *
 * @param options - The recorded request, the response and the default vector length.
 */
export function answerEmbeddings(options: {
  request: RecordedRequest;
  response: ServerResponse;
  defaultDimensions: number;
}): void {
  const { response } = options;
  const body = (options.request.body ?? {}) as Record<string, unknown>;
  const inputs = embeddingInputs(body.input);
  if (inputs === undefined) {
    sendOpenAIError(response, { status: 400, message: "'input' must be a non-empty string or array." }, { param: 'input' });
    return;
  }
  if (typeof body.model !== 'string' || body.model === '') {
    sendOpenAIError(response, { status: 400, message: 'You must provide a model parameter.' }, { param: 'model' });
    return;
  }
  const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : options.defaultDimensions;
  const base64 = body.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
  sendJson(response, 200, {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = hashEmbedding(input, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
      };
    }),
    model: body.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

function embeddingInputs(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  const texts: string[] = [];
  for (const item of input) {
    if (typeof item === 'string') texts.push(item);
    else if (Array.isArray(item)) texts.push(item.join(' '));
    else return undefined;
  }
  return texts;
}
