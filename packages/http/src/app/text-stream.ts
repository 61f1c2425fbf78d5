import { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { markRequestId, requestIdHeader } from './request-id.js';

/** Options of {@link openTextStream}. */
export interface TextStreamOptions {
  /** The status. Default 200. */
  status?: ContentfulStatusCode;
  /** The response headers, e.g. `content-type: text/event-stream`. `X-Request-Id` is added. */
  headers: Record<string, string>;
  /** Called once when the client goes away before {@link TextStream.end}. */
  onCancel: () => void;
}

/** A streamed text answer being written. */
export interface TextStream {
  /** The answer to return from the handler. */
  readonly response: Response;
  /** Sends more text (ignored once ended or after the client left). */
  write(text: string): void;
  /** Sends the last text, if any, and ends the answer. */
  end(text?: string): void;
}

// `@hono/node-server` skips a response marked "already sent" only when it is a plain WHATWG Response (the marker is
// made when its module loads); if its lightweight Response was already installed then, take the web-stream path.
const canWriteDirectly = Object.getOwnPropertySymbols(RESPONSE_ALREADY_SENT).length === 0;

function nodeResponseOf(c: Context): ServerResponse | undefined {
  const env: unknown = c.env;
  if (!canWriteDirectly || typeof env !== 'object' || env === null || !('outgoing' in env)) return undefined;
  const outgoing = (env as { outgoing: unknown }).outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

function direct(outgoing: ServerResponse, status: number, headers: Record<string, string>, onCancel: () => void): TextStream {
  let ended = false;
  outgoing.writeHead(status, headers);
  outgoing.once('close', () => {
    if (!ended) onCancel();
  });
  const open = (): boolean => !ended && !outgoing.destroyed;
  return {
    response: RESPONSE_ALREADY_SENT,
    write: (text) => void (open() && outgoing.write(text)),
    end: (text) => {
      if (!open()) return;
      ended = true;
      outgoing.end(text);
    },
  };
}

function webStream(status: ContentfulStatusCode, headers: Record<string, string>, onCancel: () => void): TextStream {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let ended = false;
  const body = new ReadableStream<Uint8Array>({
    start: (given) => void (controller = given),
    cancel: () => {
      if (ended) return;
      ended = true;
      onCancel();
    },
  });
  return {
    response: new Response(body, { status, headers }),
    write: (text) => void (!ended && controller?.enqueue(encoder.encode(text))),
    end: (text) => {
      if (ended) return;
      ended = true;
      if (text) controller?.enqueue(encoder.encode(text));
      controller?.close();
    },
  };
}

/**
 * Opens a streamed text answer, e.g. server-sent events. Served by `@hono/node-server`, the text is written
 * straight to Node's response (headers go out with the first text, the last text with the end of the stream):
 * a web `ReadableStream` would cost every answer two more writes and a read loop, about a tenth more CPU per
 * streamed chat reply in `pnpm bench`. Elsewhere it is a `ReadableStream` body. Return `response` from the
 * handler as it is: a middleware that replaced it after the handler would break the direct path.
 */
export function openTextStream(c: Context, options: TextStreamOptions): TextStream {
  const status = options.status ?? 200;
  const headers = { ...options.headers, ...requestIdHeader(c.get('requestId')) };
  const outgoing = nodeResponseOf(c);
  const stream = outgoing ? direct(outgoing, status, headers, options.onCancel) : webStream(status, headers, options.onCancel);
  // The id went out with the headers; the shared "already sent" marker must never get one.
  markRequestId(c, stream.response);
  return stream;
}
