import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request the fake received. */
export interface RecordedCall {
  /** HTTP method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Request headers. */
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, when any. */
  body: unknown;
  /** When it arrived (`performance.now()`). */
  at: number;
}

/** A scripted answer. */
export interface ScriptedAnswer {
  /** HTTP status. */
  status: number;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** JSON body. */
  body: unknown;
}

/** Reads a request body as text. */
export async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a JSON answer with the trace header QQ adds. */
export function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'x-tps-trace-id': 'fake-trace', ...headers });
  response.end(text);
}
