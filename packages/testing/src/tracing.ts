/**
 * `@downcity/testing/tracing`: an in-memory OpenTelemetry setup for tests that check the spans an agent,
 * a service or a plugin writes. A subpath of its own, so the main entry never loads the OpenTelemetry SDK.
 *
 * @packageDocumentation
 */
export { startTestTracing, type TestTracing } from './tracing/start-test-tracing.js';
export { spanTree, type SpanNode } from './tracing/span-tree.js';
