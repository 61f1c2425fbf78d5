// Per-turn overhead of OpenTelemetry tracing in @downcity/core, with a zero-latency scripted model whose
// first step calls a tool: each turn writes an invoke_agent span, two chat <model> spans and an execute_tool
// span. Three set-ups, same agent and turns: tracing off (no tracer provider registered: the API's no-op),
// a tracer provider with no span processor (spans are created and dropped), and an in-memory exporter
// (every span kept, as a test would). Prints turns/s with p50/p99 per turn and the overhead against off.
import { performance } from 'node:perf_hooks';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createAgent, defineAction, defineService } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { z } from 'zod';
import { quantile, report } from './stats.mjs';

const ROUNDS = 6;
const TURNS_PER_ROUND = 1_000;
const WARM_UP = 1_000;
const SESSIONS = 100;

/** One tool, `clock/now`, that the model calls in the first step of every turn. */
const clock = defineService({
  package: { name: 'bench-clock', version: '1.0.0', downcity: { kind: 'service', id: 'clock', actions: { 'clock/now': { description: 'The time.', tool: true } } } },
  setup: () => ({
    actions: { now: defineAction({ description: 'The time.', input: z.object({}), output: z.object({ now: z.number() }), tool: true, run: () => ({ now: 1 }) }) },
  }),
});

/** Calls `clock_now` when the last prompt message is the user's, then answers. */
const model = () =>
  createScriptedModel({
    default: (request) => (request.prompt.at(-1)?.role === 'tool' ? { text: 'It is now.' } : { toolCalls: [{ name: 'clock_now', arguments: {} }] }),
  });

/** Registers a tracer provider with these span processors (none: `off`, the API's no-op); returns its disposer. */
function register(spanProcessors) {
  if (spanProcessors === undefined) return async () => {};
  const provider = new TracerProvider({ spanProcessors });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  return async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  };
}

// A provider's shutdown also stops its exporter, so each round gets a new one.
let exporter = new InMemorySpanExporter();
const modes = [
  { label: 'tracing off (no provider registered)', processors: () => undefined },
  { label: 'tracing on, provider without processor', processors: () => [] },
  { label: 'tracing on, in-memory exporter', processors: () => [new SimpleSpanProcessor({ exporter: (exporter = new InMemorySpanExporter()) })] },
];

console.log(`@downcity/core tracing overhead per turn, 2 model steps + 1 tool call (node ${process.version}, ${process.arch})`);
const agent = createAgent({ logger: { level: 'silent' }, model: model(), services: [clock] });
await agent.start();
for (let index = 0; index < SESSIONS; index++) await agent.session.open(`bench:${index}`, { kind: 'chat' });
for (let index = 0; index < WARM_UP; index++) await agent.session.turn(`bench:${index % SESSIONS}`, { input: [{ role: 'user', content: 'warm up' }] });

// The modes take turns in rounds, so a slow spell of the machine (or the JIT settling) hits each alike.
const samples = modes.map(() => []);
const elapsed = modes.map(() => 0);
let spans = 0;
let turn = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const [index, mode] of modes.entries()) {
    const unregister = register(mode.processors());
    const started = performance.now();
    for (let count = 0; count < TURNS_PER_ROUND; count++, turn++) {
      const before = performance.now();
      await agent.session.turn(`bench:${turn % SESSIONS}`, { input: [{ role: 'user', content: `what time is it? ${turn}` }] });
      samples[index].push(performance.now() - before);
    }
    elapsed[index] += performance.now() - started;
    spans += exporter.getFinishedSpans().length;
    exporter.reset();
    await unregister();
  }
}
await agent.stop();

const figures = modes.map((mode, index) => {
  const sorted = samples[index].sort((a, b) => a - b);
  const turns = sorted.length;
  return report(mode.label, { turns, 'turns/s': Math.round((turns / elapsed[index]) * 1000), p50_ms: quantile(sorted, 0.5), p99_ms: quantile(sorted, 0.99) });
});
const [off, noop, memory] = figures;
const overhead = (measured) => ({ p50_overhead_ms: measured.p50_ms - off.p50_ms, p99_overhead_ms: measured.p99_ms - off.p99_ms });
report('overhead vs off, provider without processor', overhead(noop));
report('overhead vs off, in-memory exporter', { ...overhead(memory), spans_per_turn: spans / (ROUNDS * TURNS_PER_ROUND) });
