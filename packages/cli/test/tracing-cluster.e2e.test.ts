import { startFakeOpenAI } from '@downcity/testing';
import { createTestDatabase } from '@downcity/testing/postgres';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startCli } from './cli-process.js';
import { fixtureProject } from './fixture-project.js';
import { sendHttpMessage } from './http-message.js';
import { chatTurnTrace, startOtlpReceiver } from './otlp-receiver.js';

// A worker of a cluster queues each message as a Graphile Worker job in PostgreSQL: the trace context must travel
// with it so the turn is still under the message's chat.receive span. Generous deadlines (2 cores), no duration asserts.
vi.setConfig({ testTimeout: 180_000 });
const database = await createTestDatabase();
afterAll(() => database.drop());

const CONFIG = `export default { agent: { name: 'traced-worker' }, use: ['@downcity/chat'], http: { port: 0 }, services: { chat: { channels: { http: { token: 'trace-token' } } } } };`;

describe('downcity start --worker with OTEL_* variables', () => {
  it('keeps a turn answered through the PostgreSQL job queue in the trace of the message that queued it', async () => {
    await using collector = await startOtlpReceiver();
    await using fake = await startFakeOpenAI();
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const env = {
      DOWNCITY_DATABASE_URL: database.url,
      DOWNCITY_MODEL: 'openai-compatible:fake-model',
      DOWNCITY_MODEL_BASE_URL: fake.baseURL,
      DOWNCITY_LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.endpoint}/v1/traces`,
      OTEL_SERVICE_NAME: 'worker-under-test',
    };
    await using worker = startCli(['start', '--worker'], { cwd: project.dir, env });
    const [, url] = await worker.waitFor(/is running in the postgres cluster \(channels: http \((http:\/\/127\.0\.0\.1:\d+)/);
    fake.enqueue({ text: 'Queued hello.' });
    const reply = await sendHttpMessage({ url: String(url), token: 'trace-token', text: 'hi', chatId: 'c1' });
    expect(reply.body).toMatchObject({ status: 'answered', text: 'Queued hello.' });
    expect(await worker.stop()).toBe(0);

    expect(collector.problems).toEqual([]);
    const { process } = chatTurnTrace(collector.spans, 'fake-model');
    expect(process.attributes).toMatchObject({ 'downcity.chat.recovered': false, 'downcity.chat.session_id': 'chat:http:default:c1:shared' });
    expect(new Set(collector.spans.map((span) => span.serviceName))).toEqual(new Set(['worker-under-test']));
  });
});
