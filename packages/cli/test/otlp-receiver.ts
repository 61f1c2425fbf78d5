import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A span as an OTLP/JSON export carries it (the fields the tests read). */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
  /** The `service.name` of the resource it came with. */
  serviceName: unknown;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: OtlpAttribute[] }[] }[] }[];
}

const plain = (value: OtlpValue): unknown =>
  value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue ?? value.arrayValue?.values?.map(plain);
const attributesOf = (list: OtlpAttribute[] | undefined): Record<string, unknown> => Object.fromEntries((list ?? []).map((entry) => [entry.key, plain(entry.value)]));

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

/**
 * A loopback OTLP/HTTP collector for tests: accepts JSON exports POSTed to `/v1/traces` on 127.0.0.1 and keeps
 * their spans. Any other path or a protobuf body is answered 415/404 and recorded as a problem.
 */
export async function startOtlpReceiver(): Promise<{ endpoint: string; spans: ReceivedSpan[]; problems: string[] } & AsyncDisposable> {
  const spans: ReceivedSpan[] = [];
  const problems: string[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const payload = await body(request);
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        problems.push(`${request.method} ${request.url}`);
        response.writeHead(404).end();
        return;
      }
      if (!String(request.headers['content-type']).startsWith('application/json')) {
        problems.push(`content-type ${request.headers['content-type']}`);
        response.writeHead(415).end();
        return;
      }
      const exported = JSON.parse(payload.toString('utf8')) as OtlpExport;
      for (const resourceSpans of exported.resourceSpans ?? []) {
        const serviceName = attributesOf(resourceSpans.resource?.attributes)['service.name'];
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              attributes: attributesOf(span.attributes),
              serviceName,
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    problems,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The spans of one answered chat message, by name, after checking they form one trace: chat.receive →
 * chat.process → (invoke_agent → chat <model>) and chat.send. Throws, saying what is off, when they do not.
 */
export function chatTurnTrace(spans: readonly ReceivedSpan[], modelName: string): Record<'receive' | 'process' | 'turn' | 'model' | 'send', ReceivedSpan> {
  const one = (name: string): ReceivedSpan => {
    const found = spans.filter((span) => span.name === name);
    if (found.length !== 1) throw new Error(`Expected one "${name}" span, got ${found.length}; received: ${spans.map((span) => span.name).join(', ')}`);
    return found[0] as ReceivedSpan;
  };
  const trace = { receive: one('chat.receive'), process: one('chat.process'), turn: one('invoke_agent'), model: one(`chat ${modelName}`), send: one('chat.send') };
  const parents: [ReceivedSpan, ReceivedSpan][] = [
    [trace.process, trace.receive],
    [trace.turn, trace.process],
    [trace.model, trace.turn],
    [trace.send, trace.process],
  ];
  for (const [child, parent] of parents) {
    if (child.parentSpanId !== parent.spanId || child.traceId !== parent.traceId) throw new Error(`"${child.name}" is not a child of "${parent.name}"`);
  }
  return trace;
}
