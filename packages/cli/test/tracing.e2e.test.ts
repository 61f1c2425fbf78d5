import { startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { otlpSettings } from '../src/runtime/otlp-settings.js';
import { startCli } from './cli-process.js';
import { fixtureProject } from './fixture-project.js';
import { sendHttpMessage } from './http-message.js';
import { chatTurnTrace, startOtlpReceiver } from './otlp-receiver.js';

const CONFIG = `export default { agent: { name: 'traced-agent' }, use: ['@downcity/chat'], http: { port: 0 }, services: { chat: { channels: { http: { token: 'trace-token' } } } } };`;

describe('downcity start with OTEL_* variables', () => {
  it('exports the spans of a chat turn over OTLP/HTTP to the collector, flushed on stop', async () => {
    await using collector = await startOtlpReceiver();
    await using fake = await startFakeOpenAI();
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const env = { DOWNCITY_MODEL: 'openai-compatible:fake-model', DOWNCITY_MODEL_BASE_URL: fake.baseURL, DOWNCITY_LOG_LEVEL: 'warn', OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
    await using agent = startCli(['start'], { cwd: project.dir, env });
    await agent.waitFor(new RegExp(`Exporting traces over OTLP/HTTP to ${collector.endpoint}/v1/traces \\(service.name "traced-agent"\\)`));
    const [, url] = await agent.waitFor(/http \((http:\/\/127\.0\.0\.1:\d+)/);
    fake.enqueue({ text: 'Traced hello.' });
    const reply = await sendHttpMessage({ url: String(url), token: 'trace-token', text: 'hi', chatId: 'c1' });
    expect(reply.body).toMatchObject({ status: 'answered', text: 'Traced hello.' });
    expect(await agent.stop()).toBe(0);

    expect(collector.problems).toEqual([]);
    const { model } = chatTurnTrace(collector.spans, 'fake-model');
    expect(model.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'fake-model', 'gen_ai.usage.input_tokens': expect.any(Number) });
    expect(new Set(collector.spans.map((span) => span.serviceName))).toEqual(new Set(['traced-agent']));
  });

  it('stays off (nothing loaded) without OTEL_* variables, and honours the standard switches', () => {
    expect(otlpSettings({}, 'a')).toBeUndefined();
    expect(otlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }, 'a')).toEqual({ url: 'http://127.0.0.1:4318/v1/traces', serviceName: 'a' });
    expect(otlpSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom', OTEL_SERVICE_NAME: 'shop-bot' }, 'a')).toEqual({ url: 'http://collector:4318/custom', serviceName: 'shop-bot' });
    expect(otlpSettings({ OTEL_TRACES_EXPORTER: 'otlp' }, 'a')).toEqual({ url: 'http://localhost:4318/v1/traces', serviceName: 'a' });
    expect(otlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }, 'a')).toBeUndefined();
    expect(otlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' }, 'a')).toBeUndefined();
  });
});
