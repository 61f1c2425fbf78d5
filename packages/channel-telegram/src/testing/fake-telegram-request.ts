import type { IncomingMessage } from 'node:http';
import { parseMultipart } from './fake-multipart.js';

/** A file part of a multipart upload. */
export interface FakeUploadedFile {
  /** File name the client sent. */
  fileName: string;
  /** The bytes. */
  bytes: Uint8Array;
}

/** A Bot API request as the fake read it. */
export interface FakeRequestBody {
  /** Parameters, from JSON, form fields or the query string. JSON-looking form values are parsed. */
  params: Record<string, unknown>;
  /** Uploaded files by part name (referenced from params as `attach://<name>`). */
  files: Record<string, FakeUploadedFile>;
}

/** Reads parameters the ways the Bot API accepts them: query string, JSON, urlencoded or multipart form. */
export async function readFakeRequest(request: IncomingMessage, url: URL): Promise<FakeRequestBody> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: Record<string, FakeUploadedFile> = {};
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };
  if (type.startsWith('application/json')) {
    Object.assign(params, JSON.parse(body.toString('utf8')) as Record<string, unknown>);
  } else if (type.startsWith('multipart/form-data')) {
    for (const part of parseMultipart(body, type)) {
      if (part.fileName === undefined) params[part.name] = parseFormValue(part.data.toString('utf8'));
      else files[part.name] = { fileName: part.fileName, bytes: new Uint8Array(part.data) };
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = parseFormValue(value);
  }
  return { params, files };
}

function parseFormValue(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
