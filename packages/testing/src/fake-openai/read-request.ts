import type { IncomingMessage } from 'node:http';
import type { RecordedForm, RecordedRequest } from './recorded-request.js';

/**
 * Reads a request to the end and records it: JSON bodies are parsed, multipart forms are
 * split into fields and files, and the authorization header value is redacted.
 *
 * @param request - The incoming request.
 * @returns The recorded request and whether its JSON body failed to parse.
 */
export async function readRequest(request: IncomingMessage): Promise<{ recorded: RecordedRequest; malformedJson: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const headers = recordHeaders(request);
  const recorded: RecordedRequest = {
    method: request.method ?? 'GET',
    path: new URL(request.url ?? '/', 'http://fake').pathname,
    headers,
    body: undefined,
  };
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    recorded.form = await readForm(raw, contentType);
    return { recorded, malformedJson: false };
  }
  if (raw.length === 0) return { recorded, malformedJson: false };
  const text = raw.toString('utf8');
  try {
    recorded.body = JSON.parse(text);
    return { recorded, malformedJson: false };
  } catch {
    recorded.body = text;
    return { recorded, malformedJson: true };
  }
}

function recordHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readForm(raw: Buffer, contentType: string): Promise<RecordedForm> {
  const form: RecordedForm = { fields: {}, files: [] };
  let data: FormData;
  try {
    data = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return form;
  }
  for (const [field, value] of data.entries()) {
    if (typeof value === 'string') form.fields[field] = value;
    else form.files.push({ field, filename: value.name, size: value.size, contentType: value.type });
  }
  return form;
}

/**
 * The bearer token of a request, if any.
 *
 * @param request - The incoming request.
 * @returns The token after `Bearer `, or `undefined`.
 */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1];
}
